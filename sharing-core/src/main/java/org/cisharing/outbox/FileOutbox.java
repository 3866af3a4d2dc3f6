package org.cisharing.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
import org.cisharing.internal.outbox.StoreLayouts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link Outbox}: one file per entry in a local directory, written to a temporary
 * name, fsynced and atomically renamed, with (group-committed) directory fsyncs making the names
 * durable, before {@link #append} returns. One {@code FileOutbox} in one process at a time may open
 * a directory (a lock on {@code outbox.lock}). On open, pending entries resume in order, leftover
 * temporary files are removed and unreadable files are moved to {@code quarantine/}, never
 * deleted.
 *
 * <pre>{@code
 * try (FileOutbox outbox = FileOutbox.open(Path.of("/var/lib/app/outbox"),
 *     OutboxConfig.defaults(), Clock.systemUTC())) {
 *   outbox.append(entry); // durable once this returns
 * }
 * }</pre>
 *
 * <p><b>Prepared files.</b> So that an append costs one flush (like appending to a log) instead of
 * two, a background thread ({@code sharing-outbox-files}) keeps up to 128 free temporary files
 * ({@code pending/*.prepared}) ready, their names already made durable by a directory fsync. An
 * append writes its record into one of them (its 4-byte magic last), forces it ({@code
 * fdatasync}) and, from then on, the entry is durable under that name; the background thread
 * renames it to its final name later (no fsync needed: after a crash the entry is found under
 * either name). When no prepared file is ready (a burst, a fresh directory), an append prepares a
 * few itself under one directory fsync. {@link #open(Path, OutboxConfig, Clock, int)} sets how
 * many files are kept prepared (0: every append creates its own file and forces the directory).
 *
 * <p>Payloads of pending entries are kept in memory up to 64 MiB (beyond that they are read from
 * disk when claimed), so delivery reads no file. The background thread marks an acknowledged
 * entry's file (its magic {@code CISO} becomes {@code CISA}) and keeps it as a spare while the
 * outbox is busy: spares are recycled into prepared files (renamed, their head zeroed) before any
 * file is created, and the others are deleted once the outbox has been idle for 500 ms (at most
 * the caps' worth are kept), so that drains and bursts never wait behind deletions. None of this
 * is forced: a mark or deletion lost in a crash makes the entry pending again after restart; it
 * is delivered again under the same idempotency key, which the hub answers as a replay; a marked
 * file found at open is removed. {@link #close} finishes the renames and deletes the spares.
 * Unknown ids passed to {@link
 * #acknowledge}, {@link #release} and {@link #deadLetter} are ignored. Dead letters do not count
 * towards the caps.
 *
 * <p>Thread-safe; every method except {@link #close} throws {@link IllegalStateException} once
 * closed. The storage format and crash behaviour are described in {@code docs/design/outbox.md}.
 *
 * @since 0.1.0
 */
public final class FileOutbox implements Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(FileOutbox.class);

  static final String LOCK_FILE = "outbox.lock";
  static final String PENDING_DIR = "pending";
  static final String DEAD_DIR = "dead";
  static final String QUARANTINE_DIR = "quarantine";
  private static final String ENTRY_SUFFIX = ".entry";
  private static final String DEAD_SUFFIX = ".dead";
  private static final String TMP_SUFFIX = ".tmp";
  private static final String REASON_SUFFIX = ".reason";
  private static final String PREPARED_SUFFIX = ".prepared";

  /** How many prepared files {@link #open(Path, OutboxConfig, Clock)} keeps ready. */
  public static final int DEFAULT_PREPARED_FILES = 128;

  /** Payload bytes of pending entries kept in memory; beyond that, claims read the files. */
  private static final long CACHE_BYTES = 64L << 20;

  /** Entry files read together at open (bounds the memory of a large recovery). */
  private static final int RECOVERY_CHUNK = 1024;

  /** What {@link #readEntries} gives for the file of an entry marked acknowledged. */
  private static final Object ACKNOWLEDGED = new Object();

  /** Threads reading entry files at open, at most. */
  private static final int RECOVERY_THREADS = 4;

  /** Zeroed bytes at the head of a recycled file: no record starts with them (magic "CISO"). */
  private static final int BLANK_BYTES = RecordFormat.HEADER_BYTES;

  /** The record's magic, written last by an append into a prepared file. */
  private static final int MAGIC_BYTES = 4;

  /** Files an append prepares itself when none is ready (one kept, the others offered). */
  private static final int CALLER_PREPARE_BATCH = 8;

  /** Files created per directory fsync when preparing. */
  private static final int PREPARE_BATCH = 32;

  /** Renames or deletions gathered before the housekeeper wakes at once. */
  private static final int HOUSEKEEPING_BATCH = 64;

  /** How long a partial batch of renames or deletions waits for more. */
  private static final long HOUSEKEEPING_LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /**
   * How long without appends or acknowledgements before the files of acknowledged entries kept
   * for reuse are deleted (see {@link #spares}).
   */
  private static final long QUIET_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** After a failure to prepare files, how long before trying again. */
  private static final long PREPARE_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

  // Written out rather than composed: every append, claim and acknowledgement runs them a few
  // dozen times (tree inserts and removals).
  private static final Comparator<Slot> KEY_ORDER =
      (a, b) -> a.sequence != b.sequence ? Long.compare(a.sequence, b.sequence) : Long.compare(a.counter, b.counter);
  private static final Comparator<Slot> ENQUEUED_ORDER =
      (a, b) -> {
        int byTime = a.enqueuedAt.compareTo(b.enqueuedAt);
        return byTime != 0 ? byTime : Long.compare(a.counter, b.counter);
      };
  private static final Comparator<DeadSlot> DEAD_ORDER =
      Comparator.<DeadSlot, Instant>comparing(d -> d.at).thenComparingLong(d -> d.counter);

  private final Path directory;
  private final Path pendingDir;
  private final Path deadDir;
  private final Path quarantineDir;
  private final OutboxConfig config;
  private final Clock clock;
  private final DirectoryLock directoryLock;
  private final DirectorySync pendingSync;
  private final DirectorySync deadSync;
  private final DirectorySync quarantineSync;
  private final Object quarantineMonitor = new Object();
  private final int preparedTarget;

  /** Guards the prepared files, the deletions and the housekeeper's state. */
  private final Object housekeeping = new Object();
  /** Empty files whose names are durable, ready for appends. */
  private final ArrayDeque<Path> prepared = new ArrayDeque<>();
  /** Entries stored under a prepared name, to rename to their final name. */
  private final ArrayDeque<Slot> renames = new ArrayDeque<>();
  /** Acknowledged entries whose files are to be marked acknowledged, recycled or deleted. */
  private final ArrayDeque<Slot> deletions = new ArrayDeque<>();
  /**
   * Acknowledged entries' files, marked acknowledged (their magic replaced) and kept while the
   * outbox is busy: refills of {@link #prepared} rename and blank them instead of creating files,
   * and the rest are deleted once the outbox has been quiet for {@link #QUIET_NANOS}, so that a
   * drain or a burst never waits behind file deletions (which on file systems mounted with {@code
   * discard} also slow every journal commit). At most the caps' worth (entries and bytes).
   */
  private final ArrayDeque<Spare> spares = new ArrayDeque<>();
  private long spareBytes;
  /** When the last append took a prepared file or the last rename or deletion was queued. */
  private long lastBusyNanos = System.nanoTime();
  private long nextPreparedNumber;
  private long prepareAgainAt = System.nanoTime();
  private boolean housekeeperStopping;
  private Thread housekeeper;

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
  private long nextCounter = 1;
  private long pendingBytes;
  private long cachedBytes;
  private int reservedEntries;
  private long reservedBytes;
  private boolean closed;

  private FileOutbox(
      Path directory,
      OutboxConfig config,
      Clock clock,
      DirectoryLock directoryLock,
      int preparedTarget) {
    this.directory = directory;
    this.preparedTarget = preparedTarget;
    this.pendingDir = directory.resolve(PENDING_DIR);
    this.deadDir = directory.resolve(DEAD_DIR);
    this.quarantineDir = directory.resolve(QUARANTINE_DIR);
    this.config = config;
    this.clock = clock;
    this.directoryLock = directoryLock;
    this.pendingSync = DirectorySync.open(pendingDir);
    this.deadSync = DirectorySync.open(deadDir);
    this.quarantineSync = DirectorySync.open(quarantineDir);
  }

  /**
   * Opens (creating it if needed) the outbox in {@code directory}, recovering what a previous run
   * left: pending entries, dead letters and quarantined files.
   *
   * @throws SharingException when the directory is locked by another process or another open
   *     outbox, or cannot be created or read
   */
  public static FileOutbox open(Path directory, OutboxConfig config, Clock clock) {
    return open(directory, config, clock, DEFAULT_PREPARED_FILES);
  }

  /**
   * Like {@link #open(Path, OutboxConfig, Clock)}, keeping {@code preparedFiles} empty files
   * prepared for appends (see the class comment); 0 makes every append create its own file and
   * wait for a directory fsync, which halves the append rate of one thread on most disks.
   *
   * @throws IllegalArgumentException when {@code preparedFiles} is negative or above 1024
   * @throws SharingException when the directory is locked by another process or another open
   *     outbox, or cannot be created or read
   */
  public static FileOutbox open(Path directory, OutboxConfig config, Clock clock, int preparedFiles) {
    if (preparedFiles < 0 || preparedFiles > 1024) {
      throw new IllegalArgumentException("preparedFiles must be between 0 and 1024: " + preparedFiles);
    }
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Path dir = directory.toAbsolutePath().normalize();
    StoreLayouts.refuseTheOtherStore(dir, "FileOutbox");
    Path key;
    try {
      Files.createDirectories(dir.resolve(PENDING_DIR));
      Files.createDirectories(dir.resolve(DEAD_DIR));
      Files.createDirectories(dir.resolve(QUARANTINE_DIR));
      key = dir.toRealPath();
    } catch (IOException e) {
      throw new SharingException("Cannot create the outbox directory " + dir + ": " + e, e);
    }
    DirectoryLock directoryLock = DirectoryLock.acquire(dir, key, LOCK_FILE, "FileOutbox");
    FileOutbox outbox = null;
    try {
      outbox = new FileOutbox(dir, config, clock, directoryLock, preparedFiles);
      outbox.recover();
      outbox.startHousekeeper();
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

  /** The directory this outbox stores its files in. */
  public Path directory() {
    return directory;
  }

  /** The caps this outbox was opened with. */
  public OutboxConfig config() {
    return config;
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

    Slot stored = null;
    try {
      Path file = pendingDir.resolve(entryFileName(counter, id));
      byte[] record = RecordFormat.encodeEntry(entry, counter);
      Path prepared = takePrepared();
      if (prepared == null && preparedTarget > 0) {
        prepared = prepareOnCallersThread();
      }
      if (prepared != null) {
        writePrepared(prepared, record);
        stored = new Slot(entry, counter, prepared, file);
      } else {
        writeDurably(file, record, pendingSync);
        stored = new Slot(entry, counter, file, file);
      }
    } catch (IOException e) {
      throw new SharingException("Could not store outbox entry " + id + " in " + pendingDir + ": " + e, e);
    } finally {
      lock.lock();
      try {
        appending.remove(id);
        reservedEntries--;
        reservedBytes -= size;
        if (stored != null && !closed) {
          index(stored);
        }
        appendFinished.signalAll();
      } finally {
        lock.unlock();
      }
      if (stored != null && stored.file != stored.finalFile) {
        schedule(renames, stored);
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
    List<Slot> claimed = new ArrayList<>();
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
        claimed.add(head);
      }
    } finally {
      lock.unlock();
    }
    return readAll(claimed);
  }

  @Override
  public void acknowledge(UUID id) {
    Objects.requireNonNull(id, "id");
    Slot slot = takePending(id);
    if (slot == null) {
      return;
    }
    // Deleted by the housekeeper, without a directory fsync: a delete lost in a crash only means
    // the entry is delivered again after the restart, under the same idempotency key, which the
    // hub answers as a replay. Deleting here would hold a delivery thread for a metadata update
    // (measured by DrainHarness).
    schedule(deletions, slot);
  }

  /** Removes a pending entry from the index (no longer claimable); null when unknown. */
  private Slot takePending(UUID id) {
    lock.lock();
    try {
      ensureOpen();
      Slot slot = byId.get(id);
      if (slot != null) {
        unindex(slot);
      }
      return slot;
    } finally {
      lock.unlock();
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
      KeyQueue queue = byKey.get(slot.orderKey);
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
    Slot slot = takePending(id);
    if (slot == null) {
      return;
    }
    OutboxEntry entry;
    try {
      entry = readSlot(slot);
    } catch (CorruptRecordException | IOException e) {
      setAside(slot, e);
      return;
    }
    Instant at = clock.instant();
    DeadLetter letter = new DeadLetter(entry, status, reason, problem, at);
    Path deadFile = deadDir.resolve(deadFileName(slot.counter, id));
    try {
      writeDurably(deadFile, RecordFormat.encodeDeadLetter(letter, slot.counter), deadSync);
    } catch (IOException | RuntimeException e) {
      lock.lock();
      try {
        if (!closed) {
          index(slot); // still pending: nothing changed on disk
        }
      } finally {
        lock.unlock();
      }
      if (e instanceof RuntimeException) {
        throw (RuntimeException) e;
      }
      throw new SharingException("Could not dead-letter outbox entry " + id + " in " + deadDir + ": " + e, e);
    }
    lock.lock();
    try {
      dead.add(new DeadSlot(id, slot.counter, at, deadFile));
      dead.sort(DEAD_ORDER);
    } finally {
      lock.unlock();
    }
    synchronized (slot) {
      slot.gone = true;
      try {
        // No directory fsync: the dead letter is durable, and the next open removes a pending copy
        // that a crash brought back (same id and counter).
        Files.deleteIfExists(slot.file);
      } catch (IOException e) {
        // The dead letter is durable; the next open removes the pending copy (same id and counter).
        LOG.warn("Dead-lettered outbox entry {} but could not remove {}: {}", id, slot.file, e.toString());
      }
    }
  }

  @Override
  public List<OutboxEntry> pending() {
    List<Slot> slots;
    lock.lock();
    try {
      ensureOpen();
      slots = new ArrayList<>(byCounter.values());
    } finally {
      lock.unlock();
    }
    return readAll(slots);
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
      return byEnqueuedAt.isEmpty() ? Optional.empty() : Optional.of(byEnqueuedAt.first().enqueuedAt);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<DeadLetter> deadLetters() {
    List<DeadSlot> slots;
    lock.lock();
    try {
      ensureOpen();
      slots = new ArrayList<>(dead);
    } finally {
      lock.unlock();
    }
    List<DeadLetter> letters = new ArrayList<>(slots.size());
    for (DeadSlot slot : slots) {
      try {
        StoredDeadLetter stored = RecordFormat.decodeDeadLetter(readFile(slot.file));
        letters.add(stored.deadLetter());
      } catch (NoSuchFileException e) {
        forgetDeadLetter(slot);
        LOG.warn("Dead letter file {} disappeared", slot.file);
      } catch (CorruptRecordException | IOException e) {
        forgetDeadLetter(slot);
        Quarantined q = quarantineFile(slot.file, "dead letter: " + describe(e));
        addQuarantined(q);
      }
    }
    return List.copyOf(letters);
  }

  @Override
  public boolean removeDeadLetter(UUID id) {
    Objects.requireNonNull(id, "id");
    List<DeadSlot> matching = new ArrayList<>();
    lock.lock();
    try {
      ensureOpen();
      for (DeadSlot slot : dead) {
        if (slot.id.equals(id)) {
          matching.add(slot);
        }
      }
      dead.removeAll(matching);
    } finally {
      lock.unlock();
    }
    try {
      for (DeadSlot slot : matching) {
        Files.deleteIfExists(slot.file);
      }
      if (!matching.isEmpty()) {
        deadSync.sync();
      }
    } catch (IOException e) {
      throw new SharingException("Could not remove dead letter " + id + " from " + directory + ": " + e, e);
    }
    return !matching.isEmpty();
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

  /** Releases the directory lock. Pending entries and dead letters stay for the next open. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      appendFinished.signalAll();
    } finally {
      lock.unlock();
    }
    stopHousekeeper();
    closeQuietly(pendingSync);
    closeQuietly(deadSync);
    closeQuietly(quarantineSync);
    directoryLock.close();
    LOG.debug("Closed outbox {}", directory);
  }

  @Override
  public String toString() {
    return "FileOutbox{" + directory + "}";
  }

  // ---------------------------------------------------------------------------------------------
  // Recovery

  private void recover() throws IOException {
    String[] pendingNames = names(pendingDir); // listed once: a large backlog has many names
    String[] deadNames = names(deadDir);
    int temporaries =
        removeTemporaries(pendingDir, pendingNames)
            + removeTemporaries(deadDir, deadNames)
            + removeTemporaries(quarantineDir, names(quarantineDir));
    loadQuarantined();
    int setAside = 0;
    long maxCounter = 0;
    Set<String> deadKeys = new HashSet<>();
    for (Path file : list(deadDir, deadNames, DEAD_SUFFIX)) {
      try {
        StoredDeadLetter stored = RecordFormat.decodeDeadLetter(readFile(file));
        UUID id = stored.deadLetter().entry().id();
        requireName(file, deadFileName(stored.counter(), id));
        dead.add(new DeadSlot(id, stored.counter(), stored.deadLetter().at(), file));
        deadKeys.add(deadFileName(stored.counter(), id));
        maxCounter = Math.max(maxCounter, stored.counter());
      } catch (CorruptRecordException | IOException e) {
        quarantined.add(quarantineFile(file, "dead letter: " + describe(e)));
        setAside++;
      }
    }
    dead.sort(DEAD_ORDER);
    int finishedDeadLetters = 0;
    int acknowledgedRemoved = 0;
    List<Path> entryFiles = list(pendingDir, pendingNames, ENTRY_SUFFIX);
    Object[] chunk = new Object[0];
    for (int i = 0; i < entryFiles.size(); i++) {
      if (i % RECOVERY_CHUNK == 0) {
        chunk = readEntries(entryFiles.subList(i, Math.min(entryFiles.size(), i + RECOVERY_CHUNK)));
      }
      Path file = entryFiles.get(i);
      try {
        Object read = chunk[i % RECOVERY_CHUNK];
        if (read == ACKNOWLEDGED) {
          // Delivered; its file was kept for reuse when the process stopped: nothing to resume.
          Files.delete(file);
          acknowledgedRemoved++;
          continue;
        } else if (read instanceof IOException) {
          throw (IOException) read;
        } else if (read instanceof CorruptRecordException) {
          throw (CorruptRecordException) read;
        }
        StoredEntry stored = (StoredEntry) read;
        UUID id = stored.entry().id();
        requireName(file, entryFileName(stored.counter(), id));
        maxCounter = Math.max(maxCounter, stored.counter());
        if (!deadKeys.isEmpty() && deadKeys.contains(deadFileName(stored.counter(), id))) {
          // A crash interrupted deadLetter after the dead letter was durable: finish it.
          Files.delete(file);
          finishedDeadLetters++;
        } else if (byId.containsKey(id)) {
          quarantined.add(quarantineFile(file, "duplicate of pending entry " + byId.get(id).file));
          setAside++;
        } else {
          index(new Slot(stored.entry(), stored.counter(), file, file));
        }
      } catch (CorruptRecordException | IOException e) {
        quarantined.add(quarantineFile(file, describe(e)));
        setAside++;
      }
    }
    int unfinished = 0;
    int renamed = 0;
    for (Path file : list(pendingDir, pendingNames, PREPARED_SUFFIX)) {
      nextPreparedNumber = Math.max(nextPreparedNumber, preparedNumber(file) + 1);
      try {
        byte[] bytes = readFile(file);
        if (isFree(bytes)) {
          if (prepared.size() < preparedTarget) {
            // Never written, or blanked: keep it for appends (its name is made durable below).
            prepared.add(file);
          } else {
            Files.delete(file);
          }
          continue;
        }
        if (RecordFormat.isUnfinishedRecord(bytes)) {
          // The append writing it had not returned (its force never completed): nobody was told
          // the entry was stored, so this is a leftover like a temporary file.
          Files.delete(file);
          unfinished++;
          LOG.info("Removed unfinished prepared file {} ({} bytes)", file, bytes.length);
          continue;
        }
        if (RecordFormat.isAcknowledgedEntry(bytes)) {
          // A spare being recycled when the process stopped (renamed, not yet blanked).
          Files.delete(file);
          acknowledgedRemoved++;
          continue;
        }
        StoredEntry stored = RecordFormat.decodeEntry(bytes);
        UUID id = stored.entry().id();
        maxCounter = Math.max(maxCounter, stored.counter());
        Path target = pendingDir.resolve(entryFileName(stored.counter(), id));
        if (!deadKeys.isEmpty() && deadKeys.contains(deadFileName(stored.counter(), id))) {
          Files.delete(file);
          finishedDeadLetters++;
        } else if (byId.containsKey(id) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
          quarantined.add(quarantineFile(file, "duplicate of pending entry " + id));
          setAside++;
        } else {
          // Durable under the prepared name: the append returned, the rename did not happen.
          Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
          index(new Slot(stored.entry(), stored.counter(), target, target));
          renamed++;
        }
      } catch (CorruptRecordException | IOException e) {
        quarantined.add(quarantineFile(file, describe(e)));
        setAside++;
      }
    }
    nextCounter = maxCounter + 1;
    if (temporaries + finishedDeadLetters + unfinished + renamed > 0 || !prepared.isEmpty()) {
      pendingSync.sync();
      deadSync.sync();
      quarantineSync.sync();
    }
    LOG.info(
        "Opened outbox {}: {} pending, {} dead letters, {} quarantined ({} set aside now, {} temporary files removed, {} interrupted dead letters finished, {} entries recovered from prepared files, {} files of acknowledged entries removed)",
        directory,
        byId.size(),
        dead.size(),
        quarantined.size(),
        setAside,
        temporaries + unfinished,
        finishedDeadLetters,
        renamed,
        acknowledgedRemoved);
  }

  /**
   * Reads and decodes entry files, on up to {@link #RECOVERY_THREADS} threads when there are many
   * (opening a large backlog is dominated by these reads); each result is a {@link StoredEntry},
   * {@link #ACKNOWLEDGED}, an {@link IOException} or a {@link CorruptRecordException}, in the order
   * of {@code files}.
   */
  private static Object[] readEntries(List<Path> files) {
    Object[] results = new Object[files.size()];
    int stripes = Math.min(RECOVERY_THREADS, Runtime.getRuntime().availableProcessors());
    if (stripes < 2 || files.size() < RECOVERY_CHUNK / 4) {
      decodeStripe(files, results, 0, 1);
      return results;
    }
    List<Thread> helpers = new ArrayList<>();
    for (int stripe = 1; stripe < stripes; stripe++) {
      int first = stripe;
      Thread helper = new Thread(() -> decodeStripe(files, results, first, stripes), "sharing-outbox-recovery");
      helper.setDaemon(true);
      helper.start();
      helpers.add(helper);
    }
    decodeStripe(files, results, 0, stripes);
    boolean interrupted = false;
    for (Thread helper : helpers) {
      while (true) {
        try {
          helper.join(); // join() also makes the helper's results visible here
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    for (int i = 0; i < results.length; i++) {
      if (results[i] == null) {
        results[i] = new IOException("not read (the recovery thread reading it failed)");
      }
    }
    return results;
  }

  private static void decodeStripe(List<Path> files, Object[] results, int first, int step) {
    for (int i = first; i < files.size(); i += step) {
      try {
        byte[] bytes = readFile(files.get(i));
        results[i] = RecordFormat.isAcknowledgedEntry(bytes) ? ACKNOWLEDGED : RecordFormat.decodeEntry(bytes);
      } catch (IOException | CorruptRecordException e) {
        results[i] = e;
      }
    }
  }

  private int removeTemporaries(Path dir, String[] names) throws IOException {
    int removed = 0;
    for (Path tmp : list(dir, names, TMP_SUFFIX)) {
      if (!Files.isRegularFile(tmp, LinkOption.NOFOLLOW_LINKS)) {
        LOG.warn("Ignoring unexpected {} in the outbox: not a regular file", tmp);
        continue;
      }
      // Never reported durable to anyone: the write that made it did not return.
      Files.deleteIfExists(tmp);
      removed++;
      LOG.info("Removed unfinished temporary file {}", tmp);
    }
    return removed;
  }

  private void loadQuarantined() throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(quarantineDir)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (name.endsWith(REASON_SUFFIX) || name.endsWith(TMP_SUFFIX) || !Files.isRegularFile(file)) {
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

  /** The names in {@code dir} ({@code File.list}: no {@code Path} per name, which counts at open). */
  private static String[] names(Path dir) throws IOException {
    String[] names = dir.toFile().list();
    if (names == null) {
      throw new IOException("Cannot list " + dir);
    }
    return names;
  }

  /**
   * The files among {@code names} with the suffix, in name order (= append order: names start with
   * the zero-padded append counter). Names with no known suffix are logged, once per directory.
   */
  private static List<Path> list(Path dir, String[] names, String suffix) {
    List<String> matching = new ArrayList<>();
    boolean warn = suffix.equals(ENTRY_SUFFIX) || suffix.equals(DEAD_SUFFIX);
    for (String name : names) {
      if (name.endsWith(suffix)) {
        matching.add(name);
      } else if (warn
          && !name.endsWith(ENTRY_SUFFIX)
          && !name.endsWith(DEAD_SUFFIX)
          && !name.endsWith(TMP_SUFFIX)
          && !name.endsWith(PREPARED_SUFFIX)) {
        LOG.warn("Ignoring unexpected file {} in the outbox", dir.resolve(name));
      }
    }
    matching.sort(null);
    List<Path> files = new ArrayList<>(matching.size());
    for (String name : matching) {
      files.add(dir.resolve(name));
    }
    return files;
  }

  private static void requireName(Path file, String expected) throws CorruptRecordException {
    if (!file.getFileName().toString().equals(expected)) {
      throw new CorruptRecordException("file name does not match its content (expected " + expected + ")");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Files

  private static String entryFileName(long counter, UUID id) {
    return hex16(counter) + '-' + id + ENTRY_SUFFIX;
  }

  private static String deadFileName(long counter, UUID id) {
    return hex16(counter) + '-' + id + DEAD_SUFFIX;
  }

  /** {@code String.format("%016x", value)}, without the cost of a format string (open names 10,000s). */
  private static String hex16(long value) {
    char[] digits = new char[16];
    for (int i = 15; i >= 0; i--) {
      digits[i] = Character.forDigit((int) (value & 0xF), 16);
      value >>>= 4;
    }
    return new String(digits);
  }

  /**
   * Write to a temporary name, force it, rename it atomically, then sync the directory: after a
   * crash the final name holds either nothing or the complete record.
   */
  private static void writeDurably(Path file, byte[] bytes, DirectorySync sync) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + TMP_SUFFIX);
    try {
      try (FileChannel channel =
          FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      deleteAfterFailure(tmp, e);
      throw e;
    }
    try {
      sync.sync();
    } catch (IOException | RuntimeException e) {
      // Not known to be durable: take it back so that the caller's retry does not store it twice.
      deleteAfterFailure(file, e);
      throw e;
    }
  }

  private static void deleteAfterFailure(Path file, Exception failure) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      failure.addSuppressed(e);
      LOG.warn("Could not remove {} after a failed write: {}", file, e.toString());
    }
  }

  private static byte[] readFile(Path file) throws IOException, CorruptRecordException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE - 64) {
        throw new CorruptRecordException("too large for a record: " + size + " bytes");
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) size);
      while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
        // read until full or end of file (the file may shrink meanwhile)
      }
      return buffer.hasRemaining() ? java.util.Arrays.copyOf(buffer.array(), buffer.position()) : buffer.array();
    }
  }

  private OutboxEntry readSlot(Slot slot) throws IOException, CorruptRecordException {
    OutboxEntry cached = slot.cached;
    if (cached != null) {
      return cached;
    }
    byte[] bytes;
    synchronized (slot) {
      bytes = readFile(slot.file); // not while the housekeeper renames it
    }
    StoredEntry stored = RecordFormat.decodeEntry(bytes);
    if (!stored.entry().id().equals(slot.id) || stored.counter() != slot.counter) {
      throw new CorruptRecordException("content changed since it was stored");
    }
    return stored.entry();
  }

  private List<OutboxEntry> readAll(List<Slot> slots) {
    List<OutboxEntry> entries = new ArrayList<>(slots.size());
    for (Slot slot : slots) {
      try {
        entries.add(readSlot(slot));
      } catch (CorruptRecordException | IOException e) {
        boolean stillPending;
        lock.lock();
        try {
          stillPending = byId.get(slot.id) == slot;
          if (stillPending) {
            unindex(slot);
          }
        } finally {
          lock.unlock();
        }
        if (stillPending) {
          setAside(slot, e);
        } // else acknowledged or dead-lettered meanwhile: nothing to return
      }
    }
    return List.copyOf(entries);
  }

  /** A pending entry became unreadable after open: quarantine it (it is already unindexed). */
  private void setAside(Slot slot, Exception failure) {
    Quarantined q;
    synchronized (slot) {
      slot.gone = true;
      if (failure instanceof NoSuchFileException) {
        LOG.error("Outbox entry file {} was removed by something other than the outbox", slot.file);
        q = new Quarantined(slot.file.toString(), "file disappeared: removed outside the outbox", clock.instant());
      } else {
        q = quarantineFile(slot.file, describe(failure));
      }
    }
    addQuarantined(q);
  }

  private void addQuarantined(Quarantined q) {
    lock.lock();
    try {
      quarantined.add(q);
    } finally {
      lock.unlock();
    }
  }

  private void forgetDeadLetter(DeadSlot slot) {
    lock.lock();
    try {
      dead.remove(slot);
    } finally {
      lock.unlock();
    }
  }

  /** Moves an unreadable file to quarantine/ with a reason file next to it; never deletes it. */
  private Quarantined quarantineFile(Path file, String reason) {
    Instant at = clock.instant();
    String oneLine = reason.replace('\n', ' ').replace('\r', ' ');
    synchronized (quarantineMonitor) {
      String name = file.getFileName().toString();
      Path target = quarantineDir.resolve(name);
      for (int i = 1; Files.exists(target) || Files.exists(reasonFileOf(target)); i++) {
        target = quarantineDir.resolve(name + "." + i);
      }
      try {
        String text = "at=" + at + "\nfrom=" + file + "\nreason=" + oneLine + "\n";
        writeDurably(reasonFileOf(target), text.getBytes(StandardCharsets.UTF_8), quarantineSync);
        try {
          Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(file, target);
        }
        quarantineSync.sync();
      } catch (IOException e) {
        LOG.error("Could not quarantine unreadable outbox file {} ({}): {}", file, oneLine, e.toString());
        return new Quarantined(file.toString(), oneLine + " (could not be moved to quarantine: " + e + ")", at);
      }
      LOG.warn("Quarantined unreadable outbox file {} as {}: {}", file, target, oneLine);
      return new Quarantined(target.toString(), oneLine, at);
    }
  }

  private static Path reasonFileOf(Path quarantinedFile) {
    return quarantinedFile.resolveSibling(quarantinedFile.getFileName() + REASON_SUFFIX);
  }

  private static String describe(Exception e) {
    if (e instanceof CorruptRecordException) {
      return e.getMessage();
    }
    return "unreadable: " + e;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.debug("Could not close {}: {}", closeable, e.toString());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Prepared files and deferred deletions (the housekeeper)

  private Path takePrepared() {
    synchronized (housekeeping) {
      Path file = prepared.poll();
      lastBusyNanos = System.nanoTime();
      if (prepared.size() <= preparedTarget / 2) {
        housekeeping.notifyAll();
      }
      return file;
    }
  }

  /**
   * Writes the record into a prepared file and forces it: from then on the entry is durable (the
   * file's name was made durable when it was prepared). The housekeeper renames it to its final
   * name later; recovery reads entries under either name.
   *
   * <p>A prepared file is empty (created) or blanked (recycled: its old record's first bytes
   * zeroed). A recycled file longer than the record is first cut to the record's length (its head
   * still blank, so a crash here leaves a free file), then the record overwrites it in place.
   */
  private static void writePrepared(Path prepared, byte[] record) throws IOException {
    try (FileChannel channel = FileChannel.open(prepared, StandardOpenOption.WRITE)) {
      if (channel.size() > record.length) {
        channel.truncate(record.length);
      }
      // Everything but the magic first, then the magic: a process that dies in between leaves a
      // file whose head is still zero, which recovery reuses as free instead of finding a torn
      // record in it.
      ByteBuffer body = ByteBuffer.wrap(record, MAGIC_BYTES, record.length - MAGIC_BYTES);
      while (body.hasRemaining()) {
        channel.write(body, body.position());
      }
      ByteBuffer magic = ByteBuffer.wrap(record, 0, MAGIC_BYTES);
      while (magic.hasRemaining()) {
        channel.write(magic, magic.position());
      }
      channel.force(false);
    } catch (IOException | RuntimeException e) {
      deleteAfterFailure(prepared, e);
      throw e;
    }
  }

  /**
   * Queues a rename or deletion. The housekeeper is woken by the first of a batch, then waits up
   * to {@link #HOUSEKEEPING_LINGER_NANOS} for the batch to fill (or is woken when it is full).
   */
  private void schedule(ArrayDeque<Slot> queue, Slot slot) {
    synchronized (housekeeping) {
      queue.add(slot);
      lastBusyNanos = System.nanoTime();
      if (queue.size() == 1 || queue.size() == HOUSEKEEPING_BATCH || housekeeperStopping) {
        housekeeping.notifyAll();
      }
    }
  }

  /** Renames an entry stored under a prepared name to its final name (no fsync needed). */
  private static void rename(Slot slot) {
    synchronized (slot) {
      if (slot.gone || slot.file == slot.finalFile) {
        return;
      }
      try {
        Files.move(slot.file, slot.finalFile, StandardCopyOption.ATOMIC_MOVE);
        slot.file = slot.finalFile;
      } catch (IOException e) {
        LOG.warn(
            "Could not rename outbox entry {} to {} (it stays durable under its prepared name): {}",
            slot.file,
            slot.finalFile,
            e.toString());
      }
    }
  }

  /**
   * A prepared file ready for an append: empty, blanked when it was recycled, or written by an
   * append that died before it wrote the magic (which it writes last). No record starts with zero.
   */
  private static boolean isFree(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, MAGIC_BYTES); i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static long preparedNumber(Path file) {
    String name = file.getFileName().toString();
    try {
      return Long.parseUnsignedLong(name.substring(0, name.length() - PREPARED_SUFFIX.length()), 16);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void startHousekeeper() {
    Thread thread = new Thread(this::housekeep, "sharing-outbox-files");
    thread.setDaemon(true);
    synchronized (housekeeping) {
      housekeeper = thread;
    }
    thread.start();
  }

  /**
   * Renames entries stored under prepared names, marks acknowledged entries' files and keeps them
   * as spares (or deletes them beyond the caps), refills the prepared files when fewer than half
   * the target are ready (from spares first, creating files only when there are none), and deletes
   * the spares once the outbox is quiet; in batches.
   */
  private void housekeep() {
    while (true) {
      List<Slot> rename;
      List<Slot> acknowledged;
      synchronized (housekeeping) {
        long lingerUntil = System.nanoTime() + HOUSEKEEPING_LINGER_NANOS;
        while (!housekeeperStopping
            && renames.size() < HOUSEKEEPING_BATCH
            && deletions.size() < HOUSEKEEPING_BATCH
            && preparedNeeded() == 0) {
          long now = System.nanoTime();
          long wait; // nanoseconds; Long.MAX_VALUE: until woken
          if (!deletions.isEmpty() && prepared.size() <= preparedTarget / 2) {
            break; // files to recycle while prepared ones run low: no lingering
          } else if (!renames.isEmpty() || !deletions.isEmpty()) {
            wait = lingerUntil - now; // a partial batch waits a little for company
          } else if (!spares.isEmpty()) {
            wait = lastBusyNanos + QUIET_NANOS - now; // then tops up the prepared files, deletes the rest
          } else if (prepared.size() <= preparedTarget / 2 && preparedTarget > 0) {
            wait = Math.max(1, prepareAgainAt - now);
          } else {
            wait = Long.MAX_VALUE;
          }
          if (wait <= 0) {
            break;
          }
          try {
            if (wait == Long.MAX_VALUE) {
              housekeeping.wait();
              lingerUntil = System.nanoTime() + HOUSEKEEPING_LINGER_NANOS;
            } else {
              housekeeping.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
            }
          } catch (InterruptedException e) {
            return; // only close() stops this thread, and it does so by the flag
          }
        }
        rename = new ArrayList<>(renames);
        renames.clear();
        acknowledged = new ArrayList<>(deletions);
        deletions.clear();
        if (housekeeperStopping && rename.isEmpty() && acknowledged.isEmpty()) {
          return;
        }
      }
      try {
        rename.forEach(FileOutbox::rename);
        acknowledged.forEach(this::retire);
        refill();
        deleteSparesWhenQuiet();
      } catch (RuntimeException e) {
        // Nothing here is needed for durability; keep the thread alive for the next batch.
        LOG.error("Outbox housekeeping in {} failed: {}", pendingDir, e.toString(), e);
      }
    }
  }

  /**
   * An acknowledged entry's file: its magic is overwritten with {@link
   * RecordFormat#ACKNOWLEDGED_MAGIC} (no fsync: a mark lost in a crash only means the entry is
   * delivered again, which the hub answers as a replay) and it is kept as a spare, or deleted when
   * the spares already hold the caps' worth or the outbox is closing.
   */
  private void retire(Slot slot) {
    synchronized (slot) {
      if (slot.gone) {
        return;
      }
      slot.gone = true;
      boolean keep;
      synchronized (housekeeping) {
        keep = !housekeeperStopping
            && spares.size() < config.maxEntries()
            && spareBytes + slot.size <= config.maxBytes();
      }
      if (keep && markAcknowledged(slot.file)) {
        synchronized (housekeeping) {
          spares.add(new Spare(slot.file, slot.size));
          spareBytes += slot.size;
        }
        return;
      }
      deleteAcknowledgedFile(slot.file);
    }
  }

  private static boolean markAcknowledged(Path file) {
    try {
      overwriteHead(file, ByteBuffer.allocate(MAGIC_BYTES).putInt(0, RecordFormat.ACKNOWLEDGED_MAGIC));
      return true;
    } catch (IOException e) {
      return false; // deleted instead
    }
  }

  /** Writes {@code bytes} over the start of {@code file}, in place (not forced). */
  private static void overwriteHead(Path file, ByteBuffer bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      while (bytes.hasRemaining()) {
        channel.write(bytes, bytes.position());
      }
    }
  }

  /** Takes up to {@code max} spares (guarded by housekeeping). */
  private List<Spare> takeSpares(int max) {
    List<Spare> taken = new ArrayList<>(Math.min(max, spares.size()));
    while (taken.size() < max && !spares.isEmpty()) {
      Spare spare = spares.poll();
      spareBytes -= spare.size();
      taken.add(spare);
    }
    return taken;
  }

  /**
   * When fewer than half the target are prepared: turns spares into prepared files, and creates
   * files for the rest (unless creating failed less than {@link #PREPARE_RETRY_NANOS} ago).
   */
  private void refill() {
    List<Spare> reuse;
    int create;
    synchronized (housekeeping) {
      int need = housekeeperStopping ? 0 : preparedNeeded();
      reuse = takeSpares(need);
      create = need - reuse.size() > 0 && System.nanoTime() - prepareAgainAt >= 0 ? need - reuse.size() : 0;
    }
    offer(recycle(reuse));
    if (create > 0) {
      prepareFiles(create);
    }
  }

  /**
   * Once no append or acknowledgement happened for {@link #QUIET_NANOS}: tops the prepared files
   * up to the target from the spares, then deletes a batch of the others.
   */
  private void deleteSparesWhenQuiet() {
    List<Spare> reuse;
    List<Spare> delete;
    synchronized (housekeeping) {
      if (spares.isEmpty() || (!housekeeperStopping && System.nanoTime() - lastBusyNanos < QUIET_NANOS)) {
        return;
      }
      reuse = takeSpares(housekeeperStopping ? 0 : Math.max(0, preparedTarget - prepared.size()));
      delete = takeSpares(HOUSEKEEPING_BATCH);
    }
    offer(recycle(reuse));
    for (Spare spare : delete) {
      deleteAcknowledgedFile(spare.file());
    }
  }

  private void offer(List<Path> ready) {
    if (!ready.isEmpty()) {
      synchronized (housekeeping) {
        prepared.addAll(ready);
      }
    }
  }

  /**
   * Turns spares into prepared files: each renamed to a prepared name, then its head zeroed (not
   * truncated: the next record overwrites blocks already allocated, and nothing is freed, so no
   * discard either), then one directory fsync for all. A crash between the rename and the
   * zeroing leaves a marked file under a prepared name, which recovery deletes. Spares that fail
   * are deleted; when the fsync fails they all are.
   */
  private List<Path> recycle(List<Spare> reuse) {
    if (reuse.isEmpty()) {
      return List.of();
    }
    List<Path> recycled = new ArrayList<>(reuse.size());
    for (Spare spare : reuse) {
      Path target = nextPreparedPath();
      try {
        Files.move(spare.file(), target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        deleteQuietly(spare.file());
        continue;
      }
      try {
        overwriteHead(target, ByteBuffer.allocate(BLANK_BYTES));
        recycled.add(target);
      } catch (IOException e) {
        deleteQuietly(target);
      }
    }
    if (recycled.isEmpty()) {
      return recycled;
    }
    try {
      pendingSync.sync(); // the prepared names are durable before any append writes into them
    } catch (IOException e) {
      LOG.warn("Could not sync {} after recycling files (they are deleted): {}", pendingDir, e.toString());
      recycled.forEach(FileOutbox::deleteQuietly);
      return List.of();
    }
    return recycled;
  }

  private Path nextPreparedPath() {
    long number;
    synchronized (housekeeping) {
      number = nextPreparedNumber++;
    }
    return pendingDir.resolve(hex16(number) + PREPARED_SUFFIX);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn("Could not remove {}: {}", file, e.toString());
    }
  }

  /**
   * How many files to make prepared now, from spares or by creating them (guarded by
   * housekeeping): none while more than half the target are ready or about to be (acknowledged
   * files not yet retired count: they become spares), nor while creating is backing off after a
   * failure and there is no spare.
   */
  private int preparedNeeded() {
    int soon = prepared.size() + deletions.size();
    if (preparedTarget == 0 || soon > preparedTarget / 2) {
      return 0;
    }
    if (spares.isEmpty() && System.nanoTime() - prepareAgainAt < 0) {
      return 0;
    }
    // In batches, so that appends get the first files while more are being made ready.
    return Math.min(PREPARE_BATCH, preparedTarget - soon);
  }

  private void prepareFiles(int count) {
    List<Path> created;
    try {
      created = createPrepared(count);
    } catch (IOException | RuntimeException e) {
      synchronized (housekeeping) {
        prepareAgainAt = System.nanoTime() + PREPARE_RETRY_NANOS;
      }
      LOG.warn(
          "Could not prepare outbox files in {} (appends create their own files meanwhile): {}",
          pendingDir,
          e.toString());
      return;
    }
    offer(created); // at close: left empty on disk, reused at the next open
  }

  /**
   * No prepared file was ready (a burst, or a fresh directory): this append prepares a few itself
   * (from spares if there are any, else by creating files), keeps one and offers the others, so
   * that one directory fsync serves several appends instead of one each. Returns null when that
   * fails; the caller then takes the classic path, which reports the failure.
   */
  private Path prepareOnCallersThread() {
    int count = Math.min(CALLER_PREPARE_BATCH, preparedTarget);
    List<Spare> reuse;
    synchronized (housekeeping) {
      reuse = takeSpares(count);
    }
    List<Path> created = recycle(reuse);
    if (created.isEmpty()) {
      try {
        created = createPrepared(count);
      } catch (IOException | RuntimeException e) {
        LOG.debug("Could not prepare outbox files on the appending thread: {}", e.toString());
        return null;
      }
    }
    synchronized (housekeeping) {
      prepared.addAll(created.subList(1, created.size()));
    }
    return created.get(0);
  }

  /** Creates empty files and makes their names durable; on failure removes them and throws. */
  private List<Path> createPrepared(int count) throws IOException {
    List<Path> created = new ArrayList<>(count);
    try {
      for (int i = 0; i < count; i++) {
        Path path = nextPreparedPath();
        Files.newByteChannel(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        created.add(path);
      }
      pendingSync.sync(); // the names are durable before any append writes into them
      return created;
    } catch (IOException | RuntimeException e) {
      for (Path file : created) {
        deleteAfterFailure(file, e);
      }
      throw e;
    }
  }

  private static void deleteAcknowledgedFile(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warn(
          "Could not remove acknowledged outbox entry {}: {}; after a restart it will be delivered"
              + " again, which the hub answers as a replay, unless it was marked acknowledged",
          file,
          e.toString());
    }
  }

  /**
   * Stops the housekeeper, finishes the renames and deletes the acknowledged entries' files
   * (spares included); prepared files stay for the next open.
   */
  private void stopHousekeeper() {
    Thread thread;
    synchronized (housekeeping) {
      housekeeperStopping = true;
      housekeeping.notifyAll();
      thread = housekeeper;
    }
    if (thread != null && thread != Thread.currentThread()) {
      boolean interrupted = false;
      while (true) {
        try {
          thread.join(TimeUnit.SECONDS.toMillis(30));
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    List<Slot> rename;
    List<Slot> acknowledged;
    List<Spare> unused;
    synchronized (housekeeping) {
      rename = new ArrayList<>(renames);
      renames.clear();
      acknowledged = new ArrayList<>(deletions);
      deletions.clear();
      unused = takeSpares(spares.size());
      prepared.clear(); // left empty on disk: reused at the next open
    }
    rename.forEach(FileOutbox::rename);
    acknowledged.forEach(this::retire); // deleted: the housekeeper is stopping
    for (Spare spare : unused) {
      deleteAcknowledgedFile(spare.file());
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
    if (slot.cached != null) {
      if (cachedBytes + slot.size <= CACHE_BYTES) {
        cachedBytes += slot.size;
      } else {
        slot.cached = null;
      }
    }
    byId.put(slot.id, slot);
    byCounter.put(slot.counter, slot);
    byEnqueuedAt.add(slot);
    pendingBytes += slot.size;
    KeyQueue queue = byKey.computeIfAbsent(slot.orderKey, KeyQueue::new);
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
    if (slot.cached != null) {
      cachedBytes -= slot.size;
    }
    byId.remove(slot.id);
    byCounter.remove(slot.counter);
    byEnqueuedAt.remove(slot);
    pendingBytes -= slot.size;
    slot.claimedUntil = null;
    KeyQueue queue = byKey.get(slot.orderKey);
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
      byKey.remove(slot.orderKey);
    }
  }

  /** A pending entry's metadata, and the entry itself while it fits in the cache. */
  private static final class Slot {
    final UUID id;
    final String orderKey;
    final long sequence;
    final Instant enqueuedAt;
    final long counter;
    final int size;
    /** Where the entry is: its prepared name until the housekeeper renames it (guarded by this). */
    volatile Path file;
    /** Its final name, {@code <counter>-<id>.entry}. */
    final Path finalFile;
    /** Deleted, dead-lettered or quarantined: not to be renamed or deleted again (guarded by this). */
    boolean gone;
    /** The entry, or null when it did not fit in the cache (then it is read from {@link #file}). */
    volatile OutboxEntry cached;
    /** When the current claim ends; null when not claimed. */
    Instant claimedUntil;

    Slot(OutboxEntry entry, long counter, Path file, Path finalFile) {
      this.id = entry.id();
      this.orderKey = entry.orderKey();
      this.sequence = entry.sequence();
      this.enqueuedAt = entry.enqueuedAt();
      this.counter = counter;
      this.size = entry.payload().length;
      this.file = file;
      this.finalFile = finalFile;
      this.cached = entry;
    }
  }

  /** The pending entries of one ordering key, in (sequence, append order). */
  private static final class KeyQueue {
    final String key;
    final TreeSet<Slot> slots = new TreeSet<>(KEY_ORDER);
    /** The key's claimed entry, if any: at most one per key. */
    Slot claimed;

    KeyQueue(String key) {
      this.key = key;
    }
  }

  /** An acknowledged entry's file, marked acknowledged, kept for reuse (see {@link #spares}). */
  private record Spare(Path file, int size) {}

  private static final class DeadSlot {
    final UUID id;
    final long counter;
    final Instant at;
    final Path file;

    DeadSlot(UUID id, long counter, Instant at, Path file) {
      this.id = id;
      this.counter = counter;
      this.at = at;
      this.file = file;
    }
  }
}
