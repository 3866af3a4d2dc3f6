package org.cisharing.internal.outbox;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.cisharing.SharingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exclusive hold of a directory store ({@code FileOutbox}, {@code SegmentOutbox}) on its
 * directory: first a process-wide set of the directories held open in this JVM, then an OS lock on
 * a lock file holding {@code "process <pid>"}, so that a refusal can name the holder. The set is
 * checked before the lock file is touched: Java file locks are POSIX {@code fcntl} locks on Linux,
 * owned by the process, and closing any channel on the lock file (as a refused second open in the
 * same process would) drops the lock held through the first one. The OS releases the lock when the
 * process dies, even with {@code kill -9}.
 */
public final class DirectoryLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DirectoryLock.class);

  /** Real paths of the directories held open in this process. */
  private static final Set<Path> OPEN_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final Path key;
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(Path directory, Path key, FileChannel channel, FileLock lock) {
    this.directory = directory;
    this.key = key;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the directory for one store.
   *
   * @param directory the (existing) directory, as the store names it in messages
   * @param key its real path
   * @param lockFileName the store's lock file in it
   * @param store the store's name, for messages
   * @throws SharingException when the directory is held by another store in this process or by
   *     another process, or the lock file cannot be opened or locked
   */
  public static DirectoryLock acquire(Path directory, Path key, String lockFileName, String store) {
    if (!OPEN_IN_THIS_PROCESS.add(key)) {
      throw new SharingException(
          "The outbox directory "
              + directory
              + " is already in use (opened by another "
              + store
              + " in this process); only one outbox may open a directory at a time");
    }
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              directory.resolve(lockFileName),
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      OPEN_IN_THIS_PROCESS.remove(key);
      throw new SharingException("Cannot open the lock file of the outbox " + directory + ": " + e, e);
    }
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      closeQuietly(channel);
      OPEN_IN_THIS_PROCESS.remove(key);
      throw new SharingException("Cannot lock the outbox directory " + directory + ": " + e, e);
    }
    if (lock == null) {
      String holder = holder(channel);
      closeQuietly(channel);
      OPEN_IN_THIS_PROCESS.remove(key);
      throw new SharingException(
          "The outbox directory "
              + directory
              + " is already in use ("
              + lockFileName
              + " is locked"
              + holder
              + "); only one outbox may open a directory at a time");
    }
    DirectoryLock held = new DirectoryLock(directory, key, channel, lock);
    try {
      byte[] pid = ("process " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(pid), 0);
    } catch (IOException e) {
      held.close();
      throw new SharingException("Cannot open the outbox in " + directory + ": " + e, e);
    }
    return held;
  }

  /** Releases the lock and the process-wide hold; the lock file stays. */
  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      LOG.debug("Could not release the lock on {}: {}", directory, e.toString());
    }
    closeQuietly(channel);
    OPEN_IN_THIS_PROCESS.remove(key);
  }

  private static String holder(FileChannel channel) {
    try {
      ByteBuffer buffer = ByteBuffer.allocate(64);
      channel.read(buffer, 0);
      String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
      return text.isEmpty() ? "" : " by " + text;
    } catch (IOException e) {
      return ""; // some platforms do not let anyone read a locked file
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("Could not close {}: {}", channel, e.toString());
    }
  }
}
