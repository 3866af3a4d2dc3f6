package org.cisharing.test.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cisharing.SharingException;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.OutboxFullException;
import org.cisharing.outbox.Quarantined;
import org.cisharing.test.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the file outbox does: its files, its lock, recovery from damage and crashes. */
class FileOutboxFilesTest {
  private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);

  @TempDir Path tmp;
  private final MutableClock clock = MutableClock.at(T0);
  private FileOutbox outbox;

  @AfterEach
  void closeOutbox() {
    if (outbox != null) {
      outbox.close();
    }
  }

  private Path dir() {
    return tmp.resolve("outbox");
  }

  private FileOutbox open() {
    return open(OutboxConfig.defaults());
  }

  private FileOutbox open(OutboxConfig config) {
    return open(config, FileOutbox.DEFAULT_PREPARED_FILES);
  }

  private FileOutbox open(OutboxConfig config, int preparedFiles) {
    if (outbox != null) {
      outbox.close();
    }
    outbox = FileOutbox.open(dir(), config, clock, preparedFiles);
    return outbox;
  }

  private static OutboxEntry entry(String key, long sequence) {
    UUID id = UUID.randomUUID();
    byte[] payload = ("{\"id\":\"" + id + "\",\"revision\":" + sequence + "}").getBytes(StandardCharsets.UTF_8);
    return new OutboxEntry(id, "report", "/v1/reports", key, sequence, T0, payload);
  }

  /** The files in {@code dir}, without the empty files prepared for appends. */
  private static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().endsWith(".prepared")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> preparedFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".prepared")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits (at most 10 s) until the entry files in pending/ satisfy the condition. */
  private List<Path> awaitEntryFiles(java.util.function.Predicate<List<Path>> condition) {
    await(() -> condition.test(files(dir().resolve("pending"))));
    return files(dir().resolve("pending"));
  }

  /** Polls (every 5 ms, at most 10 s) until the condition holds: the housekeeping thread is real. */
  private static void await(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
    }
  }

  private static List<String> names(Path dir) {
    return files(dir).stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
  }

  /** The entry's file under its final name (appends write into a prepared file, renamed soon after). */
  private Path fileOf(OutboxEntry e) {
    return awaitEntryFiles(files -> files.stream().anyMatch(p -> p.getFileName().toString().contains(e.id().toString())))
        .stream()
        .filter(p -> p.getFileName().toString().contains(e.id().toString()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void storesEachEntryAsOneCompleteFileAndLeavesNoTemporaries() throws IOException {
    open();
    OutboxEntry a = entry("k", 1);
    OutboxEntry b = entry("k", 2);
    outbox.append(a);
    outbox.append(b);

    assertThat(names(dir())).containsExactly("dead", "outbox.lock", "pending", "quarantine");
    awaitEntryFiles(files -> files.size() == 2 && files.stream().allMatch(p -> p.toString().endsWith(".entry")));
    assertThat(names(dir().resolve("pending")))
        .hasSize(2)
        .allMatch(n -> n.endsWith(".entry"))
        .anyMatch(n -> n.contains(a.id().toString()))
        .anyMatch(n -> n.contains(b.id().toString()));
    byte[] stored = Files.readAllBytes(fileOf(a));
    assertThat(new String(stored, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("CISO");
  }

  @Test
  void acknowledgeRemovesTheEntryFileSoonAfter() {
    open();
    OutboxEntry a = entry("k", 1);
    OutboxEntry b = entry("k", 2);
    outbox.append(a);
    outbox.append(b);
    outbox.acknowledge(a.id());
    assertThat(awaitEntryFiles(files -> files.size() == 1 && files.get(0).toString().contains(b.id().toString())))
        .singleElement().satisfies(p -> assertThat(p.toString()).contains(b.id().toString()));
  }

  @Test
  void closeFinishesTheRemovalOfAcknowledgedFiles() {
    open();
    OutboxEntry a = entry("k", 1);
    outbox.append(a);
    outbox.acknowledge(a.id());
    outbox.close();
    outbox = null;
    assertThat(files(dir().resolve("pending"))).isEmpty();
  }

  /** Files in pending/ (any name) whose head is the acknowledged mark "CISA". */
  private List<Path> markedAcknowledged() {
    try (Stream<Path> s = Files.list(dir().resolve("pending"))) {
      return s.filter(p -> startsWith(p, "CISA")).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean startsWith(Path file, String ascii) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return bytes.length >= 4 && new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals(ascii);
    } catch (IOException e) {
      return false; // renamed or deleted meanwhile
    }
  }

  /**
   * Appends 40 entries and acknowledges them, then keeps the outbox busy (an append and an
   * acknowledgement every few milliseconds) until the files of acknowledged entries are seen
   * marked and kept, not deleted.
   */
  private void acknowledgeFortyAndSeeThemKept() {
    List<OutboxEntry> entries = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      entries.add(entry("k" + i, 1));
      outbox.append(entries.get(i));
    }
    entries.forEach(e -> outbox.acknowledge(e.id()));
    int[] busy = {0};
    await(() -> {
      OutboxEntry e = entry("busy" + busy[0]++, 1);
      outbox.append(e);
      outbox.acknowledge(e.id());
      return markedAcknowledged().size() >= 10;
    });
    assertThat(markedAcknowledged()).hasSizeGreaterThanOrEqualTo(10);
    assertThat(outbox.pendingCount()).isZero();
  }

  @Test
  void whileBusyAcknowledgedFilesAreMarkedAndKeptThenRecycledOrDeletedOnceQuiet() {
    open(OutboxConfig.defaults(), 4);
    acknowledgeFortyAndSeeThemKept();
    // quiet from here: the prepared files are topped up from the kept ones, the others deleted
    awaitEntryFiles(files -> files.isEmpty() && markedAcknowledged().isEmpty());
    assertThat(files(dir().resolve("pending"))).isEmpty();
    assertThat(markedAcknowledged()).isEmpty();
    // at least the target (appending threads that found none ready may have prepared a few more)
    await(() -> preparedFiles(dir().resolve("pending")).size() >= 4);
    assertThat(preparedFiles(dir().resolve("pending"))).hasSizeGreaterThanOrEqualTo(4).allMatch(FileOutboxFilesTest::isFree);
  }

  @Test
  void closeDeletesTheKeptFilesOfAcknowledgedEntries() {
    open(OutboxConfig.defaults(), 4);
    acknowledgeFortyAndSeeThemKept();
    outbox.close();
    outbox = null;
    assertThat(files(dir().resolve("pending"))).isEmpty();
    assertThat(markedAcknowledged()).isEmpty();
    assertThat(preparedFiles(dir().resolve("pending"))).allMatch(FileOutboxFilesTest::isFree);
  }

  @Test
  void atOpenTheMarkedFileOfAnAcknowledgedEntryIsRemovedButAForgedMarkIsQuarantined() throws IOException {
    open();
    OutboxEntry delivered = entry("k", 1);
    OutboxEntry recycling = entry("k", 2);
    OutboxEntry damaged = entry("k", 3);
    OutboxEntry waiting = entry("k", 4);
    List.of(delivered, recycling, damaged, waiting).forEach(outbox::append);
    Path deliveredFile = fileOf(delivered);
    Path recyclingFile = fileOf(recycling);
    Path damagedFile = fileOf(damaged);
    fileOf(waiting);
    outbox.close();
    outbox = null;
    // as the process left them when killed: one kept after its acknowledgement, one being recycled
    // (renamed, not yet blanked), and one whose mark is there but whose record is damaged
    markAcknowledged(deliveredFile);
    markAcknowledged(recyclingFile);
    Path renamed = dir().resolve("pending").resolve("00000000000ffff2.prepared");
    Files.move(recyclingFile, renamed);
    markAcknowledged(damagedFile);
    byte[] bytes = Files.readAllBytes(damagedFile);
    bytes[bytes.length / 2] ^= 0x20;
    Files.write(damagedFile, bytes);

    open();
    assertThat(outbox.pending()).containsExactly(waiting); // neither acknowledged entry comes back
    assertThat(deliveredFile).doesNotExist();
    assertThat(renamed).doesNotExist();
    assertThat(outbox.quarantined()).singleElement().satisfies(q -> {
      assertThat(q.location()).endsWith(damagedFile.getFileName().toString());
      assertThat(q.reason()).contains("not an outbox record");
    });
  }

  private static void markAcknowledged(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    System.arraycopy("CISA".getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
    Files.write(file, bytes);
  }

  @Test
  void appendsWriteIntoPreparedFilesAndRecycleAcknowledgedOnes() {
    open(OutboxConfig.defaults(), 4);
    awaitPrepared(4);
    open(OutboxConfig.defaults(), 4); // reopened: the four files are offered before open returns
    OutboxEntry a = entry("k", 1);
    outbox.append(a);
    // a's record went into a prepared file, then that file was renamed to a's final name
    assertThat(fileOf(a).getFileName().toString()).endsWith("-" + a.id() + ".entry");
    assertThat(preparedFiles(dir().resolve("pending"))).hasSize(3); // refilled only once half are used
    outbox.acknowledge(a.id());
    awaitEntryFiles(List::isEmpty);
    await(() -> preparedFiles(dir().resolve("pending")).stream().allMatch(FileOutboxFilesTest::isFree));
    // a's file was not deleted but blanked and renamed: the next record overwrites it in place
    assertThat(preparedFiles(dir().resolve("pending"))).hasSize(4).allMatch(FileOutboxFilesTest::isFree);
    assertThat(preparedFiles(dir().resolve("pending"))).anyMatch(p -> p.toFile().length() > 0);

    OutboxEntry b = entry("k", 2);
    outbox.append(b); // into the blanked file, if that one is taken: either way b reads back whole
    outbox.close();
    outbox = null;
    open(OutboxConfig.defaults(), 4);
    assertThat(outbox.pending()).containsExactly(b);
    assertThat(outbox.quarantined()).isEmpty();
  }

  /** Empty, or its head zeroed: how the outbox marks a prepared file as unused. */
  private static boolean isFree(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      for (int i = 0; i < Math.min(12, bytes.length); i++) {
        if (bytes[i] != 0) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false; // renamed away meanwhile
    }
  }

  @Test
  void appendsOverwriteARecycledFileLongerThanTheirRecord() throws IOException {
    open(OutboxConfig.defaults(), 1);
    awaitPrepared(1);
    open(OutboxConfig.defaults(), 1); // the one prepared file is offered before open returns
    OutboxEntry big = new OutboxEntry(UUID.randomUUID(), "report", "/v1/reports", "k", 1, T0, new byte[3000]);
    outbox.append(big);
    outbox.acknowledge(big.id());
    outbox.close(); // recycles nothing at close: the acknowledged file is deleted
    outbox = null;

    // Recycle by hand the way the housekeeper does: rename, blank the head.
    Path recycled = dir().resolve("pending").resolve("00000000000000aa.prepared");
    byte[] old = new byte[3200];
    java.util.Arrays.fill(old, (byte) 'x');
    java.util.Arrays.fill(old, 0, 12, (byte) 0);
    for (Path p : preparedFiles(dir().resolve("pending"))) {
      Files.delete(p);
    }
    Files.write(recycled, old);
    open(OutboxConfig.defaults(), 1);
    OutboxEntry small = entry("k", 2);
    outbox.append(small);
    outbox.close();
    outbox = null;
    assertThat(recycled).doesNotExist(); // small went into it and was renamed
    assertThat(fileOf(small).toFile().length()).isLessThan(3200); // cut to the record's length
    open(OutboxConfig.defaults(), 1);
    assertThat(outbox.pending()).containsExactly(small);
    assertThat(outbox.quarantined()).isEmpty();
  }

  @Test
  void withoutPreparedFilesEveryAppendCreatesItsOwnFile() {
    open(OutboxConfig.defaults(), 0);
    OutboxEntry a = entry("k", 1);
    outbox.append(a);
    assertThat(names(dir().resolve("pending"))).singleElement().satisfies(n -> assertThat(n).endsWith("-" + a.id() + ".entry"));
    outbox.acknowledge(a.id());
    outbox.close();
    outbox = null;
    assertThat(names(dir().resolve("pending"))).isEmpty();
  }

  @Test
  void recoversAnEntryStoredInAPreparedFileBeforeItsRename() throws IOException {
    open();
    OutboxEntry a = entry("k", 1);
    outbox.append(a);
    outbox.close();
    outbox = null;
    Path file = fileOf(a);
    byte[] record = Files.readAllBytes(file);
    Files.delete(file);
    Path prepared = dir().resolve("pending").resolve("00000000000fffff.prepared");
    Files.write(prepared, record); // as if the process died after the force, before the rename

    open();
    assertThat(outbox.pending()).containsExactly(a);
    assertThat(prepared).doesNotExist();
    assertThat(file).exists();
    assertThat(outbox.quarantined()).isEmpty();
  }

  @Test
  void removesAnUnfinishedPreparedFileAndQuarantinesAGarbledOne() throws IOException {
    open();
    OutboxEntry a = entry("k", 1);
    OutboxEntry b = entry("k", 2);
    outbox.append(a);
    outbox.append(b);
    outbox.close();
    outbox = null;
    byte[] recordA = Files.readAllBytes(fileOf(a));
    byte[] recordB = Files.readAllBytes(fileOf(b));
    Files.delete(fileOf(a));
    Files.delete(fileOf(b));
    Path unfinished = dir().resolve("pending").resolve("00000000000ffff0.prepared");
    Files.write(unfinished, java.util.Arrays.copyOf(recordA, recordA.length / 2)); // the write never returned
    Path garbled = dir().resolve("pending").resolve("00000000000ffff1.prepared");
    recordB[recordB.length / 2] ^= 0x20;
    Files.write(garbled, recordB);

    open();
    assertThat(outbox.pending()).isEmpty();
    assertThat(unfinished).doesNotExist();
    assertThat(outbox.quarantined()).singleElement().satisfies(q -> assertThat(q.reason()).contains("checksum mismatch"));
    assertThat(dir().resolve("quarantine").resolve(garbled.getFileName())).hasBinaryContent(recordB);
  }

  @Test
  void recoversALargeBacklogInOrderAndQuarantinesTheDamagedFileInIt() throws IOException {
    open();
    List<OutboxEntry> appended = new java.util.ArrayList<>();
    for (int i = 0; i < 1500; i++) { // more than one chunk of files read in parallel at open
      OutboxEntry e = entry("k" + (i % 7), i);
      outbox.append(e);
      appended.add(e);
    }
    outbox.close();
    outbox = null;
    OutboxEntry damaged = appended.get(1100);
    byte[] bytes = Files.readAllBytes(fileOf(damaged));
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(fileOf(damaged), bytes);

    open();
    List<OutboxEntry> expected = new java.util.ArrayList<>(appended);
    expected.remove(damaged);
    assertThat(outbox.pending()).containsExactlyElementsOf(expected);
    assertThat(outbox.quarantined()).singleElement().satisfies(q -> {
      assertThat(q.location()).contains(damaged.id().toString());
      assertThat(q.reason()).contains("checksum mismatch");
    });
  }

  @Test
  void appendsAndAcknowledgementsFromManyThreadsWithFewPreparedFilesLoseNothing() throws Exception {
    open(OutboxConfig.defaults(), 4); // few prepared files: creation, recycling and fallbacks all run
    int threads = 8;
    int perThread = 150;
    java.util.Set<UUID> kept = java.util.concurrent.ConcurrentHashMap.newKeySet();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String key = "k" + t;
        done.add(pool.submit(() -> {
          for (int i = 0; i < perThread; i++) {
            OutboxEntry e = entry(key, i);
            outbox.append(e);
            if (i % 3 == 0) {
              kept.add(e.id());
            } else {
              outbox.acknowledge(e.id());
            }
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(outbox.pending()).extracting(OutboxEntry::id).containsExactlyInAnyOrderElementsOf(kept);

    open(OutboxConfig.defaults(), 4); // close (finishing renames and recycling), then recover
    assertThat(outbox.pending()).extracting(OutboxEntry::id).containsExactlyInAnyOrderElementsOf(kept);
    assertThat(outbox.quarantined()).isEmpty();
    assertThat(files(dir().resolve("pending"))).hasSize(kept.size()).allMatch(p -> p.toString().endsWith(".entry"));
    for (int t = 0; t < threads; t++) { // each key's entries still come out in order
      String key = "k" + t;
      List<Long> sequences = outbox.pending().stream().filter(e -> e.orderKey().equals(key)).map(OutboxEntry::sequence).toList();
      assertThat(sequences).isSorted().hasSize(perThread / 3);
    }
  }

  @Test
  void aPreparedFileWhoseAppendDiedBeforeItsMagicIsReusedNotQuarantined() throws IOException {
    open();
    OutboxEntry a = entry("k", 1);
    outbox.append(a);
    outbox.close();
    outbox = null;
    byte[] record = Files.readAllBytes(fileOf(a));
    Files.delete(fileOf(a));
    // The append writes everything but the magic, then the magic: killed in between.
    Arrays.fill(record, 0, 4, (byte) 0);
    Path torn = dir().resolve("pending").resolve("00000000000ffffe.prepared");
    Files.write(torn, record);

    open();
    assertThat(outbox.pending()).isEmpty(); // its append never returned
    assertThat(outbox.quarantined()).isEmpty();
    OutboxEntry b = entry("k", 2);
    outbox.append(b);
    outbox.close();
    outbox = null;
    open();
    assertThat(outbox.pending()).containsExactly(b);
  }

  @Test
  void refusesADirectoryThatHoldsASegmentOutboxSayingWhy() {
    Path dir = dir();
    try (org.cisharing.outbox.SegmentOutbox segment =
        org.cisharing.outbox.SegmentOutbox.open(dir, OutboxConfig.defaults(), clock)) {
      segment.append(entry("k", 1));
    }
    assertThatThrownBy(() -> FileOutbox.open(dir, OutboxConfig.defaults(), clock))
        .isInstanceOf(SharingException.class)
        .hasMessageContaining("holds a SegmentOutbox")
        .hasMessageContaining("would never be delivered");
    try (org.cisharing.outbox.SegmentOutbox again =
        org.cisharing.outbox.SegmentOutbox.open(dir, OutboxConfig.defaults(), clock)) {
      assertThat(again.pendingCount()).isEqualTo(1); // untouched
    }
  }

  private void awaitPrepared(int count) {
    await(() -> preparedFiles(dir().resolve("pending")).size() >= count);
    assertThat(preparedFiles(dir().resolve("pending"))).hasSizeGreaterThanOrEqualTo(count);
  }

  @Test
  void secondOpenOfTheSameDirectoryFailsNamingIt() {
    open();
    assertThatThrownBy(() -> FileOutbox.open(dir(), OutboxConfig.defaults(), clock))
        .isInstanceOf(SharingException.class)
        .hasMessageContaining(dir().toAbsolutePath().toString())
        .hasMessageContaining("already in use");

    outbox.close();
    outbox = null;
    open(); // the lock went with the close
  }

  @Test
  void refusesEveryCallOnceClosed() {
    open();
    outbox.close();
    assertThatThrownBy(() -> outbox.append(entry("k", 1))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> outbox.claimReady(1, LEASE)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> outbox.pending()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void quarantinesTruncatedAndGarbledFilesAndDeliversTheRest() throws IOException {
    open();
    List<OutboxEntry> entries = List.of(entry("a", 1), entry("b", 1), entry("c", 1), entry("d", 1), entry("e", 1));
    entries.forEach(outbox::append);
    Path truncated = fileOf(entries.get(1));
    Path garbled = fileOf(entries.get(3));
    Path emptied = fileOf(entries.get(4));
    outbox.close();

    byte[] t = Files.readAllBytes(truncated);
    Files.write(truncated, java.util.Arrays.copyOf(t, t.length / 2));
    byte[] g = Files.readAllBytes(garbled);
    g[g.length - 10] ^= 0x20; // one flipped bit in the payload
    Files.write(garbled, g);
    Files.write(emptied, new byte[0]);

    open();
    assertThat(outbox.pending()).containsExactly(entries.get(0), entries.get(2));
    List<Quarantined> quarantined = outbox.quarantined();
    assertThat(quarantined).hasSize(3);
    assertThat(quarantined).extracting(Quarantined::at).containsOnly(T0);
    assertThat(reasonFor(quarantined, truncated)).contains("truncated");
    assertThat(reasonFor(quarantined, garbled)).contains("checksum mismatch");
    assertThat(reasonFor(quarantined, emptied)).contains("truncated");
    assertThat(names(dir().resolve("quarantine")))
        .containsExactlyInAnyOrder(
            truncated.getFileName().toString(),
            truncated.getFileName() + ".reason",
            garbled.getFileName().toString(),
            garbled.getFileName() + ".reason",
            emptied.getFileName().toString(),
            emptied.getFileName() + ".reason");
    assertThat(Files.readAllBytes(dir().resolve("quarantine").resolve(garbled.getFileName()))).isEqualTo(g);

    clock.advance(Duration.ofHours(1));
    open();
    assertThat(outbox.quarantined()).isEqualTo(quarantined);
    assertThat(outbox.pending()).containsExactly(entries.get(0), entries.get(2));
  }

  private static String reasonFor(List<Quarantined> quarantined, Path original) {
    return quarantined.stream()
        .filter(q -> q.location().endsWith(original.getFileName().toString()))
        .map(Quarantined::reason)
        .findFirst()
        .orElseThrow(() -> new AssertionError("not quarantined: " + original));
  }

  @Test
  void quarantinesAFileOfAnotherFormat() throws IOException {
    open();
    OutboxEntry kept = entry("k", 1);
    outbox.append(kept);
    outbox.close();
    Path stranger = dir().resolve("pending").resolve("0000000000000009-" + UUID.randomUUID() + ".entry");
    Files.writeString(stranger, "{\"this\":\"is json, not an outbox record\"}");

    open();
    assertThat(outbox.pending()).containsExactly(kept);
    assertThat(outbox.quarantined()).singleElement().satisfies(q -> assertThat(q.reason()).contains("magic"));
  }

  @Test
  void anEntryDamagedOnDiskWhileOpenIsDeliveredFromMemoryAndQuarantinedAtTheNextOpen() throws IOException {
    open();
    OutboxEntry damaged = entry("a", 1);
    OutboxEntry next = entry("a", 2);
    OutboxEntry other = entry("b", 1);
    outbox.append(damaged);
    outbox.append(next);
    outbox.append(other);
    Path file = fileOf(damaged);
    Files.write(file, new byte[] {1, 2, 3});

    assertThat(outbox.claimReady(10, LEASE)).containsExactly(damaged, other); // the copy in memory is intact
    assertThat(outbox.quarantined()).isEmpty();

    open(); // not acknowledged: the damaged file is all that is left of it
    assertThat(outbox.quarantined()).singleElement().satisfies(q -> assertThat(q.reason()).contains("truncated"));
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(next, other);
  }

  @Test
  void removesLeftoverTemporaryFilesWithoutQuarantining() throws IOException {
    open();
    OutboxEntry kept = entry("k", 1);
    outbox.append(kept);
    outbox.close();
    Path leftover = dir().resolve("pending").resolve("0000000000000002-" + UUID.randomUUID() + ".entry.tmp");
    Files.write(leftover, new byte[] {'C', 'I', 'S'});
    Path deadLeftover = dir().resolve("dead").resolve("0000000000000003-" + UUID.randomUUID() + ".dead.tmp");
    Files.write(deadLeftover, new byte[0]);

    open();
    assertThat(leftover).doesNotExist();
    assertThat(deadLeftover).doesNotExist();
    assertThat(outbox.pending()).containsExactly(kept);
    assertThat(outbox.quarantined()).isEmpty();
  }

  @Test
  void deadLettersSurviveAReopenInTheDeadFolder() {
    open();
    OutboxEntry refused = entry("k", 1);
    outbox.append(refused);
    clock.advance(Duration.ofSeconds(42));
    outbox.deadLetter(refused.id(), 422, "validation failed", "{\"status\":422,\"detail\":\"bad\"}");
    assertThat(files(dir().resolve("pending"))).isEmpty();
    assertThat(names(dir().resolve("dead"))).singleElement().satisfies(n -> assertThat(n).endsWith(".dead"));

    open();
    assertThat(outbox.deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.entry()).isEqualTo(refused);
              assertThat(d.status()).isEqualTo(422);
              assertThat(d.reason()).isEqualTo("validation failed");
              assertThat(d.problem()).isEqualTo("{\"status\":422,\"detail\":\"bad\"}");
              assertThat(d.at()).isEqualTo(T0.plusSeconds(42));
            });
    assertThat(outbox.pending()).isEmpty();
  }

  @Test
  void quarantinesADamagedDeadLetter() throws IOException {
    open();
    OutboxEntry refused = entry("k", 1);
    outbox.append(refused);
    outbox.deadLetter(refused.id(), 422, "invalid", null);
    outbox.close();
    Path deadFile = files(dir().resolve("dead")).get(0);
    byte[] bytes = Files.readAllBytes(deadFile);
    bytes[20] ^= 0x01;
    Files.write(deadFile, bytes);

    open();
    assertThat(outbox.deadLetters()).isEmpty();
    assertThat(outbox.quarantined())
        .singleElement()
        .satisfies(q -> assertThat(q.reason()).startsWith("dead letter: checksum mismatch"));
    assertThat(deadFile).doesNotExist();
  }

  @Test
  void finishesADeadLetterInterruptedBeforeThePendingFileWasRemoved() throws IOException {
    open();
    OutboxEntry refused = entry("k", 1);
    outbox.append(refused);
    Path pendingFile = fileOf(refused);
    byte[] copy = Files.readAllBytes(pendingFile);
    outbox.deadLetter(refused.id(), 409, "conflict", null);
    outbox.close();
    Files.write(pendingFile, copy); // as if the crash came between the two steps

    open();
    assertThat(outbox.pending()).isEmpty();
    assertThat(outbox.deadLetters()).hasSize(1);
    assertThat(outbox.quarantined()).isEmpty();
    assertThat(pendingFile).doesNotExist();
  }

  @Test
  void aLostDeleteAfterAcknowledgeOnlyMeansAnotherDelivery() throws IOException {
    open();
    OutboxEntry delivered = entry("k", 1);
    outbox.append(delivered);
    Path pendingFile = fileOf(delivered);
    byte[] copy = Files.readAllBytes(pendingFile);
    outbox.acknowledge(delivered.id());
    outbox.close();
    Files.write(pendingFile, copy); // the unlink did not reach the disk before a power cut

    open();
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(delivered); // same id: a replay at the hub
  }

  @Test
  void aFailedWriteThrowsSharingExceptionAndLeavesStoredEntriesAlone() throws IOException {
    open(OutboxConfig.defaults(), 0); // every append writes its own temporary file
    OutboxEntry a = entry("k", 1);
    OutboxEntry b = entry("k", 2);
    outbox.append(a);
    outbox.append(b);
    // Block the temporary name of the next append (append counter 3) with a directory: opening it
    // for writing fails with an IOException, as a full disk or a failing device would.
    OutboxEntry blocked = entry("k", 3);
    Path obstacle = dir().resolve("pending").resolve(String.format("%016x-%s.entry.tmp", 3, blocked.id()));
    Files.createDirectory(obstacle);
    Files.writeString(obstacle.resolve("keep"), "x"); // non-empty: the clean-up cannot remove it

    assertThatThrownBy(() -> outbox.append(blocked))
        .isInstanceOf(SharingException.class)
        .isNotInstanceOf(OutboxFullException.class)
        .hasMessageContaining(blocked.id().toString());
    assertThat(outbox.pending()).containsExactly(a, b);
    assertThat(outbox.pendingCount()).isEqualTo(2);
    assertThat(outbox.pendingBytes()).isEqualTo(a.payload().length + b.payload().length);

    outbox.append(blocked); // a retry takes a new name
    assertThat(outbox.pending()).containsExactly(a, b, blocked);
  }

  @Test
  void anInterruptedAppendFailsCleanlyAndLaterAppendsWork() {
    open();
    OutboxEntry interrupted = entry("k", 1);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> outbox.append(interrupted)).isInstanceOf(SharingException.class);
    } finally {
      Thread.interrupted(); // clear, whatever happened
    }
    assertThat(names(dir().resolve("pending"))).noneMatch(n -> n.endsWith(".tmp"));
    assertThat(outbox.pending()).isEmpty();

    OutboxEntry later = entry("k", 2);
    outbox.append(interrupted);
    outbox.append(later);
    assertThat(outbox.pending()).containsExactly(interrupted, later);
  }

  @Test
  void claimsDoNotSurviveAReopen() {
    open();
    OutboxEntry e = entry("k", 1);
    outbox.append(e);
    outbox.claimReady(10, LEASE);

    open(); // the claimer died with the process: no need to wait for the lease
    assertThat(outbox.claimReady(10, LEASE)).containsExactly(e);
  }

  @Test
  void capsCountPendingEntriesOnlyNotDeadLetters() {
    open(OutboxConfig.defaults().withMaxEntries(1));
    OutboxEntry refused = entry("k", 1);
    outbox.append(refused);
    outbox.deadLetter(refused.id(), 422, "invalid", null);
    outbox.append(entry("k", 2));
    assertThat(outbox.pendingCount()).isEqualTo(1);
  }
}
