package org.cisharing.test.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import java.util.stream.Stream;
import org.cisharing.SharingException;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;

/**
 * Run by {@link FileOutboxWriteFailureTest} under a small file-size limit ({@code ulimit -f}): a
 * write past the limit fails half-way with an {@code IOException}, like a full disk. Prints what
 * it sees, one fact per line.
 */
public final class OutboxWriteFailureChild {
  private OutboxWriteFailureChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    try (FileOutbox outbox = FileOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC())) {
      for (int i = 0; i < 3; i++) {
        System.out.println("OK " + append(outbox, 100));
      }
      try {
        append(outbox, 64 * 1024);
        System.out.println("APPENDED the big entry");
      } catch (SharingException e) {
        System.out.println("FAILED " + e.getClass().getName() + ": " + e.getMessage().replace('\n', ' '));
      }
      try (Stream<Path> files = Files.list(dir.resolve("pending"))) {
        System.out.println("TMP " + files.filter(p -> p.toString().endsWith(".tmp")).count());
      }
      System.out.println("PENDING " + outbox.pendingCount());
      System.out.println("OK " + append(outbox, 100));
    }
    System.out.flush();
  }

  private static UUID append(FileOutbox outbox, int payloadBytes) {
    UUID id = UUID.randomUUID();
    byte[] payload = "x".repeat(payloadBytes).getBytes(StandardCharsets.UTF_8);
    outbox.append(new OutboxEntry(id, "report", "/v1/reports", "k", 1, Clock.systemUTC().instant(), payload));
    return id;
  }
}
