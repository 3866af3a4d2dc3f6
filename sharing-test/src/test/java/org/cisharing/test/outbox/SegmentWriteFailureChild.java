package org.cisharing.test.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.stream.Stream;
import org.cisharing.SharingException;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.SegmentOutbox;

/**
 * Run by {@link SegmentOutboxWriteFailureTest} under a small file-size limit ({@code ulimit -f}): a
 * record written past the limit fails half-way with an {@code IOException}, like a full disk.
 * Prints what it sees, one fact per line.
 */
public final class SegmentWriteFailureChild {
  private SegmentWriteFailureChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    try (SegmentOutbox outbox = SegmentOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC())) {
      for (int i = 0; i < 3; i++) {
        System.out.println("OK " + append(outbox, 100));
      }
      long before = logBytes(dir);
      try {
        append(outbox, 64 * 1024);
        System.out.println("APPENDED the big entry");
      } catch (SharingException e) {
        System.out.println("FAILED " + e.getClass().getName() + ": " + e.getMessage().replace('\n', ' '));
      }
      System.out.println("GROWN " + (logBytes(dir) - before));
      System.out.println("PENDING " + outbox.pendingCount());
      System.out.println("OK " + append(outbox, 100));
    }
    System.out.flush();
  }

  private static long logBytes(Path dir) throws Exception {
    long total = 0;
    try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
      for (Path p : (Iterable<Path>) files::iterator) {
        total += Files.size(p);
      }
    }
    return total;
  }

  private static UUID append(SegmentOutbox outbox, int payloadBytes) {
    UUID id = UUID.randomUUID();
    byte[] payload = "x".repeat(payloadBytes).getBytes(StandardCharsets.UTF_8);
    outbox.append(new OutboxEntry(id, "report", "/v1/reports", "k", 1, Clock.systemUTC().instant(), payload));
    return id;
  }
}
