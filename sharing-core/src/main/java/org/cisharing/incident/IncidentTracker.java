package org.cisharing.incident;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.cisharing.SharingClient;
import org.cisharing.SharingException;
import org.cisharing.internal.incident.BoundedQueue;
import org.cisharing.model.Tlp;
import org.cisharing.report.Handling;
import org.cisharing.report.IncidentReport;
import org.cisharing.report.ReportStage;
import org.cisharing.report.Reporter;
import org.cisharing.scope.Category;
import org.cisharing.scope.Classification;
import org.cisharing.scope.Observation;
import org.cisharing.scope.RegulatoryFlag;
import org.cisharing.scope.ScopeClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a flood of observations into a few incidents and their staged reports. {@link #observe}
 * never blocks and never throws: it puts the observation on a bounded lock-free queue for the
 * tracker's worker thread, which classifies it, correlates it into an incident by its {@link
 * CorrelationKey} within the correlation window, and files reports through the {@link ReportSink}:
 *
 * <ul>
 *   <li>an <b>initial</b> report when an in-scope incident opens (after an optional short hold to
 *       gather context);
 *   <li>an <b>update</b> when the picture changes materially (worse impact, a new cause group,
 *       another category, a new regulatory flag), at most once per {@code updateInterval}, and
 *       periodically while observations keep coming;
 *   <li>a <b>final</b> report on {@link #resolve} or after a quiet period without observations.
 * </ul>
 *
 * <p>Memory is bounded: at most {@code maxOpenIncidents} incidents and {@code maxSignalsPerIncident}
 * signal codes each; beyond that, observations are counted into an overflow incident. When the
 * hand-off queue is full, observations are counted as shed and the count goes into the overflow
 * incident's next report: every observation is accounted for (see {@link TrackerStats}).
 *
 * <pre>{@code
 * IncidentTracker tracker = IncidentTracker.builder()
 *     .reporter(Reporter.of(Organization.of("さくら水道企業団", "WAT-0001", Sector.WATER), contact))
 *     .sink(client::submit)
 *     .build();
 * tracker.observe(observation);   // from any monitoring thread, never blocks
 * }</pre>
 *
 * @since 0.1.0
 */
public final class IncidentTracker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentTracker.class);
  private static final long MAX_IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final ScopeClassifier classifier;
  private final ReportSink sink;
  private final ReportComposer composer;
  private final CorrelationKey correlationKey;
  private final Clock clock;
  private final Duration correlationWindow;
  private final Duration initialHold;
  private final Duration updateInterval;
  private final Duration periodicUpdate;
  private final Duration quietPeriod;
  private final Duration precursorBatch;
  private final int maxOpenIncidents;
  private final int maxSignalsPerIncident;
  private final List<ReportHook> hooks;
  private final boolean approvalMode;
  private final List<DeadlinePolicy> policies;
  private final TrackerListener listener;
  private final Duration evaluationInterval;
  /** Null: correlate locally only (the default). */
  private final IncidentRegistry registry;

  private final BoundedQueue<Observation> queue;
  private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
  private final Thread worker;
  private volatile boolean running = true;

  // Worker-owned state.
  private final LinkedHashMap<String, IncidentState> byKey = new LinkedHashMap<>();
  private final Map<UUID, IncidentState> byId = new HashMap<>();
  private IncidentState overflow;
  private long lastEvaluationNanos;
  private final LinkedHashMap<UUID, Pending> pendingApproval = new LinkedHashMap<>();

  // Counters, readable from any thread.
  private final LongAdder offered = new LongAdder();
  private final LongAdder shedQueueFull = new LongAdder();
  private final LongAdder shedInvalid = new LongAdder();
  private final LongAdder outOfScope = new LongAdder();
  private final LongAdder tracked = new LongAdder();
  private final LongAdder overflowed = new LongAdder();
  private final LongAdder reportsFiled = new LongAdder();
  private final LongAdder reportsVetoed = new LongAdder();
  private final LongAdder submitFailures = new LongAdder();
  private volatile int openCount;
  private volatile int awaitingApproval;
  /** Shed observations not yet attributed to the overflow incident (worker reads and resets). */
  private final LongAdder shedUnattributed = new LongAdder();

  private IncidentTracker(Builder b) {
    this.classifier = b.classifier == null ? ScopeClassifier.defaults() : b.classifier;
    this.sink = b.sink;
    this.composer = new ReportComposer(b.reporter, b.handling, b.zone, b.recurrencePrevention);
    this.correlationKey = b.correlationKey;
    this.clock = b.clock;
    this.correlationWindow = b.correlationWindow;
    this.initialHold = b.initialHold;
    this.updateInterval = b.updateInterval;
    this.periodicUpdate = b.periodicUpdate;
    this.quietPeriod = b.quietPeriod;
    this.precursorBatch = b.precursorBatch;
    this.maxOpenIncidents = b.maxOpenIncidents;
    this.maxSignalsPerIncident = b.maxSignalsPerIncident;
    this.hooks = List.copyOf(b.hooks);
    this.approvalMode = b.approvalMode;
    this.policies = List.copyOf(b.policies);
    this.listener = b.listener;
    this.evaluationInterval = b.evaluationInterval;
    this.registry = b.registry;
    this.queue = new BoundedQueue<>(b.queueCapacity);
    this.worker = new Thread(this::run, "cisharing-incident-tracker");
    this.worker.setDaemon(true);
    this.worker.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Hands an observation to the tracker. Never blocks, never throws.
   *
   * @return false when it was not accepted (null, the tracker is closed, or the hand-off queue is
   *     full); it is then counted as shed
   */
  public boolean observe(Observation observation) {
    offered.increment();
    if (observation == null || !running) {
      shedInvalid.increment();
      return false;
    }
    if (!queue.offer(observation)) {
      shedQueueFull.increment();
      shedUnattributed.increment();
      return false;
    }
    return true;
  }

  /**
   * Files the incident's final report with what is now known. Asynchronous: the report is filed by
   * the worker; {@link #flush} waits for it.
   *
   * @throws IllegalArgumentException (through the returned future) when the incident is unknown or
   *     already final
   */
  public CompletableFuture<IncidentReport> resolve(UUID incidentId, Resolution resolution) {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(resolution, "resolution");
    return call(() -> {
      IncidentState s = byId.get(incidentId);
      if (s == null || s.state != Incident.State.OPEN) {
        throw new IllegalArgumentException("no open incident " + incidentId);
      }
      if (s.follower) {
        throw new IllegalArgumentException("incident " + incidentId + " is filed by another replica: resolve it there");
      }
      return fileFinal(s, resolution, clock.instant(), "resolved");
    });
  }

  /**
   * Waits until every observation offered before this call has been processed and the time-based
   * rules (holds, periodic updates, quiet periods, deadlines) were evaluated at the clock's current
   * time.
   *
   * @return false when the timeout passed first
   */
  public boolean flush(Duration timeout) {
    try {
      call(() -> {
        drainQueue();
        evaluate(clock.instant());
        return null;
      }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new SharingException("tracker flush failed", e.getCause());
    }
  }

  /** Snapshots of the incidents currently open (and those final or suppressed but still remembered). */
  public List<Incident> incidents() {
    return await(call(() -> {
      List<Incident> out = new ArrayList<>();
      for (IncidentState s : byId.values()) {
        out.add(s.snapshot());
      }
      return out;
    }));
  }

  /** The incident, when the tracker still remembers it. */
  public Optional<Incident> incident(UUID id) {
    return Optional.ofNullable(await(call(() -> {
      IncidentState s = byId.get(id);
      return s == null ? null : s.snapshot();
    })));
  }

  /** Deadline clocks that are unmet and in their risk window (three quarters used) or overdue. */
  public List<DeadlineRisk> atRisk() {
    return await(call(() -> {
      Instant now = clock.instant();
      List<DeadlineRisk> out = new ArrayList<>();
      for (IncidentState s : byId.values()) {
        for (IncidentState.Clock c : s.deadlines) {
          if (!c.met && !now.isBefore(c.riskFrom)) {
            out.add(new DeadlineRisk(s.snapshot(), c.status(), c.status().overdue(now)));
          }
        }
      }
      return out;
    }));
  }

  /** In approval mode: reports waiting for a person to release them, oldest first. */
  public List<IncidentReport> pendingApproval() {
    return await(call(() -> {
      List<IncidentReport> out = new ArrayList<>();
      for (Pending p : pendingApproval.values()) {
        out.add(p.report);
      }
      return out;
    }));
  }

  /**
   * Releases a report waiting for approval to the sink. Reports of one incident must be approved
   * in order: an update cannot go before its initial report.
   *
   * @throws IllegalArgumentException when no such report waits
   * @throws IllegalStateException when an earlier report of the same incident still waits
   */
  public IncidentReport approve(UUID reportId) {
    return await(call(() -> {
      Pending p = pendingApproval.get(reportId);
      if (p == null) {
        throw new IllegalArgumentException("no report " + reportId + " awaits approval");
      }
      for (Pending other : pendingApproval.values()) {
        if (other != p && other.report.incidentId().equals(p.report.incidentId())
            && other.report.revision() < p.report.revision()) {
          throw new IllegalStateException("approve report " + other.report.reportId() + " (revision "
              + other.report.revision() + ") of the same incident first");
        }
      }
      sink.submit(p.report);
      pendingApproval.remove(reportId);
      IncidentState s = byId.get(p.report.incidentId());
      if (s != null) {
        meetDeadlines(s, p.report.stage());
      }
      awaitingApproval = pendingApproval.size();
      reportsFiled.increment();
      notifyListener(() -> listener.reportFiled(p.report, p.incident));
      return p.report;
    }));
  }

  /** Discards a report waiting for approval (counted as vetoed); the incident goes on. */
  public void reject(UUID reportId, String reason) {
    await(call(() -> {
      Pending p = pendingApproval.remove(reportId);
      if (p == null) {
        throw new IllegalArgumentException("no report " + reportId + " awaits approval");
      }
      awaitingApproval = pendingApproval.size();
      reportsVetoed.increment();
      LOG.info("report {} of incident {} rejected: {}", reportId, p.report.incidentId(), reason);
      notifyListener(() -> listener.reportVetoed(p.report, p.incident, reason));
      return null;
    }));
  }

  public TrackerStats stats() {
    return new TrackerStats(offered.sum(), queue.size(), shedQueueFull.sum(), shedInvalid.sum(), outOfScope.sum(),
        tracked.sum(), overflowed.sum(), openCount, reportsFiled.sum(), reportsVetoed.sum(), awaitingApproval,
        submitFailures.sum());
  }

  /** Processes what is queued, then stops the worker. Open incidents are not finalised. */
  @Override
  public void close() {
    if (!running) {
      return;
    }
    flush(Duration.ofSeconds(5));
    running = false;
    LockSupport.unpark(worker);
    try {
      worker.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---------------------------------------------------------------- worker

  private <T> CompletableFuture<T> call(java.util.concurrent.Callable<T> task) {
    CompletableFuture<T> f = new CompletableFuture<>();
    if (!running) {
      f.completeExceptionally(new IllegalStateException("tracker is closed"));
      return f;
    }
    commands.add(() -> {
      try {
        f.complete(task.call());
      } catch (Exception e) {
        f.completeExceptionally(e);
      }
    });
    LockSupport.unpark(worker);
    return f;
  }

  private static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SharingException("interrupted while waiting for the tracker", e);
    } catch (TimeoutException e) {
      throw new SharingException("the tracker did not answer within 30 s", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new SharingException("tracker call failed", e.getCause());
    }
  }

  private void run() {
    long idle = 0;
    while (running) {
      boolean worked = false;
      Runnable command;
      while ((command = commands.poll()) != null) {
        command.run();
        worked = true;
      }
      int n = 0;
      Observation o;
      while (n < 4096 && (o = queue.poll()) != null) {
        process(o);
        n++;
      }
      worked |= n > 0;
      long nanos = System.nanoTime();
      if (nanos - lastEvaluationNanos >= evaluationInterval.toNanos()) {
        lastEvaluationNanos = nanos;
        safeEvaluate();
      }
      if (worked) {
        idle = 0;
      } else {
        idle = Math.min(MAX_IDLE_PARK_NANOS, Math.max(50_000, idle * 2));
        LockSupport.parkNanos(this, idle);
      }
    }
    Runnable command;
    while ((command = commands.poll()) != null) {
      command.run();
    }
  }

  private void drainQueue() {
    // Only what is queued now: producers faster than the worker must not keep it here for ever.
    int n = queue.size();
    Observation o;
    while (n-- > 0 && (o = queue.poll()) != null) {
      process(o);
    }
  }

  private void safeEvaluate() {
    try {
      evaluate(clock.instant());
    } catch (RuntimeException e) {
      LOG.error("incident evaluation failed; will retry", e);
    }
  }

  private void process(Observation o) {
    Classification c;
    try {
      c = classifier.classify(o);
    } catch (RuntimeException e) {
      LOG.warn("classification failed, observation counted as invalid: {}", e.toString());
      shedInvalid.increment();
      return;
    }
    if (!c.inScope()) {
      outOfScope.increment();
      return;
    }
    Instant now = clock.instant();
    OffsetDateTime seen = o.observedAt() != null ? o.observedAt() : OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
    String key;
    try {
      key = correlationKey.key(o, c);
    } catch (RuntimeException e) {
      LOG.warn("correlation key failed, using the default key: {}", e.toString());
      key = CorrelationKey.DEFAULT.key(o, c);
    }
    IncidentState s = byKey.get(key);
    if (s != null && (s.state == Incident.State.FINAL || Duration.between(s.lastActivity, now).compareTo(correlationWindow) > 0)) {
      byKey.remove(key);
      s = null;
    }
    if (s == null) {
      if (openCount >= maxOpenIncidents) {
        s = overflowIncident(now);
        overflowed.increment();
      } else {
        s = newIncident(key, seen.toInstant(), now);
        IncidentState known = byId.get(s.id);
        if (known != null && known.state == Incident.State.OPEN) {
          s = known; // the registry handed back an incident this replica still has open
          byKey.put(key, s);
        } else {
          byKey.put(key, s);
          byId.put(s.id, s);
          openCount++;
          Duration hold = c.category() == Category.PRECURSOR && precursorBatch != null ? precursorBatch : initialHold;
          s.initialDueAt = now.plus(hold);
        }
      }
    }
    tracked.increment();
    boolean changed = s.absorb(o, c, seen, now, maxSignalsPerIncident);
    if (s.follower) {
      return; // the owning replica files the reports; this one contributes its count
    }
    if (s.total == 1 || changed) {
      applyPolicies(s);
    }
    if (!s.initialFiled && !now.isBefore(s.initialDueAt)) {
      fileInitial(s, now);
    } else if (s.initialFiled && s.materialChange && updateAllowed(s, now)) {
      fileUpdate(s, now, s.changeReason);
    }
  }

  /** A new incident: with a registry, joins the incident another replica opened for the key, if any. */
  private IncidentState newIncident(String key, Instant seenAt, Instant now) {
    UUID proposed = UUID.randomUUID();
    if (registry == null) {
      return new IncidentState(proposed, key, false, now);
    }
    IncidentRegistry.Claim claim;
    try {
      claim = registry.claim(key, seenAt, correlationWindow, proposed);
    } catch (RuntimeException e) {
      LOG.warn("incident registry unavailable, correlating {} locally (other replicas may file it too): {}", key, e.toString());
      return new IncidentState(proposed, key, false, now);
    }
    IncidentState s = new IncidentState(claim.incidentId(), key, false, now);
    s.shared = true;
    s.follower = !claim.owner();
    if (s.follower) {
      LOG.debug("incident {} for {} is filed by another replica; contributing counts", s.id, key);
    }
    return s;
  }

  /** Shared incidents: contribute this replica's count when it changed. */
  private void contribute(IncidentState s, Instant now) {
    long count = s.total + s.shed;
    if (count == s.contributed) {
      return;
    }
    try {
      registry.contribute(s.id, count, s.lastSeen == null ? now : s.lastSeen.toInstant());
      s.contributed = count;
    } catch (RuntimeException e) {
      LOG.warn("could not contribute the count of incident {} to the registry; will retry: {}", s.id, e.toString());
    }
  }

  private IncidentState overflowIncident(Instant now) {
    if (overflow == null || overflow.state != Incident.State.OPEN) {
      overflow = new IncidentState(UUID.randomUUID(), "overflow", true, now);
      overflow.initialDueAt = now;
      byId.put(overflow.id, overflow);
    }
    return overflow;
  }

  private boolean updateAllowed(IncidentState s, Instant now) {
    // lastReportAt is null when the last attempt to file failed: try again now.
    return s.lastReportAt == null || !now.isBefore(s.lastReportAt.plus(updateInterval));
  }

  private void evaluate(Instant now) {
    long shed = shedUnattributed.sumThenReset();
    if (shed > 0) {
      IncidentState o = overflowIncident(now);
      o.shed += shed;
      o.lastActivity = now;
      if (o.firstSeen == null) {
        o.firstSeen = OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC);
        o.lastSeen = o.firstSeen;
      }
    }
    for (Iterator<IncidentState> it = byId.values().iterator(); it.hasNext(); ) {
      IncidentState s = it.next();
      if (s.shared && s.state != Incident.State.FINAL) {
        contribute(s, now);
      }
      if (s.follower) {
        if (s.state != Incident.State.FINAL && !now.isBefore(s.lastActivity.plus(quietPeriod))) {
          close(s); // quiet here; the owner files the final report
        }
      } else if (s.state == Incident.State.SUPPRESSED && !now.isBefore(s.lastActivity.plus(quietPeriod))) {
        close(s);
      } else if (s.state == Incident.State.OPEN) {
        boolean precursorBatched = s.category == Category.PRECURSOR && precursorBatch != null;
        if (precursorBatched) {
          if (!now.isBefore(s.initialDueAt)) {
            fileFinal(s, null, now, "precursor batch period ended");
          }
        } else if (!s.initialFiled) {
          if (!now.isBefore(s.initialDueAt)) {
            fileInitial(s, now);
          }
        } else if (!now.isBefore(s.lastActivity.plus(quietPeriod))) {
          fileFinal(s, null, now, "quiet for " + quietPeriod);
        } else if (updateAllowed(s, now)) {
          if (s.materialChange) {
            fileUpdate(s, now, s.changeReason);
          } else if (s.total + s.shed > s.totalAtLastReport
              && (s.lastReportAt == null || !now.isBefore(s.lastReportAt.plus(periodicUpdate)))) {
            fileUpdate(s, now, "periodic update while active");
          }
        }
      }
      checkDeadlines(s, now);
      // Forget finished incidents once nothing can join them any more.
      if (s.state != Incident.State.OPEN && now.isAfter(s.lastActivity.plus(correlationWindow).plus(quietPeriod))) {
        it.remove();
        byKey.remove(s.key, s);
      }
    }
  }

  private void applyPolicies(IncidentState s) {
    Instant start = s.firstSeen == null ? s.openedAt : s.firstSeen.toInstant();
    Incident snapshot = null;
    for (DeadlinePolicy p : policies) {
      if (s.policiesApplied.contains(p.id())) {
        continue;
      }
      if (snapshot == null) {
        snapshot = s.snapshot();
      }
      boolean applies;
      try {
        applies = p.appliesTo().test(snapshot);
      } catch (RuntimeException e) {
        LOG.warn("deadline policy {} failed: {}", p.id(), e.toString());
        applies = false;
      }
      if (applies) {
        s.policiesApplied.add(p.id());
        for (DeadlineRule r : p.rules()) {
          s.deadlines.add(new IncidentState.Clock(p.id(), r, start));
        }
      }
    }
    for (RegulatoryFlag f : s.flags) {
      if (s.policiesApplied.add(f.id())) {
        ReportStage stage = ReportStage.INITIAL;
        for (RegulatoryFlag.Deadline d : f.deadlines()) {
          s.deadlines.add(new IncidentState.Clock(f.id(), new DeadlineRule(d.id(), d.within(), stage, d.ja(), d.en()), start));
          stage = ReportStage.FINAL;
        }
      }
    }
  }

  private void checkDeadlines(IncidentState s, Instant now) {
    for (IncidentState.Clock c : s.deadlines) {
      if (!c.met && !c.warned && !now.isBefore(c.riskFrom)) {
        c.warned = true;
        LOG.warn("incident {}: deadline {} ({}) due {} is at risk", s.id, c.rule.id(), c.policy, c.due);
        Incident snapshot = s.snapshot();
        DeadlineStatus status = c.status();
        notifyListener(() -> listener.deadlineAtRisk(snapshot, status));
      }
    }
  }

  private void fileInitial(IncidentState s, Instant now) {
    file(s, ReportStage.INITIAL, null, now, null);
  }

  private void fileUpdate(IncidentState s, Instant now, String reason) {
    file(s, ReportStage.UPDATE, null, now, reason);
  }

  private IncidentReport fileFinal(IncidentState s, Resolution resolution, Instant now, String reason) {
    return file(s, ReportStage.FINAL, resolution, now, reason);
  }

  private IncidentReport file(IncidentState s, ReportStage stage, Resolution resolution, Instant now, String reason) {
    if (s.follower) {
      return null; // never reached: followers do not file
    }
    if (s.state == Incident.State.SUPPRESSED) {
      if (stage == ReportStage.FINAL) {
        close(s);
      }
      return null;
    }
    if (s.shared) {
      try {
        s.fromReplicas = registry.othersObservations(s.id);
      } catch (RuntimeException e) {
        LOG.warn("could not read other replicas' counts of incident {}; the report carries the last known: {}", s.id, e.toString());
      }
    }
    IncidentReport report;
    try {
      report = composer.compose(s, stage, resolution, now, stage == ReportStage.INITIAL ? null : reason);
    } catch (RuntimeException e) {
      LOG.error("cannot compose the {} report of incident {}: {}", stage.code(), s.id, e.getMessage());
      submitFailures.increment();
      return null;
    }
    Incident snapshot = s.snapshot();
    IncidentReport hooked = report;
    String vetoReason = null;
    for (ReportHook hook : hooks) {
      try {
        hooked = hook.beforeSubmit(hooked, snapshot);
      } catch (RuntimeException e) {
        vetoReason = "hook " + hook.getClass().getName() + " threw " + e;
        hooked = null;
      }
      if (hooked == null) {
        if (vetoReason == null) {
          vetoReason = "vetoed by " + hook.getClass().getName();
        }
        break;
      }
      if (!hooked.incidentId().equals(report.incidentId()) || hooked.stage() != report.stage()
          || hooked.revision() != report.revision()) {
        vetoReason = "hook " + hook.getClass().getName() + " changed the incident id, stage or revision";
        hooked = null;
        break;
      }
    }
    boolean hadChange = s.materialChange;
    String hadReason = s.changeReason;
    markReported(s, now);
    if (hooked == null) {
      reportsVetoed.increment();
      LOG.info("{} report of incident {} vetoed: {}", stage.code(), s.id, vetoReason);
      IncidentReport vetoed = report;
      String why = vetoReason;
      notifyListener(() -> listener.reportVetoed(vetoed, snapshot, why));
      if (stage == ReportStage.INITIAL) {
        s.state = Incident.State.SUPPRESSED;
        s.initialFiled = true;
      } else if (stage == ReportStage.FINAL) {
        close(s);
      }
      return null;
    }
    if (approvalMode) {
      pendingApproval.put(hooked.reportId(), new Pending(hooked, snapshot));
      awaitingApproval = pendingApproval.size();
      IncidentReport waiting = hooked;
      notifyListener(() -> listener.awaitingApproval(waiting, snapshot));
    } else {
      try {
        sink.submit(hooked);
      } catch (RuntimeException e) {
        submitFailures.increment();
        LOG.error("could not file the {} report of incident {}; will try again: {}", stage.code(), s.id, e.getMessage());
        IncidentReport failed = hooked;
        notifyListener(() -> listener.submitFailed(failed, snapshot, e));
        // Try again at the next evaluation; the report is rebuilt from the cumulative state.
        s.lastReportAt = null;
        s.materialChange = hadChange || stage == ReportStage.UPDATE;
        s.changeReason = hadReason == null ? reason : hadReason;
        return null;
      }
      reportsFiled.increment();
      meetDeadlines(s, stage);
      IncidentReport filed = hooked;
      notifyListener(() -> listener.reportFiled(filed, snapshot));
    }
    s.revision++;
    if (stage == ReportStage.INITIAL) {
      s.initialFiled = true;
    }
    if (stage == ReportStage.FINAL) {
      close(s);
    }
    return hooked;
  }

  /** A report of this stage reached the sink: deadlines it satisfies are met. */
  private static void meetDeadlines(IncidentState s, ReportStage stage) {
    for (IncidentState.Clock c : s.deadlines) {
      if (stage.ordinal() >= c.rule.satisfiedBy().ordinal()) {
        c.met = true;
      }
    }
  }

  private void markReported(IncidentState s, Instant now) {
    s.lastReportAt = now;
    s.totalAtLastReport = s.total + s.shed;
    s.materialChange = false;
    s.changeReason = null;
  }

  private void close(IncidentState s) {
    if (s.state != Incident.State.FINAL) {
      if (s.shared && !s.follower) {
        try {
          registry.finish(s.id, clock.instant());
        } catch (RuntimeException e) {
          LOG.warn("could not mark incident {} final in the registry (replicas may join it until its window ends): {}", s.id, e.toString());
        }
      }
      s.state = Incident.State.FINAL;
      if (!s.overflow) {
        openCount--;
      }
    }
  }

  private void notifyListener(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("TrackerListener threw; ignored", e);
    }
  }

  private static final class Pending {
    final IncidentReport report;
    final Incident incident;

    Pending(IncidentReport report, Incident incident) {
      this.report = report;
      this.incident = incident;
    }
  }

  /**
   * Configures an {@link IncidentTracker}. {@link #reporter} and {@link #sink} are required.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private ScopeClassifier classifier;
    private ReportSink sink;
    private Reporter reporter;
    private Handling handling = Handling.of(Tlp.AMBER);
    private ZoneId zone = ZoneId.systemDefault();
    private Function<Incident, List<String>> recurrencePrevention;
    private CorrelationKey correlationKey = CorrelationKey.DEFAULT;
    private Clock clock = Clock.systemUTC();
    private Duration correlationWindow = Duration.ofMinutes(30);
    private Duration initialHold = Duration.ZERO;
    private Duration updateInterval = Duration.ofMinutes(15);
    private Duration periodicUpdate = Duration.ofHours(1);
    private Duration quietPeriod = Duration.ofHours(1);
    private Duration precursorBatch;
    private int maxOpenIncidents = 1_000;
    private int maxSignalsPerIncident = 64;
    private int queueCapacity = 65_536;
    private final List<ReportHook> hooks = new ArrayList<>();
    private boolean approvalMode;
    private final List<DeadlinePolicy> policies = new ArrayList<>(List.of(DeadlinePolicy.actionPlan(Duration.ofHours(1))));
    private TrackerListener listener = TrackerListener.NONE;
    private Duration evaluationInterval = Duration.ofSeconds(1);
    private IncidentRegistry registry;

    Builder() {}

    /** The classifier (default: {@link ScopeClassifier#defaults()}). */
    public Builder classifier(ScopeClassifier classifier) {
      this.classifier = Objects.requireNonNull(classifier, "classifier");
      return this;
    }

    /** Where reports go, usually {@code client::submit}. Required. */
    public Builder sink(ReportSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
      return this;
    }

    /** Files reports through this client's durable outbox. */
    public Builder client(SharingClient client) {
      Objects.requireNonNull(client, "client");
      return sink(client::submit);
    }

    /** Who reports: the organisation and contacts written into every report. Required. */
    public Builder reporter(Reporter reporter) {
      this.reporter = Objects.requireNonNull(reporter, "reporter");
      return this;
    }

    /** The handling of every report (default: TLP:AMBER, no onward sharing, no consent). */
    public Builder handling(Handling handling) {
      this.handling = Objects.requireNonNull(handling, "handling");
      return this;
    }

    /** The time zone of report timestamps (default: the system's). */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /** Supplies recurrence-prevention text for final reports filed without a {@link Resolution} that has it. */
    public Builder recurrencePrevention(Function<Incident, List<String>> provider) {
      this.recurrencePrevention = Objects.requireNonNull(provider, "provider");
      return this;
    }

    public Builder correlationKey(CorrelationKey key) {
      this.correlationKey = Objects.requireNonNull(key, "key");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The largest gap between two observations of one incident (default 30 min). */
    public Builder correlationWindow(Duration d) {
      this.correlationWindow = positive(d, "correlationWindow");
      return this;
    }

    /** How long to gather context before the initial report (default 0; at most 10 min). */
    public Builder initialHold(Duration d) {
      Objects.requireNonNull(d, "initialHold");
      if (d.isNegative() || d.compareTo(Duration.ofMinutes(10)) > 0) {
        throw new IllegalArgumentException("initialHold must be 0..10 min: " + d);
      }
      this.initialHold = d;
      return this;
    }

    /** The least time between two reports of one incident (default 15 min). */
    public Builder updateInterval(Duration d) {
      this.updateInterval = positive(d, "updateInterval");
      return this;
    }

    /** An update is filed this often while observations keep coming (default 1 h). */
    public Builder periodicUpdate(Duration d) {
      this.periodicUpdate = positive(d, "periodicUpdate");
      return this;
    }

    /** An incident without observations for this long gets its final report (default 1 h). */
    public Builder quietPeriod(Duration d) {
      this.quietPeriod = positive(d, "quietPeriod");
      return this;
    }

    /** Batches precursors: one final report per precursor incident per period, no initial or updates. */
    public Builder precursorBatch(Duration period) {
      this.precursorBatch = positive(period, "precursorBatch");
      return this;
    }

    /** The cap on open incidents (default 1,000); beyond it observations go to the overflow incident. */
    public Builder maxOpenIncidents(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxOpenIncidents must be positive: " + n);
      }
      this.maxOpenIncidents = n;
      return this;
    }

    /** Distinct signal codes kept per incident (default 64); others are counted as {@code other}. */
    public Builder maxSignalsPerIncident(int n) {
      if (n < 1 || n > 256) {
        throw new IllegalArgumentException("maxSignalsPerIncident must be 1..256: " + n);
      }
      this.maxSignalsPerIncident = n;
      return this;
    }

    /** The hand-off queue's capacity (default 65,536); when full, observations are shed and counted. */
    public Builder queueCapacity(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("queueCapacity must be positive: " + n);
      }
      this.queueCapacity = n;
      return this;
    }

    /** Adds a hook run before each report enters the sink (redaction, enrichment, veto). */
    public Builder beforeSubmit(ReportHook hook) {
      hooks.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    /** Reports wait in {@link IncidentTracker#pendingApproval()} until a person approves them. */
    public Builder approvalMode(boolean on) {
      this.approvalMode = on;
      return this;
    }

    /** Replaces the deadline policies (default: the action plan's initial report within 1 h). */
    public Builder deadlinePolicies(Collection<DeadlinePolicy> policies) {
      this.policies.clear();
      this.policies.addAll(policies);
      return this;
    }

    public Builder addDeadlinePolicy(DeadlinePolicy policy) {
      policies.add(Objects.requireNonNull(policy, "policy"));
      return this;
    }

    public Builder listener(TrackerListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** How often time-based rules are evaluated in real time (default 1 s). */
    public Builder evaluationInterval(Duration d) {
      this.evaluationInterval = positive(d, "evaluationInterval");
      return this;
    }

    /**
     * Correlates with other replicas through this registry (e.g. {@code jdbcOutbox.incidentRegistry()}):
     * replicas observing the same events file one incident, filed by the replica that opened it, with
     * the others' observation counts merged. Default: none, each tracker correlates on its own.
     */
    public Builder registry(IncidentRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    public IncidentTracker build() {
      if (sink == null) {
        throw new IllegalArgumentException("a sink is required: sink(client::submit)");
      }
      if (reporter == null) {
        throw new IllegalArgumentException("a reporter is required: the organisation and contacts of every report");
      }
      return new IncidentTracker(this);
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
