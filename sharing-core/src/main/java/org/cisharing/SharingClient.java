package org.cisharing;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.cisharing.internal.delivery.DeliveryEngine;
import org.cisharing.internal.http.HubResponse;
import org.cisharing.internal.http.HubTransport;
import org.cisharing.internal.json.JsonCodec;
import org.cisharing.json.SharingJson;
import org.cisharing.outbox.DeadLetter;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.OutboxFullException;
import org.cisharing.report.IncidentReport;
import org.cisharing.report.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers incident reports to an information-sharing hub, durably. {@link #submit} returns only
 * once the report is stored in the outbox (fsynced on disk, or committed in a database); background
 * delivery then sends it with its report id as the idempotency key, retrying with backoff for as
 * long as it takes, and removes it only when the hub acknowledged it. Reports the hub refuses for
 * good go to {@link #deadLetters()}. Reports pending at {@link #close()} are delivered after the
 * next start.
 *
 * <pre>{@code
 * try (SharingClient client = SharingClient.builder()
 *     .hubUrl(URI.create("https://hub.example.go.jp"))
 *     .bearerToken(System.getenv("HUB_TOKEN"))
 *     .outboxDirectory(Path.of("/var/lib/myapp/outbox"))
 *     .build()) {
 *   Submission s = client.submit(report);          // durable when this returns
 *   s.receipt().thenAccept(r -> log.info("hub has {}", r.receiptId()));
 * }
 * }</pre>
 *
 * <p>Thread-safe. Delivery runs on the client's own threads (or an executor you supply) and never
 * throws into the application: outcomes are reported through the {@link SharingListener}, the
 * futures, SLF4J logs and the counters.
 *
 * @since 0.1.0
 */
public final class SharingClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SharingClient.class);

  static {
    org.cisharing.internal.ClientAccess.install(c -> c.transport);
  }

  private final URI hubUrl;
  private final Outbox outbox;
  private final boolean ownsOutbox;
  private final HubTransport transport;
  private final DeliveryEngine engine;
  private final Clock clock;
  private final Duration closeTimeout;
  private final SharingListener listener;
  private final ExecutorService executor;
  private volatile boolean closed;

  private SharingClient(Builder b, Outbox outbox, boolean ownsOutbox, OkHttpClient http) {
    this.hubUrl = b.hubUrl;
    this.outbox = outbox;
    this.ownsOutbox = ownsOutbox;
    this.clock = b.clock;
    this.closeTimeout = b.closeTimeout;
    this.listener = b.listener;
    this.transport = new HubTransport(http, b.hubUrl, b.token);
    this.engine = new DeliveryEngine(outbox, transport, b.clock, b.retryPolicy, b.listener, b.lease, b.deliveryConcurrency);
    this.executor = b.executor;
    for (org.cisharing.outbox.Quarantined q : outbox.quarantined()) {
      try {
        listener.quarantined(q);
      } catch (RuntimeException e) {
        LOG.warn("SharingListener.quarantined threw; ignored", e);
      }
    }
    if (b.startDelivery) {
      this.engine.start(executor);
    }
  }

  /**
   * Starts background delivery, when the client was built with {@code startDelivery(false)} (for
   * example to wait until the application is ready). Idempotent.
   */
  public void start() {
    if (closed) {
      throw new IllegalStateException("SharingClient is closed");
    }
    engine.start(executor);
  }

  /** A builder; {@link Builder#hubUrl} and an outbox (directory or instance) are required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Stores the report durably and schedules its delivery. Submitting the same report (same report
   * id) again while it is pending returns the same pending delivery: the hub never sees it twice.
   *
   * @return the report id and a future for the hub's receipt
   * @throws org.cisharing.outbox.OutboxFullException when the outbox is at its cap
   * @throws SharingException when the outbox cannot store it (full, disk full, I/O error); nothing
   *     already stored is touched
   * @throws IllegalStateException when the client is closed
   */
  public Submission submit(IncidentReport report) {
    Objects.requireNonNull(report, "report");
    byte[] body = SharingJson.writeBytes(report);
    UUID id = report.reportId();
    OutboxEntry entry = new OutboxEntry(id, "report", "/v1/reports", report.incidentId().toString(),
        report.revision(), clock.instant(), body);
    CompletableFuture<Receipt> future = store(entry);
    return new Submission(id, future);
  }

  /**
   * Stores any wire document for delivery by POST to {@code path} (used for feedback, which goes
   * through the same durable path as reports).
   *
   * @param id the document's id, used as the idempotency key
   * @param kind a short kind name, e.g. {@code feedback}
   * @param orderKey documents with one order key are delivered one at a time, in sequence order
   */
  public CompletableFuture<Receipt> submitDocument(UUID id, String kind, String path, String orderKey, long sequence, Object document) {
    byte[] body = SharingJson.writeBytes(document);
    return store(new OutboxEntry(id, kind, path, orderKey, sequence, clock.instant(), body));
  }

  private CompletableFuture<Receipt> store(OutboxEntry entry) {
    if (closed) {
      throw new IllegalStateException("SharingClient is closed");
    }
    CompletableFuture<Receipt> future = engine.futureFor(entry.id());
    outbox.append(entry);
    try {
      listener.submitted(entry);
    } catch (RuntimeException e) {
      LOG.warn("SharingListener.submitted threw; ignored", e);
    }
    engine.wake();
    return future;
  }

  /**
   * Wakes delivery and waits until the outbox is empty or the timeout passes.
   *
   * @return how many entries remain pending (0 when everything was delivered or dead-lettered)
   */
  public int flush(Duration timeout) {
    try {
      return engine.awaitEmpty(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return outbox.pendingCount();
    }
  }

  /** Entries stored and not yet acknowledged by the hub. */
  public int pending() {
    return outbox.pendingCount();
  }

  /** When the oldest pending entry was stored. */
  public Optional<Instant> oldestPending() {
    return outbox.oldestPending();
  }

  /** Entries the hub refused for good, with the hub's problem documents. */
  public List<DeadLetter> deadLetters() {
    return outbox.deadLetters();
  }

  /**
   * Sends a dead letter again, unchanged and under the same id (so the hub cannot store it twice),
   * once the cause of the refusal is fixed: a wrong token (401/403) or a hub-side problem. It is
   * stored as pending before the dead letter is removed; a crash in between leaves both, and the
   * report is still delivered once. To correct a report's content, submit a corrected report with
   * a new report id instead, and {@link Outbox#removeDeadLetter remove} the old dead letter.
   *
   * @return a future for the hub's receipt
   * @throws IllegalArgumentException when no dead letter has this id
   */
  public CompletableFuture<Receipt> retryDeadLetter(UUID id) {
    Objects.requireNonNull(id, "id");
    DeadLetter letter = null;
    for (DeadLetter d : outbox.deadLetters()) {
      if (d.entry().id().equals(id)) {
        letter = d;
      }
    }
    if (letter == null) {
      throw new IllegalArgumentException("no dead letter " + id);
    }
    return requeue(letter);
  }

  /**
   * Sends again, as {@link #retryDeadLetter} does, every dead letter that {@code which} accepts,
   * oldest first (so an incident's reports keep their order): for example {@code
   * retryDeadLetters(d -> d.status() == 401)} once an expired token was replaced, which had made
   * the hub refuse a whole backlog.
   *
   * @return one submission per dead letter sent again, oldest first
   * @throws OutboxFullException when the outbox is full: the dead letters sent again so far are
   *     pending, the rest are still dead letters
   */
  public List<Submission> retryDeadLetters(Predicate<DeadLetter> which) {
    Objects.requireNonNull(which, "which");
    List<Submission> sent = new ArrayList<>();
    for (DeadLetter letter : outbox.deadLetters()) {
      if (which.test(letter)) {
        sent.add(new Submission(letter.entry().id(), requeue(letter)));
      }
    }
    return List.copyOf(sent);
  }

  private CompletableFuture<Receipt> requeue(DeadLetter letter) {
    OutboxEntry e = letter.entry();
    CompletableFuture<Receipt> future = store(new OutboxEntry(e.id(), e.kind(), e.path(), e.orderKey(), e.sequence(),
        clock.instant(), e.payload()));
    outbox.removeDeadLetter(e.id());
    LOG.info("dead letter {} ({} {}) queued for delivery again", e.id(), e.kind(), e.orderKey());
    return future;
  }

  /** The outbox this client delivers from. */
  public Outbox outbox() {
    return outbox;
  }

  /** Counters since this client started: delivered, deferred attempts, dead-lettered. */
  public Stats stats() {
    return new Stats(engine.deliveredCount(), engine.deferredCount(), engine.deadLetteredCount(),
        Optional.ofNullable(engine.lastDelivery()));
  }

  /**
   * Asks the hub for a report's status and the analyst's questions ({@code GET
   * /v1/reports/{id}}). Synchronous.
   *
   * @throws HubException when the hub cannot be reached or answers with an error
   */
  public Receipt status(UUID reportId) {
    Objects.requireNonNull(reportId, "reportId");
    HubResponse response;
    try {
      response = transport.get("/v1/reports/" + reportId);
    } catch (IOException e) {
      throw new HubException("cannot reach the hub at " + transport.baseUrl() + ": " + e.getMessage(), 0, null, e);
    }
    if (!response.isSuccessful() || response.body() == null) {
      Problem problem = problem(response);
      throw new HubException("hub answered " + response.status() + " for report " + reportId
          + (problem != null && problem.detail() != null ? ": " + problem.detail() : ""), response.status(), problem, null);
    }
    return JsonCodec.read(response.body(), Receipt.class);
  }

  private static Problem problem(HubResponse response) {
    if (response.body() == null || response.body().length == 0) {
      return null;
    }
    try {
      return JsonCodec.mapper().readValue(response.body(), Problem.class);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Flushes for at most the close timeout, then stops delivery and releases the outbox. Reports
   * still pending stay in the outbox and are delivered by the next client that opens it.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    int left = flush(closeTimeout);
    engine.stop(Duration.ofSeconds(5));
    if (ownsOutbox) {
      outbox.close();
    }
    if (left > 0) {
      LOG.info("closed with {} entries pending in the outbox; they will be delivered after the next start", left);
    }
  }

  @Override
  public String toString() {
    return "SharingClient{hub=" + hubUrl + ", pending=" + (closed ? "?" : String.valueOf(outbox.pendingCount())) + "}";
  }

  /**
   * Delivery counters.
   *
   * @param delivered entries acknowledged by the hub
   * @param deferred failed attempts that will be retried
   * @param deadLettered entries refused for good
   * @param lastDelivery when the last acknowledgement arrived
   * @since 0.1.0
   */
  public record Stats(long delivered, long deferred, long deadLettered, Optional<Instant> lastDelivery) {}

  /**
   * Configures a {@link SharingClient}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private URI hubUrl;
    private Supplier<String> token;
    private boolean allowInsecureLoopback;
    private Path outboxDirectory;
    private OutboxConfig outboxConfig = OutboxConfig.defaults();
    private Outbox outbox;
    private OkHttpClient okHttpClient;
    private SSLContext sslContext;
    private X509TrustManager trustManager;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration callTimeout = Duration.ofSeconds(60);
    private Duration closeTimeout = Duration.ofSeconds(5);
    private Duration lease = Duration.ofMinutes(15);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private ExecutorService executor;
    private int deliveryConcurrency = 4;
    private SharingListener listener = SharingListener.NONE;
    private boolean startDelivery = true;

    Builder() {}

    /**
     * Whether {@link #build()} starts background delivery at once (default true). With false,
     * reports are stored by {@code submit} but sent only after {@link SharingClient#start()}.
     */
    public Builder startDelivery(boolean start) {
      this.startDelivery = start;
      return this;
    }

    /** The hub's base URL, e.g. {@code https://hub.example.go.jp}. HTTPS only (see {@link #allowInsecureLoopback}). */
    public Builder hubUrl(URI hubUrl) {
      this.hubUrl = Objects.requireNonNull(hubUrl, "hubUrl");
      return this;
    }

    /** A static bearer token. It is never logged nor shown by {@code toString()}. */
    public Builder bearerToken(String token) {
      Objects.requireNonNull(token, "token");
      this.token = () -> token;
      return this;
    }

    /** A token supplier, asked before every request (for tokens that rotate). */
    public Builder bearerToken(Supplier<String> token) {
      this.token = Objects.requireNonNull(token, "token");
      return this;
    }

    /** Allows plain {@code http://} to a loopback host (127.0.0.0/8, ::1, localhost): for tests and demos only. */
    public Builder allowInsecureLoopback(boolean allow) {
      this.allowInsecureLoopback = allow;
      return this;
    }

    /** Uses the default file outbox in this directory (created if absent). */
    public Builder outboxDirectory(Path directory) {
      this.outboxDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** Caps of the file outbox. */
    public Builder outboxConfig(OutboxConfig config) {
      this.outboxConfig = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Uses this outbox (e.g. a JDBC outbox). The caller keeps ownership: {@link #close()} does not close it. */
    public Builder outbox(Outbox outbox) {
      this.outbox = Objects.requireNonNull(outbox, "outbox");
      return this;
    }

    /** Shares the connection pool and settings of an existing OkHttp client (timeouts here are applied on a derived client). */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** TLS settings, e.g. for mutual TLS with a client certificate or a private CA. */
    public Builder sslContext(SSLContext sslContext, X509TrustManager trustManager) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      this.trustManager = Objects.requireNonNull(trustManager, "trustManager");
      return this;
    }

    /**
     * Mutual TLS from PKCS#12 files: the client certificate and key, and optionally a trust store
     * (the system's default trust is used when {@code trustStore} is null).
     *
     * @throws SharingException when a file cannot be read or the password is wrong
     */
    public Builder clientCertificate(Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword) {
      try {
        KeyStore ks = loadPkcs12(keyStore, keyStorePassword);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, keyStorePassword);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustStore == null ? null : loadPkcs12(trustStore, trustStorePassword));
        X509TrustManager tm = null;
        for (TrustManager m : tmf.getTrustManagers()) {
          if (m instanceof X509TrustManager) {
            tm = (X509TrustManager) m;
          }
        }
        if (tm == null) {
          throw new SharingException("no X.509 trust manager available");
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), new TrustManager[] {tm}, null);
        return sslContext(ctx, tm);
      } catch (IOException | GeneralSecurityException e) {
        throw new SharingException("cannot load TLS key material from " + keyStore
            + (trustStore == null ? "" : " / " + trustStore) + ": " + e.getMessage(), e);
      }
    }

    private static KeyStore loadPkcs12(Path path, char[] password) throws IOException, GeneralSecurityException {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(path)) {
        ks.load(in, password);
      }
      return ks;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    public Builder readTimeout(Duration timeout) {
      this.readTimeout = positive(timeout, "readTimeout");
      return this;
    }

    /** The bound on one whole attempt (connect, send, receive). */
    public Builder callTimeout(Duration timeout) {
      this.callTimeout = positive(timeout, "callTimeout");
      return this;
    }

    /** How long {@link SharingClient#close()} flushes before it stops (default 5 s). */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How long a claimed entry stays reserved for this client before another may take it (shared outboxes). */
    public Builder lease(Duration lease) {
      this.lease = positive(lease, "lease");
      return this;
    }

    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** The clock for backoff, Retry-After and timestamps (inject one in tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs the delivery loops on this executor, which must have at least {@link
     * #deliveryConcurrency} threads free for the client's lifetime. The caller owns it.
     */
    public Builder executor(ExecutorService executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** How many requests may be in flight at once (default 4). Ordering within an incident holds regardless. */
    public Builder deliveryConcurrency(int n) {
      if (n < 1 || n > 64) {
        throw new IllegalArgumentException("deliveryConcurrency must be 1..64: " + n);
      }
      this.deliveryConcurrency = n;
      return this;
    }

    public Builder listener(SharingListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Opens the outbox, starts delivery of anything pending from earlier runs, and returns the
     * client.
     *
     * @throws IllegalArgumentException for a missing or insecure hub URL, or a missing outbox
     * @throws SharingException when the outbox cannot be opened (e.g. locked by another process)
     */
    public SharingClient build() {
      if (hubUrl == null) {
        throw new IllegalArgumentException("hubUrl is required");
      }
      checkUrl(hubUrl, allowInsecureLoopback);
      if (outbox == null && outboxDirectory == null) {
        throw new IllegalArgumentException("an outbox is required: outboxDirectory(Path) or outbox(Outbox)");
      }
      if (outbox != null && outboxDirectory != null) {
        throw new IllegalArgumentException("set either outboxDirectory(Path) or outbox(Outbox), not both");
      }
      OkHttpClient.Builder http = (okHttpClient == null ? new OkHttpClient() : okHttpClient).newBuilder()
          .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .writeTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .callTimeout(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
          .retryOnConnectionFailure(false)
          .followRedirects(false);
      if (sslContext != null) {
        http.sslSocketFactory(sslContext.getSocketFactory(), trustManager);
      }
      boolean owns = outbox == null;
      Outbox box = owns ? FileOutbox.open(outboxDirectory, outboxConfig, clock) : outbox;
      try {
        return new SharingClient(this, box, owns, http.build());
      } catch (RuntimeException e) {
        if (owns) {
          box.close();
        }
        throw e;
      }
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    static void checkUrl(URI url, boolean allowInsecureLoopback) {
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (url.getHost() == null) {
        throw new IllegalArgumentException("hubUrl has no host: " + url);
      }
      if (scheme.equals("https")) {
        return;
      }
      if (!scheme.equals("http")) {
        throw new IllegalArgumentException("hubUrl must be https: " + url);
      }
      if (!isLoopback(url.getHost())) {
        throw new IllegalArgumentException("refusing plain http to a non-loopback host: " + url
            + " (the hub API is HTTPS only)");
      }
      if (!allowInsecureLoopback) {
        throw new IllegalArgumentException("plain http to " + url + " needs allowInsecureLoopback(true) (tests and demos only)");
      }
    }

    /** Loopback by literal only: no name is resolved. */
    static boolean isLoopback(String host) {
      String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
      if (h.equalsIgnoreCase("localhost")) {
        return true;
      }
      if (h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
        return true;
      }
      if (h.contains(":")) {
        try {
          InetAddress a = InetAddress.getByName(h);
          return a instanceof Inet6Address && a.isLoopbackAddress();
        } catch (UnknownHostException e) {
          return false;
        }
      }
      return false;
    }
  }
}
