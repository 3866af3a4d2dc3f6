package org.cisharing.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;

/**
 * A burst of appends from several threads into a {@link FileOutbox} opened on a fresh directory
 * just before, with nothing acknowledged: the part of {@link SentryComparisonHarness}'s burst that
 * the file outbox spends creating files. Prints the append rate and latencies of each round (a
 * new directory each); used to compare changes to the file outbox side by side (run the two
 * builds alternately), not a test of the library.
 *
 * <p>Usage: {@code java -cp sharing-benchmarks/target/benchmarks.jar
 * org.cisharing.benchmarks.OutboxBurstProbe [appends=2000] [threads=4] [rounds=3] [work-dir]}.
 */
public final class OutboxBurstProbe {
  private OutboxBurstProbe() {}

  public static void main(String[] args) throws Exception {
    int appends = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    Path base = Files.createTempDirectory(
        Path.of(args.length > 3 ? args[3] : System.getProperty("java.io.tmpdir")), "burst-");
    byte[] payload = new byte[1600];
    Arrays.fill(payload, (byte) 'x');
    try {
      for (int round = 0; round < rounds; round++) {
        Path dir = base.resolve("outbox-" + round);
        long[] latencies = new long[appends];
        long elapsed;
        try (FileOutbox outbox = FileOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC())) {
          AtomicInteger next = new AtomicInteger();
          Thread[] workers = new Thread[threads];
          long t0 = System.nanoTime();
          for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
              for (int i = next.getAndIncrement(); i < appends; i = next.getAndIncrement()) {
                UUID id = UUID.randomUUID();
                long start = System.nanoTime();
                outbox.append(new OutboxEntry(id, "report", "/v1/reports", "incident-" + id, 1, Instant.now(), payload));
                latencies[i] = System.nanoTime() - start;
              }
            }, "appender-" + t);
            workers[t].start();
          }
          for (Thread worker : workers) {
            worker.join();
          }
          elapsed = System.nanoTime() - t0;
        }
        Arrays.sort(latencies);
        System.out.printf(
            "round %d: %d appends from %d threads into a fresh directory: %s appends/s, p50 %s µs, p99 %s µs, max %s µs%n",
            round,
            appends,
            threads,
            Bench.f0(appends / (elapsed / 1e9)),
            Bench.f0(latencies[appends / 2] / 1e3),
            Bench.f0(latencies[appends * 99 / 100] / 1e3),
            Bench.f0(latencies[appends - 1] / 1e3));
        Bench.deleteTree(dir);
      }
    } finally {
      Bench.deleteTree(base);
    }
  }
}
