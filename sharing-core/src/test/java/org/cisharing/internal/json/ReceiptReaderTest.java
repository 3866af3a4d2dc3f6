package org.cisharing.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.cisharing.SharingException;
import org.cisharing.report.Receipt;
import org.cisharing.report.ReportStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The streaming receipt binder must answer exactly what the general path (tree, then data binding)
 * answers: the same receipt for the plain shape, and the general path's receipt or error for
 * anything else.
 */
class ReceiptReaderTest {
  private static final String REPORT = "6f1c2b1e-8a4d-4c3b-9e2f-1a2b3c4d5e6f";
  private static final String INCIDENT = "00000000-0000-4000-8000-000000000001";
  private static final String PLAIN = "{\"schema\":\"cisharing.receipt/1\",\"receiptId\":\"r-1\",\"reportId\":\"" + REPORT
      + "\",\"incidentId\":\"" + INCIDENT + "\",\"receivedAt\":\"2026-11-26T09:30:00+09:00\",\"status\":\"accepted\"}";

  @Test
  void bindsThePlainShapeInOnePass() {
    Receipt fast = ReceiptReader.tryRead(bytes(PLAIN), schema());
    assertThat(fast).isNotNull();
    assertThat(fast).isEqualTo(new Receipt("r-1", UUID.fromString(REPORT), UUID.fromString(INCIDENT),
        OffsetDateTime.parse("2026-11-26T09:30:00+09:00"), ReportStatus.ACCEPTED, List.of()));
    assertThat(fast).isEqualTo(general(PLAIN));
    assertThat(JsonCodec.read(bytes(PLAIN), Receipt.class)).isEqualTo(fast);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // field order, unknown fields, minor versions, status spelling, empty or null questions
      "{\"status\":\"shared\",\"reportId\":\"" + REPORT + "\",\"schema\":\"cisharing.receipt/1.4\",\"receiptId\":\"x\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"reportId\":\"" + REPORT + "\",\"extra\":\"ignored\",\"flag\":true,\"none\":null}",
      "{\"schema\":\"cisharing.receipt/1\",\"status\":\" Under-Review \",\"questions\":[]}",
      "{\"schema\":\"cisharing.receipt/1\",\"questions\":null,\"receivedAt\":\"2026-11-26T00:30:00.123456789Z\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"reportId\":\"6F1C2B1E-8A4D-4C3B-9E2F-1A2B3C4D5E6F\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":\"2024-02-29T23:59:59.5-03:30\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":\"2026-11-26T09:30:00-00:00\"}",
      " \n{\"schema\":\"cisharing.receipt/1\",\"receiptId\":\"\\u65e5\\u672c\"} \n",
      "\uFEFF{\"schema\":\"cisharing.receipt/1\",\"receiptId\":\"日本\"}",
  })
  void bindsOtherPlainReceiptsAsTheGeneralPathDoes(String json) {
    Receipt fast = ReceiptReader.tryRead(bytes(json), schema());
    assertThat(fast).as(json).isNotNull();
    assertThat(fast).as(json).isEqualTo(general(json));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "   ",
      "null",
      "[]",
      "\"cisharing.receipt/1\"",
      "<html>\u0000not json",
      "{\"schema\":\"cisharing.receipt/1\"",
      "{\"schema\":\"cisharing.receipt/1\"} {}",
      "{\"schema\":\"cisharing.receipt/1\"} x",
      "{\"receiptId\":\"r\",\"reportId\":\"" + REPORT + "\"}",
      "{\"schema\":\"cisharing.report/1\",\"reportId\":\"" + REPORT + "\"}",
      "{\"schema\":\"cisharing.receipt/2\",\"reportId\":\"" + REPORT + "\"}",
      "{\"schema\":\"cisharing.receipt\",\"reportId\":\"" + REPORT + "\"}",
      "{\"schema\":1,\"reportId\":\"" + REPORT + "\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"schema\":\"cisharing.receipt/2\"}",
      "{\"schema\":\"cisharing.receipt/2\",\"schema\":\"cisharing.receipt/1\",\"receiptId\":\"last wins\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"reportId\":\"" + REPORT + "\",\"reportId\":\"" + INCIDENT + "\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"reportId\":\"not-a-uuid\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"reportId\":\" " + REPORT + " \"}",
      "{\"schema\":\"cisharing.receipt/1\",\"reportId\":\"6f1c2b1e8a4d4c3b9e2f1a2b3c4d5e6f\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"reportId\":\"6f1c2b1e-8a4d-4c3b-9e2f-1a2b3c4d5e6g\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"reportId\":\"bxwrHopNTDueLxorPE1ebw==\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"reportId\":\"\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"reportId\":null}",
      "{\"schema\":\"cisharing.receipt/1\",\"reportId\":42}",
      "{\"schema\":\"cisharing.receipt/1\",\"receiptId\":42}",
      "{\"schema\":\"cisharing.receipt/1\",\"receiptId\":true}",
      "{\"schema\":\"cisharing.receipt/1\",\"receiptId\":{\"a\":1}}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":\"yesterday\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":\"2026-02-30T09:30:00Z\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":\"2026-11-26T24:00:00Z\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":\"2026-11-26T09:30Z\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":\"2026-11-26t09:30:00z\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":\"2026-11-26T09:30:00+0900\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":\"2026-11-26T09:30:00+09\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":\"2026-11-26T09:30:00\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":\"2026-11-26T09:30:00.Z\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":\"2026-11-26T09:30:00.1234567891Z\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":\"2026-11-26T09:30:00+19:00\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receivedAt\":1764117000}",
      "{\"schema\":\"cisharing.receipt/1\",\"status\":\"lost\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"status\":\"\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"status\":\"  \"}",
      "{\"schema\":\"cisharing.receipt/1\",\"status\":null}",
      "{\"schema\":\"cisharing.receipt/1\",\"questions\":[{\"id\":\"q1\",\"text\":\"why?\",\"askedAt\":\"2026-11-26T09:30:00Z\"}]}",
      "{\"schema\":\"cisharing.receipt/1\",\"questions\":[{\"askedAt\":\"soon\"}]}",
      "{\"schema\":\"cisharing.receipt/1\",\"questions\":{}}",
      "{\"schema\":\"cisharing.receipt/1\",\"extra\":12.5e3}",
      "{\"schema\":\"cisharing.receipt/1\",\"extra\":[1,{\"b\":[]}]}",
      "{\"schema\":\"cisharing.receipt/1\",\"extra\":01}",
      "{\"schema\":\"cisharing.receipt/1\",'receiptId':\"r\"}",
      "{\"schema\":\"cisharing.receipt/1\",\"receiptId\":\"r\",}",
  })
  void leavesAnythingElseToTheGeneralPathWithItsResultOrError(String json) {
    String fromGeneral = outcome(() -> general(json));
    String fromRead = outcome(() -> JsonCodec.read(bytes(json), Receipt.class));
    assertThat(fromRead).as(json).isEqualTo(fromGeneral);
    Receipt fast = ReceiptReader.tryRead(bytes(json), schema());
    if (fast != null) {
      assertThat(fast.toString()).as(json).isEqualTo(fromGeneral);
    }
  }

  @Test
  void refusesInvalidUtf8InAnUnknownFieldLikeTheGeneralPath() {
    byte[] json = "{\"schema\":\"cisharing.receipt/1\",\"extra\":\"a\u00e9b\"}".getBytes(StandardCharsets.ISO_8859_1);
    String fromGeneral = outcome(() -> JsonCodec.readGeneral(json, Receipt.class));
    assertThat(fromGeneral).startsWith("DocumentFormatException");
    assertThat(ReceiptReader.tryRead(json, schema())).isNull();
    assertThat(outcome(() -> JsonCodec.read(json, Receipt.class))).isEqualTo(fromGeneral);
  }

  @Test
  void readsTimestampsLikeTheIsoFormatter() {
    Random random = new Random(20261126L);
    for (int i = 0; i < 20_000; i++) {
      String s = randomTimestamp(random);
      OffsetDateTime expected;
      try {
        expected = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } catch (DateTimeParseException e) {
        expected = null;
      }
      OffsetDateTime fast = Rfc3339.offsetDateTime(s);
      if (fast != null) {
        assertThat(fast).as(s).isEqualTo(expected);
        assertThat(fast.getOffset()).as(s).isEqualTo(expected.getOffset());
      } else {
        // Only invalid text, or text outside the common shape, may be left to the formatter.
        boolean commonShape = s.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?(Z|[+-]\\d\\d:\\d\\d)");
        assertThat(expected != null && commonShape).as("a valid common-shape timestamp left to the formatter: " + s).isFalse();
      }
    }
  }

  @Test
  void readsCanonicalUuidsOnly() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      UUID u = new UUID(random.nextLong(), random.nextLong());
      assertThat(ReceiptReader.uuid(u.toString())).isEqualTo(u);
      assertThat(ReceiptReader.uuid(u.toString().toUpperCase(java.util.Locale.ROOT))).isEqualTo(u);
    }
    assertThat(ReceiptReader.uuid("1-1-1-1-1")).isNull();
    assertThat(ReceiptReader.uuid("6f1c2b1e-8a4d-4c3b-9e2f+1a2b3c4d5e6f")).isNull();
    assertThat(ReceiptReader.uuid("6f1c2b1e-8a4d-4c3b-9e2f-1a2b3c4d5e6")).isNull();
  }

  private static String randomTimestamp(Random r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("%04d-%02d-%02d", r.nextInt(10_000), 1 + r.nextInt(r.nextInt(8) == 0 ? 13 : 12),
        1 + r.nextInt(r.nextInt(8) == 0 ? 31 : 28)));
    sb.append(r.nextInt(20) == 0 ? 't' : 'T');
    sb.append(String.format("%02d:%02d", r.nextInt(r.nextInt(10) == 0 ? 25 : 24), r.nextInt(60)));
    if (r.nextInt(10) != 0) {
      sb.append(String.format(":%02d", r.nextInt(r.nextInt(20) == 0 ? 61 : 60)));
      if (r.nextBoolean()) {
        int digits = r.nextInt(11);
        sb.append('.');
        for (int d = 0; d < digits; d++) {
          sb.append((char) ('0' + r.nextInt(10)));
        }
      }
    }
    switch (r.nextInt(6)) {
      case 0:
        sb.append('Z');
        break;
      case 1:
        sb.append(r.nextInt(10) == 0 ? "z" : "Z");
        break;
      case 2:
        sb.append(String.format("%s%02d", r.nextBoolean() ? "+" : "-", r.nextInt(20)));
        break;
      default:
        sb.append(String.format("%s%02d:%02d", r.nextBoolean() ? "+" : "-", r.nextInt(20), r.nextInt(r.nextInt(10) == 0 ? 61 : 60)));
        if (r.nextInt(20) == 0) {
          sb.append(":30");
        }
    }
    return sb.toString();
  }

  private static JsonCodec.SchemaName schema() {
    return JsonCodec.SchemaName.parse("cisharing.receipt/1");
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** The general path: the whole document into a tree, then data binding. */
  private static Receipt general(String json) {
    return JsonCodec.readGeneral(bytes(json), Receipt.class);
  }

  private static String outcome(java.util.function.Supplier<Receipt> read) {
    try {
      return String.valueOf(read.get());
    } catch (SharingException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
