package org.cisharing.test.outbox;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.SegmentOutbox;

/**
 * The victim of {@link FileOutboxCrashTest} and {@link SegmentOutboxCrashTest}: opens the outbox in
 * {@code args[0]} and appends from {@code args[1]} threads until killed, printing each id only after
 * {@code append} returned. With {@code args[2]} = {@code segment} it opens a {@link SegmentOutbox}
 * with segments of {@code args[3]} bytes instead of a {@link FileOutbox}.
 */
public final class OutboxCrashChild {
  private OutboxCrashChild() {}

  public static void main(String[] args) throws Exception {
    // Never outlive the test: stop with the parent, and after a minute in any case.
    ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
    Thread deadline =
        new Thread(
            () -> {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                return;
              }
              Runtime.getRuntime().halt(4);
            },
            "deadline");
    deadline.setDaemon(true);
    deadline.start();
    Path dir = Path.of(args[0]);
    int threads = Integer.parseInt(args[1]);
    Outbox outbox =
        args.length > 2 && args[2].equals("segment")
            ? SegmentOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC(), Long.parseLong(args[3]))
            : FileOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC());
    System.out.println("READY");
    System.out.flush();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Thread worker =
          new Thread(
              () -> {
                for (long n = 0; ; n++) {
                  UUID id = UUID.randomUUID();
                  String key = "incident-" + thread + "-" + (n % 4);
                  byte[] payload = ("{\"id\":\"" + id + "\",\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8);
                  outbox.append(
                      new OutboxEntry(id, "report", "/v1/reports", key, n, Clock.systemUTC().instant(), payload));
                  synchronized (System.out) {
                    System.out.println(id);
                    System.out.flush();
                  }
                }
              },
              "appender-" + t);
      worker.start();
    }
    Thread.currentThread().join(); // until killed
  }
}
