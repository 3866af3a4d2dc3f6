package org.cisharing.internal.outbox;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cisharing.SharingException;

/**
 * Keeps the two directory stores apart: a {@code FileOutbox} directory holds {@code outbox.lock},
 * a {@code SegmentOutbox} directory holds {@code segment.lock}. Opening one store on the other's
 * directory would leave the other's reports undelivered (each store reads only its own files), so
 * it is refused with a message that says what the directory holds.
 */
public final class StoreLayouts {
  /** The lock file of {@code FileOutbox}. */
  public static final String FILE_STORE_LOCK = "outbox.lock";

  /** The lock file of {@code SegmentOutbox}. */
  public static final String SEGMENT_STORE_LOCK = "segment.lock";

  private StoreLayouts() {}

  /**
   * Throws when {@code directory} holds the other store's files.
   *
   * @param opening "FileOutbox" or "SegmentOutbox": the store being opened
   */
  public static void refuseTheOtherStore(Path directory, String opening) {
    boolean file = opening.equals("FileOutbox");
    String otherLock = file ? SEGMENT_STORE_LOCK : FILE_STORE_LOCK;
    if (!Files.exists(directory.resolve(otherLock))) {
      return;
    }
    String holds;
    if (file) {
      holds = "a SegmentOutbox (" + otherLock + ", " + count(directory.resolve("segments"), ".log") + " segment files)";
    } else {
      holds = "a FileOutbox (" + otherLock + ", " + count(directory.resolve("pending"), ".entry")
          + " pending report files, " + count(directory.resolve("dead"), ".dead") + " dead letters)";
    }
    throw new SharingException("The outbox directory " + directory + " holds " + holds + "; a " + opening
        + " cannot use it, because each store reads only its own files and the reports in it would never be"
        + " delivered. Give the " + opening + " another directory; to carry the pending reports over, open both"
        + " stores and call Outboxes.movePending(old, new), or keep this directory with the store that wrote it"
        + " until it is drained.");
  }

  private static long count(Path dir, String suffix) {
    long n = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + suffix)) {
      for (Path ignored : files) {
        n++;
      }
    } catch (IOException e) {
      return 0; // absent or unreadable: the lock file alone decides
    }
    return n;
  }
}
