package org.cisharing.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.cisharing.SharingClient;
import org.cisharing.internal.Version;
import org.cisharing.json.SharingJson;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.report.Receipt;

/**
 * Drain of a backlog: N reports already in a {@link FileOutbox} (stored while the hub was down),
 * delivered by a fresh {@link SharingClient} to a loopback sink, against raw OkHttp POSTs of the
 * same bodies with the same headers to the same sink at the same concurrency.
 *
 * <pre>
 * java -cp sharing-benchmarks/target/benchmarks.jar org.cisharing.benchmarks.DrainHarness
 *   -Dbench.reports=10000 -Dbench.concurrency=4,8 -Dbench.rounds=3 -Dbench.dir=/tmp -Dbench.decompose=true
 * </pre>
 *
 * (system properties go before {@code -cp}). {@code bench.dir} is where the outboxes live: its
 * file system's fsync cost decides much of the result. With {@code bench.decompose} (default on),
 * two more loops per round show where the difference goes: raw POSTs that also bind the receipt,
 * and a hand-written consumer of the same FileOutbox (claim, POST, bind, acknowledge) without the
 * delivery engine. {@code bench.warmup} (default 3) rounds of both sides at every concurrency run
 * first and are not recorded. The summary gives each round's sharing/raw ratio (the two sides run
 * back to back, so they share the machine's state) and their median.
 */
public final class DrainHarness {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final String TOKEN = "bench-token";

  private DrainHarness() {}

  public static void main(String[] args) throws Exception {
    int reports = Integer.getInteger("bench.reports", 10_000);
    int rounds = Integer.getInteger("bench.rounds", 3);
    boolean decompose = Boolean.parseBoolean(System.getProperty("bench.decompose", "true"));
    boolean profile = Boolean.parseBoolean(System.getProperty("bench.profile", "true"));
    List<Integer> concurrencies = new ArrayList<>();
    for (String s : System.getProperty("bench.concurrency", "4,8").split(",")) {
      concurrencies.add(Integer.parseInt(s.trim()));
    }
    Path base = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
    Path work = Files.createTempDirectory(base, "drain-");
    System.out.printf("DrainHarness: %d reports, concurrency %s, %d rounds, outboxes under %s, %d cores, Java %s%n",
        reports, concurrencies, rounds, work, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    try (LoopbackSink sink = LoopbackSink.start(LoopbackSink.Mode.HUB, 0, 16)) {
      Path template = work.resolve("template");
      fill(template, reports);
      List<OutboxEntry> entries;
      try (org.cisharing.outbox.Outbox box = store(template)) {
        entries = box.pending();
      }
      if (entries.size() != reports) {
        throw new IllegalStateException("template holds " + entries.size() + " entries, expected " + reports);
      }
      int bodyBytes = 0;
      for (OutboxEntry e : entries) {
        bodyBytes += e.payload().length;
      }
      System.out.printf("mean body: %d bytes%n", bodyBytes / reports);
      Bench.syncFileSystem(work);

      int warmups = Integer.getInteger("bench.warmup", 3);
      System.out.printf("warm-up (not recorded): %d rounds of each side at each concurrency ...%n", warmups);
      for (int w = 0; w < warmups; w++) {
        for (int c : concurrencies) {
          raw(sink, entries, c);
          sharing(sink, template, work.resolve("warmup-" + c + "-" + w), c, reports);
        }
      }

      System.out.println();
      System.out.printf("%-5s %-5s %-9s %10s %9s %9s %10s%n", "conc", "round", "side", "reports/s", "wall ms", "cpu ms", "open ms");
      List<String> table = new ArrayList<>();
      List<String> parts = new ArrayList<>();
      for (int c : concurrencies) {
        double[] rawRates = new double[rounds];
        double[] sharingRates = new double[rounds];
        double[] receiptRates = new double[rounds];
        double[] loopRates = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          Result raw = raw(sink, entries, c);
          System.out.printf("%-5d %-5d %-9s %10s %9s %9s %10s%n", c, r + 1, "raw", Bench.f0(raw.rate()), Bench.f0(raw.wallMs()), Bench.f0(raw.cpuMs), "-");
          Result sh = sharing(sink, template, work.resolve("run-" + c + "-" + r), c, reports);
          System.out.printf("%-5d %-5d %-9s %10s %9s %9s %10s%n", c, r + 1, "sharing", Bench.f0(sh.rate()), Bench.f0(sh.wallMs()), Bench.f0(sh.cpuMs), Bench.f0(sh.openMs));
          rawRates[r] = raw.rate();
          sharingRates[r] = sh.rate();
          ratios[r] = sh.rate() / raw.rate(); // raw and sharing ran back to back: compare within a round
          if (decompose) {
            Result rr = loop(Loop.RAW_RECEIPT, sink, entries, c, null, null);
            System.out.printf("%-5d %-5d %-9s %10s %9s %9s %10s%n", c, r + 1, "raw+rcpt", Bench.f0(rr.rate()), Bench.f0(rr.wallMs()), Bench.f0(rr.cpuMs), "-");
            Result ol = loop(Loop.OUTBOX, sink, entries, c, template, work.resolve("loop-" + c + "-" + r));
            System.out.printf("%-5d %-5d %-9s %10s %9s %9s %10s%n", c, r + 1, "outbox", Bench.f0(ol.rate()), Bench.f0(ol.wallMs()), Bench.f0(ol.cpuMs), Bench.f0(ol.openMs));
            receiptRates[r] = rr.rate();
            loopRates[r] = ol.rate();
          }
        }
        double rawMedian = Bench.median(rawRates);
        double sharingMedian = Bench.median(sharingRates);
        StringBuilder each = new StringBuilder();
        for (double ratio : ratios) {
          each.append(each.length() == 0 ? "" : " / ").append(Bench.f2(ratio));
        }
        table.add(String.format("| %d | %s | %s | %s | %s |", c, Bench.f0(rawMedian), Bench.f0(sharingMedian),
            each, Bench.f2(Bench.median(ratios)) + "x"));
        if (decompose) {
          parts.add(String.format("| %d | %s | %s | %s | %s |", c, Bench.f0(rawMedian), Bench.f0(Bench.median(receiptRates)),
              Bench.f0(Bench.median(loopRates)), Bench.f0(sharingMedian)));
        }
      }
      if (profile) {
        System.out.println();
        System.out.println("Where the SharingClient's drain time goes (one instrumented run per concurrency; the outbox is wrapped, not changed):");
        for (int c : concurrencies) {
          profiled(sink, template, work.resolve("profile-" + c), c, reports);
        }
      }
      System.out.println();
      System.out.printf("Drain of %d reports, median of %d rounds (outbox dir: %s)%n", reports, rounds, base);
      System.out.println("| concurrency | raw OkHttp reports/s | SharingClient reports/s | ratio per round | median ratio (target >= 0.70x) |");
      System.out.println("|---|---|---|---|---|");
      table.forEach(System.out::println);
      if (decompose) {
        System.out.println();
        System.out.println("Decomposition (median reports/s): what each step costs on top of a bare POST");
        System.out.println("| concurrency | raw POST | + bind receipt | + FileOutbox claim/ack (hand loop, no engine) | SharingClient |");
        System.out.println("|---|---|---|---|---|");
        parts.forEach(System.out::println);
      }
    } finally {
      Bench.deleteTree(work);
    }
  }

  /** Stores the backlog through a client whose hub is a closed port, from 8 threads. */
  private static void fill(Path dir, int reports) throws Exception {
    int closedPort = LoopbackSink.freePort();
    long t0 = System.nanoTime();
    SharingClient client = SharingClient.builder()
        .hubUrl(URI.create("http://127.0.0.1:" + closedPort))
        .allowInsecureLoopback(true)
        .bearerToken(TOKEN)
        .outbox(store(dir))
        .closeTimeout(Duration.ZERO)
        .build();
    ExecutorService pool = Executors.newFixedThreadPool(8, Bench.daemon("fill-"));
    AtomicInteger next = new AtomicInteger();
    for (int t = 0; t < 8; t++) {
      pool.execute(() -> {
        for (int i = next.getAndIncrement(); i < reports; i = next.getAndIncrement()) {
          client.submit(BenchReports.initial(i));
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("fill did not finish in 10 minutes");
    }
    long t1 = System.nanoTime();
    SharingClient.Stats stats = client.stats();
    int pending = client.pending();
    System.out.printf("filled %d reports with the hub down in %s ms (%s submits/s from 8 threads; %d failed delivery attempts meanwhile)%n",
        pending, Bench.f0((t1 - t0) / 1e6), Bench.f0(reports / ((t1 - t0) / 1e9)), stats.deferred());
    // The same client, idle, with the whole backlog pending and the hub still down: what does the outage cost?
    long idleSeconds = Long.getLong("bench.outageSeconds", 5);
    long cpu0 = Bench.processCpuNanos();
    long deferred0 = client.stats().deferred();
    Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
    long cpu1 = Bench.processCpuNanos();
    long deferred1 = client.stats().deferred();
    System.out.printf("outage, no submits, %d pending, %d s: %s failed attempts/s, %s%% of one core used by this JVM%n",
        pending, idleSeconds, Bench.f0((deferred1 - deferred0) / (double) idleSeconds), Bench.f0(100.0 * (cpu1 - cpu0) / 1e9 / idleSeconds));
    client.close();
    client.outbox().close();
  }

  /**
   * The store under test: {@code -Dbench.store=file} (default, {@code FileOutbox}) or {@code segment}
   * ({@code SegmentOutbox}).
   */
  private static org.cisharing.outbox.Outbox store(Path dir) {
    return "segment".equals(System.getProperty("bench.store", "file"))
        ? org.cisharing.outbox.SegmentOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC())
        : FileOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC());
  }

  record Result(int count, long wallNanos, double openMs, double cpuMs) {
    double rate() {
      return count / (wallNanos / 1e9);
    }

    double wallMs() {
      return wallNanos / 1e6;
    }
  }

  private static Result sharing(LoopbackSink sink, Path template, Path dir, int concurrency, int expected) throws IOException {
    copyBacklog(template, dir);
    sink.reset();
    long cpu0 = Bench.processCpuNanos();
    long t0 = System.nanoTime();
    SharingClient client = SharingClient.builder()
        .hubUrl(URI.create("http://127.0.0.1:" + sink.port()))
        .allowInsecureLoopback(true)
        .bearerToken(TOKEN)
        .outbox(store(dir))
        .deliveryConcurrency(concurrency)
        .build();
    long tOpen = System.nanoTime();
    int left = client.flush(Duration.ofMinutes(5));
    long t1 = System.nanoTime();
    long cpu1 = Bench.processCpuNanos();
    SharingClient.Stats stats = client.stats();
    client.close();
    client.outbox().close();
    if (left != 0 || sink.distinct() != expected || stats.deferred() != 0) {
      System.out.printf("  WARNING sharing run: %d left, %d distinct at the sink, %d deferred, %d requests%n",
          left, sink.distinct(), stats.deferred(), sink.requests());
    }
    Bench.deleteTree(dir);
    return new Result(sink.distinct(), t1 - t0, (tOpen - t0) / 1e6, (cpu1 - cpu0) / 1e6);
  }

  /**
   * A drain through a {@link TimedOutbox}: the delivery engine calls {@code claimReady} while it
   * holds its own lock, so the claim time over the wall time is how busy that lock is with claims.
   */
  private static void profiled(LoopbackSink sink, Path template, Path dir, int concurrency, int expected) throws IOException {
    copyBacklog(template, dir);
    sink.reset();
    long t0 = System.nanoTime();
    FileOutbox file = FileOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC());
    long tOpen = System.nanoTime();
    TimedOutbox box = new TimedOutbox(file);
    SharingClient client = SharingClient.builder()
        .hubUrl(URI.create("http://127.0.0.1:" + sink.port()))
        .allowInsecureLoopback(true)
        .bearerToken(TOKEN)
        .outbox(box)
        .deliveryConcurrency(concurrency)
        .build();
    int left = client.flush(Duration.ofMinutes(5));
    long t1 = System.nanoTime();
    client.close();
    box.close();
    double deliverMs = (t1 - tOpen) / 1e6;
    long claims = box.claimCalls.sum();
    long acks = box.ackCalls.sum();
    System.out.printf("  conc %d: %d delivered (%d left) in %s ms after an open of %s ms (%s reports/s without the open)%n",
        concurrency, sink.distinct(), left, Bench.f0(deliverMs), Bench.f0((tOpen - t0) / 1e6), Bench.f0(sink.distinct() / (deliverMs / 1e3)));
    System.out.printf("    claimReady: %d calls (%d empty), mean %s us, total %s ms = %s%% of the delivery wall time, all under the engine lock%n",
        claims, box.claimEmpty.sum(), Bench.f0(box.claimNanos.sum() / 1e3 / Math.max(1, claims)),
        Bench.f0(box.claimNanos.sum() / 1e6), Bench.f0(100 * box.claimNanos.sum() / 1e6 / deliverMs));
    System.out.printf("    acknowledge: %d calls, mean %s us (delete + group-committed directory fsync), total %s ms over %d threads%n",
        acks, Bench.f0(box.ackNanos.sum() / 1e3 / Math.max(1, acks)), Bench.f0(box.ackNanos.sum() / 1e6), concurrency);
    System.out.printf("    pendingCount: %d calls (the flush waiter wakes on every acknowledgement)%n", box.countCalls.sum());
    if (sink.distinct() != expected) {
      System.out.printf("  WARNING profiled run: %d distinct at the sink%n", sink.distinct());
    }
    Bench.deleteTree(dir);
  }

  /** What a hand-written loop does per report, for the decomposition rows. */
  enum Loop {
    /** POST and read the body: the baseline. */
    RAW,
    /** POST, read and bind the receipt ({@code SharingJson.read(body, Receipt.class)}). */
    RAW_RECEIPT,
    /** A hand-written consumer of the same FileOutbox: claimReady(1), POST, bind the receipt, acknowledge. */
    OUTBOX
  }

  private static Result raw(LoopbackSink sink, List<OutboxEntry> entries, int concurrency) throws Exception {
    return loop(Loop.RAW, sink, entries, concurrency, null, null);
  }

  /** N threads, each POSTing synchronously with the headers the client sends. */
  private static Result loop(Loop kind, LoopbackSink sink, List<OutboxEntry> entries, int concurrency, Path template, Path dir)
      throws Exception {
    if (kind == Loop.OUTBOX) {
      copyBacklog(template, dir);
    }
    sink.reset();
    OkHttpClient http = new OkHttpClient.Builder()
        .connectTimeout(10, TimeUnit.SECONDS)
        .readTimeout(30, TimeUnit.SECONDS)
        .writeTimeout(30, TimeUnit.SECONDS)
        .callTimeout(60, TimeUnit.SECONDS)
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .build();
    String url = "http://127.0.0.1:" + sink.port() + "/v1/reports";
    String userAgent = Version.userAgent();
    AtomicInteger next = new AtomicInteger();
    AtomicLong failures = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency, Bench.daemon("raw-"));
    long cpu0 = Bench.processCpuNanos();
    long t0 = System.nanoTime();
    FileOutbox box = kind == Loop.OUTBOX ? FileOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC()) : null;
    long tOpen = System.nanoTime();
    for (int t = 0; t < concurrency; t++) {
      pool.execute(() -> {
        while (true) {
          OutboxEntry e;
          if (box == null) {
            int i = next.getAndIncrement();
            if (i >= entries.size()) {
              return;
            }
            e = entries.get(i);
          } else {
            List<OutboxEntry> claimed = box.claimReady(1, Duration.ofMinutes(15));
            if (claimed.isEmpty()) {
              return;
            }
            e = claimed.get(0);
          }
          Request request = new Request.Builder().url(url)
              .header("User-Agent", userAgent)
              .header("Accept", "application/json, application/problem+json")
              .header("Authorization", "Bearer " + TOKEN)
              .header("Idempotency-Key", e.id().toString())
              .post(RequestBody.create(e.payload(), JSON))
              .build();
          try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            byte[] bytes = body.bytes();
            if (!response.isSuccessful()) {
              failures.incrementAndGet();
              continue;
            }
            if (kind != Loop.RAW) {
              Receipt receipt = SharingJson.read(bytes, Receipt.class);
              if (!e.id().equals(receipt.reportId())) {
                failures.incrementAndGet();
              }
            }
            if (box != null) {
              box.acknowledge(e.id());
            }
          } catch (IOException ex) {
            failures.incrementAndGet();
          }
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
      pool.shutdownNow();
    }
    long t1 = System.nanoTime();
    long cpu1 = Bench.processCpuNanos();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
    if (box != null) {
      if (box.pendingCount() != 0) {
        System.out.printf("  WARNING outbox loop: %d left%n", box.pendingCount());
      }
      box.close();
      Bench.deleteTree(dir);
    }
    if (failures.get() > 0 || sink.distinct() != entries.size()) {
      System.out.printf("  WARNING %s run: %d failures, %d distinct at the sink%n", kind, failures.get(), sink.distinct());
    }
    return new Result(sink.distinct(), t1 - t0, (tOpen - t0) / 1e6, (cpu1 - cpu0) / 1e6);
  }

  private static void copyBacklog(Path template, Path dir) throws IOException {
    // The stored entries of either store (pending/*.entry or segments/*.log), not its lock file.
    for (String sub : new String[] {"pending", "segments"}) {
      Path from = template.resolve(sub);
      if (!Files.isDirectory(from)) {
        continue;
      }
      Path to = dir.resolve(sub);
      Files.createDirectories(to);
      try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
        for (Path f : files) {
          if (f.getFileName().toString().endsWith(".entry") || f.getFileName().toString().endsWith(".log")) {
            Files.copy(f, to.resolve(f.getFileName()));
          }
        }
      }
    }
    Bench.syncFileSystem(dir);
  }
}
