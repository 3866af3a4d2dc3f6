package org.cisharing.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.cisharing.report.Receipt;
import org.cisharing.report.ReportStatus;

/**
 * Binds a receipt straight from its bytes with one pass of the streaming parser, without the tree
 * and the data binding of {@link JsonCodec#read(byte[], Class)}: the delivery engine binds one per
 * delivered report. It takes only the plain shape of a valid receipt (each known field once, as a
 * string, no questions, unknown fields only as strings, booleans or nulls) and answers {@code null}
 * for anything else, valid or not, which the caller then reads the general way: so the result and
 * every error message are those of the general path.
 */
final class ReceiptReader {
  private static final int SCHEMA = 1;
  private static final int RECEIPT_ID = 1 << 1;
  private static final int REPORT_ID = 1 << 2;
  private static final int INCIDENT_ID = 1 << 3;
  private static final int RECEIVED_AT = 1 << 4;
  private static final int STATUS = 1 << 5;
  private static final int QUESTIONS = 1 << 6;
  private static final ReportStatus[] STATUSES = ReportStatus.values();

  private ReceiptReader() {}

  /** The receipt, or {@code null} when the document is not in the plain shape (or not valid). */
  static Receipt tryRead(byte[] json, JsonCodec.SchemaName expected) {
    try (JsonParser p = JsonCodec.mapper().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      int seen = 0;
      String receiptId = null;
      UUID reportId = null;
      UUID incidentId = null;
      OffsetDateTime receivedAt = null;
      ReportStatus status = null;
      for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
        JsonToken value = p.nextToken();
        int field = field(name);
        if (field == 0) {
          // An unknown field: the general path ignores it, after reading it into its tree.
          if (value == JsonToken.VALUE_STRING) {
            p.getText();
          } else if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE && value != JsonToken.VALUE_NULL) {
            return null;
          }
          continue;
        }
        if ((seen & field) != 0) {
          return null; // a repeated field: the general path keeps the last one
        }
        seen |= field;
        if (field == QUESTIONS) {
          // Only none: an empty array or null, which bind to an empty list.
          if (value == JsonToken.START_ARRAY) {
            if (p.nextToken() != JsonToken.END_ARRAY) {
              return null;
            }
          } else if (value != JsonToken.VALUE_NULL) {
            return null;
          }
          continue;
        }
        if (value != JsonToken.VALUE_STRING) {
          return null;
        }
        String text = p.getText();
        switch (field) {
          case SCHEMA:
            if (!text.equals(expected.toString())) {
              JsonCodec.SchemaName declared = JsonCodec.SchemaName.parse(text);
              if (declared == null || !declared.kind.equals(expected.kind) || declared.major != expected.major) {
                return null;
              }
            }
            break;
          case RECEIPT_ID:
            receiptId = text;
            break;
          case REPORT_ID:
            reportId = uuid(text);
            if (reportId == null) {
              return null;
            }
            break;
          case INCIDENT_ID:
            incidentId = uuid(text);
            if (incidentId == null) {
              return null;
            }
            break;
          case RECEIVED_AT:
            receivedAt = Rfc3339.offsetDateTime(text);
            if (receivedAt == null) {
              return null;
            }
            break;
          default: // STATUS
            status = status(text);
            if (status == null) {
              return null;
            }
            break;
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT || (seen & SCHEMA) == 0 || p.nextToken() != null) {
        return null;
      }
      return new Receipt(receiptId, reportId, incidentId, receivedAt, status, List.of());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** What {@link ReportStatus#of} answers, looking for the exact (lower-case) code first; or null. */
  private static ReportStatus status(String text) {
    for (ReportStatus s : STATUSES) {
      if (s.code().equals(text)) {
        return s;
      }
    }
    if (text.isBlank()) {
      return null;
    }
    try {
      return ReportStatus.of(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int field(String name) {
    switch (name) {
      case "schema":
        return SCHEMA;
      case "receiptId":
        return RECEIPT_ID;
      case "reportId":
        return REPORT_ID;
      case "incidentId":
        return INCIDENT_ID;
      case "receivedAt":
        return RECEIVED_AT;
      case "status":
        return STATUS;
      case "questions":
        return QUESTIONS;
      default:
        return 0;
    }
  }

  /** A UUID in its canonical 36-character form (hex digits in either case), or {@code null}. */
  static UUID uuid(String s) {
    if (s.length() != 36 || s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
      return null;
    }
    long msb = hex(s, 0, 8);
    long mid = hex(s, 9, 4);
    long hi = hex(s, 14, 4);
    long clk = hex(s, 19, 4);
    long lsb = hex(s, 24, 12);
    if ((msb | mid | hi | clk | lsb) < 0) {
      return null;
    }
    return new UUID((msb << 32) | (mid << 16) | hi, (clk << 48) | lsb);
  }

  /** The value of {@code n} (at most 15) hex digits at {@code from}, or -1. */
  private static long hex(String s, int from, int n) {
    long v = 0;
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        d = c - 'A' + 10;
      } else {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }
}
