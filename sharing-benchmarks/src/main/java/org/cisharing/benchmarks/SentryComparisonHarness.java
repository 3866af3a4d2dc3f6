package org.cisharing.benchmarks;

import io.sentry.SendCachedEnvelopeFireAndForgetIntegration;
import io.sentry.SendFireAndForgetEnvelopeSender;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.cisharing.SharingClient;
import org.cisharing.json.SharingJson;
import org.cisharing.report.IncidentReport;

/**
 * Side by side with the peer a developer would otherwise pick for "send this to a server,
 * reliably": the Sentry Java SDK with its offline cache. (a) Delivered events per second for a
 * burst, end to end (calls from application threads until the loopback sink has them). (b)
 * Survival: a burst sent while the sink is down, then a normal exit or a {@code kill -9} of the
 * sending JVM, then a restart with the sink up; how many of the burst arrive.
 *
 * <pre>
 * java -Dbench.burst=2000 -Dbench.survival=1000 -Dbench.threads=4 -Dbench.dir=/tmp \
 *   -cp sharing-benchmarks/target/benchmarks.jar org.cisharing.benchmarks.SentryComparisonHarness
 * </pre>
 *
 * Also {@code -Dbench.parts=ab} (a: throughput, b: survival), {@code -Dbench.sides=...} (a comma
 * list of the sides below), {@code -Dbench.quietSeconds=20}, {@code -Dbench.sentryDebug=true},
 * {@code -Dbench.settleMs=0} (a pause between opening a side and the burst, for every side) and
 * {@code -Dbench.prepared=128} (the file outbox's prepared files).
 *
 * Sides: {@code sentry-defaults} (DSN only: no disk cache, queue of 30), {@code sentry-lossless}
 * (disk cache, {@code maxCacheItems} and {@code maxQueueSize} above the burst, and the
 * cached-envelope sender integration so that the cache is sent after a restart, which the JVM SDK
 * does not register by itself), and {@code sharing} ({@link SharingClient} with its defaults).
 */
public final class SentryComparisonHarness {
  private static final List<String> SIDES = List.of(System.getProperty("bench.sides", "sentry-defaults,sentry-lossless,sharing,sharing-segment").split(","));
  /** How long the restarted sender may go without a new arrival before the count is final. */
  private static final Duration QUIET = Duration.ofSeconds(Long.getLong("bench.quietSeconds", 20));

  private SentryComparisonHarness() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("child")) {
      child(args);
      return;
    }
    int burst = Integer.getInteger("bench.burst", 2_000);
    int survival = Integer.getInteger("bench.survival", 1_000);
    int threads = Integer.getInteger("bench.threads", 4);
    String parts = System.getProperty("bench.parts", "ab");
    Path base = Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
    Path work = Files.createTempDirectory(base, "vs-sentry-");
    System.out.printf("SentryComparisonHarness: burst %d, survival %d, %d application threads, files under %s, %d cores, Java %s, Sentry %s%n",
        burst, survival, threads, work, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        io.sentry.BuildConfig.VERSION_NAME);
    long started = System.nanoTime();
    try {
      // (a) throughput
      if (parts.contains("a")) {
        System.out.println("warm-up (not recorded) ...");
      }
      for (String side : parts.contains("a") ? SIDES : List.<String>of()) {
        throughput(side, Math.min(300, burst), threads, work.resolve("warm-" + side));
      }
      List<String> thr = new ArrayList<>();
      double sharingRate = 0;
      double bestSentry = 0;
      for (String side : parts.contains("a") ? SIDES : List.<String>of()) {
        Throughput t = throughput(side, burst, threads, work.resolve("thr-" + side));
        System.out.printf("  %-16s calls returned at %s/s; delivered %d of %d; %s delivered/s (%s ms to the last arrival; %d requests)%n",
            side, Bench.f0(t.callsPerSecond()), t.delivered, burst, Bench.f0(t.deliveredPerSecond()), Bench.f0(t.toLastMs()), t.requests);
        thr.add(String.format("| %s | %s | %d / %d | %s |", side, Bench.f0(t.callsPerSecond()), t.delivered, burst, Bench.f0(t.deliveredPerSecond())));
        if (side.startsWith("sharing")) {
          sharingRate = Math.max(sharingRate, t.deliveredPerSecond());
        } else {
          bestSentry = Math.max(bestSentry, t.deliveredPerSecond());
        }
      }
      // (b) survival
      List<String> surv = new ArrayList<>();
      for (String side : parts.contains("b") ? SIDES : List.<String>of()) {
        int[] arrived = new int[2];
        String[] notes = new String[2];
        String[] modes = {"exit", "kill"};
        for (int m = 0; m < 2; m++) {
          Survival s = survival(side, modes[m], survival, threads, work.resolve("surv-" + side + "-" + modes[m]));
          arrived[m] = s.arrived;
          notes[m] = s.note;
          System.out.printf("  %-16s %-4s: %d of %d arrived after restart (%s)%n", side, modes[m], s.arrived, survival, s.note);
        }
        surv.add(String.format("| %s | %d / %d | %d / %d |", side, arrived[0], survival, arrived[1], survival));
      }
      if (parts.contains("a")) {
      System.out.println();
      System.out.printf("(a) Burst of %d events/reports from %d threads to a loopback sink (files under %s)%n", burst, threads, base);
      System.out.println("| side | calls returned /s | delivered | delivered /s (first call to last arrival) |");
      System.out.println("|---|---|---|---|");
      thr.forEach(System.out::println);
      System.out.printf("sharing / best Sentry delivered rate: %sx (target >= 3x)%n", Bench.f2(sharingRate / bestSentry));
      }
      if (parts.contains("b")) {
      System.out.println();
      System.out.printf("(b) %d sent while the sink is down, then the sender exits normally or is killed (kill -9), restart with the sink up%n", survival);
      System.out.println("| side | arrived after normal exit | arrived after kill -9 |");
      System.out.println("|---|---|---|");
      surv.forEach(System.out::println);
      }
      System.out.printf("total harness time: %s s%n", Bench.f0((System.nanoTime() - started) / 1e9));
    } finally {
      Bench.deleteTree(work);
    }
  }

  // -----------------------------------------------------------------------------------------
  // (a) throughput

  record Throughput(int calls, int delivered, long requests, long callsNanos, long toLastNanos) {
    double callsPerSecond() {
      return calls / (callsNanos / 1e9);
    }

    double deliveredPerSecond() {
      return toLastNanos <= 0 ? 0 : delivered / (toLastNanos / 1e9);
    }

    double toLastMs() {
      return toLastNanos / 1e6;
    }
  }

  private static Throughput throughput(String side, int n, int threads, Path dir) throws Exception {
    Files.createDirectories(dir);
    try (LoopbackSink sink = LoopbackSink.start(side.startsWith("sharing") ? LoopbackSink.Mode.HUB : LoopbackSink.Mode.SENTRY, 0, 16)) {
      Sender sender = Sender.open(side, sink.port(), dir, n);
      Thread.sleep(Long.getLong("bench.settleMs", 0));
      List<IncidentReport> reports = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        reports.add(BenchReports.initial(i));
      }
      long t0 = System.nanoTime();
      runOn(threads, n, i -> sender.send(reports.get(i)));
      long tCalls = System.nanoTime();
      sender.flush(Duration.ofSeconds(120));
      sink.await(n, Duration.ofSeconds(3), Duration.ofSeconds(120));
      sender.close();
      long last = sink.lastArrivalNanos();
      return new Throughput(n, sink.distinct(), sink.requests(), tCalls - t0, last == 0 ? 0 : last - t0);
    } finally {
      Bench.deleteTree(dir);
    }
  }

  // -----------------------------------------------------------------------------------------
  // (b) survival

  record Survival(int arrived, String note) {}

  private static Survival survival(String side, String mode, int n, int threads, Path dir) throws Exception {
    Files.createDirectories(dir);
    int port = LoopbackSink.freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        SentryComparisonHarness.class.getName(), "child", side, String.valueOf(port), dir.toString(),
        String.valueOf(n), String.valueOf(threads), mode);
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    Process child = pb.start();
    // Read the child's output on its own thread, so that a hung child cannot hang the harness.
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("READ-FAILED " + e);
      }
    }, "child-output");
    reader.setDaemon(true);
    reader.start();
    String sentLine = null;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (sentLine == null && System.nanoTime() < deadline) {
      String line = lines.poll(100, TimeUnit.MILLISECONDS);
      if (line != null && line.startsWith("SENT")) {
        sentLine = line;
      } else if (line == null && !child.isAlive() && lines.isEmpty()) {
        break;
      }
    }
    if (sentLine != null && mode.equals("kill")) {
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
    }
    if (!child.waitFor(60, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
    if (sentLine == null) {
      Bench.deleteTree(dir);
      return new Survival(-1, "child did not report SENT; " + (child.isAlive() ? "still alive" : "exit " + child.exitValue()));
    }
    int onDisk = countFiles(dir);
    String note = sentLine.substring("SENT ".length()) + ", files on disk before restart " + onDisk;
    try (LoopbackSink sink = LoopbackSink.start(side.startsWith("sharing") ? LoopbackSink.Mode.HUB : LoopbackSink.Mode.SENTRY, port, 16)) {
      Sender restarted = Sender.open(side, port, dir, n);
      restarted.flush(Duration.ofSeconds(90));
      sink.await(n, QUIET, Duration.ofSeconds(120));
      restarted.close();
      note += ", requests " + sink.requests() + ", files left after restart " + countFiles(dir);
      return new Survival(sink.distinct(), note);
    } finally {
      Bench.deleteTree(dir);
    }
  }

  private static int countFiles(Path dir) throws IOException {
    int n = 0;
    try (var walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        String name = p.getFileName().toString();
        if (name.endsWith(".entry") || name.endsWith(".envelope")) {
          n++;
        }
      }
    }
    return n;
  }

  /** The sending JVM: sends n with the sink down, prints SENT, then exits normally or waits to be killed. */
  private static void child(String[] args) throws Exception {
    String side = args[1];
    int port = Integer.parseInt(args[2]);
    Path dir = Path.of(args[3]);
    int n = Integer.parseInt(args[4]);
    int threads = Integer.parseInt(args[5]);
    String mode = args[6];
    List<IncidentReport> reports = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      reports.add(BenchReports.initial(i));
    }
    Sender sender = Sender.open(side, port, dir, n);
    long t0 = System.nanoTime();
    runOn(threads, n, i -> sender.send(reports.get(i)));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("SENT calls returned in " + ms + " ms");
    System.out.flush();
    if (mode.equals("exit")) {
      sender.close();
      System.exit(0);
    }
    Thread.sleep(TimeUnit.MINUTES.toMillis(5)); // killed long before; bounded anyway
    System.exit(3);
  }

  // -----------------------------------------------------------------------------------------
  // The two libraries behind one small interface

  interface IntConsumer {
    void accept(int i) throws Exception;
  }

  private static void runOn(int threads, int n, IntConsumer task) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads, Bench.daemon("app-"));
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    for (int t = 0; t < threads; t++) {
      pool.execute(() -> {
        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
          try {
            task.accept(i);
          } catch (Exception e) {
            failures.incrementAndGet();
          }
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
      pool.shutdownNow();
    }
    if (failures.get() > 0) {
      System.out.println("  WARNING: " + failures.get() + " calls threw");
    }
  }

  interface Sender {
    void send(IncidentReport report) throws Exception;

    void flush(Duration timeout);

    void close();

    static Sender open(String side, int port, Path dir, int capacity) {
      return side.startsWith("sharing") ? new SharingSender(port, dir, side.equals("sharing-segment"))
          : new SentrySender(side, port, dir, capacity);
    }
  }

  static final class SharingSender implements Sender {
    private final SharingClient client;

    private final org.cisharing.outbox.Outbox outbox;

    /** The file outbox (side "sharing"), or the segment outbox (side "sharing-segment"). */
    SharingSender(int port, Path dir, boolean segment) {
      outbox = segment
          ? org.cisharing.outbox.SegmentOutbox.open(dir.resolve("outbox"), org.cisharing.outbox.OutboxConfig.defaults(),
              java.time.Clock.systemUTC())
          : org.cisharing.outbox.FileOutbox.open(dir.resolve("outbox"), org.cisharing.outbox.OutboxConfig.defaults(),
              java.time.Clock.systemUTC(), Integer.getInteger("bench.prepared", org.cisharing.outbox.FileOutbox.DEFAULT_PREPARED_FILES));
      client = SharingClient.builder()
          .hubUrl(URI.create("http://127.0.0.1:" + port))
          .allowInsecureLoopback(true)
          .bearerToken("bench-token")
          .outbox(outbox)
          .build();
    }

    @Override
    public void send(IncidentReport report) {
      client.submit(report);
    }

    @Override
    public void flush(Duration timeout) {
      client.flush(timeout);
    }

    @Override
    public void close() {
      client.close();
      outbox.close();
    }
  }

  static final class SentrySender implements Sender {
    SentrySender(String side, int port, Path dir, int capacity) {
      Sentry.init((SentryOptions o) -> {
        o.setDsn("http://publickey@127.0.0.1:" + port + "/1");
        o.setDebug(Boolean.getBoolean("bench.sentryDebug"));
        if (side.equals("sentry-lossless")) {
          o.setCacheDirPath(dir.resolve("sentry-cache").toString());
          o.setMaxCacheItems(capacity + 100);
          o.setMaxQueueSize(capacity + 100);
          o.addIntegration(new SendCachedEnvelopeFireAndForgetIntegration(
              new SendFireAndForgetEnvelopeSender(o::getCacheDirPath)));
        }
      });
    }

    @Override
    public void send(IncidentReport report) {
      // A payload of the same size: the report's own JSON as the event message.
      SentryEvent event = new SentryEvent();
      Message message = new Message();
      message.setFormatted(new String(SharingJson.writeBytes(report), StandardCharsets.UTF_8));
      event.setMessage(message);
      event.setLevel(SentryLevel.ERROR);
      Sentry.captureEvent(event);
    }

    @Override
    public void flush(Duration timeout) {
      Sentry.flush(timeout.toMillis());
    }

    @Override
    public void close() {
      Sentry.close();
    }
  }
}
