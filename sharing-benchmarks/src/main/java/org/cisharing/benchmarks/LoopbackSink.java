package org.cisharing.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * A minimal HTTP sink on 127.0.0.1 (the JDK's {@code HttpServer}), so that the receiving side is
 * not the bottleneck of a throughput comparison. In {@link Mode#HUB} it answers {@code POST
 * /v1/reports} with 201 and a receipt echoing the {@code Idempotency-Key}; in {@link
 * Mode#SENTRY} it answers {@code POST /api/1/envelope/} with 200 and counts the distinct event ids
 * of envelopes that carry an event item. It counts distinct ids, so re-deliveries are visible as
 * {@link #requests()} above {@link #distinct()}. Thread-safe.
 */
final class LoopbackSink implements AutoCloseable {
  enum Mode { HUB, SENTRY }

  static {
    // Without TCP_NODELAY on the accepted sockets, a response written in two parts (headers, body)
    // meets the peer's delayed ACK: every request then costs ~40 ms on loopback.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final Pattern EVENT_ID = Pattern.compile("\"event_id\"\\s*:\\s*\"([0-9a-fA-F-]+)\"");
  private static final String RECEIPT_HEAD = "{\"schema\":\"cisharing.receipt/1\",\"receiptId\":\"r\",\"reportId\":\"";
  private static final String RECEIPT_TAIL = "\",\"incidentId\":\"00000000-0000-4000-8000-000000000001\","
      + "\"receivedAt\":\"2026-11-26T09:30:00+09:00\",\"status\":\"accepted\"}";

  private final Mode mode;
  private final HttpServer server;
  private final ExecutorService pool;
  private final Set<String> ids = ConcurrentHashMap.newKeySet();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicInteger distinct = new AtomicInteger();
  private volatile long lastArrivalNanos;

  private LoopbackSink(Mode mode, HttpServer server, ExecutorService pool) {
    this.mode = mode;
    this.server = server;
    this.pool = pool;
  }

  /** Starts a sink on 127.0.0.1:{@code port} (0 for any free port) with {@code threads} handler threads. */
  static LoopbackSink start(Mode mode, int port, int threads) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "sink-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    LoopbackSink sink = new LoopbackSink(mode, server, pool);
    server.setExecutor(pool);
    server.createContext("/", sink::handle);
    server.start();
    return sink;
  }

  /** A port that was free a moment ago: a "hub that is down" until a sink is started on it. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** Distinct report ids (HUB) or event ids (SENTRY) received. */
  int distinct() {
    return distinct.get();
  }

  long requests() {
    return requests.get();
  }

  long lastArrivalNanos() {
    return lastArrivalNanos;
  }

  void reset() {
    ids.clear();
    distinct.set(0);
    requests.set(0);
    lastArrivalNanos = 0;
  }

  /**
   * Waits until {@code target} distinct ids arrived, or no new one arrived for {@code quiet}, or
   * {@code timeout} passed. Returns the distinct count.
   */
  int await(int target, Duration quiet, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int last = -1;
    long lastChange = System.nanoTime();
    while (true) {
      int now = distinct.get();
      if (now >= target) {
        return now;
      }
      if (now != last) {
        last = now;
        lastChange = System.nanoTime();
      }
      long t = System.nanoTime();
      if (t - deadline >= 0 || t - lastChange >= quiet.toNanos()) {
        return now;
      }
      Thread.sleep(10);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      requests.incrementAndGet();
      if (mode == Mode.HUB) {
        String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
        if (key == null || !"POST".equals(ex.getRequestMethod())) {
          respond(ex, 400, "{}");
          return;
        }
        boolean fresh = record(key);
        respond(ex, fresh ? 201 : 200, RECEIPT_HEAD + key + RECEIPT_TAIL);
      } else {
        String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
        InputStream in = new ByteArrayInputStream(body);
        if (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("gzip")) {
          in = new GZIPInputStream(in);
        }
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String header = nl < 0 ? text : text.substring(0, nl);
        Matcher m = EVENT_ID.matcher(header);
        String id = m.find() ? m.group(1) : null;
        if (id != null && text.contains("\"type\":\"event\"")) {
          record(id);
        }
        respond(ex, 200, id == null ? "{}" : "{\"id\":\"" + id + "\"}");
      }
    }
  }

  private boolean record(String id) {
    boolean fresh = ids.add(id);
    if (fresh) {
      distinct.incrementAndGet();
    }
    lastArrivalNanos = System.nanoTime();
    return fresh;
  }

  private static void respond(HttpExchange ex, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Stops listening at once (the port is closed: clients see connection refused). */
  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
