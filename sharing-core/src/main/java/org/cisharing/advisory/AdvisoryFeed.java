package org.cisharing.advisory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.cisharing.SharingClient;
import org.cisharing.SharingException;
import org.cisharing.internal.ClientAccess;
import org.cisharing.internal.http.HubResponse;
import org.cisharing.internal.http.HubTransport;
import org.cisharing.internal.json.JsonCodec;
import org.cisharing.internal.outbox.DirectorySync;
import org.cisharing.model.Role;
import org.cisharing.report.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the hub's advisories: polls {@code GET /v1/advisories} (opaque cursor, {@code ETag},
 * page limit, re-polling the last page for overlap, and a periodic full reconcile that catches
 * advisories inserted behind the cursor) or accepts pushed ones ({@link #accept}). Each advisory is
 * verified (JWS against the operator's trusted keys), de-duplicated by (id, revision) — a newer
 * revision is delivered as such — and handed to the application, usually an {@link AdvisoryRouter}.
 * Refused advisories are quarantined with their reason and the feed goes on.
 *
 * <p>Durability: the cursor and the set of delivered (id, revision) are stored in the state
 * directory (written to a temporary file, fsynced, renamed). A delivered advisory is recorded
 * before the next one is handed over, and the cursor is committed only after every advisory of the
 * page was handed over, so a restart neither skips an advisory nor re-delivers one — except the one
 * being handed over at the very moment of a crash, which is delivered again (at least once).
 *
 * <p>Thread-safe: polls and pushes are serialised. Polling on a schedule runs on the feed's own
 * daemon thread after {@link #start()}; {@link #pollOnce()} polls on the caller's thread.
 *
 * @since 0.1.0
 */
public final class AdvisoryFeed implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryFeed.class);
  private static final String STATE_FILE = "advisory-feed.json";
  private static final int MAX_PAGES_PER_POLL = 1_000;

  private final SharingClient client;
  private final HubTransport transport;
  private final AdvisoryVerifier verifier;
  private final Consumer<VerifiedAdvisory> consumer;
  private final Path directory;
  private final Clock clock;
  private final int pageLimit;
  private final Duration pollInterval;
  private final Duration reconcileInterval;
  private final int maxRemembered;
  private final FeedListener listener;

  private final Object lock = new Object();
  // Guarded by lock.
  private String cursor;
  private String previousCursor;
  private String etag;
  private String etagAfter;
  private Instant lastReconcile;
  private final LinkedHashMap<String, Integer> delivered = new LinkedHashMap<>();
  private final List<QuarantinedAdvisory> quarantined = new CopyOnWriteArrayList<>();
  private final AtomicLong deliveredCount = new AtomicLong();
  private final AtomicLong duplicateCount = new AtomicLong();
  private final AtomicLong pollFailures = new AtomicLong();
  private volatile Instant lastSuccessfulPoll;
  private ScheduledExecutorService scheduler;

  private AdvisoryFeed(Builder b) {
    this.client = b.client;
    this.transport = ClientAccess.transport(b.client);
    this.verifier = b.verifier;
    this.consumer = b.consumer;
    this.directory = b.stateDirectory;
    this.clock = b.clock;
    this.pageLimit = b.pageLimit;
    this.pollInterval = b.pollInterval;
    this.reconcileInterval = b.reconcileInterval;
    this.maxRemembered = b.maxRemembered;
    this.listener = b.listener;
    try {
      Files.createDirectories(directory.resolve("quarantine"));
    } catch (IOException e) {
      throw new SharingException("cannot create the advisory feed directory " + directory + ": " + e.getMessage(), e);
    }
    load();
    if (!verifier.isVerifying()) {
      LOG.warn("ADVISORY SIGNATURE VERIFICATION IS OFF: advisories are accepted without checking who signed them. "
          + "Use this only against a test hub.");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts polling every {@code pollInterval} on a daemon thread (the first poll runs at once). */
  public void start() {
    synchronized (lock) {
      if (scheduler != null) {
        return;
      }
      scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cisharing-advisory-feed");
        t.setDaemon(true);
        return t;
      });
      scheduler.scheduleWithFixedDelay(this::pollQuietly, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void pollQuietly() {
    try {
      pollOnce();
    } catch (RuntimeException e) {
      LOG.error("advisory poll failed unexpectedly; will retry", e);
    }
  }

  /**
   * Polls until caught up. Never throws for hub or network problems: they are reported through
   * the listener and the result, and the next poll retries from the last committed cursor.
   */
  public PollResult pollOnce() {
    synchronized (lock) {
      Instant now = clock.instant();
      boolean reconcile = lastReconcile == null || !now.isBefore(lastReconcile.plus(reconcileInterval));
      // Re-read the last non-empty page (overlap), or everything when reconciling.
      String pageStart = reconcile ? null : (previousCursor != null ? previousCursor : cursor);
      String ifNoneMatch = !reconcile && etag != null && Objects.equals(pageStart, etagAfter) ? etag : null;
      int delivered0 = (int) deliveredCount.get();
      int quarantined0 = quarantined.size();
      int duplicates0 = (int) duplicateCount.get();
      Set<String> seenCursors = new HashSet<>();
      int limit = pageLimit;
      for (int pages = 0; pages < MAX_PAGES_PER_POLL; pages++) {
        String path = "/v1/advisories?limit=" + limit
            + (pageStart == null ? "" : "&after=" + URLEncoder.encode(pageStart, StandardCharsets.UTF_8));
        HubResponse response;
        try {
          response = transport.get(path, "If-None-Match", pages == 0 ? ifNoneMatch : null);
        } catch (IOException e) {
          return failed("cannot reach the hub: " + e.getMessage(), delivered0, duplicates0, quarantined0);
        }
        if (response.status() == 304) {
          break;
        }
        if (response.bodyTooLarge()) {
          if (limit > 1) {
            limit = Math.max(1, limit / 2);
            continue;
          }
          return failed("a page with a single advisory is over 1 MiB; the feed cannot pass it (after=" + pageStart + ")",
              delivered0, duplicates0, quarantined0);
        }
        if (!response.isSuccessful() || response.body() == null) {
          return failed("hub answered " + response.status() + " to " + path, delivered0, duplicates0, quarantined0);
        }
        JsonNode page;
        try {
          page = JsonCodec.mapper().readTree(response.body());
        } catch (IOException e) {
          return failed("unreadable advisory page: " + e.getMessage(), delivered0, duplicates0, quarantined0);
        }
        if (page == null || !page.path("items").isArray()) {
          return failed("advisory page without an items array", delivered0, duplicates0, quarantined0);
        }
        JsonNode items = page.get("items");
        for (JsonNode item : items) {
          handle(item.isObject() ? item.toString() : String.valueOf(item));
        }
        String next = page.path("next").isTextual() ? page.get("next").asText() : null;
        if (pages == 0 && items.size() < limit && response.etag() != null) {
          // Only a page that is not full may answer 304 later: new advisories would land on it.
          etag = response.etag();
          etagAfter = pageStart;
        } else if (pages == 0) {
          etag = null;
          etagAfter = null;
        }
        if (items.isEmpty() || next == null) {
          save();
          break;
        }
        if (!seenCursors.add(next) || next.equals(pageStart)) {
          save();
          return failed("the hub's cursor loops (" + next + "); stopping this poll", delivered0, duplicates0, quarantined0);
        }
        // Every advisory of the page was handed over: commit the cursor.
        previousCursor = pageStart;
        cursor = next;
        save();
        pageStart = next;
      }
      if (reconcile) {
        lastReconcile = now;
        save();
      }
      lastSuccessfulPoll = now;
      return new PollResult(true, (int) deliveredCount.get() - delivered0, (int) duplicateCount.get() - duplicates0,
          quarantined.size() - quarantined0, null);
    }
  }

  private PollResult failed(String reason, int delivered0, int duplicates0, int quarantined0) {
    pollFailures.incrementAndGet();
    LOG.warn("advisory poll failed: {}", reason);
    notifyListener(() -> listener.pollFailed(reason));
    return new PollResult(false, (int) deliveredCount.get() - delivered0, (int) duplicateCount.get() - duplicates0,
        quarantined.size() - quarantined0, reason);
  }

  /**
   * Accepts a pushed advisory ({@code {"jws": ...}} body): verifies it, records it durably and
   * hands it to the application before returning.
   *
   * @return the outcome and the HTTP status the push endpoint should answer
   */
  public PushResult accept(String body) {
    Objects.requireNonNull(body, "body");
    synchronized (lock) {
      return handle(body);
    }
  }

  private PushResult handle(String envelope) {
    VerificationResult result = verifier.verifyEnvelope(envelope);
    if (result instanceof QuarantinedAdvisory) {
      QuarantinedAdvisory q = (QuarantinedAdvisory) result;
      quarantine(q);
      switch (q.reason()) {
        case NOT_COMPACT_JWS:
        case TOO_LARGE:
        case MALFORMED_HEADER:
          return PushResult.MALFORMED;
        default:
          return PushResult.UNAUTHORIZED;
      }
    }
    VerifiedAdvisory v = (VerifiedAdvisory) result;
    Advisory a = v.advisory();
    Integer known = delivered.get(a.id());
    if (known != null && known >= a.revision()) {
      duplicateCount.incrementAndGet();
      notifyListener(() -> listener.duplicate(a.id(), a.revision()));
      return PushResult.DUPLICATE;
    }
    try {
      consumer.accept(v);
    } catch (RuntimeException e) {
      // The router isolates handler failures; a consumer that throws still counts as delivered,
      // because retrying here would re-deliver to the handlers that succeeded.
      LOG.error("advisory consumer threw for {} revision {}", a.id(), a.revision(), e);
    }
    delivered.remove(a.id());
    delivered.put(a.id(), a.revision());
    while (delivered.size() > maxRemembered) {
      Iterator<String> it = delivered.keySet().iterator();
      it.next();
      it.remove();
    }
    save();
    deliveredCount.incrementAndGet();
    notifyListener(() -> listener.delivered(v));
    return PushResult.ACCEPTED;
  }

  private void quarantine(QuarantinedAdvisory q) {
    quarantined.add(q);
    LOG.warn("advisory quarantined: {} ({})", q.reason().code(), q.detail());
    Path file = directory.resolve("quarantine").resolve(q.at().toEpochMilli() + "-" + UUID.randomUUID() + ".json");
    ObjectNode node = JsonCodec.mapper().createObjectNode();
    node.put("reason", q.reason().code());
    node.put("detail", q.detail());
    node.put("at", q.at().toString());
    node.put("raw", q.raw());
    try {
      Files.write(file, JsonCodec.mapper().writeValueAsBytes(node));
    } catch (IOException e) {
      LOG.error("cannot write the quarantined advisory to {}: {}", file, e.getMessage());
    }
    notifyListener(() -> listener.quarantined(q));
  }

  /**
   * Sends feedback on an advisory to the hub through the client's durable outbox (same path as
   * reports: durable when this returns, retried until the hub acknowledges).
   *
   * @return a future completing when the hub accepted it
   */
  public CompletableFuture<Receipt> acknowledge(Feedback feedback) {
    Objects.requireNonNull(feedback, "feedback");
    String path = "/v1/advisories/" + URLEncoder.encode(feedback.advisoryId(), StandardCharsets.UTF_8).replace("+", "%20") + "/feedback";
    return client.submitDocument(feedback.feedbackId(), "feedback", path, "feedback:" + feedback.advisoryId(),
        feedback.at().toInstant().toEpochMilli(), feedback);
  }

  /** Shorthand for {@link #acknowledge(Feedback)}. */
  public CompletableFuture<Receipt> acknowledge(String advisoryId, int revision, Role role, FeedbackStatus status,
      Integer usefulness, String comment) {
    Feedback.Builder b = Feedback.builder().advisoryId(advisoryId).revision(revision).role(role).status(status)
        .at(java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC));
    if (usefulness != null) {
      b.usefulness(usefulness);
    }
    if (comment != null) {
      b.comment(comment);
    }
    return acknowledge(b.build());
  }

  /** Advisories refused since start (also kept as files under the state directory's {@code quarantine/}). */
  public List<QuarantinedAdvisory> quarantined() {
    return List.copyOf(quarantined);
  }

  public FeedStats stats() {
    return new FeedStats(deliveredCount.get(), duplicateCount.get(), quarantined.size(), pollFailures.get(),
        lastSuccessfulPoll);
  }

  /** The committed cursor, or null before the first page. */
  public String cursor() {
    synchronized (lock) {
      return cursor;
    }
  }

  @Override
  public void close() {
    ScheduledExecutorService s;
    synchronized (lock) {
      s = scheduler;
      scheduler = null;
    }
    if (s != null) {
      s.shutdownNow();
      try {
        s.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  // ---------------------------------------------------------------- state

  private void load() {
    Path file = directory.resolve(STATE_FILE);
    if (!Files.exists(file)) {
      return;
    }
    try {
      JsonNode node = JsonCodec.mapper().readTree(Files.readAllBytes(file));
      cursor = text(node, "cursor");
      previousCursor = text(node, "previousCursor");
      etag = text(node, "etag");
      etagAfter = text(node, "etagAfter");
      String reconcile = text(node, "lastReconcile");
      lastReconcile = reconcile == null ? null : Instant.parse(reconcile);
      JsonNode seen = node.path("delivered");
      for (Map.Entry<String, JsonNode> e : seen.properties()) {
        delivered.put(e.getKey(), e.getValue().asInt());
      }
    } catch (IOException | RuntimeException e) {
      Path aside = directory.resolve(STATE_FILE + ".corrupt-" + clock.instant().toEpochMilli());
      try {
        Files.move(file, aside);
      } catch (IOException moveFailed) {
        LOG.error("cannot set aside the unreadable feed state {}", file, moveFailed);
      }
      LOG.error("the advisory feed state {} is unreadable ({}); moved to {}; the next poll reconciles from the start",
          file, e.getMessage(), aside);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private void save() {
    ObjectNode node = JsonCodec.mapper().createObjectNode();
    node.put("cursor", cursor);
    node.put("previousCursor", previousCursor);
    node.put("etag", etag);
    node.put("etagAfter", etagAfter);
    node.put("lastReconcile", lastReconcile == null ? null : lastReconcile.toString());
    ObjectNode seen = node.putObject("delivered");
    for (Map.Entry<String, Integer> e : delivered.entrySet()) {
      seen.put(e.getKey(), e.getValue());
    }
    Path tmp = directory.resolve(STATE_FILE + ".tmp");
    try {
      byte[] bytes = JsonCodec.mapper().writeValueAsBytes(node);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, directory.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      try (DirectorySync sync = DirectorySync.open(directory)) {
        sync.sync();
      }
    } catch (IOException e) {
      throw new SharingException("cannot store the advisory feed state in " + directory + ": " + e.getMessage(), e);
    }
  }

  private void notifyListener(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("FeedListener threw; ignored", e);
    }
  }

  /**
   * The outcome of one poll.
   *
   * @param ok whether the poll reached the end of the feed
   * @param delivered advisories handed to the application
   * @param duplicates advisories dropped as already delivered
   * @param quarantined advisories refused
   * @param failure why the poll stopped early, or {@code null}
   * @since 0.1.0
   */
  public record PollResult(boolean ok, int delivered, int duplicates, int quarantined, String failure) {}

  /**
   * Counters since start.
   *
   * @param delivered advisories handed to the application
   * @param duplicates advisories dropped as already delivered
   * @param quarantined advisories refused
   * @param pollFailures polls that stopped early
   * @param lastSuccessfulPoll when the last poll reached the end of the feed, or {@code null}
   * @since 0.1.0
   */
  public record FeedStats(long delivered, long duplicates, long quarantined, long pollFailures, Instant lastSuccessfulPoll) {}

  /**
   * Configures an {@link AdvisoryFeed}. Client, verifier, consumer and state directory are required.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private SharingClient client;
    private AdvisoryVerifier verifier;
    private Consumer<VerifiedAdvisory> consumer;
    private Path stateDirectory;
    private Clock clock = Clock.systemUTC();
    private int pageLimit = 50;
    private Duration pollInterval = Duration.ofMinutes(5);
    private Duration reconcileInterval = Duration.ofHours(24);
    private int maxRemembered = 100_000;
    private FeedListener listener = FeedListener.NONE;

    Builder() {}

    /** The client whose hub, credentials and TLS settings the feed uses, and whose outbox carries feedback. */
    public Builder client(SharingClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The verifier holding the operator's trusted keys. */
    public Builder verifier(AdvisoryVerifier verifier) {
      this.verifier = Objects.requireNonNull(verifier, "verifier");
      return this;
    }

    /** Where verified advisories go, e.g. {@code v -> router.route(v.advisory())}. */
    public Builder consumer(Consumer<VerifiedAdvisory> consumer) {
      this.consumer = Objects.requireNonNull(consumer, "consumer");
      return this;
    }

    /** Routes verified advisories with this router. */
    public Builder router(AdvisoryRouter router) {
      Objects.requireNonNull(router, "router");
      return consumer(v -> router.route(v.advisory()));
    }

    /** Where the cursor, the delivered set and quarantined advisories are kept (created if absent). */
    public Builder stateDirectory(Path directory) {
      this.stateDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Advisories per page, 1..100 (default 50). */
    public Builder pageLimit(int limit) {
      if (limit < 1 || limit > 100) {
        throw new IllegalArgumentException("pageLimit must be 1..100: " + limit);
      }
      this.pageLimit = limit;
      return this;
    }

    /** How often {@link #start()} polls (default 5 min). */
    public Builder pollInterval(Duration d) {
      this.pollInterval = positive(d, "pollInterval");
      return this;
    }

    /** How often a poll starts from the beginning of the feed to catch advisories inserted behind the cursor (default 24 h). */
    public Builder reconcileInterval(Duration d) {
      this.reconcileInterval = positive(d, "reconcileInterval");
      return this;
    }

    /** How many advisory ids are remembered for de-duplication (default 100,000; oldest forgotten first). */
    public Builder maxRemembered(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxRemembered must be positive: " + n);
      }
      this.maxRemembered = n;
      return this;
    }

    public Builder listener(FeedListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * @throws SharingException when the state directory cannot be created
     */
    public AdvisoryFeed build() {
      if (client == null || verifier == null || consumer == null || stateDirectory == null) {
        throw new IllegalArgumentException("client, verifier, consumer (or router) and stateDirectory are required");
      }
      return new AdvisoryFeed(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }
  }
}
