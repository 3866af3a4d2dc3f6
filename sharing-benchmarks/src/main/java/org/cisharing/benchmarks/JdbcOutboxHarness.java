package org.cisharing.benchmarks;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.cisharing.SharingClient;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.JdbcOutbox;
import org.cisharing.outbox.JdbcOutboxConfig;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;

/**
 * Durable submit rate and delivery rate of the {@link JdbcOutbox} on one PostgreSQL, beside the
 * {@link FileOutbox} on the local disk, in one run:
 *
 * <ol>
 *   <li>submit: {@code append} from 1, 4 and 8 threads for a fixed time each, JDBC and file, in
 *       interleaved slices; ops/s and p50/p99 latency;
 *   <li>delivery: a backlog of entries (5 per ordering key) drained by 1 and by 3 replicas (3
 *       {@link SharingClient}s, each with its own {@code JdbcOutbox} owner, connection pool and 4
 *       delivery loops) to a loopback HTTP sink that acknowledges every report at once; entries/s.
 * </ol>
 *
 * <p>Usage (from the repository root, PostgreSQL running as for the tests, see {@code .ci/run}):
 * {@code ./mvnw -B -q -pl sharing-benchmarks -am package -DskipTests && java -cp
 * sharing-benchmarks/target/benchmarks.jar org.cisharing.benchmarks.JdbcOutboxHarness
 * [seconds-per-case=3] [slices=2] [backlog=6000]}. The database is {@code CISHARING_PG_URL} (default
 * {@code jdbc:postgresql://127.0.0.1:5432/cisharing_test}, user and password {@code cisharing} or
 * {@code CISHARING_PG_USER}/{@code CISHARING_PG_PASSWORD}); it uses the schema {@code
 * outbox_bench}, dropped and created afresh.
 */
public final class JdbcOutboxHarness {
  private static final String SCHEMA = "outbox_bench";
  private static final int[] THREADS = {1, 4, 8};

  private JdbcOutboxHarness() {}

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    int slices = args.length > 1 ? Integer.parseInt(args[1]) : 2;
    int backlog = args.length > 2 ? Integer.parseInt(args[2]) : 6_000;
    String url = env("CISHARING_PG_URL", "jdbc:postgresql://127.0.0.1:5432/cisharing_test");
    recreateSchema(url);
    byte[] payload = payload();
    Path work = Files.createTempDirectory("file-outbox-harness");
    System.out.printf(Locale.ROOT, "JDBC outbox on %s (java %s, %d CPUs); file outbox in %s%n"
            + "payload %d bytes; %.1f s per submit case, %d interleaved slices; delivery backlog %d entries%n%n",
        url, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), work, payload.length,
        seconds, slices, backlog);

    try (HikariDataSource pool = pool(url, 16)) {
      try (Connection c = pool.getConnection()) {
        JdbcOutbox.createSchema(c);
      }
      List<String> names = new ArrayList<>();
      List<List<Result>> results = new ArrayList<>();
      for (int threads : THREADS) {
        names.add("jdbc, " + threads + " thread(s)");
        names.add("file, " + threads + " thread(s)");
        results.add(new ArrayList<>());
        results.add(new ArrayList<>());
      }
      for (int slice = 0; slice < slices; slice++) {
        for (int i = 0; i < THREADS.length; i++) {
          truncate(pool);
          try (JdbcOutbox jdbc = JdbcOutbox.create(pool, OutboxConfig.defaults(), Clock.systemUTC())) {
            results.get(2 * i).add(submit(jdbc, THREADS[i], seconds, payload));
          }
          Path dir = work.resolve("s" + slice + "-" + i);
          try (FileOutbox file = FileOutbox.open(dir, OutboxConfig.defaults(), Clock.systemUTC())) {
            results.get(2 * i + 1).add(submit(file, THREADS[i], seconds, payload));
          }
          deleteRecursively(dir);
        }
      }
      System.out.println("Durable submit (append returns = committed / fsynced)");
      System.out.printf(Locale.ROOT, "%-24s %12s %14s %10s %10s%n", "case", "ops/s", "ops/s slices", "p50 us", "p99 us");
      for (int i = 0; i < names.size(); i++) {
        Result merged = Result.merge(results.get(i));
        StringBuilder each = new StringBuilder();
        for (Result r : results.get(i)) {
          each.append(each.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.0f", r.opsPerSecond()));
        }
        System.out.printf(Locale.ROOT, "%-24s %12.0f %14s %10.0f %10.0f%n", names.get(i), merged.opsPerSecond(), each,
            merged.percentileMicros(0.50), merged.percentileMicros(0.99));
      }
      System.out.println();

      HttpServer sink = sink();
      try {
        URI hub = URI.create("http://127.0.0.1:" + sink.getAddress().getPort());
        System.out.println("Delivery to a loopback sink (entries/s until the backlog is empty)");
        for (int replicas : new int[] {1, 3, 1, 3}) {
          truncate(pool);
          fill(pool, backlog, payload);
          double rate = deliver(url, hub, replicas, backlog);
          System.out.printf(Locale.ROOT, "%d replica(s) x 4 loops: %8.0f entries/s%n", replicas, rate);
        }
      } finally {
        sink.stop(0);
      }
    } finally {
      deleteRecursively(work);
    }
  }

  // -------------------------------------------------------------------------------- submit

  record Result(long ops, double seconds, long[] latenciesNanos) {
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

    static Result merge(List<Result> results) {
      long ops = 0;
      double secs = 0;
      List<long[]> all = new ArrayList<>();
      for (Result r : results) {
        ops += r.ops;
        secs += r.seconds;
        all.add(r.latenciesNanos);
      }
      long[] lat = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      return new Result(ops, secs, lat);
    }
  }

  private static Result submit(Outbox outbox, int threads, double seconds, byte[] payload) throws InterruptedException {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    List<long[]> latencies = new ArrayList<>();
    AtomicLong ops = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      long[] lat = new long[2_000_000];
      latencies.add(lat);
      int thread = t;
      Thread w = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        int n = 0;
        long now;
        while ((now = System.nanoTime()) < end && n < lat.length) {
          UUID id = UUID.randomUUID();
          outbox.append(new OutboxEntry(id, "report", "/v1/reports", "incident-" + thread + "-" + (n % 50), n,
              Instant.now(), payload));
          lat[n++] = System.nanoTime() - now;
        }
        ops.addAndGet(n);
        lat[lat.length - 1] = n; // remember the count in the last slot
      });
      workers.add(w);
      w.start();
    }
    long t0 = System.nanoTime();
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    double took = (System.nanoTime() - t0) / 1e9;
    long[] merged = latencies.stream()
        .flatMapToLong(l -> Arrays.stream(l, 0, (int) l[l.length - 1]))
        .sorted()
        .toArray();
    return new Result(ops.get(), took, merged);
  }

  // ------------------------------------------------------------------------------ delivery

  private static void fill(HikariDataSource pool, int entries, byte[] payload) throws InterruptedException {
    try (JdbcOutbox outbox = JdbcOutbox.create(pool, OutboxConfig.defaults(), Clock.systemUTC())) {
      int threads = 8;
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Thread w = new Thread(() -> {
          for (int n = thread; n < entries; n += threads) {
            UUID id = UUID.randomUUID();
            outbox.append(new OutboxEntry(id, "report", "/v1/reports", "incident-" + (n / 5), n % 5, Instant.now(),
                payload));
          }
        });
        workers.add(w);
        w.start();
      }
      for (Thread w : workers) {
        w.join();
      }
    }
  }

  private static double deliver(String url, URI hub, int replicas, int backlog) throws InterruptedException {
    List<HikariDataSource> pools = new ArrayList<>();
    List<JdbcOutbox> outboxes = new ArrayList<>();
    List<SharingClient> clients = new ArrayList<>();
    long t0 = System.nanoTime();
    try {
      for (int r = 0; r < replicas; r++) {
        HikariDataSource pool = pool(url, 6);
        pools.add(pool);
        JdbcOutbox outbox = JdbcOutbox.create(pool, JdbcOutboxConfig.defaults().withOwner("bench-" + r), Clock.systemUTC());
        outboxes.add(outbox);
      }
      t0 = System.nanoTime();
      for (JdbcOutbox outbox : outboxes) {
        clients.add(SharingClient.builder().hubUrl(hub).allowInsecureLoopback(true).outbox(outbox).deliveryConcurrency(4)
            .lease(Duration.ofMinutes(1)).build());
      }
      for (int i = 0; i < 600_000 && outboxes.get(0).pendingCount() > 0; i++) {
        Thread.sleep(20);
      }
      double took = (System.nanoTime() - t0) / 1e9;
      return backlog / took;
    } finally {
      for (SharingClient c : clients) {
        c.close();
      }
      for (JdbcOutbox o : outboxes) {
        o.close();
      }
      for (HikariDataSource p : pools) {
        p.close();
      }
    }
  }

  /** Answers every report with a receipt for it, at once. */
  private static HttpServer sink() throws IOException {
    // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
    // delayed ACK: 40 ms per request, which would measure TCP, not the outbox.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/", exchange -> {
      try (InputStream in = exchange.getRequestBody()) {
        in.readAllBytes();
      }
      String id = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      byte[] body = ("{\"schema\":\"cisharing.receipt/1\",\"receiptId\":\"r-" + id + "\",\"reportId\":\"" + id
          + "\",\"receivedAt\":\"2026-04-01T09:00:00Z\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(201, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
    return server;
  }

  // --------------------------------------------------------------------------------- setup

  private static HikariDataSource pool(String url, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
    config.setUsername(env("CISHARING_PG_USER", "cisharing"));
    config.setPassword(env("CISHARING_PG_PASSWORD", "cisharing"));
    config.setMaximumPoolSize(size);
    return new HikariDataSource(config);
  }

  private static void recreateSchema(String url) throws SQLException {
    try (HikariDataSource pool = pool(url, 1);
        Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
    }
  }

  private static void truncate(HikariDataSource pool) throws SQLException {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE cisharing_outbox_entry, cisharing_outbox_dead RESTART IDENTITY");
      s.execute("UPDATE cisharing_outbox_counter SET entries = 0, bytes = 0");
      s.execute("VACUUM ANALYZE cisharing_outbox_entry");
    }
  }

  private static byte[] payload() {
    StringBuilder json = new StringBuilder("{\"schema\":\"cisharing.report/1\",\"stage\":\"initial\",");
    json.append("\"summary\":{\"ja\":\"制御系ネットワークにおける不審な通信の検知\",\"en\":\"Suspicious traffic on the control network\"},");
    while (json.length() < 1_400) {
      json.append("\"note").append(json.length()).append("\":\"observation detail for the analyst\",");
    }
    json.append("\"end\":true}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("could not delete " + dir + ": " + e);
    }
  }
}
