package org.cisharing.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.cisharing.internal.outbox.RecordFormat;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.SegmentOutbox;

/**
 * Side-by-side cost of a durable submit on one disk, in one run: (a) the raw limit, one record
 * appended to one file with one {@code FileChannel.force} per record; (b) {@link
 * FileOutbox#append} from one thread; (c) {@link FileOutbox#append} from 8 threads; (d) {@link
 * SegmentOutbox#append} from one thread; (e) {@link SegmentOutbox#append} from 8 threads; (f)
 * {@link FileOutbox#append} from one thread, each append also acknowledging the entry appended
 * before it (as while the hub keeps up: acknowledged files are recycled as prepared files, so no
 * file is created). Prints ops/s, p50/p99 latency and the ratios to (a).
 *
 * <p>The cases run in interleaved slices (a, b, c, d, e, f, a, ...) so that a disk shared with other
 * work slows them alike. Usage (from the repository root, after {@code ./mvnw -B -pl
 * sharing-benchmarks -am package -DskipTests}): {@code java -cp
 * sharing-benchmarks/target/benchmarks.jar org.cisharing.benchmarks.OutboxSubmitHarness
 * [seconds-per-case=3] [slices=3] [work-dir]}. The work directory defaults to {@code
 * sharing-benchmarks/target/outbox-harness} (or {@code target/outbox-harness} when run
 * elsewhere) and is deleted afterwards.
 */
public final class OutboxSubmitHarness {
  private static final int THREADS = 8;
  private static final double WARMUP_SECONDS = 0.5;

  private OutboxSubmitHarness() {}

  /** What one case measured. */
  record Result(String name, long ops, double seconds, long[] latenciesNanos) {
    double opsPerSecond() {
      return ops / seconds;
    }

    double percentileMicros(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.min(latenciesNanos.length - 1, Math.ceil(p * latenciesNanos.length) - 1);
      return latenciesNanos[Math.max(0, index)] / 1_000.0;
    }
  }

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    int slices = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path work =
        args.length > 2
            ? Path.of(args[2])
            : Files.isDirectory(Path.of("sharing-benchmarks", "target"))
                ? Path.of("sharing-benchmarks", "target", "outbox-harness")
                : Path.of("target", "outbox-harness");
    work = work.toAbsolutePath();
    deleteRecursively(work);
    Files.createDirectories(work);

    byte[] payload = samplePayload();
    byte[] record = RecordFormat.encodeEntry(entry(payload), 1);
    System.out.printf(
        Locale.ROOT,
        "Durable submit on %s (java %s, %s %s, %d CPUs)%npayload %d bytes, record %d bytes;"
            + " %.1f s per case in %d interleaved slices (a, b, c, d, e, f, a, ...)%n%n",
        work,
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        Runtime.getRuntime().availableProcessors(),
        payload.length,
        record.length,
        seconds,
        slices);

    OutboxConfig unbounded = new OutboxConfig(Integer.MAX_VALUE, Long.MAX_VALUE);
    Path rawFile = work.resolve("raw.log");
    try (FileChannel channel =
            FileChannel.open(
                rawFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        FileOutbox single = FileOutbox.open(work.resolve("outbox-1"), unbounded, Clock.systemUTC());
        FileOutbox multi = FileOutbox.open(work.resolve("outbox-" + THREADS), unbounded, Clock.systemUTC());
        SegmentOutbox segmentSingle = SegmentOutbox.open(work.resolve("segment-1"), unbounded, Clock.systemUTC());
        SegmentOutbox segmentMulti =
            SegmentOutbox.open(work.resolve("segment-" + THREADS), unbounded, Clock.systemUTC());
        FileOutbox steady = FileOutbox.open(work.resolve("outbox-steady"), unbounded, Clock.systemUTC())) {
      OpFactory raw =
          t -> {
            ByteBuffer buffer = ByteBuffer.wrap(record);
            return () -> {
              try {
                buffer.rewind();
                while (buffer.hasRemaining()) {
                  channel.write(buffer);
                }
                channel.force(false);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            };
          };
      OpFactory appendSingle = t -> () -> single.append(entry(payload));
      OpFactory appendMulti = t -> () -> multi.append(entry(payload));
      OpFactory segmentAppendSingle = t -> () -> segmentSingle.append(entry(payload));
      OpFactory segmentAppendMulti = t -> () -> segmentMulti.append(entry(payload));
      OpFactory appendSteady =
          t -> {
            UUID[] previous = new UUID[1];
            return () -> {
              OutboxEntry next = entry(payload);
              steady.append(next);
              if (previous[0] != null) {
                steady.acknowledge(previous[0]);
              }
              previous[0] = next.id();
            };
          };

      run(raw.forThread(0), WARMUP_SECONDS);
      run(appendSingle.forThread(0), WARMUP_SECONDS);
      run(appendMulti.forThread(0), WARMUP_SECONDS);
      run(segmentAppendSingle.forThread(0), WARMUP_SECONDS);
      run(segmentAppendMulti.forThread(0), WARMUP_SECONDS);
      run(appendSteady.forThread(0), WARMUP_SECONDS);

      List<Result> a = new ArrayList<>();
      List<Result> b = new ArrayList<>();
      List<Result> c = new ArrayList<>();
      List<Result> d = new ArrayList<>();
      List<Result> e = new ArrayList<>();
      List<Result> f = new ArrayList<>();
      for (int slice = 0; slice < slices; slice++) {
        a.add(measure("(a) raw: append + force, one file", 1, raw, seconds / slices));
        b.add(measure("(b) FileOutbox.append, 1 thread", 1, appendSingle, seconds / slices));
        c.add(measure("(c) FileOutbox.append, " + THREADS + " threads", THREADS, appendMulti, seconds / slices));
        d.add(measure("(d) SegmentOutbox.append, 1 thread", 1, segmentAppendSingle, seconds / slices));
        e.add(
            measure(
                "(e) SegmentOutbox.append, " + THREADS + " threads", THREADS, segmentAppendMulti, seconds / slices));
        f.add(
            measure(
                "(f) FileOutbox.append + acknowledge of the previous, 1 thread", 1, appendSteady, seconds / slices));
      }
      Result ra = merge(a);
      System.out.println("| case | ops/s | p50 (µs) | p99 (µs) | vs (a) |");
      System.out.println("|---|---:|---:|---:|---:|");
      for (Result r : List.of(ra, merge(b), merge(c), merge(d), merge(e), merge(f))) {
        System.out.printf(
            Locale.ROOT,
            "| %s | %,.0f | %,.0f | %,.0f | %.2fx |%n",
            r.name(),
            r.opsPerSecond(),
            r.percentileMicros(0.50),
            r.percentileMicros(0.99),
            r.opsPerSecond() / ra.opsPerSecond());
      }
      System.out.println();
      System.out.print("ops/s per slice:");
      for (int slice = 0; slice < slices; slice++) {
        System.out.printf(
            Locale.ROOT,
            " [a %,.0f, b %,.0f, c %,.0f, d %,.0f, e %,.0f, f %,.0f]",
            a.get(slice).opsPerSecond(),
            b.get(slice).opsPerSecond(),
            c.get(slice).opsPerSecond(),
            d.get(slice).opsPerSecond(),
            e.get(slice).opsPerSecond(),
            f.get(slice).opsPerSecond());
      }
      System.out.println();
      System.out.printf(
          Locale.ROOT,
          "SegmentOutbox fdatasyncs per append: (d) %.2f, (e) %.2f%n",
          (double) segmentSingle.forces() / Math.max(1, segmentSingle.pendingCount()),
          (double) segmentMulti.forces() / Math.max(1, segmentMulti.pendingCount()));
    } finally {
      deleteRecursively(work);
    }
  }

  private static Result merge(List<Result> parts) {
    long ops = 0;
    double seconds = 0;
    int n = 0;
    for (Result r : parts) {
      ops += r.ops();
      seconds += r.seconds();
      n += r.latenciesNanos().length;
    }
    long[] all = new long[n];
    int at = 0;
    for (Result r : parts) {
      System.arraycopy(r.latenciesNanos(), 0, all, at, r.latenciesNanos().length);
      at += r.latenciesNanos().length;
    }
    Arrays.sort(all);
    return new Result(parts.get(0).name(), ops, seconds, all);
  }

  private static void run(Runnable op, double seconds) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      op.run();
    }
  }

  private interface OpFactory {
    Runnable forThread(int thread);
  }

  private static Result measure(String name, int threads, OpFactory ops, double seconds) throws Exception {
    long[][] latencies = new long[threads][];
    int[] counts = new int[threads];
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    long[] window = new long[2];
    for (int t = 0; t < threads; t++) {
      int thread = t;
      Runnable op = ops.forThread(t);
      Thread worker =
          new Thread(
              () -> {
                long[] own = new long[1 << 14];
                int n = 0;
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                long end = window[1];
                for (long now = System.nanoTime(); now < end; ) {
                  op.run();
                  long after = System.nanoTime();
                  if (n == own.length) {
                    own = Arrays.copyOf(own, n * 2);
                  }
                  own[n++] = after - now;
                  now = after;
                }
                latencies[thread] = own;
                counts[thread] = n;
              },
              "harness-" + t);
      workers.add(worker);
      worker.start();
    }
    window[0] = System.nanoTime();
    window[1] = window[0] + (long) (seconds * 1e9);
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    double elapsed = (System.nanoTime() - window[0]) / 1e9;
    long total = 0;
    for (int c : counts) {
      total += c;
    }
    long[] all = new long[(int) total];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(latencies[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    return new Result(name, total, elapsed, all);
  }

  private static OutboxEntry entry(byte[] payload) {
    UUID id = UUID.randomUUID();
    return new OutboxEntry(id, "report", "/v1/reports", "incident-" + id, 1, Instant.now(), payload);
  }

  /** A report-sized JSON document (about 1.5 KiB), the size of a typical initial report. */
  private static byte[] samplePayload() {
    StringBuilder json = new StringBuilder("{\"schema\":\"cisharing.report/1\",\"stage\":\"initial\",");
    json.append("\"summary\":{\"ja\":\"制御系ネットワークにおける不審な通信の検知\",\"en\":\"Suspicious traffic on the control network\"},");
    while (json.length() < 1_400) {
      json.append("\"note").append(json.length()).append("\":\"observed at substation gateway; investigating\",");
    }
    json.append("\"end\":true}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
