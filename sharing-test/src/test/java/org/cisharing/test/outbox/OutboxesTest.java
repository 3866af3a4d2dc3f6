package org.cisharing.test.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.OutboxFullException;
import org.cisharing.outbox.Outboxes;
import org.cisharing.outbox.SegmentOutbox;
import org.cisharing.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving pending entries between stores, as when switching from the file to the segment store. */
class OutboxesTest {
  private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

  @TempDir Path tmp;
  private final MutableClock clock = MutableClock.at(T0);

  private static OutboxEntry entry(String key, long sequence) {
    UUID id = UUID.randomUUID();
    byte[] payload = ("{\"id\":\"" + id + "\",\"revision\":" + sequence + "}").getBytes(StandardCharsets.UTF_8);
    return new OutboxEntry(id, "report", "/v1/reports", key, sequence, T0.plusSeconds(sequence), payload);
  }

  @Test
  void movesEveryPendingEntryKeepingEachIncidentsOrderAndLeavesDeadLettersBehind() {
    OutboxEntry a1 = entry("a", 1);
    OutboxEntry b1 = entry("b", 1);
    OutboxEntry a2 = entry("a", 2);
    OutboxEntry refused = entry("c", 1);
    OutboxEntry b2 = entry("b", 2);
    try (FileOutbox file = FileOutbox.open(tmp.resolve("file"), OutboxConfig.defaults(), clock);
        SegmentOutbox segment = SegmentOutbox.open(tmp.resolve("segment"), OutboxConfig.defaults(), clock)) {
      for (OutboxEntry e : List.of(a1, b1, a2, refused, b2)) {
        file.append(e);
      }
      file.deadLetter(refused.id(), 422, "invalid", null);

      assertThat(Outboxes.movePending(file, segment)).isEqualTo(4);

      assertThat(file.pending()).isEmpty();
      assertThat(file.deadLetters()).extracting(d -> d.entry().id()).containsExactly(refused.id());
      assertThat(segment.pending()).containsExactly(a1, b1, a2, b2);
      assertThat(segment.claimReady(10, Duration.ofMinutes(1))).containsExactly(a1, b1);

      // and back again, after a restart of the target
    }
    try (FileOutbox file = FileOutbox.open(tmp.resolve("file"), OutboxConfig.defaults(), clock);
        SegmentOutbox segment = SegmentOutbox.open(tmp.resolve("segment"), OutboxConfig.defaults(), clock)) {
      assertThat(file.pending()).isEmpty(); // the move was durable on both sides
      assertThat(Outboxes.movePending(segment, file)).isEqualTo(4);
      assertThat(segment.pending()).isEmpty();
      assertThat(file.pending()).containsExactly(a1, b1, a2, b2);
    }
  }

  @Test
  void stopsAtAFullTargetWithTheRestStillInTheSource() {
    OutboxEntry first = entry("a", 1);
    OutboxEntry second = entry("a", 2);
    OutboxEntry third = entry("a", 3);
    try (FileOutbox file = FileOutbox.open(tmp.resolve("file"), OutboxConfig.defaults(), clock);
        SegmentOutbox small =
            SegmentOutbox.open(tmp.resolve("segment"), OutboxConfig.defaults().withMaxEntries(2), clock)) {
      file.append(first);
      file.append(second);
      file.append(third);

      assertThatThrownBy(() -> Outboxes.movePending(file, small)).isInstanceOf(OutboxFullException.class);

      assertThat(small.pending()).containsExactly(first, second);
      assertThat(file.pending()).containsExactly(third); // nothing lost, nothing in both
    }
  }

  @Test
  void refusesToMoveAnOutboxIntoItself() {
    try (FileOutbox file = FileOutbox.open(tmp.resolve("file"), OutboxConfig.defaults(), clock)) {
      assertThatThrownBy(() -> Outboxes.movePending(file, file)).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
