package org.cisharing.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.cisharing.HubRejectedException;
import org.cisharing.RetryPolicy;
import org.cisharing.SharingClient;
import org.cisharing.SharingListener;
import org.cisharing.Submission;
import org.cisharing.outbox.DeadLetter;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.Quarantined;
import org.cisharing.report.IncidentReport;
import org.cisharing.report.Receipt;
import org.cisharing.test.HubEndpoint;
import org.cisharing.test.MockSharingHub;
import org.cisharing.test.MutableClock;
import org.cisharing.test.MockSharingHubExtension;
import org.cisharing.test.ProblemError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SharingClientDeliveryTest {
  @RegisterExtension final MockSharingHubExtension hubs = new MockSharingHubExtension();
  @TempDir Path dir;

  private static final RetryPolicy FAST = RetryPolicy.defaults()
      .withInitialBackoff(Duration.ofMillis(5)).withMaxBackoff(Duration.ofMillis(40));

  private SharingClient client(MockSharingHub hub, Consumer<SharingClient.Builder> extra) {
    SharingClient.Builder b = SharingClient.builder()
        .hubUrl(hub.baseUrl())
        .allowInsecureLoopback(true)
        .outboxDirectory(dir.resolve("outbox"))
        .retryPolicy(FAST)
        .readTimeout(Duration.ofSeconds(2))
        .callTimeout(Duration.ofSeconds(3));
    extra.accept(b);
    return b.build();
  }

  @Test
  void deliversAReportAndCompletesItsReceipt() throws Exception {
    MockSharingHub hub = hubs.hub();
    try (SharingClient client = client(hub, b -> {})) {
      IncidentReport report = Reports.initial(UUID.randomUUID());
      Submission s = client.submit(report);
      Receipt receipt = s.receipt().get(10, TimeUnit.SECONDS);
      assertThat(receipt.reportId()).isEqualTo(report.reportId());
      assertThat(receipt.incidentId()).isEqualTo(report.incidentId());
      hub.assertReceivedExactlyOnce(report.reportId().toString());
      assertThat(client.pending()).isZero();
      assertThat(client.stats().delivered()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"500", "502", "503", "504", "429", "reset", "lose-response", "empty", "malformed", "garbage-2xx"})
  void deliversExactlyOnceThroughEachFault(String fault) throws Exception {
    MockSharingHub hub = hubs.hub();
    switch (fault) {
      case "429":
        hub.rateLimitNext(2, 0);
        break;
      case "reset":
        hub.resetConnectionNext(2);
        break;
      case "lose-response":
        hub.loseResponseNext(2);
        break;
      case "empty":
        hub.on(HubEndpoint.SUBMIT_REPORT).emptyResponseNext(2);
        break;
      case "malformed":
        hub.on(HubEndpoint.SUBMIT_REPORT).malformedResponseNext(2);
        break;
      case "garbage-2xx":
        hub.on(HubEndpoint.SUBMIT_REPORT).garbageResponseNext(2);
        break;
      default:
        hub.failNext(2, Integer.parseInt(fault));
    }
    List<String> deferred = new CopyOnWriteArrayList<>();
    SharingListener listener = new SharingListener() {
      @Override
      public void deferred(OutboxEntry entry, int attempt, String reason, Instant nextAttempt) {
        deferred.add(reason);
      }
    };
    try (SharingClient client = client(hub, b -> b.listener(listener))) {
      IncidentReport report = Reports.initial(UUID.randomUUID());
      Submission s = client.submit(report);
      assertThat(s.receipt().get(20, TimeUnit.SECONDS).reportId()).isEqualTo(report.reportId());
      hub.assertReceivedExactlyOnce(report.reportId().toString());
      assertThat(hub.attempts(report.reportId().toString())).isEqualTo(3);
      assertThat(deferred).hasSize(2);
      assertThat(client.pending()).isZero();
    }
  }

  @Test
  void retriesASlowResponseThatTimedOutAndTheHubDeduplicates() throws Exception {
    MockSharingHub hub = hubs.hub();
    hub.on(HubEndpoint.SUBMIT_REPORT).slowNext(1, Duration.ofMillis(2500));
    try (SharingClient client = client(hub, b -> b.readTimeout(Duration.ofMillis(800)))) {
      IncidentReport report = Reports.initial(UUID.randomUUID());
      assertThat(client.submit(report).receipt().get(20, TimeUnit.SECONDS).reportId()).isEqualTo(report.reportId());
      hub.assertReceivedExactlyOnce(report.reportId().toString());
      assertThat(hub.attempts(report.reportId().toString())).isEqualTo(2);
    }
  }

  @Test
  void honoursRetryAfterInVirtualTime() throws Exception {
    MockSharingHub hub = hubs.hub();
    MutableClock clock = MutableClock.at(Instant.parse("2026-11-26T00:00:00Z"));
    hub.rateLimitNext(1, 120);
    try (SharingClient client = client(hub, b -> b.clock(clock).retryPolicy(FAST.withJitter(false)))) {
      IncidentReport report = Reports.initial(UUID.randomUUID());
      Submission s = client.submit(report);
      awaitAttempts(hub, report, 1);
      assertThat(client.flush(Duration.ofMillis(300))).isEqualTo(1);
      clock.advance(Duration.ofSeconds(119));
      assertThat(client.flush(Duration.ofMillis(300))).isEqualTo(1);
      assertThat(hub.attempts(report.reportId().toString())).isEqualTo(1);
      clock.advance(Duration.ofSeconds(2));
      assertThat(client.flush(Duration.ofSeconds(10))).isZero();
      assertThat(s.receipt()).isCompleted();
      hub.assertReceivedExactlyOnce(report.reportId().toString());
      assertThat(hub.attempts(report.reportId().toString())).isEqualTo(2);
    }
  }

  @Test
  void honoursRetryAfterAsHttpDate() throws Exception {
    MockSharingHub hub = hubs.hub();
    MutableClock clock = MutableClock.at(Instant.now());
    hub.on(HubEndpoint.SUBMIT_REPORT).serviceUnavailableNextUntil(1, clock.instant().plusSeconds(600));
    try (SharingClient client = client(hub, b -> b.clock(clock))) {
      IncidentReport report = Reports.initial(UUID.randomUUID());
      client.submit(report);
      awaitAttempts(hub, report, 1);
      clock.advance(Duration.ofSeconds(590));
      assertThat(client.flush(Duration.ofMillis(300))).isEqualTo(1);
      clock.advance(Duration.ofSeconds(15));
      assertThat(client.flush(Duration.ofSeconds(10))).isZero();
      hub.assertReceivedExactlyOnce(report.reportId().toString());
    }
  }

  @Test
  void deadLettersAValidationRefusalWithTheProblemDocument() throws Exception {
    MockSharingHub hub = hubs.hub();
    hub.validator(body -> List.of(new ProblemError("/impact/service", "unknown service name")));
    List<DeadLetter> heard = new CopyOnWriteArrayList<>();
    try (SharingClient client = client(hub, b -> b.listener(new SharingListener() {
      @Override
      public void deadLettered(DeadLetter deadLetter) {
        heard.add(deadLetter);
      }
    }))) {
      IncidentReport report = Reports.initial(UUID.randomUUID());
      Submission s = client.submit(report);
      assertThatThrownBy(() -> s.receipt().get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOfSatisfying(HubRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.id()).isEqualTo(report.reportId());
            assertThat(e.problem()).hasValueSatisfying(p ->
                assertThat(p.errors()).extracting(err -> err.pointer()).containsExactly("/impact/service"));
          });
      assertThat(client.pending()).isZero();
      assertThat(client.deadLetters()).singleElement().satisfies(d -> {
        assertThat(d.entry().id()).isEqualTo(report.reportId());
        assertThat(d.status()).isEqualTo(422);
        assertThat(d.problem()).contains("/impact/service");
      });
      assertThat(heard).hasSize(1);
      assertThat(hub.attempts(report.reportId().toString())).isEqualTo(1);
    }
  }

  @Test
  void deadLettersAnIdempotencyConflictWithoutRetrying() throws Exception {
    MockSharingHub hub = hubs.hub();
    try (SharingClient client = client(hub, b -> {})) {
      IncidentReport first = Reports.initial(UUID.randomUUID());
      client.submit(first).receipt().get(10, TimeUnit.SECONDS);
      IncidentReport reused = first.newBuilder().reportId(first.reportId()).title("別の件名").build();
      Submission s = client.submit(reused);
      assertThatThrownBy(() -> s.receipt().get(10, TimeUnit.SECONDS))
          .cause().isInstanceOfSatisfying(HubRejectedException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.problem()).hasValueSatisfying(p -> assertThat(p.isType("/idempotency-conflict")).isTrue());
          });
      hub.assertReceivedExactlyOnce(first.reportId().toString());
    }
  }

  @Test
  void keepsStageOrderWithinAnIncidentWhileAnotherIncidentProceeds() throws Exception {
    MockSharingHub hub = hubs.hub();
    MutableClock clock = MutableClock.at(Instant.parse("2026-11-26T00:00:00Z"));
    RetryPolicy hourly = new RetryPolicy(Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1), false);
    // A 500 concerns this report (unlike 503 or a connection failure, which pause the whole hub).
    hub.on(HubEndpoint.SUBMIT_REPORT).failNext(1, 500);
    try (SharingClient client = client(hub, b -> b.clock(clock).retryPolicy(hourly))) {
      IncidentReport a1 = Reports.initial(UUID.randomUUID());
      client.submit(a1);
      awaitAttempts(hub, a1, 1);  // a1 failed and now waits an hour
      IncidentReport a2 = Reports.update(a1);
      client.submit(a2);
      IncidentReport b1 = Reports.initial(UUID.randomUUID());
      IncidentReport b2 = Reports.update(b1);
      IncidentReport b3 = Reports.fin(b2);
      client.submit(b1);
      client.submit(b2);
      client.submit(b3);
      assertThat(client.flush(Duration.ofSeconds(10))).isEqualTo(2);
      assertThat(hub.reportsFor(b1.incidentId().toString())).extracting(r -> r.stage())
          .containsExactly("initial", "update", "final");
      assertThat(hub.reportsFor(a1.incidentId().toString())).isEmpty();
      assertThat(hub.attempts(a2.reportId().toString())).as("a2 waits behind a1").isZero();
      clock.advance(Duration.ofHours(1));
      assertThat(client.flush(Duration.ofSeconds(10))).isZero();
      assertThat(hub.reportsFor(a1.incidentId().toString())).extracting(r -> r.stage())
          .containsExactly("initial", "update");
      hub.assertStageOrder(a1.incidentId().toString());
      hub.assertStageOrder(b1.incidentId().toString());
    }
  }

  @Test
  void deliversAfterTheHubRecoversFromALongOutageAndARestart() throws Exception {
    MockSharingHub hub = hubs.hub();
    hub.down();
    List<IncidentReport> reports = new ArrayList<>();
    try (SharingClient client = client(hub, b -> b.closeTimeout(Duration.ofMillis(200)))) {
      for (int i = 0; i < 20; i++) {
        IncidentReport r = Reports.initial(UUID.randomUUID());
        reports.add(r);
        client.submit(r);
      }
      assertThat(client.flush(Duration.ofMillis(300)))
          .as("pending; dead letters %s, stats %s", client.deadLetters(), client.stats()).isEqualTo(20);
    }
    assertThat(hub.reports()).isEmpty();
    hub.up();
    try (SharingClient client = client(hub, b -> b.startDelivery(false))) {
      assertThat(client.pending()).isEqualTo(20);
      client.start();
      assertThat(client.flush(Duration.ofSeconds(20))).isZero();
    }
    for (IncidentReport r : reports) {
      hub.assertReceivedExactlyOnce(r.reportId().toString());
    }
  }

  @Test
  void duringAnOutageOnlyTheHeldReportsAreRetriedNotTheWholeBacklog() throws Exception {
    MockSharingHub hub = hubs.hub();
    hub.down();
    List<IncidentReport> reports = new ArrayList<>();
    try (SharingClient client = client(hub, b -> b.deliveryConcurrency(2))) {
      for (int i = 0; i < 30; i++) {
        IncidentReport r = Reports.initial(UUID.randomUUID());
        reports.add(r);
        client.submit(r);
      }
      assertThat(client.flush(Duration.ofMillis(800))).isEqualTo(30);
      long touched = reports.stream().filter(r -> hub.attempts(r.reportId().toString()) > 0).count();
      // Only the reports held by the 2 delivery loops are retried; a claim can slip in when a
      // jittered backoff ends while both loops are busy, but never the whole backlog of 30.
      assertThat(touched).as("reports attempted while the hub was down").isBetween(1L, 6L);
      hub.up();
      assertThat(client.flush(Duration.ofSeconds(20))).isZero();
    }
    for (IncidentReport r : reports) {
      hub.assertReceivedExactlyOnce(r.reportId().toString());
    }
  }

  @Test
  void aSuccessWithoutAReadableReceiptIsAFailedAttemptWithItsReason() throws Exception {
    MockSharingHub hub = hubs.hub();
    hub.on(HubEndpoint.SUBMIT_REPORT).garbageResponseNext(1);
    List<String> deferred = new CopyOnWriteArrayList<>();
    SharingListener listener = new SharingListener() {
      @Override
      public void deferred(OutboxEntry entry, int attempt, String reason, Instant nextAttempt) {
        deferred.add(reason);
      }
    };
    try (SharingClient client = client(hub, b -> b.listener(listener))) {
      IncidentReport report = Reports.initial(UUID.randomUUID());
      assertThat(client.submit(report).receipt().get(20, TimeUnit.SECONDS).reportId()).isEqualTo(report.reportId());
      // The first line of the DocumentFormatException, whose violations follow on further lines.
      assertThat(deferred).containsExactly("hub answered 201 with an unreadable receipt: document is invalid (1 violation) ...");
    }
  }

  @Test
  void idleDeliveryLoopsDoNotKeepClaimingFromAnEmptyOutbox() throws Exception {
    MockSharingHub hub = hubs.hub();
    AtomicLong claims = new AtomicLong();
    try (Outbox outbox = new ClaimCounting(FileOutbox.open(dir.resolve("counted"), OutboxConfig.defaults(), Clock.systemUTC()), claims);
        SharingClient client = SharingClient.builder().hubUrl(hub.baseUrl()).allowInsecureLoopback(true)
            .outbox(outbox).retryPolicy(FAST).deliveryConcurrency(4).build()) {
      IncidentReport report = Reports.initial(UUID.randomUUID());
      client.submit(report).receipt().get(10, TimeUnit.SECONDS);
      assertThat(client.flush(Duration.ofSeconds(10))).isZero();
      long before = claims.get();
      // Real time: the loops wait in real time, at most a second between looks at the outbox.
      TimeUnit.MILLISECONDS.sleep(500);
      // Each idle loop claims about once a second (4 loops: a handful); loops that woke each other
      // after every empty claim made thousands of claims in half a second.
      assertThat(claims.get() - before).as("claims by 4 idle loops in 500 ms").isLessThan(20);
      // Still awake for new work.
      IncidentReport next = Reports.initial(UUID.randomUUID());
      assertThat(client.submit(next).receipt().get(10, TimeUnit.SECONDS).reportId()).isEqualTo(next.reportId());
    }
  }

  @Test
  void resubmittingAPendingReportDoesNotDuplicateIt() throws Exception {
    MockSharingHub hub = hubs.hub();
    hub.down();
    try (SharingClient client = client(hub, b -> {})) {
      IncidentReport r = Reports.initial(UUID.randomUUID());
      Submission first = client.submit(r);
      Submission again = client.submit(r);
      assertThat(again.receipt()).isSameAs(first.receipt());
      assertThat(client.pending()).isEqualTo(1);
      hub.up();
      assertThat(client.flush(Duration.ofSeconds(10))).isZero();
      hub.assertReceivedExactlyOnce(r.reportId().toString());
    }
  }

  @Test
  void sendsBearerTokenAndUserAgentButNeverPrintsTheToken() throws Exception {
    MockSharingHub hub = hubs.hub();
    hub.token("s3cret-token-value");
    try (SharingClient client = client(hub, b -> b.bearerToken("s3cret-token-value"))) {
      IncidentReport r = Reports.initial(UUID.randomUUID());
      client.submit(r).receipt().get(10, TimeUnit.SECONDS);
      assertThat(client.toString()).doesNotContain("s3cret");
    }
    try (SharingClient wrong = client(hub, b -> b.bearerToken("wrong"))) {
      Submission s = wrong.submit(Reports.initial(UUID.randomUUID()));
      assertThatThrownBy(() -> s.receipt().get(10, TimeUnit.SECONDS))
          .cause().isInstanceOf(HubRejectedException.class)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong").contains("401"));
    }
  }

  @Test
  void aBacklogRefusedForAnExpiredTokenIsSentAgainInOrderOnceTheTokenIsFixed() throws Exception {
    MockSharingHub hub = hubs.hub();
    hub.token("the-right-token");
    String[] token = {"an-expired-token"};
    try (SharingClient client = client(hub, b -> b.bearerToken(() -> token[0]))) {
      IncidentReport first = Reports.initial(UUID.randomUUID());
      IncidentReport other = Reports.update(first); // same incident: refused after the initial
      List<Submission> refused = List.of(client.submit(first), client.submit(other));
      for (Submission s : refused) {
        assertThatThrownBy(() -> s.receipt().get(10, TimeUnit.SECONDS)).cause().isInstanceOf(HubRejectedException.class);
      }
      assertThat(client.deadLetters()).extracting(d -> d.status()).containsExactly(401, 401);
      token[0] = "the-right-token";

      List<Submission> again = client.retryDeadLetters(d -> d.status() == 401);

      assertThat(again).extracting(Submission::reportId).containsExactly(first.reportId(), other.reportId());
      for (Submission s : again) {
        assertThat(s.receipt().get(10, TimeUnit.SECONDS).reportId()).isEqualTo(s.reportId());
      }
      assertThat(client.deadLetters()).isEmpty();
      hub.assertReceivedExactlyOnce(first.reportId().toString());
      hub.assertReceivedExactlyOnce(other.reportId().toString());
      hub.assertStageOrder(first.incidentId().toString());
      assertThat(client.retryDeadLetters(d -> true)).isEmpty(); // nothing left
    }
  }

  @Test
  void aDeadLetterIsSentAgainOnceTheCauseIsFixed() throws Exception {
    MockSharingHub hub = hubs.hub();
    hub.token("the-right-token");
    String[] token = {"an-expired-token"};
    try (SharingClient client = client(hub, b -> b.bearerToken(() -> token[0]))) {
      IncidentReport r = Reports.initial(UUID.randomUUID());
      Submission s = client.submit(r);
      assertThatThrownBy(() -> s.receipt().get(10, TimeUnit.SECONDS)).cause().isInstanceOf(HubRejectedException.class);
      assertThat(client.deadLetters()).extracting(d -> d.status()).containsExactly(401);
      token[0] = "the-right-token";
      Receipt receipt = client.retryDeadLetter(r.reportId()).get(10, TimeUnit.SECONDS);
      assertThat(receipt.reportId()).isEqualTo(r.reportId());
      assertThat(client.deadLetters()).isEmpty();
      hub.assertReceivedExactlyOnce(r.reportId().toString());
      assertThatThrownBy(() -> client.retryDeadLetter(UUID.randomUUID())).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void answersStatusAndQuestions() throws Exception {
    MockSharingHub hub = hubs.hub();
    try (SharingClient client = client(hub, b -> {})) {
      IncidentReport r = Reports.initial(UUID.randomUUID());
      client.submit(r).receipt().get(10, TimeUnit.SECONDS);
      hub.setStatus(r.reportId().toString(), "under-review");
      hub.ask(r.reportId().toString(), "復旧見込みを教えてください");
      Receipt status = client.status(r.reportId());
      assertThat(status.status().code()).isEqualTo("under-review");
      assertThat(status.questions()).singleElement().satisfies(q -> assertThat(q.text()).contains("復旧見込み"));
    }
  }

  @Test
  void withDeferredStartReportsWaitUntilStart() throws Exception {
    MockSharingHub hub = hubs.hub();
    try (SharingClient client = client(hub, b -> b.startDelivery(false))) {
      IncidentReport r = Reports.initial(UUID.randomUUID());
      Submission s = client.submit(r);
      assertThat(client.flush(Duration.ofMillis(300))).isEqualTo(1);
      assertThat(hub.attempts(r.reportId().toString())).isZero();
      client.start();
      assertThat(s.receipt().get(10, TimeUnit.SECONDS).reportId()).isEqualTo(r.reportId());
    }
  }

  @Test
  void refusesPlainHttpUnlessLoopbackAndOptedIn() {
    assertThatThrownBy(() -> SharingClient.builder().hubUrl(URI.create("http://hub.example.jp")).outboxDirectory(dir).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-loopback");
    assertThatThrownBy(() -> SharingClient.builder().hubUrl(URI.create("http://127.0.0.1:8080")).outboxDirectory(dir).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowInsecureLoopback");
    assertThatThrownBy(() -> SharingClient.builder().hubUrl(URI.create("ftp://hub.example.jp")).outboxDirectory(dir).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
  }

  /** A real outbox that counts the claims made on it. */
  private static final class ClaimCounting implements Outbox {
    private final Outbox delegate;
    private final AtomicLong claims;

    ClaimCounting(Outbox delegate, AtomicLong claims) {
      this.delegate = delegate;
      this.claims = claims;
    }

    @Override
    public void append(OutboxEntry entry) {
      delegate.append(entry);
    }

    @Override
    public List<OutboxEntry> claimReady(int max, Duration lease) {
      claims.incrementAndGet();
      return delegate.claimReady(max, lease);
    }

    @Override
    public void acknowledge(UUID id) {
      delegate.acknowledge(id);
    }

    @Override
    public void release(UUID id) {
      delegate.release(id);
    }

    @Override
    public void deadLetter(UUID id, int status, String reason, String problem) {
      delegate.deadLetter(id, status, reason, problem);
    }

    @Override
    public List<OutboxEntry> pending() {
      return delegate.pending();
    }

    @Override
    public int pendingCount() {
      return delegate.pendingCount();
    }

    @Override
    public long pendingBytes() {
      return delegate.pendingBytes();
    }

    @Override
    public Optional<Instant> oldestPending() {
      return delegate.oldestPending();
    }

    @Override
    public List<DeadLetter> deadLetters() {
      return delegate.deadLetters();
    }

    @Override
    public boolean removeDeadLetter(UUID id) {
      return delegate.removeDeadLetter(id);
    }

    @Override
    public List<Quarantined> quarantined() {
      return delegate.quarantined();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  private static void awaitAttempts(MockSharingHub hub, IncidentReport report, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (hub.attempts(report.reportId().toString()) < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("hub saw " + hub.attempts(report.reportId().toString()) + " attempts, expected " + n);
      }
      TimeUnit.MILLISECONDS.sleep(10);
    }
  }
}
