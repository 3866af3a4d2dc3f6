package org.cisharing.test.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.cisharing.SharingException;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.Quarantined;
import org.cisharing.outbox.SegmentOutbox;
import org.cisharing.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link SegmentOutbox} does with its segment files: torn tails, corruption, compaction, locking. */
class SegmentOutboxFilesTest {
  private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

  @TempDir Path tmp;

  private final MutableClock clock = MutableClock.at(T0);

  private Path dir() {
    return tmp.resolve("outbox");
  }

  private SegmentOutbox open() {
    return SegmentOutbox.open(dir(), OutboxConfig.defaults(), clock);
  }

  private SegmentOutbox open(long segmentBytes) {
    return SegmentOutbox.open(dir(), OutboxConfig.defaults(), clock, segmentBytes);
  }

  private static OutboxEntry entry(String key, long sequence, int payloadBytes) {
    UUID id = UUID.randomUUID();
    byte[] payload = new byte[payloadBytes];
    Arrays.fill(payload, (byte) 'x');
    byte[] prefix = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    System.arraycopy(prefix, 0, payload, 0, Math.min(prefix.length, payloadBytes));
    return new OutboxEntry(id, "report", "/v1/reports", key, sequence, T0, payload);
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> files = Files.list(dir().resolve("segments"))) {
      return files.sorted().toList();
    }
  }

  /** Start offsets of the records in a segment, read from their length fields. */
  private static List<Integer> recordOffsets(Path segment) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(segment));
    List<Integer> offsets = new ArrayList<>();
    for (int p = 0; p < b.limit(); p += 16 + b.getInt(p + 8)) {
      offsets.add(p);
    }
    return offsets;
  }

  private static List<UUID> ids(List<OutboxEntry> entries) {
    return entries.stream().map(OutboxEntry::id).toList();
  }

  @Test
  void refusesADirectoryThatHoldsAFileOutboxNamingWhatIsInIt() {
    OutboxEntry stranded = entry("a", 1, 100);
    try (org.cisharing.outbox.FileOutbox file =
        org.cisharing.outbox.FileOutbox.open(dir(), OutboxConfig.defaults(), clock)) {
      file.append(stranded);
    }
    // e.g. sharing.outbox.store switched from file to segment with the same directory
    assertThatThrownBy(this::open)
        .isInstanceOf(SharingException.class)
        .hasMessageContaining("holds a FileOutbox")
        .hasMessageContaining("1 pending report files")
        .hasMessageContaining("another directory");
    try (org.cisharing.outbox.FileOutbox file =
        org.cisharing.outbox.FileOutbox.open(dir(), OutboxConfig.defaults(), clock)) {
      assertThat(file.pending()).containsExactly(stranded); // untouched
    }
  }

  @Test
  void cutsATornRecordOffTheEndOfTheLastSegment() throws IOException {
    OutboxEntry a = entry("a", 1, 100);
    OutboxEntry b = entry("b", 1, 100);
    try (SegmentOutbox outbox = open()) {
      outbox.append(a);
      outbox.append(b);
    }
    Path segment = segments().get(0);
    long intact = Files.size(segment);
    byte[] bytes = Files.readAllBytes(segment);
    // Half of a copy of b's record: an append that was cut short and never returned.
    int bStart = recordOffsets(segment).get(1);
    Files.write(segment, Arrays.copyOfRange(bytes, bStart, bStart + (bytes.length - bStart) / 2), StandardOpenOption.APPEND);

    OutboxEntry c = entry("c", 1, 100);
    try (SegmentOutbox outbox = open()) {
      assertThat(outbox.pending()).containsExactly(a, b);
      assertThat(outbox.quarantined()).isEmpty();
      assertThat(Files.size(segment)).isEqualTo(intact);
      outbox.append(c);
    }
    try (SegmentOutbox outbox = open()) {
      assertThat(outbox.pending()).containsExactly(a, b, c);
    }
  }

  @Test
  void cutsALastRecordWithABadChecksumAndTrailingZeros() throws IOException {
    OutboxEntry a = entry("a", 1, 100);
    OutboxEntry b = entry("b", 1, 100);
    try (SegmentOutbox outbox = open()) {
      outbox.append(a);
      outbox.append(b);
    }
    Path segment = segments().get(0);
    int bStart = recordOffsets(segment).get(1);
    flipByte(segment, bStart + 40);
    Files.write(segment, new byte[4096], StandardOpenOption.APPEND);

    try (SegmentOutbox outbox = open()) {
      assertThat(outbox.pending()).containsExactly(a);
      assertThat(outbox.quarantined()).isEmpty();
      assertThat(Files.size(segment)).isEqualTo(bStart);
    }
  }

  @Test
  void quarantinesACorruptRecordInTheMiddleAndDeliversTheRest() throws IOException {
    OutboxEntry a = entry("a", 1, 100);
    OutboxEntry b = entry("b", 1, 100);
    OutboxEntry c = entry("c", 1, 100);
    try (SegmentOutbox outbox = open()) {
      outbox.append(a);
      outbox.append(b);
      outbox.append(c);
    }
    Path segment = segments().get(0);
    flipByte(segment, recordOffsets(segment).get(1) + 60); // inside b's payload

    OutboxEntry d = entry("d", 1, 100);
    String location;
    try (SegmentOutbox outbox = open()) {
      assertThat(outbox.pending()).containsExactly(a, c);
      List<Quarantined> quarantined = outbox.quarantined();
      assertThat(quarantined).hasSize(1);
      assertThat(quarantined.get(0).reason()).contains("checksum");
      location = quarantined.get(0).location();
      assertThat(Path.of(location)).startsWith(dir().resolve("quarantine")).exists();
      assertThat(Files.readAllBytes(Path.of(location))).isEqualTo(Files.readAllBytes(segment));
      assertThat(Path.of(location + ".reason")).exists();
      outbox.append(d);
    }
    try (SegmentOutbox outbox = open()) {
      assertThat(outbox.pending()).containsExactly(a, c, d);
      assertThat(outbox.quarantined()).extracting(Quarantined::location).containsExactly(location);
    }
  }

  @Test
  void quarantinesAnUnframeableRecordAndKeepsReadingLaterSegments() throws IOException {
    List<OutboxEntry> all = new ArrayList<>();
    try (SegmentOutbox outbox = open(1_000)) {
      for (int i = 0; i < 12; i++) {
        OutboxEntry e = entry("k" + i, 1, 200);
        outbox.append(e);
        all.add(e);
      }
    }
    List<Path> segments = segments();
    assertThat(segments).hasSizeGreaterThan(3);
    Path first = segments.get(0);
    List<Integer> offsets = recordOffsets(first);
    assertThat(offsets).hasSizeGreaterThan(1);
    flipByte(first, offsets.get(1)); // the magic of the second record: nothing after it can be framed

    try (SegmentOutbox outbox = open(1_000)) {
      List<UUID> lost = ids(all).subList(1, offsets.size());
      assertThat(ids(outbox.pending())).containsExactlyElementsOf(
          ids(all).stream().filter(id -> !lost.contains(id)).toList());
      assertThat(outbox.quarantined()).hasSize(1);
      assertThat(outbox.quarantined().get(0).reason()).contains("magic");
    }
  }

  @Test
  void deletesSegmentsOnceEverythingInThemIsAcknowledged() throws IOException {
    List<OutboxEntry> entries = new ArrayList<>();
    try (SegmentOutbox outbox = open(2_000)) {
      for (int i = 0; i < 30; i++) {
        OutboxEntry e = entry("k" + i, 1, 300);
        outbox.append(e);
        entries.add(e);
      }
      int before = segments().size();
      assertThat(before).isGreaterThan(4);
      for (OutboxEntry e : entries.subList(0, 15)) {
        outbox.acknowledge(e.id());
      }
      int middle = segments().size();
      assertThat(middle).isLessThan(before).isGreaterThan(1);
      for (OutboxEntry e : entries.subList(15, 30)) {
        outbox.acknowledge(e.id());
      }
      assertThat(segments()).hasSize(1); // only the active one
    }
    try (SegmentOutbox outbox = open(2_000)) {
      assertThat(outbox.pending()).isEmpty();
    }
  }

  @Test
  void keepsAnOldDeadLetterWhileCompactingAroundIt() throws IOException {
    OutboxEntry refused = entry("refused", 1, 100);
    try (SegmentOutbox outbox = open(2_000)) {
      outbox.append(refused);
      outbox.deadLetter(refused.id(), 422, "invalid", "{\"status\":422}");
      for (int i = 0; i < 40; i++) {
        OutboxEntry e = entry("k" + i, 1, 300);
        outbox.append(e);
        outbox.acknowledge(e.id());
      }
      assertThat(segments()).hasSizeLessThan(4); // the dead letter was carried forward
      assertThat(outbox.deadLetters()).extracting(d -> d.entry()).containsExactly(refused);
    }
    try (SegmentOutbox outbox = open(2_000)) {
      assertThat(outbox.deadLetters()).extracting(d -> d.entry()).containsExactly(refused);
      assertThat(outbox.pending()).isEmpty();
      assertThat(outbox.removeDeadLetter(refused.id())).isTrue();
    }
    try (SegmentOutbox outbox = open(2_000)) {
      assertThat(outbox.deadLetters()).isEmpty();
    }
  }

  @Test
  void keepsOldPendingEntriesWhileCompactingAroundThem() throws IOException {
    OutboxEntry waiting = entry("waiting", 1, 300);
    List<OutboxEntry> later = new ArrayList<>();
    try (SegmentOutbox outbox = open(2_000)) {
      outbox.append(waiting);
      for (int i = 0; i < 40; i++) {
        OutboxEntry e = entry("k" + i, 1, 300);
        outbox.append(e);
        if (i % 10 == 0) {
          later.add(e); // some stay pending too
        } else {
          outbox.acknowledge(e.id());
        }
      }
      assertThat(segments()).hasSizeLessThan(8);
    }
    try (SegmentOutbox outbox = open(2_000)) {
      List<OutboxEntry> expected = new ArrayList<>();
      expected.add(waiting);
      expected.addAll(later);
      assertThat(outbox.pending()).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void refusesASecondOpenOfTheSameDirectory() {
    try (SegmentOutbox outbox = open()) {
      outbox.append(entry("k", 1, 10));
      assertThatThrownBy(this::open)
          .isInstanceOf(SharingException.class)
          .hasMessageContaining("already in use")
          .hasMessageContaining(dir().toString());
      assertThat(outbox.pendingCount()).isEqualTo(1); // the refused open left the lock in place
    }
    try (SegmentOutbox outbox = open()) {
      assertThat(outbox.pendingCount()).isEqualTo(1);
    }
  }

  @Test
  void concurrentAppendersShareForces() throws Exception {
    int threads = 8;
    int perThread = 50;
    try (SegmentOutbox outbox = open()) {
      long before = outbox.forces();
      OutboxContractTest.runConcurrently(
          threads,
          t -> {
            for (int i = 0; i < perThread; i++) {
              outbox.append(entry("t" + t, i, 200));
            }
          });
      assertThat(outbox.pendingCount()).isEqualTo(threads * perThread);
      assertThat(outbox.forces() - before).isPositive().isLessThanOrEqualTo(threads * perThread);
    }
  }

  @Test
  void anInterruptedAppenderStoresItsEntryAndKeepsTheLogUsable() throws IOException {
    OutboxEntry a = entry("a", 1, 100);
    OutboxEntry b = entry("b", 1, 100);
    try (SegmentOutbox outbox = open()) {
      Thread.currentThread().interrupt();
      try {
        outbox.append(a);
        assertThat(Thread.currentThread().isInterrupted()).as("interrupt kept for the caller").isTrue();
      } finally {
        Thread.interrupted();
      }
      outbox.append(b);
    }
    try (SegmentOutbox outbox = open()) {
      assertThat(outbox.pending()).containsExactly(a, b);
    }
  }

  private static void flipByte(Path file, long position) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, position);
      one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
      channel.write(one, position);
    }
  }
}
