package org.cisharing.examples.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cisharing.RetryPolicy;
import org.cisharing.SharingClient;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.advisory.AdvisoryRouter;
import org.cisharing.advisory.AdvisoryVerifier;
import org.cisharing.advisory.AssetAction;
import org.cisharing.advisory.AssetInventory;
import org.cisharing.advisory.AssetMatcher;
import org.cisharing.advisory.QuarantineReason;
import org.cisharing.advisory.QuarantinedAdvisory;
import org.cisharing.advisory.RoleAdvisory;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.model.Contact;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Organization;
import org.cisharing.model.Role;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.report.Reporter;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ObservedSystem;
import org.cisharing.test.HubEndpoint;
import org.cisharing.test.HubSigner;
import org.cisharing.test.MockSharingHub;
import org.cisharing.test.MockSharingHubExtension;
import org.cisharing.test.ReceivedReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How an operator tests their own integration against the mock hub: one hub for the class (reset
 * before each test), with the bearer token their production configuration uses, their real
 * inventory and their real handlers — only the hub is fake.
 */
class OperatorStyleTest {
  // One hub for the whole class, reset before each test; it requires our token like the real hub.
  @RegisterExtension
  static final MockSharingHubExtension HUB = new MockSharingHubExtension().configure(hub -> hub.token("s3cret"));

  private static final Reporter WE = Reporter.of(Organization.of("さくら水道企業団", "WAT-0001", Sector.WATER),
      new Contact("水道SOC当番", "soc@sakura-water.example.jp", null, true));

  @TempDir Path state;
  private SharingClient client;

  @BeforeEach
  void connect() {
    // Our production wiring, pointed at the mock hub; only the retry pace is shortened for the test.
    client = SharingClient.builder()
        .hubUrl(HUB.hub().baseUrl())
        .allowInsecureLoopback(true)
        .bearerToken("s3cret")
        .outboxDirectory(state.resolve("outbox"))
        .retryPolicy(RetryPolicy.defaults().withInitialBackoff(Duration.ofMillis(10)).withMaxBackoff(Duration.ofMillis(50)))
        .build();
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void ourScadaAlarmIsReportedExactlyOnceEvenWhenTheHubsAcknowledgementIsLost(MockSharingHub hub) {
    // The hub stores our first report, then the connection drops before we hear back.
    hub.on(HubEndpoint.SUBMIT_REPORT).loseResponseNext(1);

    try (IncidentTracker tracker = IncidentTracker.builder().reporter(WE).client(client).build()) {
      tracker.observe(Observation.builder()
          .observedAt(OffsetDateTime.parse("2026-11-26T08:35:00+09:00"))
          .source("ics-gw-01").sector(Sector.WATER)
          .system(new ObservedSystem(SystemKind.ICS, "scada-01 浄水場SCADAサーバ", "Yokogawa", "CENTUM VP", "R6.09.00"))
          .signals("unauthorized-command")
          .serviceImpact(ImpactLevel.NONE)
          .build());
      assertThat(tracker.flush(Duration.ofSeconds(10))).isTrue();
    }
    assertThat(client.flush(Duration.ofSeconds(10))).as("reports still in our outbox").isZero();

    List<ReceivedReport> received = hub.awaitReports(1, Duration.ofSeconds(5));
    ReceivedReport initial = received.get(0);
    assertThat(initial.stage()).isEqualTo("initial");
    assertThat(hub.attempts(initial.reportId())).as("we retried with the same idempotency key").isEqualTo(2);
    hub.assertReceivedExactlyOnce(initial.reportId());
    hub.assertStageOrder(initial.incidentId());
    assertThat(initial.json().at("/reporter/organization/operatorId").asText()).isEqualTo("WAT-0001");
  }

  @Test
  void theHubsExposedPortsAlertReachesOurControlSystemTeamWithTheAssetsToFix(MockSharingHub hub) {
    List<RoleAdvisory> controlSystemTeam = new CopyOnWriteArrayList<>();
    AdvisoryRouter router = AdvisoryRouter.builder()
        .matcher(AssetMatcher.of(AssetInventory.parse(resource("demo/sakura-water-inventory.json"))))
        .handler(Role.CONTROL_SYSTEM, controlSystemTeam::add)
        .handler(Role.SYSTEM_ADMIN, view -> {})
        .handler(Role.CSIRT, view -> {})
        .handler(Role.CISO, view -> {})
        .handler(Role.EXECUTIVE, view -> {})
        .build();
    hub.publishAdvisory(resource("demo/exposed-ports-advisory.json"));

    try (AdvisoryFeed feed = AdvisoryFeed.builder().client(client)
        .verifier(AdvisoryVerifier.fromJwks(hub.jwks()))   // in production: the hub's published JWK Set
        .router(router).stateDirectory(state.resolve("feed")).build()) {
      assertThat(feed.pollOnce().delivered()).isEqualTo(1);
      assertThat(feed.pollOnce().delivered()).as("not delivered twice").isZero();
    }

    assertThat(controlSystemTeam).singleElement().satisfies(view -> {
      assertThat(view.id()).isEqualTo("NCO-2019-0527-EXPOSED-PORTS");
      assertThat(view.assetActions()).extracting(a -> a.asset().id() + " " + a.action().id())
          .containsExactlyInAnyOrder("cam-03 ics-offline", "vpn-01 ics-maintenance");
      assertThat(view.assetActions()).extracting(a -> a.describe(Locale.ENGLISH))
          .allSatisfy(line -> assertThat(line).contains("to the internet"));
    });
  }

  @Test
  void anAdvisoryNotSignedByTheHubNeverReachesOurHandlers(MockSharingHub hub) {
    List<RoleAdvisory> anyone = new CopyOnWriteArrayList<>();
    AdvisoryRouter.Builder rb = AdvisoryRouter.builder();
    Role.defaults().forEach(role -> rb.handler(role, anyone::add));
    hub.publishAdvisory(resource("demo/exposed-ports-advisory.json"), HubSigner.ed25519("attacker"));

    try (AdvisoryFeed feed = AdvisoryFeed.builder().client(client).verifier(AdvisoryVerifier.fromJwks(hub.jwks()))
        .router(rb.build()).stateDirectory(state.resolve("feed")).build()) {
      AdvisoryFeed.PollResult r = feed.pollOnce();
      assertThat(r.delivered()).isZero();
      assertThat(r.quarantined()).isEqualTo(1);
      assertThat(feed.quarantined()).extracting(QuarantinedAdvisory::reason).containsExactly(QuarantineReason.UNKNOWN_KID);
    }
    assertThat(anyone).isEmpty();
  }

  private static String resource(String name) {
    try (InputStream in = OperatorStyleTest.class.getClassLoader().getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
