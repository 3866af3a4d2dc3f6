package org.cisharing.internal.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes directory changes (creations, renames, deletions) durable with group commit: a caller
 * asks for a sync after its own change; one fsync of the directory started after that change
 * covers it, whoever runs it. While one caller (the leader) runs an fsync, the others wait; the
 * next leader's fsync covers every change made before it started, so N concurrent appenders cost
 * about two directory fsyncs instead of N.
 *
 * <p>Where a directory cannot be opened or forced (some platforms refuse both), syncs are no-ops
 * and that is logged once. The directory is opened for each fsync: an interrupted leader closes
 * only its own channel (channels close on interrupt), never one that later callers need.
 * Thread-safe.
 */
public final class DirectorySync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DirectorySync.class);

  private final Path directory;
  private final boolean supported;
  private final Object lock = new Object();
  /** Tickets handed out; a ticket is taken after the caller's change is done. */
  private long issued;
  /** Every ticket up to this one is covered by a completed fsync. */
  private long covered;
  private boolean leaderRunning;
  private long fsyncs;

  private DirectorySync(Path directory, boolean supported) {
    this.directory = directory;
    this.supported = supported;
  }

  /** Opens the directory for syncing; if the platform cannot, returns a no-op syncer. */
  public static DirectorySync open(Path directory) {
    try {
      force(directory);
      return new DirectorySync(directory, true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.info("Cannot fsync directory {} on this platform ({}); relying on the file system", directory, e.toString());
      return new DirectorySync(directory, false);
    }
  }

  private static void force(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Returns once every change this thread made in the directory before calling is durable. */
  public void sync() throws IOException {
    if (!supported) {
      return;
    }
    long ticket;
    long coverUpTo;
    synchronized (lock) {
      ticket = ++issued;
      while (true) {
        if (covered >= ticket) {
          return;
        }
        if (!leaderRunning) {
          leaderRunning = true;
          coverUpTo = issued;
          break;
        }
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for the fsync of " + directory, e);
        }
      }
    }
    boolean done = false;
    try {
      force(directory);
      done = true;
    } finally {
      synchronized (lock) {
        leaderRunning = false;
        if (done) {
          covered = Math.max(covered, coverUpTo);
          fsyncs++;
        }
        lock.notifyAll();
      }
    }
  }

  /** How many directory fsyncs ran (for tests and benchmarks of the group commit). */
  public long fsyncs() {
    synchronized (lock) {
      return fsyncs;
    }
  }

  /** Nothing to release today (the directory is opened per fsync); kept for symmetry. */
  @Override
  public void close() {}
}
