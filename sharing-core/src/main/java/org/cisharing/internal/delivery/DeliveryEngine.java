package org.cisharing.internal.delivery;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.cisharing.HubRejectedException;
import org.cisharing.Problem;
import org.cisharing.RetryPolicy;
import org.cisharing.SharingException;
import org.cisharing.SharingListener;
import org.cisharing.internal.ThrottledLog;
import org.cisharing.internal.http.HubResponse;
import org.cisharing.internal.http.HubTransport;
import org.cisharing.internal.json.JsonCodec;
import org.cisharing.outbox.DeadLetter;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.report.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox to the hub with a fixed number of delivery loops. Each loop takes a due entry
 * (one this process holds and whose backoff has passed, or a newly claimed head of an ordering
 * key), sends it, and acknowledges, dead-letters or schedules a retry. Waiting is bounded (at most
 * one second between checks of the injected clock) and is cut short by {@link #wake()}, so that a
 * test can advance a virtual clock and wake the loops.
 */
public final class DeliveryEngine {
  private static final Logger LOG = LoggerFactory.getLogger("org.cisharing.delivery");
  /** Statuses the hub API says never to retry. */
  private static final Set<Integer> PERMANENT = Set.of(400, 401, 403, 409, 413, 415, 422);
  private static final long MAX_IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Outbox outbox;
  private final HubTransport transport;
  private final Clock clock;
  private final RetryPolicy retry;
  private final SharingListener listener;
  private final Duration lease;
  private final int concurrency;
  private final ThrottledLog throttled;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  /**
   * Signalled when the last held entry is released: only then can {@link #awaitEmpty} be done, so
   * its waiter does not wake (and count the outbox) on every acknowledgement. Guarded by lock.
   */
  private final Condition drained = lock.newCondition();
  /** Entries this process claimed and holds until they leave the outbox. Guarded by lock. */
  private final Map<UUID, Held> held = new HashMap<>();
  private final ConcurrentHashMap<UUID, CompletableFuture<Receipt>> futures = new ConcurrentHashMap<>();
  /** A hub-wide pause from Retry-After on 429/503. Guarded by lock. */
  private Instant pausedUntil = Instant.MIN;
  /**
   * While the hub looks unavailable (connection failures, timeouts, 429, 502, 503, 504), no new
   * entries are claimed: only the held ones are retried when due. This keeps an outage from
   * touching every entry of a backlog. Reset by the next success. Guarded by lock.
   */
  private Instant claimPausedUntil = Instant.MIN;
  /** Whether a loop is claiming from the outbox now. Guarded by lock. */
  private boolean claiming;
  /** Counts wake-ups, so a loop does not sleep through one that came while it claimed. Guarded by lock. */
  private long wakeups;
  private volatile boolean running;
  private ExecutorService executor;
  private boolean ownsExecutor;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong deferred = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private volatile Instant lastDelivery;

  public DeliveryEngine(
      Outbox outbox,
      HubTransport transport,
      Clock clock,
      RetryPolicy retry,
      SharingListener listener,
      Duration lease,
      int concurrency) {
    this.outbox = outbox;
    this.transport = transport;
    this.clock = clock;
    this.retry = retry;
    this.listener = listener;
    this.lease = lease;
    this.concurrency = concurrency;
    this.throttled = new ThrottledLog(LOG, clock, Duration.ofSeconds(30));
  }

  /** Starts the delivery loops on the executor (or on own daemon threads when null). */
  public synchronized void start(ExecutorService executor) {
    if (running) {
      return;
    }
    running = true;
    if (executor == null) {
      AtomicLong n = new AtomicLong();
      this.executor = java.util.concurrent.Executors.newFixedThreadPool(concurrency, r -> {
        Thread t = new Thread(r, "cisharing-delivery-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      ownsExecutor = true;
    } else {
      this.executor = executor;
    }
    for (int i = 0; i < concurrency; i++) {
      this.executor.execute(this::loop);
    }
  }

  /** Stops the loops; in-flight attempts finish or are abandoned (their entries stay pending). */
  public void stop(Duration wait) {
    running = false;
    wake();
    if (ownsExecutor && executor != null) {
      executor.shutdown();
      try {
        if (!executor.awaitTermination(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS)) {
          executor.shutdownNow();
        }
      } catch (InterruptedException e) {
        executor.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Re-evaluates what is due now (after a submit, or after a test advanced the clock). */
  public void wake() {
    lock.lock();
    try {
      wakeups++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The future for an entry submitted in this process. */
  public CompletableFuture<Receipt> futureFor(UUID id) {
    return futures.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  /** Waits until the outbox is empty or the timeout passes; returns what remains pending. */
  public int awaitEmpty(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    wake();
    lock.lock();
    try {
      while (true) {
        int pending = outbox.pendingCount();
        long left = deadline - System.nanoTime();
        if ((pending == 0 && held.isEmpty()) || left <= 0) {
          return pending == 0 && !held.isEmpty() ? held.size() : pending;
        }
        // Bounded: entries can also leave through another client of a shared outbox.
        drained.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
      }
    } finally {
      lock.unlock();
    }
  }

  public long deliveredCount() {
    return delivered.get();
  }

  public long deferredCount() {
    return deferred.get();
  }

  public long deadLetteredCount() {
    return deadLettered.get();
  }

  public Instant lastDelivery() {
    return lastDelivery;
  }

  private void loop() {
    while (running) {
      Held h;
      try {
        h = take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        throttled.warn("claim", "cannot read the outbox, will retry: " + e);
        pause(Duration.ofSeconds(1));
        continue;
      }
      if (h == null) {
        continue;
      }
      try {
        attempt(h);
      } catch (RuntimeException e) {
        // Never let a bug or a store failure kill the loop: keep the entry held and retry later.
        LOG.error("unexpected failure delivering {}, will retry", h.entry, e);
        schedule(h, "unexpected failure: " + e, null);
      }
    }
  }

  private void pause(Duration d) {
    lock.lock();
    try {
      changed.awaitNanos(d.toNanos());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A due entry to attempt now, or null after a bounded wait. New entries are claimed from the
   * outbox in batches of {@code concurrency}, by one loop at a time and outside the engine lock
   * (the outbox reads files to claim), so the other loops keep sending meanwhile.
   */
  private Held take() throws InterruptedException {
    long seenWakeups;
    Instant now;
    long waitNanos = MAX_IDLE_WAIT_NANOS;
    lock.lock();
    try {
      now = clock.instant();
      if (now.isBefore(pausedUntil)) {
        waitNanos = Math.min(waitNanos, Duration.between(now, pausedUntil).toNanos());
        changed.awaitNanos(waitNanos);
        return null;
      }
      Held due = null;
      for (Held h : held.values()) {
        if (!h.inFlight && !h.notBefore.isAfter(now) && (due == null || h.notBefore.isBefore(due.notBefore))) {
          due = h;
        } else if (!h.inFlight) {
          waitNanos = Math.min(waitNanos, Math.max(1, Duration.between(now, h.notBefore).toNanos()));
        }
      }
      if (due != null) {
        due.inFlight = true;
        return due;
      }
      if (now.isBefore(claimPausedUntil) || claiming) {
        if (now.isBefore(claimPausedUntil)) {
          waitNanos = Math.min(waitNanos, Math.max(1, Duration.between(now, claimPausedUntil).toNanos()));
        }
        if (running) {
          changed.awaitNanos(waitNanos);
        }
        return null;
      }
      claiming = true;
      seenWakeups = wakeups;
    } finally {
      lock.unlock();
    }
    List<OutboxEntry> claimed = List.of();
    try {
      claimed = outbox.claimReady(concurrency, lease);
    } finally {
      lock.lock();
      try {
        claiming = false;
        Held first = null;
        for (OutboxEntry e : claimed) {
          Held existing = held.get(e.id());
          // A finished one is an earlier entry with the same id on its way out (acknowledged or
          // dead-lettered, not yet released): the new entry takes its place.
          if (existing == null || existing.finished) {
            Held h = new Held(e, now);
            held.put(e.id(), h);
            if (first == null) {
              first = h;
            }
          }
        }
        // Let the other loops take the rest of the batch, or claim in turn. After an empty claim
        // there is nothing for them: waking them would only have them claim in vain and wake this
        // loop in turn, a ping-pong that kept a core busy while the outbox was empty. (A wake-up
        // that came during the claim makes this loop claim again below instead.)
        if (!claimed.isEmpty()) {
          changed.signalAll();
        }
        if (first != null) {
          first.inFlight = true;
          return first;
        }
        if (running && claimed.isEmpty() && seenWakeups == wakeups) {
          changed.awaitNanos(waitNanos);
        }
      } finally {
        lock.unlock();
      }
    }
    return null;
  }

  private void attempt(Held h) {
    OutboxEntry e = h.entry;
    HubResponse response;
    try {
      response = transport.post(e.path(), e.id().toString(), e.payload());
    } catch (SocketTimeoutException ex) {
      schedule(h, "timeout: " + ex.getMessage(), null, true);
      return;
    } catch (InterruptedIOException ex) {
      schedule(h, "interrupted or timed out: " + ex, null, true);
      return;
    } catch (IOException ex) {
      schedule(h, "connection failed: " + ex, null, true);
      return;
    }
    int status = response.status();
    if (response.isSuccessful()) {
      if (response.bodyTooLarge()) {
        schedule(h, "hub answered " + status + " with a body over the size limit", null);
        return;
      }
      Receipt receipt = null;
      if ("report".equals(e.kind())) {
        receipt = receipt(e, response);
        if (receipt == null) {
          return; // scheduled for retry by receipt()
        }
      }
      acknowledge(h, receipt);
      return;
    }
    if (PERMANENT.contains(status)) {
      deadLetter(h, response);
      return;
    }
    schedule(h, "hub answered " + status, status == 429 || status == 503 ? response.retryAfter() : null,
        status == 408 || status == 429 || status == 502 || status == 503 || status == 504);
  }

  private Receipt receipt(OutboxEntry e, HubResponse response) {
    if (response.body() == null || response.body().length == 0) {
      schedule(h(e), "hub answered " + response.status() + " without a receipt", null);
      return null;
    }
    try {
      Receipt receipt = JsonCodec.read(response.body(), Receipt.class);
      if (receipt.reportId() == null || !receipt.reportId().equals(e.id())) {
        schedule(h(e), "hub answered " + response.status() + " with a receipt for another report: " + receipt.reportId(), null);
        return null;
      }
      return receipt;
    } catch (SharingException ex) {
      schedule(h(e), "hub answered " + response.status() + " with an unreadable receipt: " + firstLine(ex.getMessage()), null);
      return null;
    }
  }

  private Held h(OutboxEntry e) {
    lock.lock();
    try {
      return held.get(e.id());
    } finally {
      lock.unlock();
    }
  }

  private void acknowledge(Held h, Receipt receipt) {
    OutboxEntry e = h.entry;
    outbox.acknowledge(e.id());
    delivered.incrementAndGet();
    lastDelivery = clock.instant();
    if (LOG.isDebugEnabled()) {
      LOG.debug("delivered {} after {} attempt(s)", e, h.attempts + 1);
    }
    // Listener, then future, then release: flush() returns only once no entry is held, so its
    // callers see completed futures and notified listeners.
    h.finished = true;
    try {
      listener.delivered(e, receipt);
    } catch (RuntimeException ex) {
      LOG.warn("SharingListener threw; ignored", ex);
    }
    CompletableFuture<Receipt> f = futures.remove(e.id());
    if (f != null) {
      f.complete(receipt);
    }
    release(h);
  }

  private void deadLetter(Held h, HubResponse response) {
    OutboxEntry e = h.entry;
    String problemJson = response.body() == null ? null : new String(response.body(), StandardCharsets.UTF_8);
    Problem problem = null;
    if (problemJson != null && !problemJson.isBlank()) {
      try {
        problem = JsonCodec.mapper().readValue(problemJson, Problem.class);
      } catch (IOException | RuntimeException ex) {
        problem = null;
      }
    }
    String reason = "hub refused " + e.kind() + " with " + response.status()
        + (problem != null && problem.title() != null ? " " + problem.title() : "")
        + (problem != null && problem.detail() != null ? ": " + problem.detail() : "");
    outbox.deadLetter(e.id(), response.status(), reason, problemJson);
    deadLettered.incrementAndGet();
    if (problem != null && problem.isType("/idempotency-conflict")) {
      LOG.error("IDEMPOTENCY CONFLICT: the hub already holds {} {} with a different body. This is a bug: a report id "
          + "was reused for different content. The entry is in the dead letters.", e.kind(), e.id());
    } else {
      LOG.warn("{} {} dead-lettered: {}", e.kind(), e.id(), reason);
    }
    h.finished = true;
    DeadLetter dl = new DeadLetter(e, response.status(), reason, problemJson, clock.instant());
    notify(() -> listener.deadLettered(dl));
    CompletableFuture<Receipt> f = futures.remove(e.id());
    if (f != null) {
      f.completeExceptionally(new HubRejectedException(e.id(), reason, response.status(), problem));
    }
    release(h);
  }

  private void schedule(Held h, String reason, String retryAfter) {
    schedule(h, reason, retryAfter, false);
  }

  private void schedule(Held h, String reason, String retryAfter, boolean hubUnavailable) {
    if (h == null) {
      return;
    }
    Instant now = clock.instant();
    Duration delay;
    Duration hinted = parseRetryAfter(retryAfter, now);
    lock.lock();
    try {
      h.attempts++;
      if (hinted != null) {
        delay = hinted.compareTo(retry.maxRetryAfter()) > 0 ? retry.maxRetryAfter() : hinted;
        Instant until = now.plus(delay);
        if (until.isAfter(pausedUntil)) {
          pausedUntil = until;
        }
      } else {
        Duration ceiling = retry.ceiling(h.attempts);
        delay = retry.jitter() ? Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling.toMillis() + 1)) : ceiling;
      }
      h.notBefore = now.plus(delay);
      h.inFlight = false;
      if (hubUnavailable && h.notBefore.isAfter(claimPausedUntil)) {
        claimPausedUntil = h.notBefore;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    deferred.incrementAndGet();
    Instant next = h.notBefore;
    int attempts = h.attempts;
    throttled.warn("deferred", "delivery of " + h.entry.kind() + " " + h.entry.id() + " to " + transport.baseUrl()
        + " failed (attempt " + attempts + "): " + reason + "; next attempt at " + next);
    notify(() -> listener.deferred(h.entry, attempts, reason, next));
  }

  private void release(Held h) {
    lock.lock();
    try {
      claimPausedUntil = Instant.MIN;
      held.remove(h.entry.id(), h);
      changed.signalAll();
      if (held.isEmpty()) {
        drained.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  private void notify(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException ex) {
      LOG.warn("SharingListener threw; ignored", ex);
    }
  }

  /** Retry-After in delta-seconds or HTTP-date form; null when absent or unreadable. */
  static Duration parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException ignored) {
      // not delta-seconds: try the HTTP-date form
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl) + " ...";
  }

  /** Entries held now (for diagnostics). */
  public List<UUID> heldIds() {
    lock.lock();
    try {
      return new ArrayList<>(held.keySet());
    } finally {
      lock.unlock();
    }
  }

  private static final class Held {
    final OutboxEntry entry;
    Instant notBefore;
    int attempts;
    boolean inFlight;
    /** Acknowledged or dead-lettered: the store no longer has it; only the release is left. */
    volatile boolean finished;

    Held(OutboxEntry entry, Instant now) {
      this.entry = entry;
      this.notBefore = now;
    }
  }
}
