package org.cisharing.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.advisory.FeedbackStatus;
import org.cisharing.advisory.RoleAdvisory;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.model.Role;
import org.cisharing.spring.boot.AdvisoryListener;
import org.cisharing.spring.boot.TestAdvisories;
import org.cisharing.test.MockSharingHub;
import org.cisharing.test.ReceivedReport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The end-to-end test: an operator's application with the starter and a {@code
 * MockSharingHub} turns monitoring observations into reports at the hub (through the {@code
 * IncidentTracker} bean), receives a signed advisory published on the hub (trusted keys: the hub's
 * JWK Set in a file) through an {@code @AdvisoryListener} with its role-scoped actions and matched
 * assets, and shows all of it in health and meters.
 */
@SpringBootTest(classes = SharingApplicationEndToEndTest.App.class, properties = {
  "sharing.operator.name=さくら水道企業団",
  "sharing.operator.id=WAT-0001",
  "sharing.operator.sector=WATER",
  "sharing.operator.contacts[0].name=当番",
  "sharing.operator.contacts[0].email=soc@sakura-water.example.jp",
  "sharing.operator.contacts[0].available24h=true",
  "sharing.tracking.zone=Asia/Tokyo",
  "sharing.assets.location=classpath:sakura-water-inventory.json",
  "sharing.advisories.poll-interval=200ms",
  "sharing.advisories.clearances.EXECUTIVE=TLP:AMBER"
})
@AutoConfigureMockSharingHub
class SharingApplicationEndToEndTest {
  /** The hub, created before the context so that its public keys can be configured as trusted. */
  static final MockSharingHub HUB = new MockSharingHub().start();

  @DynamicPropertySource
  static void trustedKeys(DynamicPropertyRegistry registry) throws IOException {
    Path jwks = Files.createTempFile("hub-keys", ".jwks.json");
    jwks.toFile().deleteOnExit();
    Files.writeString(jwks, HUB.jwks());
    registry.add("sharing.advisories.trusted-keys", () -> "file:" + jwks);
  }

  @Autowired
  MonitoringBridge monitoring;

  @Autowired
  SocDesk soc;

  @Autowired
  IncidentTracker tracker;

  @Autowired
  AdvisoryFeed feed;

  @Autowired
  MeterRegistry meterRegistry;

  @Autowired
  HealthContributorRegistry healthContributors;

  @Test
  void observationsBecomeReportsAdvisoriesReachListenersAndBothShowInHealthAndMeters() throws InterruptedException {
    // 1. Monitoring observations become an incident and its initial report at the hub.
    for (int i = 0; i < 50; i++) {
      assertThat(monitoring.scadaUnderDdos()).isTrue();
    }
    assertThat(tracker.flush(Duration.ofSeconds(10))).isTrue();
    List<ReceivedReport> reports = HUB.awaitReports(1, Duration.ofSeconds(10));
    assertThat(reports).singleElement().satisfies(r -> {
      assertThat(r.stage()).isEqualTo("initial");
      assertThat(r.json().at("/reporter/organization/operatorId").asText()).isEqualTo("WAT-0001");
      // The initial report goes out at the first evaluation; later observations wait for an update.
      assertThat(r.json().at("/observations/total").asLong()).isBetween(1L, 50L);
    });
    assertThat(tracker.stats().tracked()).isEqualTo(50);

    // 2. A signed advisory published on the hub reaches the @AdvisoryListener, scoped to each role.
    HUB.publishAdvisory(TestAdvisories.exposedPorts());
    await(() -> soc.received.size() >= 2);
    assertThat(soc.received).extracting(v -> v.role().code()).containsExactlyInAnyOrder("CSIRT", "SYSTEM_ADMIN");
    RoleAdvisory csirt = soc.received.stream().filter(v -> v.role().equals(Role.CSIRT)).findFirst().orElseThrow();
    assertThat(csirt.id()).isEqualTo("NCO-2019-0527-EXPOSED-PORTS");
    assertThat(csirt.addressed()).isTrue();
    assertThat(csirt.actions()).isNotEmpty();
    RoleAdvisory sysadmin = soc.received.stream().filter(v -> v.role().equals(Role.SYSTEM_ADMIN)).findFirst().orElseThrow();
    assertThat(sysadmin.assetActions()).extracting(a -> a.asset().id()).isNotEmpty();
    feed.acknowledge(csirt.id(), csirt.revision(), Role.CSIRT, FeedbackStatus.RECEIVED, 5, "確認しました");
    await(() -> !HUB.feedback().isEmpty());
    assertThat(HUB.feedback()).hasSize(1);

    // 3. Health and meters show the feed and the tracker.
    Health health = ((HealthIndicator) healthContributors.getContributor("sharing")).health();
    assertThat(health.getStatus()).isEqualTo(Status.UP);
    assertThat(detail(health, "advisories")).containsEntry("quarantined", 0L).containsEntry("delivered", 1L);
    assertThat((String) detail(health, "advisories").get("lastSuccessfulPoll")).isNotEqualTo("none since start");
    assertThat(detail(health, "incidents")).containsEntry("open", 1).containsEntry("deadlinesAtRisk", List.of());
    assertThat(meterRegistry.get("sharing.advisories.received").functionCounter().count()).isEqualTo(1.0);
    assertThat(meterRegistry.get("sharing.advisories.withheld").functionCounter().count()).isZero();
    assertThat(meterRegistry.get("sharing.advisories.quarantined").functionCounter().count()).isZero();
    assertThat(meterRegistry.get("sharing.incidents.open").gauge().value()).isEqualTo(1.0);
    assertThat(meterRegistry.get("sharing.observations.shed").tag("reason", "queue_full").functionCounter().count())
        .isZero();
    assertThat(meterRegistry.get("sharing.reports.delivered").tag("kind", "report").counter().count()).isEqualTo(1.0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> detail(Health health, String name) {
    return (Map<String, Object>) health.getDetails().get(name);
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(condition.getAsBoolean()).as("condition met within 10 s").isTrue();
  }

  /** What the operator's monitoring integration would be: it hands every alert to the tracker. */
  static final class MonitoringBridge {
    private final IncidentTracker tracker;

    MonitoringBridge(IncidentTracker tracker) {
      this.tracker = tracker;
    }

    boolean scadaUnderDdos() {
      return tracker.observe(TestAdvisories.scadaDdos());
    }
  }

  /** The SOC's desk: takes advisories for the CSIRT and the system administrators. */
  static final class SocDesk {
    final List<RoleAdvisory> received = new CopyOnWriteArrayList<>();

    @AdvisoryListener(roles = {"CSIRT", "SYSTEM_ADMIN"}, minSeverity = "high")
    void onAdvisory(RoleAdvisory advisory) {
      received.add(advisory);
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean(destroyMethod = "close")
    MockSharingHub mockSharingHub() {
      return HUB;
    }

    @Bean
    MonitoringBridge monitoringBridge(IncidentTracker tracker) {
      return new MonitoringBridge(tracker);
    }

    @Bean
    SocDesk socDesk() {
      return new SocDesk();
    }
  }
}
