package org.cisharing.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.cisharing.SharingException;
import org.cisharing.internal.outbox.Caps;
import org.cisharing.internal.outbox.CorruptRecordException;
import org.cisharing.internal.outbox.DirectoryLock;
import org.cisharing.internal.outbox.DirectorySync;
import org.cisharing.internal.outbox.RecordFormat;
import org.cisharing.internal.outbox.RecordFormat.StoredDeadLetter;
import org.cisharing.internal.outbox.RecordFormat.StoredEntry;
import org.cisharing.internal.outbox.RecordFormat.Tombstone;
import org.cisharing.internal.outbox.StoreLayouts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Outbox} that appends every change to a log of segment files and pays one durability
 * barrier ({@code fdatasync}) per {@link #append}, shared by concurrent appenders (group commit);
 * an alternative to {@link FileOutbox}, which pays a file and a directory fsync per entry. One
 * {@code SegmentOutbox} in one process at a time may open a directory (a lock on {@code
 * segment.lock}). On open, the log is replayed; a torn record at the very end (an append that
 * never returned) is cut off, an unreadable record elsewhere is copied to {@code quarantine/} and
 * reported by {@link #quarantined}, never dropped silently.
 *
 * <pre>{@code
 * Outbox outbox = SegmentOutbox.open(Path.of("/var/lib/app/outbox"),
 *     OutboxConfig.defaults(), Clock.systemUTC());
 * SharingClient client = SharingClient.builder().outbox(outbox)...build();
 * }</pre>
 *
 * <p>Pending payloads are kept in memory (bounded by {@link OutboxConfig#maxBytes()}), so {@link
 * #claimReady} never reads the disk. {@link #acknowledge} appends an acknowledgement without
 * forcing it: one lost in a crash makes the entry pending again after the restart, and it is
 * delivered again under the same idempotency key, which the hub answers as a replay. {@link
 * #deadLetter} and {@link #removeDeadLetter} are forced. Segments whose records are all acknowledged
 * or dead-lettered are deleted, oldest first. Unknown ids are ignored; dead letters do not count
 * towards the caps.
 *
 * <p>Thread-safe; every method except {@link #close} throws {@link IllegalStateException} once
 * closed. After a failed {@code fdatasync} every later write throws {@link SharingException}
 * (what reached the disk is unknown): close and reopen. The format and crash behaviour are in
 * {@code docs/design/outbox.md} ("Segment store").
 *
 * @since 0.1.0
 */
public final class SegmentOutbox implements Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(SegmentOutbox.class);

  /** The default segment size: a new segment is started once the active one would exceed it. */
  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;

  static final String LOCK_FILE = "segment.lock";
  static final String SEGMENTS_DIR = "segments";
  static final String QUARANTINE_DIR = "quarantine";
  private static final String SEGMENT_SUFFIX = ".log";
  private static final String REASON_SUFFIX = ".reason";
  private static final String TMP_SUFFIX = ".tmp";

  // Written out rather than composed (comparingLong(...).thenComparingLong(...)): every append and
  // acknowledgement runs them a few dozen times.
  private static final Comparator<Slot> KEY_ORDER =
      (a, b) -> {
        int c = Long.compare(a.entry.sequence(), b.entry.sequence());
        return c != 0 ? c : Long.compare(a.counter, b.counter);
      };
  private static final Comparator<Slot> ENQUEUED_ORDER =
      (a, b) -> {
        int c = a.entry.enqueuedAt().compareTo(b.entry.enqueuedAt());
        return c != 0 ? c : Long.compare(a.counter, b.counter);
      };
  private static final Comparator<DeadSlot> DEAD_ORDER =
      Comparator.<DeadSlot, Instant>comparing(d -> d.letter.at()).thenComparingLong(d -> d.counter);

  private final Path directory;
  private final Path segmentsDir;
  private final Path quarantineDir;
  private final OutboxConfig config;
  private final Clock clock;
  private final long segmentBytes;
  private final DirectoryLock directoryLock;
  private final DirectorySync segmentsSync;
  private final DirectorySync quarantineSync;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition appendFinished = lock.newCondition();
  // Everything below is guarded by lock.
  private final Map<UUID, Slot> byId = new HashMap<>();
  private final TreeMap<Long, Slot> byCounter = new TreeMap<>();
  private final TreeSet<Slot> byEnqueuedAt = new TreeSet<>(ENQUEUED_ORDER);
  private final Map<String, KeyQueue> byKey = new HashMap<>();
  /** Each ordering key's queue, by the append counter of its first entry. */
  private final TreeMap<Long, KeyQueue> heads = new TreeMap<>();
  private final Set<UUID> appending = new HashSet<>();
  private final List<DeadSlot> dead = new ArrayList<>();
  private final List<Quarantined> quarantined = new ArrayList<>();
  /** Every segment on disk, by sequence number; the last one is {@link #active}. */
  private final TreeMap<Long, Segment> segments = new TreeMap<>();
  private Segment active;
  /** Bytes written to the log by this instance, across segments: the logical write position. */
  private long written;
  private long nextCounter = 1;
  private long pendingBytes;
  private int reservedEntries;
  private long reservedBytes;
  private boolean closed;

  // Group commit, guarded by syncMonitor. Lock order: lock, then syncMonitor; never the reverse.
  private final Object syncMonitor = new Object();
  /** Every logical position up to this one is durable. */
  private long forced;
  private boolean leaderRunning;
  private long forces;
  /**
   * Set when a force (or taking back a failed write) failed: what reached the disk is unknown, so
   * every later write is refused.
   */
  private volatile IOException failure;

  private SegmentOutbox(
      Path directory,
      OutboxConfig config,
      Clock clock,
      long segmentBytes,
      DirectoryLock directoryLock) {
    this.directory = directory;
    this.segmentsDir = directory.resolve(SEGMENTS_DIR);
    this.quarantineDir = directory.resolve(QUARANTINE_DIR);
    this.config = config;
    this.clock = clock;
    this.segmentBytes = segmentBytes;
    this.directoryLock = directoryLock;
    this.segmentsSync = DirectorySync.open(segmentsDir);
    this.quarantineSync = DirectorySync.open(quarantineDir);
  }

  /**
   * Opens (creating it if needed) the outbox in {@code directory} with 64 MiB segments, recovering
   * what a previous run left: pending entries, dead letters and quarantined records.
   *
   * @throws SharingException when the directory is locked by another process or another open
   *     outbox, or cannot be created or read
   */
  public static SegmentOutbox open(Path directory, OutboxConfig config, Clock clock) {
    return open(directory, config, clock, DEFAULT_SEGMENT_BYTES);
  }

  /**
   * Like {@link #open(Path, OutboxConfig, Clock)} with another segment size (small sizes are for
   * tests: every new segment costs a file creation and a directory fsync).
   *
   * @param segmentBytes the size past which a new segment is started, at least 1
   */
  public static SegmentOutbox open(Path directory, OutboxConfig config, Clock clock, long segmentBytes) {
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    if (segmentBytes < 1) {
      throw new IllegalArgumentException("segmentBytes must be at least 1: " + segmentBytes);
    }
    Path dir = directory.toAbsolutePath().normalize();
    StoreLayouts.refuseTheOtherStore(dir, "SegmentOutbox");
    Path key;
    try {
      Files.createDirectories(dir.resolve(SEGMENTS_DIR));
      Files.createDirectories(dir.resolve(QUARANTINE_DIR));
      key = dir.toRealPath();
    } catch (IOException e) {
      throw new SharingException("Cannot create the outbox directory " + dir + ": " + e, e);
    }
    DirectoryLock directoryLock = DirectoryLock.acquire(dir, key, LOCK_FILE, "SegmentOutbox");
    SegmentOutbox outbox = null;
    try {
      outbox = new SegmentOutbox(dir, config, clock, segmentBytes, directoryLock);
      outbox.recover();
      return outbox;
    } catch (IOException | RuntimeException e) {
      if (outbox != null) {
        outbox.close();
      } else {
        directoryLock.close();
      }
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new SharingException("Cannot open the outbox in " + dir + ": " + e, e);
    }
  }

  /** The directory this outbox stores its segments in. */
  public Path directory() {
    return directory;
  }

  /** The caps this outbox was opened with. */
  public OutboxConfig config() {
    return config;
  }

  /**
   * How many {@code fdatasync} calls of the log this instance made (for tests and benchmarks of
   * the group commit: with concurrent appenders it is lower than the number of appends).
   */
  public long forces() {
    synchronized (syncMonitor) {
      return forces;
    }
  }

  @Override
  public void append(OutboxEntry entry) {
    Objects.requireNonNull(entry, "entry");
    UUID id = entry.id();
    int size = entry.payload().length;
    long counter;
    lock.lock();
    try {
      ensureOpen();
      while (appending.contains(id)) {
        // Another thread is storing the same id: its outcome decides whether this call is a no-op.
        appendFinished.awaitUninterruptibly();
        ensureOpen();
      }
      if (byId.containsKey(id)) {
        return;
      }
      Caps.check(directory.toString(), config, byId.size() + reservedEntries, pendingBytes + reservedBytes, id, size);
      counter = nextCounter++;
      appending.add(id);
      reservedEntries++;
      reservedBytes += size;
    } finally {
      lock.unlock();
    }

    // An interrupt during channel I/O would close the shared log channel: hold it until the end.
    boolean interrupted = Thread.interrupted();
    Slot slot = null;
    boolean durable = false;
    try {
      byte[] record = RecordFormat.encodeEntry(entry, counter);
      long end;
      lock.lock();
      try {
        ensureOpen();
        slot = new Slot(entry, counter);
        end = write(record, slot);
      } finally {
        lock.unlock();
      }
      awaitDurable(end);
      durable = true;
    } catch (IOException e) {
      throw new SharingException("Could not store outbox entry " + id + " in " + segmentsDir + ": " + e, e);
    } finally {
      lock.lock();
      try {
        appending.remove(id);
        reservedEntries--;
        reservedBytes -= size;
        if (durable && !closed) {
          index(slot);
        }
        appendFinished.signalAll();
      } finally {
        lock.unlock();
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public List<OutboxEntry> claimReady(int max, Duration lease) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1: " + max);
    }
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive: " + lease);
    }
    List<OutboxEntry> claimed = new ArrayList<>();
    lock.lock();
    try {
      ensureOpen();
      Instant now = clock.instant();
      Instant until = now.plus(lease);
      for (KeyQueue queue : heads.values()) {
        if (claimed.size() >= max) {
          break;
        }
        if (queue.claimed != null) {
          if (queue.claimed.claimedUntil.isAfter(now)) {
            continue;
          }
          queue.claimed.claimedUntil = null; // the lease expired: the claimer is presumed dead
          queue.claimed = null;
        }
        Slot head = queue.slots.first();
        head.claimedUntil = until;
        queue.claimed = head;
        claimed.add(head.entry);
      }
    } finally {
      lock.unlock();
    }
    return List.copyOf(claimed);
  }

  @Override
  public void acknowledge(UUID id) {
    Objects.requireNonNull(id, "id");
    boolean interrupted = Thread.interrupted();
    lock.lock();
    try {
      ensureOpen();
      Slot slot = byId.get(id);
      if (slot == null) {
        return;
      }
      unindex(slot);
      slot.segment.live.remove(slot);
      try {
        // Not forced: an acknowledgement lost in a crash only means the entry is delivered again
        // after the restart, under the same idempotency key, which the hub answers as a replay.
        write(RecordFormat.encodeTombstone(RecordFormat.TYPE_ACK, id, slot.counter), null);
        deleteEmptyHeads(false);
      } catch (IOException | SharingException e) {
        throw new SharingException(
            "Could not record the acknowledgement of outbox entry "
                + id
                + " in "
                + segmentsDir
                + ": "
                + e
                + "; after a restart it will be delivered again, which the hub answers as a replay",
            e);
      }
    } finally {
      lock.unlock();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void release(UUID id) {
    Objects.requireNonNull(id, "id");
    lock.lock();
    try {
      ensureOpen();
      Slot slot = byId.get(id);
      if (slot == null || slot.claimedUntil == null) {
        return;
      }
      slot.claimedUntil = null;
      KeyQueue queue = byKey.get(slot.entry.orderKey());
      if (queue.claimed == slot) {
        queue.claimed = null;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void deadLetter(UUID id, int status, String reason, String problem) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    boolean interrupted = Thread.interrupted();
    Segment pinned = null;
    try {
      long end;
      lock.lock();
      try {
        ensureOpen();
        Slot slot = byId.get(id);
        if (slot == null) {
          return;
        }
        DeadLetter letter = new DeadLetter(slot.entry, status, reason, problem, clock.instant());
        DeadSlot deadSlot = new DeadSlot(letter, slot.counter);
        end = write(RecordFormat.encodeDeadLetter(letter, slot.counter), deadSlot);
        unindex(slot);
        // The entry's segment stays until the dead letter is durable: a crash must find one of them.
        pinned = slot.segment;
        pinned.pins++;
        pinned.live.remove(slot);
        dead.add(deadSlot);
        dead.sort(DEAD_ORDER);
      } finally {
        lock.unlock();
      }
      awaitDurable(end);
    } catch (IOException e) {
      throw new SharingException("Could not dead-letter outbox entry " + id + " in " + segmentsDir + ": " + e, e);
    } finally {
      if (pinned != null) {
        unpinAndCompact(pinned);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public List<OutboxEntry> pending() {
    lock.lock();
    try {
      ensureOpen();
      List<OutboxEntry> entries = new ArrayList<>(byCounter.size());
      for (Slot slot : byCounter.values()) {
        entries.add(slot.entry);
      }
      return List.copyOf(entries);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public int pendingCount() {
    lock.lock();
    try {
      ensureOpen();
      return byId.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long pendingBytes() {
    lock.lock();
    try {
      ensureOpen();
      return pendingBytes;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<Instant> oldestPending() {
    lock.lock();
    try {
      ensureOpen();
      return byEnqueuedAt.isEmpty() ? Optional.empty() : Optional.of(byEnqueuedAt.first().entry.enqueuedAt());
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<DeadLetter> deadLetters() {
    lock.lock();
    try {
      ensureOpen();
      List<DeadLetter> letters = new ArrayList<>(dead.size());
      for (DeadSlot slot : dead) {
        letters.add(slot.letter);
      }
      return List.copyOf(letters);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean removeDeadLetter(UUID id) {
    Objects.requireNonNull(id, "id");
    boolean interrupted = Thread.interrupted();
    try {
      long end = -1;
      lock.lock();
      try {
        ensureOpen();
        for (DeadSlot slot : new ArrayList<>(dead)) {
          if (slot.letter.entry().id().equals(id)) {
            end = write(RecordFormat.encodeTombstone(RecordFormat.TYPE_DEAD_REMOVED, id, slot.counter), null);
            dead.remove(slot);
            slot.segment.live.remove(slot);
          }
        }
      } finally {
        lock.unlock();
      }
      if (end < 0) {
        return false;
      }
      awaitDurable(end);
      compactAfterDurableChange();
      return true;
    } catch (IOException e) {
      throw new SharingException("Could not remove dead letter " + id + " from " + segmentsDir + ": " + e, e);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public List<Quarantined> quarantined() {
    lock.lock();
    try {
      ensureOpen();
      return List.copyOf(quarantined);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Forces the log (so that acknowledgements survive even a power loss after an orderly close) and
   * releases the directory lock. Pending entries and dead letters stay for the next open.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      appendFinished.signalAll();
      if (failure == null && active != null && active.channel != null) {
        try {
          active.channel.force(false); // makes the unforced acknowledgements durable too
        } catch (IOException e) {
          LOG.warn("Could not force the log of {} on close: {}", directory, e.toString());
        }
      }
      for (Segment segment : segments.values()) {
        if (segment.channel != null) {
          closeQuietly(segment.channel);
        }
      }
    } finally {
      lock.unlock();
    }
    synchronized (syncMonitor) {
      syncMonitor.notifyAll();
    }
    closeQuietly(segmentsSync);
    closeQuietly(quarantineSync);
    directoryLock.close();
    LOG.debug("Closed outbox {}", directory);
  }

  @Override
  public String toString() {
    return "SegmentOutbox{" + directory + "}";
  }

  // ---------------------------------------------------------------------------------------------
  // Log writes

  /**
   * Appends one record to the active segment (starting a new one first if it is full) and returns
   * the logical position after it. {@code item}, a {@link Slot} or {@link DeadSlot}, becomes live
   * in that segment. Not durable until {@link #awaitDurable} of the returned position.
   */
  private long write(byte[] record, Object item) throws IOException {
    IOException failed = failure;
    if (failed != null) {
      throw new SharingException(
          "The outbox "
              + directory
              + " refuses writes since a write or fdatasync of its log failed ("
              + failed
              + "); what reached the disk is unknown: close and reopen it",
          failed);
    }
    Segment segment = active;
    if (segment.size > 0 && segment.size + record.length > segmentBytes) {
      roll();
      segment = active;
    }
    writeAt(segment, record);
    if (item != null) {
      segment.live.add(item);
      if (item instanceof Slot) {
        ((Slot) item).segment = segment;
      } else {
        ((DeadSlot) item).segment = segment;
      }
    }
    return written;
  }

  /** Writes a record at the end of {@code segment}; on failure takes back whatever part was written. */
  private void writeAt(Segment segment, byte[] record) throws IOException {
    long position = segment.size;
    try {
      ByteBuffer buffer = ByteBuffer.wrap(record);
      while (buffer.hasRemaining()) {
        segment.channel().write(buffer, position + buffer.position());
      }
    } catch (IOException e) {
      // Later records go after this position: a partial record must not stay in the middle.
      try {
        segment.reopenIfClosed().truncate(position);
      } catch (IOException again) {
        e.addSuppressed(again);
        failure = e;
      }
      throw e;
    }
    segment.size += record.length;
    written += record.length;
  }

  /**
   * Forces the active segment, starts the next one (a new file and one directory fsync) and deletes
   * or compacts the oldest segments. Guarded by lock.
   */
  private void roll() throws IOException {
    Segment old = active;
    try {
      old.channel().force(false);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
    synchronized (syncMonitor) {
      forced = Math.max(forced, written);
      forces++;
      syncMonitor.notifyAll();
    }
    Segment next = createSegment(old.seq + 1);
    segments.put(next.seq, next);
    active = next;
    old.retired = true;
    closeQuietly(old.channel);
    old.channel = null;
    deleteEmptyHeads(true);
  }

  /** Creates the segment file and makes its name durable; on failure leaves nothing behind. */
  private Segment createSegment(long seq) throws IOException {
    Segment segment = new Segment(seq, segmentsDir.resolve(segmentName(seq)));
    segment.channel =
        FileChannel.open(segment.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      segmentsSync.sync();
    } catch (IOException | RuntimeException e) {
      closeQuietly(segment.channel);
      try {
        Files.deleteIfExists(segment.path);
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    return segment;
  }

  /**
   * Deletes the oldest segments while nothing in them is live; with {@code carry}, first copies the
   * few live records of the oldest segment (at most a quarter of a segment) into the active one so
   * that a long-lived dead letter or entry does not keep every younger segment. Only the oldest
   * segments go: an acknowledgement in a segment refers to an entry in it or an older one. Guarded
   * by lock.
   */
  private void deleteEmptyHeads(boolean carry) throws IOException {
    int deleted = 0;
    while (true) {
      Segment head = segments.firstEntry().getValue();
      if (head == active || head.pins > 0) {
        break;
      }
      if (!head.live.isEmpty()) {
        if (!carry || !worthCarrying(head)) {
          break;
        }
        carry = false; // one segment per roll bounds the work
        for (Object item : new ArrayList<>(head.live)) {
          byte[] record;
          if (item instanceof Slot) {
            Slot slot = (Slot) item;
            record = RecordFormat.encodeEntry(slot.entry, slot.counter);
            slot.segment = active;
          } else {
            DeadSlot slot = (DeadSlot) item;
            record = RecordFormat.encodeDeadLetter(slot.letter, slot.counter);
            slot.segment = active;
          }
          writeAt(active, record);
          head.live.remove(item);
          active.live.add(item);
        }
        try {
          active.channel().force(false);
        } catch (IOException e) {
          failure = e;
          throw e;
        }
        synchronized (syncMonitor) {
          forced = Math.max(forced, written);
          forces++;
          syncMonitor.notifyAll();
        }
        LOG.debug("Carried the live records of segment {} forward into {}", head.path, active.path);
      }
      Files.deleteIfExists(head.path);
      segments.remove(head.seq);
      deleted++;
      LOG.debug("Deleted segment {}: nothing in it is live", head.path);
    }
    if (deleted > 0) {
      // Deletions become durable in order, so that no younger segment's acknowledgements vanish
      // while an older segment's entries survive.
      segmentsSync.sync();
    }
  }

  /** After a durable change: deletes segments it emptied (a failure only delays that). */
  private void compactAfterDurableChange() {
    lock.lock();
    try {
      if (!closed && failure == null) {
        deleteEmptyHeads(false);
      }
    } catch (IOException e) {
      LOG.warn("Could not delete a fully processed segment of {}: {}", directory, e.toString());
    } finally {
      lock.unlock();
    }
  }

  private void unpinAndCompact(Segment segment) {
    lock.lock();
    try {
      segment.pins--;
    } finally {
      lock.unlock();
    }
    compactAfterDurableChange();
  }

  /**
   * Whether to copy the oldest segment's live records forward: when they are few (at most a
   * quarter of a segment), or when the closed segments hold more than twice the live data plus two
   * segments (mostly garbage kept by a few old records). Either way the copying costs at most about
   * as much again as was written.
   */
  private boolean worthCarrying(Segment head) {
    if (liveBytes(head) <= segmentBytes / 4) {
      return true;
    }
    long closedBytes = 0;
    long live = 0;
    for (Segment segment : segments.values()) {
      if (segment != active) {
        closedBytes += segment.size;
        live += liveBytes(segment);
      }
    }
    return closedBytes > 2 * live + 2 * segmentBytes;
  }

  private static long liveBytes(Segment segment) {
    long bytes = 0;
    for (Object item : segment.live) {
      bytes +=
          item instanceof Slot
              ? ((Slot) item).entry.payload().length + 128L
              : ((DeadSlot) item).letter.entry().payload().length + 256L;
    }
    return bytes;
  }

  /**
   * Returns once every record up to logical position {@code end} is durable. Group commit: one
   * caller (the leader) forces the log; a force started after a record was written covers it, so
   * concurrent callers share one force instead of queueing for one each.
   */
  private void awaitDurable(long end) throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        synchronized (syncMonitor) {
          while (true) {
            if (forced >= end) {
              return;
            }
            IOException failed = failure;
            if (failed != null) {
              throw new IOException("an fdatasync of the log failed: " + failed, failed);
            }
            if (!leaderRunning) {
              leaderRunning = true;
              break;
            }
            try {
              syncMonitor.wait();
            } catch (InterruptedException e) {
              interrupted = true; // the record is written: wait for its force regardless
            }
          }
        }
        lead();
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** One force of the active segment by the leader, covering everything written before it began. */
  private void lead() throws IOException {
    boolean done = false;
    long coverUpTo = 0;
    try {
      Segment segment;
      lock.lock();
      try {
        ensureOpen();
        segment = active;
        coverUpTo = written;
      } finally {
        lock.unlock();
      }
      force(segment);
      done = true;
    } catch (IOException e) {
      failure = e;
      throw e;
    } finally {
      synchronized (syncMonitor) {
        leaderRunning = false;
        if (done) {
          forced = Math.max(forced, coverUpTo);
          forces++;
        }
        syncMonitor.notifyAll();
      }
    }
  }

  private void force(Segment segment) throws IOException {
    FileChannel channel;
    lock.lock();
    try {
      channel = segment.channel;
    } finally {
      lock.unlock();
    }
    try {
      if (channel != null) {
        channel.force(false);
        return;
      }
    } catch (ClosedChannelException e) {
      // Closed by close(), by a roll (which forced it) or by an interrupt of another thread.
    }
    lock.lock();
    try {
      ensureOpen();
      if (segment.retired) {
        return; // the roll forced it
      }
      channel = segment.reopenIfClosed();
    } finally {
      lock.unlock();
    }
    channel.force(false);
  }

  // ---------------------------------------------------------------------------------------------
  // Recovery

  private void recover() throws IOException {
    loadQuarantined();
    List<Segment> found = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(segmentsDir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        Long seq = parseSegmentName(name);
        if (seq == null || !Files.isRegularFile(file)) {
          LOG.warn("Ignoring unexpected file {} in the outbox", file);
          continue;
        }
        found.add(new Segment(seq, file));
      }
    }
    found.sort(Comparator.comparingLong(s -> s.seq));
    long maxCounter = 0;
    int setAside = 0;
    boolean lastDamaged = false;
    for (int i = 0; i < found.size(); i++) {
      Segment segment = found.get(i);
      segments.put(segment.seq, segment);
      Replay replay = replay(segment, i == found.size() - 1);
      maxCounter = Math.max(maxCounter, replay.maxCounter);
      setAside += replay.setAside;
      lastDamaged = replay.setAside > 0 && i == found.size() - 1;
    }
    nextCounter = maxCounter + 1;
    Segment last = segments.isEmpty() ? null : segments.lastEntry().getValue();
    if (last == null || lastDamaged) {
      // Never append after an unreadable stretch: the next replay could not find the new records.
      long seq = last == null ? 1 : last.seq + 1;
      Segment next = createSegment(seq);
      segments.put(seq, next);
      if (last != null) {
        last.retired = true;
      }
      active = next;
    } else {
      last.channel = FileChannel.open(last.path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      last.size = last.channel.size();
      active = last;
    }
    deleteEmptyHeads(false);
    dead.sort(DEAD_ORDER);
    LOG.info(
        "Opened outbox {}: {} pending, {} dead letters, {} quarantined ({} set aside now), {} segments",
        directory,
        byId.size(),
        dead.size(),
        quarantined.size(),
        setAside,
        segments.size());
  }

  private static final class Replay {
    long maxCounter;
    int setAside;
  }

  /** Replays one segment into the index; cuts a torn tail off the last one. */
  private Replay replay(Segment segment, boolean last) throws IOException {
    Replay replay = new Replay();
    byte[] bytes = Files.readAllBytes(segment.path);
    segment.size = bytes.length;
    ByteBuffer b = ByteBuffer.wrap(bytes);
    int n = bytes.length;
    int p = 0;
    int minimum = RecordFormat.HEADER_BYTES + RecordFormat.TRAILER_BYTES;
    while (p < n) {
      boolean framed = n - p >= minimum && b.getInt(p) == RecordFormat.MAGIC && b.getInt(p + 8) >= 0;
      long total = framed ? (long) minimum + b.getInt(p + 8) : -1;
      if (!framed || p + total > n) {
        boolean reachesEnd = n - p < minimum || (framed && p + total > n) || allZero(bytes, p, n);
        if (last && reachesEnd) {
          truncateTornTail(segment, p, n);
        } else {
          String reason =
              n - p < minimum
                  ? "segment ends in " + (n - p) + " bytes, shorter than a record"
                  : framed
                      ? "record announces " + total + " bytes, past the end of the segment"
                      : String.format("no record header (magic 0x%08X)", b.getInt(p));
          quarantineSegment(segment, p, reason + "; the rest of the segment was not read");
          replay.setAside++;
        }
        break;
      }
      byte[] record = java.util.Arrays.copyOfRange(bytes, p, (int) (p + total));
      try {
        replay.maxCounter = Math.max(replay.maxCounter, apply(record, segment));
      } catch (CorruptRecordException e) {
        if (last && (p + total == n || allZero(bytes, (int) (p + total), n))) {
          truncateTornTail(segment, p, n);
          break;
        }
        quarantineSegment(segment, p, e.getMessage() + "; replay continued after it");
        replay.setAside++;
      }
      p += (int) total;
    }
    return replay;
  }

  /** Applies one record to the index; returns its append counter. */
  private long apply(byte[] record, Segment segment) throws CorruptRecordException {
    byte type = record[5];
    switch (type) {
      case RecordFormat.TYPE_ENTRY -> {
        StoredEntry stored = RecordFormat.decodeEntry(record);
        Slot old = byId.get(stored.entry().id());
        if (old != null) {
          // A copy carried forward (same counter) or a re-append whose older acknowledgement was lost.
          unindex(old);
          old.segment.live.remove(old);
        }
        Slot slot = new Slot(stored.entry(), stored.counter());
        slot.segment = segment;
        segment.live.add(slot);
        index(slot);
        return stored.counter();
      }
      case RecordFormat.TYPE_DEAD_LETTER -> {
        StoredDeadLetter stored = RecordFormat.decodeDeadLetter(record);
        UUID id = stored.deadLetter().entry().id();
        Slot old = byId.get(id);
        if (old != null && old.counter == stored.counter()) {
          unindex(old);
          old.segment.live.remove(old);
        }
        removeDead(id, stored.counter());
        DeadSlot slot = new DeadSlot(stored.deadLetter(), stored.counter());
        slot.segment = segment;
        segment.live.add(slot);
        dead.add(slot);
        return stored.counter();
      }
      case RecordFormat.TYPE_ACK -> {
        Tombstone ack = RecordFormat.decodeTombstone(record, RecordFormat.TYPE_ACK);
        Slot old = byId.get(ack.id());
        if (old != null && old.counter == ack.counter()) {
          unindex(old);
          old.segment.live.remove(old);
        }
        return ack.counter();
      }
      case RecordFormat.TYPE_DEAD_REMOVED -> {
        Tombstone removed = RecordFormat.decodeTombstone(record, RecordFormat.TYPE_DEAD_REMOVED);
        removeDead(removed.id(), removed.counter());
        return removed.counter();
      }
      default -> {
        RecordFormat.decodeTombstone(record, RecordFormat.TYPE_ACK); // reports a bad checksum first
        throw new CorruptRecordException("unknown record type " + type);
      }
    }
  }

  private void removeDead(UUID id, long counter) {
    for (DeadSlot slot : new ArrayList<>(dead)) {
      if (slot.counter == counter && slot.letter.entry().id().equals(id)) {
        dead.remove(slot);
        slot.segment.live.remove(slot);
      }
    }
  }

  private static boolean allZero(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** The last append never returned (it was not durable): cut it off. */
  private void truncateTornTail(Segment segment, int position, int size) throws IOException {
    try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.WRITE)) {
      channel.truncate(position);
      channel.force(true);
    }
    segment.size = position;
    LOG.warn(
        "Cut a torn record of {} bytes off the end of {} (an append that never returned)",
        size - position,
        segment.path);
  }

  /**
   * Copies a segment with an unreadable record to quarantine/ (named after the segment and the
   * record's offset, so that a later open finds it already there) with a reason file.
   */
  private void quarantineSegment(Segment segment, int position, String reason) throws IOException {
    String name = segment.path.getFileName() + "@" + String.format("%08x", position);
    Path target = quarantineDir.resolve(name);
    String oneLine = reason.replace('\n', ' ').replace('\r', ' ');
    if (Files.exists(target)) {
      LOG.warn("Unreadable record at offset {} of {} (already in quarantine as {}): {}", position, segment.path, target, oneLine);
      return;
    }
    Instant at = clock.instant();
    Path tmp = quarantineDir.resolve(name + TMP_SUFFIX);
    Files.copy(segment.path, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String text = "at=" + at + "\nfrom=" + segment.path + "\noffset=" + position + "\nreason=" + oneLine + "\n";
    Files.writeString(quarantineDir.resolve(name + REASON_SUFFIX), text, StandardCharsets.UTF_8);
    Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    quarantineSync.sync();
    quarantined.add(new Quarantined(target.toString(), oneLine, at));
    LOG.error("Unreadable record at offset {} of {}, segment copied to {}: {}", position, segment.path, target, oneLine);
  }

  private void loadQuarantined() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(quarantineDir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(TMP_SUFFIX)) {
          Files.deleteIfExists(file); // an interrupted copy; the next replay copies again
          continue;
        }
        if (name.endsWith(REASON_SUFFIX) || !Files.isRegularFile(file)) {
          continue;
        }
        String reason = "unknown (no reason file)";
        Instant at = Files.getLastModifiedTime(file).toInstant();
        Path reasonFile = quarantineDir.resolve(name + REASON_SUFFIX);
        if (Files.exists(reasonFile)) {
          for (String line : Files.readAllLines(reasonFile, StandardCharsets.UTF_8)) {
            if (line.startsWith("reason=")) {
              reason = line.substring("reason=".length());
            } else if (line.startsWith("at=")) {
              try {
                at = Instant.parse(line.substring("at=".length()));
              } catch (DateTimeParseException e) {
                // keep the file time
              }
            }
          }
        }
        quarantined.add(new Quarantined(file.toString(), reason, at));
      }
    }
    quarantined.sort(Comparator.comparing(Quarantined::at).thenComparing(Quarantined::location));
  }

  private static String segmentName(long seq) {
    return String.format("%016x%s", seq, SEGMENT_SUFFIX);
  }

  private static Long parseSegmentName(String name) {
    if (name.length() != 16 + SEGMENT_SUFFIX.length() || !name.endsWith(SEGMENT_SUFFIX)) {
      return null;
    }
    try {
      return Long.parseUnsignedLong(name.substring(0, 16), 16);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.debug("Could not close {}: {}", closeable, e.toString());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Index (guarded by lock)

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The outbox " + directory + " is closed");
    }
  }

  private void index(Slot slot) {
    byId.put(slot.id, slot);
    byCounter.put(slot.counter, slot);
    byEnqueuedAt.add(slot);
    pendingBytes += slot.size;
    KeyQueue queue = byKey.computeIfAbsent(slot.entry.orderKey(), k -> new KeyQueue());
    Slot oldHead = queue.slots.isEmpty() ? null : queue.slots.first();
    queue.slots.add(slot);
    if (queue.slots.first() == slot) {
      if (oldHead != null) {
        heads.remove(oldHead.counter);
      }
      heads.put(slot.counter, queue);
    }
  }

  private void unindex(Slot slot) {
    byId.remove(slot.id);
    byCounter.remove(slot.counter);
    byEnqueuedAt.remove(slot);
    pendingBytes -= slot.size;
    slot.claimedUntil = null;
    KeyQueue queue = byKey.get(slot.entry.orderKey());
    boolean wasHead = queue.slots.first() == slot;
    queue.slots.remove(slot);
    if (queue.claimed == slot) {
      queue.claimed = null;
    }
    if (wasHead) {
      heads.remove(slot.counter);
      if (!queue.slots.isEmpty()) {
        heads.put(queue.slots.first().counter, queue);
      }
    }
    if (queue.slots.isEmpty()) {
      byKey.remove(slot.entry.orderKey());
    }
  }

  /** One segment file; the active one has an open channel. Guarded by lock. */
  private static final class Segment {
    final long seq;
    final Path path;
    FileChannel channel;
    long size;
    /** Forced and closed by a roll: a leader that finds its channel closed has nothing to do. */
    boolean retired;
    /** Changes in flight that need this segment kept until they are durable. */
    int pins;
    /** The pending entries and dead letters whose current record is in this segment. */
    final Set<Object> live = new LinkedHashSet<>();

    Segment(long seq, Path path) {
      this.seq = seq;
      this.path = path;
    }

    FileChannel channel() throws IOException {
      if (channel == null) {
        throw new ClosedChannelException();
      }
      return channel;
    }

    /** A channel closed by an interrupt of a thread doing I/O on it is opened again. */
    FileChannel reopenIfClosed() throws IOException {
      if (channel == null || !channel.isOpen()) {
        channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
      }
      return channel;
    }
  }

  /** A pending entry, payload included. */
  private static final class Slot {
    final OutboxEntry entry;
    final UUID id;
    final long counter;
    final int size;
    /** Where the entry's current record is. */
    Segment segment;
    /** When the current claim ends; null when not claimed. */
    Instant claimedUntil;

    Slot(OutboxEntry entry, long counter) {
      this.entry = entry;
      this.id = entry.id();
      this.counter = counter;
      this.size = entry.payload().length;
    }
  }

  /** The pending entries of one ordering key, in (sequence, append order). */
  private static final class KeyQueue {
    final TreeSet<Slot> slots = new TreeSet<>(KEY_ORDER);
    /** The key's claimed entry, if any: at most one per key. */
    Slot claimed;
  }

  private static final class DeadSlot {
    final DeadLetter letter;
    final long counter;
    /** Where the dead letter's current record is. */
    Segment segment;

    DeadSlot(DeadLetter letter, long counter) {
      this.letter = letter;
      this.counter = counter;
    }
  }
}
