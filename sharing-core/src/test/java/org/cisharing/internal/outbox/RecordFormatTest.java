package org.cisharing.internal.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.cisharing.outbox.DeadLetter;
import org.cisharing.outbox.OutboxEntry;
import org.junit.jupiter.api.Test;

class RecordFormatTest {
  private static final OutboxEntry ENTRY =
      new OutboxEntry(
          UUID.fromString("0d4c7a52-3c4e-4f0e-9d33-5b1f2a9c8e11"),
          "report",
          "/v1/reports",
          "インシデント-7",
          3,
          Instant.parse("2026-04-01T09:00:00.123456789Z"),
          "{\"title\":\"不正アクセス\"}".getBytes(StandardCharsets.UTF_8));

  @Test
  void roundTripsAnEntryWithItsCounter() throws Exception {
    byte[] record = RecordFormat.encodeEntry(ENTRY, 42);
    RecordFormat.StoredEntry stored = RecordFormat.decodeEntry(record);
    assertThat(stored.entry()).isEqualTo(ENTRY);
    assertThat(stored.counter()).isEqualTo(42);
  }

  @Test
  void roundTripsDeadLettersWithAndWithoutProblem() throws Exception {
    Instant at = Instant.parse("2026-04-01T10:00:00Z");
    for (String problem : new String[] {null, "", "{\"status\":422}"}) {
      DeadLetter letter = new DeadLetter(ENTRY, 422, "rejected", problem, at);
      RecordFormat.StoredDeadLetter stored = RecordFormat.decodeDeadLetter(RecordFormat.encodeDeadLetter(letter, 7));
      assertThat(stored.deadLetter()).isEqualTo(letter);
      assertThat(stored.counter()).isEqualTo(7);
    }
  }

  @Test
  void startsWithTheMagicAndVersion() {
    byte[] record = RecordFormat.encodeEntry(ENTRY, 1);
    assertThat(Arrays.copyOf(record, 5)).containsExactly('C', 'I', 'S', 'O', 1);
  }

  @Test
  void detectsEveryTruncation() {
    byte[] record = RecordFormat.encodeEntry(ENTRY, 1);
    for (int length = 0; length < record.length; length++) {
      byte[] cut = Arrays.copyOf(record, length);
      assertThatThrownBy(() -> RecordFormat.decodeEntry(cut))
          .as("cut to %d bytes", length)
          .isInstanceOf(CorruptRecordException.class)
          .hasMessageContaining("truncated");
    }
  }

  @Test
  void detectsEveryFlippedBit() {
    byte[] record = RecordFormat.encodeDeadLetter(new DeadLetter(ENTRY, 409, "conflict", "{}", Instant.EPOCH), 1);
    for (int i = 0; i < record.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] garbled = record.clone();
        garbled[i] ^= (byte) (1 << bit);
        assertThatThrownBy(() -> RecordFormat.decodeDeadLetter(garbled))
            .as("bit %d of byte %d", bit, i)
            .isInstanceOf(CorruptRecordException.class);
      }
    }
  }

  @Test
  void refusesTrailingBytesAndTheWrongRecordType() {
    byte[] record = RecordFormat.encodeEntry(ENTRY, 1);
    byte[] longer = Arrays.copyOf(record, record.length + 1);
    assertThatThrownBy(() -> RecordFormat.decodeEntry(longer)).hasMessageContaining("trailing");
    assertThatThrownBy(() -> RecordFormat.decodeDeadLetter(record)).hasMessageContaining("record type");
  }

  @Test
  void roundTripsTombstonesAndRefusesTheirDamage() throws Exception {
    UUID id = ENTRY.id();
    byte[] ack = RecordFormat.encodeTombstone(RecordFormat.TYPE_ACK, id, 42);
    assertThat(ack).hasSize(RecordFormat.HEADER_BYTES + 24 + RecordFormat.TRAILER_BYTES);
    assertThat(RecordFormat.decodeTombstone(ack, RecordFormat.TYPE_ACK))
        .isEqualTo(new RecordFormat.Tombstone(id, 42));
    byte[] removed = RecordFormat.encodeTombstone(RecordFormat.TYPE_DEAD_REMOVED, id, 7);
    assertThat(RecordFormat.decodeTombstone(removed, RecordFormat.TYPE_DEAD_REMOVED))
        .isEqualTo(new RecordFormat.Tombstone(id, 7));

    assertThatThrownBy(() -> RecordFormat.decodeTombstone(ack, RecordFormat.TYPE_DEAD_REMOVED))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("type");
    byte[] flipped = ack.clone();
    flipped[20] ^= 1;
    assertThatThrownBy(() -> RecordFormat.decodeTombstone(flipped, RecordFormat.TYPE_ACK))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("checksum");
    assertThatThrownBy(() -> RecordFormat.decodeTombstone(Arrays.copyOf(ack, ack.length - 1), RecordFormat.TYPE_ACK))
        .isInstanceOf(CorruptRecordException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> RecordFormat.encodeTombstone(RecordFormat.TYPE_ENTRY, id, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
