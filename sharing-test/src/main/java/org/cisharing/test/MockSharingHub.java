package org.cisharing.test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A faithful, stateful fake of the information-sharing hub API v1 ({@code docs/api/openapi.yaml})
 * on WireMock, listening on {@code http://127.0.0.1:<random port>}. It stores reports with
 * idempotency and stage rules, serves signed advisories with cursors and ETags, accepts feedback,
 * injects faults ({@link #on(HubEndpoint)}), and offers inspection and AssertJ assertions for the
 * test.
 *
 * <pre>{@code
 * try (MockSharingHub hub = new MockSharingHub().token("s3cret").start()) {
 *   hub.on(HubEndpoint.SUBMIT_REPORT).loseResponseNext(1);   // stored, then connection reset
 *   // ... point the client at hub.baseUrl(), submit a report ...
 *   hub.awaitReports(1, Duration.ofSeconds(5));
 *   hub.assertReceivedExactlyOnce(reportId);
 *   hub.publishAdvisory(advisoryJson);                        // signed with hub.signer()
 * }
 * }</pre>
 *
 * <p>Thread-safe: requests are served on WireMock's threads while the test configures and
 * inspects. Configuration ({@link #token}, {@link #validator}, {@link #clock}, keys) survives
 * {@link #reset()}; stored data, counters and armed faults do not.
 *
 * @since 0.1.0
 */
public final class MockSharingHub implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MockSharingHub.class);

  private final HubState state;
  private final HubSigner signer = HubSigner.ed25519("mock-hub-ed25519-" + randomSuffix());
  private final List<HubSigner> keys = new CopyOnWriteArrayList<>(List.of(signer));
  private WireMockServer server;
  private Path root;

  /**
   * Creates a stopped hub with a fresh Ed25519 signing key; call {@link #start()}. When the
   * project's report JSON Schema ({@code /org/cisharing/json/schema/report.schema.json}) is on
   * the classpath, report bodies are also validated against it.
   */
  public MockSharingHub() {
    this(SchemaCheck.load());
  }

  MockSharingHub(Optional<SchemaCheck> schemaCheck) {
    this.state = new HubState(schemaCheck);
  }

  private static String randomSuffix() {
    byte[] bytes = new byte[4];
    new java.security.SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  // ------------------------------------------------------------------------------ lifecycle

  /**
   * Starts listening on a free port of 127.0.0.1.
   *
   * @return this
   * @throws IllegalStateException if already started
   */
  public synchronized MockSharingHub start() {
    if (server != null) {
      throw new IllegalStateException("hub already started at " + baseUrl());
    }
    try {
      // An empty root so WireMock never loads stub files from the user's working directory.
      root = Files.createTempDirectory("mock-sharing-hub");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a WireMock root directory", e);
    }
    WireMockServer wireMock =
        new WireMockServer(
            options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(root.toString())
                .disableRequestJournal()
                .gzipDisabled(true)
                .templatingEnabled(false)
                .globalTemplating(false)
                .extensionScanningEnabled(false)
                .containerThreads(16)
                .jettyStopTimeout(500L)
                .notifier(new Slf4jNotifier(false))
                // A hub sends Content-Length; clients may rely on it to refuse big bodies early.
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
                // WireMock's admin API is not part of the hub: keep tests from leaning on it.
                .adminAuthenticator(request -> false)
                .extensions(new Transformer(state), new HeaderScrubber()));
    wireMock.start();
    wireMock.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)));
    server = wireMock;
    LOG.debug("MockSharingHub listening at {}", baseUrl());
    return this;
  }

  /** Whether {@link #start()} was called and {@link #close()} was not. */
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Stops listening and deletes WireMock's scratch directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop();
      server = null;
    }
    if (root != null) {
      try {
        Files.deleteIfExists(root);
      } catch (IOException e) {
        LOG.debug("could not delete {}", root, e);
      }
      root = null;
    }
  }

  /**
   * The hub's base URL, {@code http://127.0.0.1:<port>}, without a trailing slash. Clients must
   * opt in to plain HTTP on loopback to use it.
   *
   * @throws IllegalStateException if not started
   */
  public synchronized URI baseUrl() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /**
   * The port it listens on.
   *
   * @throws IllegalStateException if not started
   */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("hub not started; call start()");
    }
    return server.port();
  }

  /**
   * Clears stored reports, feedback, advisories, counters, armed faults and the down state,
   * keeping configuration and keys. The JUnit extension calls it between tests.
   */
  public void reset() {
    state.reset();
  }

  // -------------------------------------------------------------------------- configuration

  /**
   * Requires {@code Authorization: Bearer <token>} on every request ({@code 401} otherwise).
   *
   * @param token the token, or null to require none (the default)
   * @return this
   */
  public MockSharingHub token(String token) {
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException("token must not be blank; pass null for none");
    }
    state.token(token);
    return this;
  }

  /**
   * Adds validation of report bodies beyond the hub's own structural checks: the function gets
   * the body text and returns the violations, which the hub answers with {@code 422}. Replaces
   * any previous validator.
   *
   * @param validator the check; must be thread-safe and must not return null elements
   * @return this
   */
  public MockSharingHub validator(Function<String, List<ProblemError>> validator) {
    state.validator(Objects.requireNonNull(validator, "validator"));
    return this;
  }

  /**
   * The clock for {@code receivedAt}, {@code askedAt} and feedback times; its zone gives the
   * offset written (default: system clock in Asia/Tokyo, {@code +09:00}).
   *
   * @param clock the clock
   * @return this
   */
  public MockSharingHub clock(Clock clock) {
    state.clock(Objects.requireNonNull(clock, "clock"));
    return this;
  }

  /**
   * Whether report bodies are validated against the project's report JSON Schema when it is on
   * the classpath (default true). Turn it off to accept deliberately partial documents.
   *
   * @param enabled false to skip the JSON Schema (structural checks and {@link #validator} stay)
   * @return this
   */
  public MockSharingHub schemaValidation(boolean enabled) {
    state.schemaValidation(enabled);
    return this;
  }

  /** Whether the project's report JSON Schema was found on the classpath. */
  public boolean hasReportSchema() {
    return state.hasSchema();
  }

  /**
   * Whether an {@code update} or {@code final} report is refused with {@code 409
   * stage-conflict} until the incident's {@code initial} report was accepted (default true).
   *
   * @param require false to accept an incident that starts with an update or final
   * @return this
   */
  public MockSharingHub requireInitialFirst(boolean require) {
    state.requireInitialFirst(require);
    return this;
  }

  /**
   * Adds a fresh ES256 (P-256) key to the hub's key set; get it with {@link #es256Signer()}.
   *
   * @return this
   */
  public MockSharingHub withEs256Key() {
    return withKey(HubSigner.es256("mock-hub-es256-" + randomSuffix()));
  }

  /**
   * Adds a key to the hub's published key set ({@link #jwks()}), e.g. to rehearse key rotation.
   *
   * @param key the signer whose public key to publish
   * @return this
   */
  public MockSharingHub withKey(HubSigner key) {
    Objects.requireNonNull(key, "key");
    for (HubSigner existing : keys) {
      if (existing.kid().equals(key.kid())) {
        throw new IllegalArgumentException("duplicate kid " + key.kid());
      }
    }
    keys.add(key);
    return this;
  }

  // --------------------------------------------------------------------------- keys, advisories

  /** The hub's Ed25519 signer, which {@link #publishAdvisory(String)} uses. */
  public HubSigner signer() {
    return signer;
  }

  /**
   * The first ES256 key added with {@link #withEs256Key()} or {@link #withKey(HubSigner)}.
   *
   * @throws IllegalStateException if there is none
   */
  public HubSigner es256Signer() {
    return keys.stream()
        .filter(k -> k.alg().equals(HubSigner.ES256))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no ES256 key; call withEs256Key() first"));
  }

  /** The hub's public keys as a JWK Set, what an operator configures as trusted keys. */
  public String jwks() {
    return HubSigner.jwkSet(keys.toArray(new HubSigner[0]));
  }

  /**
   * Signs an advisory document with {@link #signer()} and appends it to the feed.
   *
   * @param advisoryJson the advisory document, signed byte for byte as UTF-8
   * @return the JWS compact serialization served in the feed
   */
  public String publishAdvisory(String advisoryJson) {
    return publishAdvisory(advisoryJson, signer);
  }

  /**
   * Signs an advisory with the given key (one of the hub's, or a foreign one for negative tests)
   * and appends it to the feed.
   *
   * @param advisoryJson the advisory document
   * @param key the signer
   * @return the JWS served
   */
  public String publishAdvisory(String advisoryJson, HubSigner key) {
    Objects.requireNonNull(advisoryJson, "advisoryJson");
    Objects.requireNonNull(key, "key");
    String jws = key.sign(advisoryJson);
    state.appendAdvisory(jws);
    return jws;
  }

  /**
   * Appends an item {@code {"jws": <jwsOrGarbage>}} as is: unsigned, tampered or not a JWS at
   * all (see the static helpers of {@link HubSigner}).
   *
   * @param jwsOrGarbage the string to serve as the item's {@code jws}
   */
  public void publishRaw(String jwsOrGarbage) {
    state.appendAdvisory(Objects.requireNonNull(jwsOrGarbage, "jwsOrGarbage"));
  }

  /**
   * Signs an advisory and inserts it at {@code position} of the feed (0 = oldest), shifting later
   * items. Cursors are positions, so a client whose cursor is already past {@code position} never
   * sees the inserted advisory and sees the item just before its cursor again: a duplicate that
   * at-least-once consumers must tolerate.
   *
   * @param position where to insert, within 0..size
   * @param advisoryJson the advisory document
   * @return the JWS inserted
   */
  public String insertBehindCursor(int position, String advisoryJson) {
    String jws = signer.sign(Objects.requireNonNull(advisoryJson, "advisoryJson"));
    state.insertAdvisory(position, jws);
    return jws;
  }

  /** Every item of the feed, oldest first, as served. */
  public List<String> publishedAdvisories() {
    return state.advisories();
  }

  // ------------------------------------------------------------------------------- report status

  /**
   * Sets the status that {@code GET /v1/reports/{reportId}} answers.
   *
   * @param reportId an accepted report
   * @param status {@code accepted}, {@code under-review}, {@code shared} or {@code closed}
   * @throws IllegalArgumentException for an unknown report or status
   */
  public void setStatus(String reportId, String status) {
    state.setStatus(Objects.requireNonNull(reportId, "reportId"), Objects.requireNonNull(status, "status"));
  }

  /**
   * Adds an analyst's follow-up question to an accepted report.
   *
   * @param reportId an accepted report
   * @param text the question
   * @return the question's id
   * @throws IllegalArgumentException for an unknown report
   */
  public String ask(String reportId, String text) {
    return state.ask(Objects.requireNonNull(reportId, "reportId"), Objects.requireNonNull(text, "text"));
  }

  // ---------------------------------------------------------------------------------- faults

  /**
   * Fault injection for one endpoint, or {@link HubEndpoint#ANY}.
   *
   * @param endpoint the endpoint whose next requests fail
   * @return the fault injector for that endpoint
   */
  public HubFaults on(HubEndpoint endpoint) {
    return new HubFaults(state, endpoint);
  }

  /** Shortcut for {@code on(ANY).failNext(n, status)}; see {@link HubFaults#failNext}. */
  public MockSharingHub failNext(int n, int status) {
    on(HubEndpoint.ANY).failNext(n, status);
    return this;
  }

  /** Shortcut for {@code on(ANY).rateLimitNext(n, seconds)}; see {@link HubFaults#rateLimitNext}. */
  public MockSharingHub rateLimitNext(int n, long retryAfterSeconds) {
    on(HubEndpoint.ANY).rateLimitNext(n, retryAfterSeconds);
    return this;
  }

  /** Shortcut for {@code on(ANY).serviceUnavailableNext(n, retryAfter)}. */
  public MockSharingHub serviceUnavailableNext(int n, Duration retryAfter) {
    on(HubEndpoint.ANY).serviceUnavailableNext(n, retryAfter);
    return this;
  }

  /** Shortcut for {@code on(ANY).resetConnectionNext(n)}. */
  public MockSharingHub resetConnectionNext(int n) {
    on(HubEndpoint.ANY).resetConnectionNext(n);
    return this;
  }

  /** Shortcut for {@code on(ANY).slowNext(n, delay)}. */
  public MockSharingHub slowNext(int n, Duration delay) {
    on(HubEndpoint.ANY).slowNext(n, delay);
    return this;
  }

  /**
   * Shortcut for {@code on(SUBMIT_REPORT).loseResponseNext(n)}: the next {@code n} reports are
   * stored, then the connection is reset instead of acknowledging.
   */
  public MockSharingHub loseResponseNext(int n) {
    on(HubEndpoint.SUBMIT_REPORT).loseResponseNext(n);
    return this;
  }

  /** Disarms every fault not yet triggered (does not bring the hub {@link #up()}). */
  public void clearFaults() {
    state.clearFaults();
  }

  /** Takes the hub down: every request gets its connection reset until {@link #up()}. */
  public void down() {
    state.down(Reply.fault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER));
  }

  /**
   * Takes the hub down: every request is answered with {@code status} (a {@code 503} carries
   * {@code Retry-After: 1}) until {@link #up()}.
   *
   * @param status an HTTP status within 400..599
   */
  public void down(int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be within 400..599: " + status);
    }
    Reply reply = HubState.statusProblem(status);
    state.down(status == 503 ? reply.withHeader("Retry-After", "1") : reply);
  }

  /** Brings the hub back after {@link #down()}. */
  public void up() {
    state.down(null);
  }

  // ------------------------------------------------------------------------------ inspection

  /** Every accepted report, in order of acceptance (replays are not repeated). */
  public List<ReceivedReport> reports() {
    return state.reports();
  }

  /**
   * The accepted reports of one incident, in order of acceptance.
   *
   * @param incidentId the incident
   * @return its reports, possibly empty
   */
  public List<ReceivedReport> reportsFor(String incidentId) {
    Objects.requireNonNull(incidentId, "incidentId");
    return state.reports().stream().filter(r -> r.incidentId().equals(incidentId)).toList();
  }

  /**
   * The accepted report with this id.
   *
   * @param reportId the report id
   * @return the report, or empty if it was never accepted
   */
  public Optional<ReceivedReport> report(String reportId) {
    Objects.requireNonNull(reportId, "reportId");
    return state.reports().stream().filter(r -> r.reportId().equals(reportId)).findFirst();
  }

  /** Every accepted feedback, in order of acceptance. */
  public List<ReceivedFeedback> feedback() {
    return state.feedback();
  }

  /**
   * The most recent requests (at most 10,000), oldest first, faulted ones included, with {@code
   * Authorization} values redacted.
   */
  public List<HubRequest> requests() {
    return state.requests();
  }

  /** How many HTTP requests reached the hub, faulted ones included. */
  public int requestCount() {
    return state.requestCount();
  }

  /**
   * How many HTTP requests reached one endpoint, faulted ones included.
   *
   * @param endpoint the endpoint ({@link HubEndpoint#ANY} for all)
   * @return the count
   */
  public int requestCount(HubEndpoint endpoint) {
    return state.requestCount(Objects.requireNonNull(endpoint, "endpoint"));
  }

  /**
   * How many {@code POST /v1/reports} carried this {@code Idempotency-Key}: first attempt,
   * retries, replays and faulted requests alike.
   *
   * @param reportId the report id
   * @return the count
   */
  public int attempts(String reportId) {
    return state.attempts(Objects.requireNonNull(reportId, "reportId"));
  }

  /**
   * Waits until at least {@code n} reports were accepted, polling in real time for at most {@code
   * timeout}.
   *
   * @param n the number of reports to wait for
   * @param timeout the bound
   * @return every accepted report at that moment
   * @throws AssertionError naming what arrived if the bound passes first
   */
  public List<ReceivedReport> awaitReports(int n, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    try {
      List<ReceivedReport> reports = state.awaitReports(n, timeout.toNanos());
      if (reports.size() < n) {
        throw new AssertionError(
            "expected at least " + n + " report(s) within " + timeout + " but the hub accepted "
                + reports.size() + ": " + describe(reports) + "; " + requestCount()
                + " request(s) reached it");
      }
      return reports;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for reports", e);
    }
  }

  /**
   * Asserts that the report was accepted once and that no other report id carries the same
   * incident, stage and revision (a client that minted a new id on retry).
   *
   * @param reportId the report id
   */
  public void assertReceivedExactlyOnce(String reportId) {
    Objects.requireNonNull(reportId, "reportId");
    List<ReceivedReport> all = reports();
    Optional<ReceivedReport> report = all.stream().filter(r -> r.reportId().equals(reportId)).findFirst();
    assertThat(report)
        .as(
            "report %s was never accepted (%d attempt(s) carried its key); accepted: %s",
            reportId, attempts(reportId), describe(all))
        .isPresent();
    ReceivedReport found = report.orElseThrow();
    List<ReceivedReport> twins =
        all.stream()
            .filter(
                r ->
                    !r.reportId().equals(reportId)
                        && r.incidentId().equals(found.incidentId())
                        && r.stage().equals(found.stage())
                        && r.revision() == found.revision())
            .toList();
    assertThat(twins)
        .as(
            "report %s (%s %s rev %d) was accepted again under other report ids: %s",
            reportId, found.incidentId(), found.stage(), found.revision(), describe(twins))
        .isEmpty();
  }

  /**
   * Asserts that the incident's reports arrived in stage order: one initial first, updates, at
   * most one final and nothing after it.
   *
   * @param incidentId the incident
   */
  public void assertStageOrder(String incidentId) {
    List<ReceivedReport> reports = reportsFor(incidentId);
    assertThat(reports).as("no report of incident %s was accepted", incidentId).isNotEmpty();
    List<String> stages = reports.stream().map(ReceivedReport::stage).toList();
    List<String> problems = new ArrayList<>();
    if (!stages.get(0).equals("initial")) {
      problems.add("the first report is " + stages.get(0) + ", not initial");
    }
    if (stages.stream().filter("initial"::equals).count() > 1) {
      problems.add("more than one initial report");
    }
    int finalAt = stages.indexOf("final");
    if (finalAt >= 0 && finalAt != stages.size() - 1) {
      problems.add("reports follow the final report");
    }
    assertThat(problems)
        .as("incident %s arrived as %s: %s", incidentId, stages, String.join("; ", problems))
        .isEmpty();
  }

  private static String describe(List<ReceivedReport> reports) {
    return reports.stream()
        .map(r -> r.reportId() + " (" + r.stage() + " rev " + r.revision() + " of " + r.incidentId() + ")")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  @Override
  public String toString() {
    synchronized (this) {
      return "MockSharingHub[" + (server == null ? "stopped" : baseUrl()) + "]";
    }
  }

  /** Removes WireMock's own response headers so that answers look like a hub's. */
  private static final class HeaderScrubber implements ResponseTransformerV2 {
    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
      if (response.getFault() != null) {
        return response;
      }
      List<HttpHeader> kept = new ArrayList<>();
      for (HttpHeader header : response.getHeaders().all()) {
        if (!header.keyEquals("Matched-Stub-Id")) {
          kept.add(header);
        }
      }
      return Response.Builder.like(response).but().headers(new HttpHeaders(kept)).build();
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public String getName() {
      return "cisharing-mock-hub-headers";
    }
  }

  /** Routes every request WireMock receives to the hub's state. */
  private static final class Transformer implements ResponseDefinitionTransformerV2 {
    private final HubState state;

    Transformer(HubState state) {
      this.state = state;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
      LoggedRequest request = serveEvent.getRequest();
      Reply reply;
      try {
        byte[] body = request.getBody();
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpHeader header : request.getHeaders().all()) {
          if (header.isPresent()) {
            headers.putIfAbsent(header.key(), header.firstValue());
          }
        }
        reply =
            state.handle(
                request.getMethod().getName(),
                request.getUrl(),
                headers,
                name -> {
                  HttpHeader header = request.header(name);
                  return header != null && header.isPresent() ? header.firstValue() : null;
                },
                body == null ? new byte[0] : body);
      } catch (RuntimeException e) {
        LOG.error("MockSharingHub failed on {} {}", request.getMethod(), request.getUrl(), e);
        reply = HubState.statusProblem(500);
      }
      ResponseDefinitionBuilder response = ResponseDefinitionBuilder.responseDefinition();
      if (reply.fault() != null) {
        response.withFault(reply.fault());
      } else {
        response.withStatus(reply.status());
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
          response.withHeader(header.getKey(), header.getValue());
        }
        if (reply.body().length > 0) {
          response.withBody(reply.body());
        }
      }
      if (reply.delayMillis() > 0) {
        response.withFixedDelay(reply.delayMillis());
      }
      return response.build();
    }

    @Override
    public boolean applyGlobally() {
      return true;
    }

    @Override
    public String getName() {
      return "cisharing-mock-hub";
    }
  }
}
