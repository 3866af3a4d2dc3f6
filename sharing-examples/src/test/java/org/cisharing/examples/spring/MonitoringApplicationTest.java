package org.cisharing.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Role;
import org.cisharing.model.SystemKind;
import org.cisharing.spring.boot.test.AutoConfigureMockSharingHub;
import org.cisharing.test.MockSharingHub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring Boot example, as an operator would test it: against a {@code MockSharingHub} whose
 * public keys the application trusts, alerts become reports at the hub and the exposed-ports
 * advisory reaches every role's desk with its per-asset actions.
 */
@SpringBootTest(classes = {MonitoringApplication.class, MonitoringApplicationTest.Hub.class}, properties = {
  "sharing.operator.name=さくら水道企業団",
  "sharing.operator.id=WAT-0001",
  "sharing.operator.sector=WATER",
  "sharing.operator.contacts[0].name=当番",
  "sharing.operator.contacts[0].email=soc@sakura-water.example.jp",
  "sharing.tracking.zone=Asia/Tokyo",
  "sharing.assets.location=classpath:demo/sakura-water-inventory.json",
  "sharing.advisories.poll-interval=200ms"
})
@AutoConfigureMockSharingHub
class MonitoringApplicationTest {
  static final MockSharingHub HUB = new MockSharingHub().start();

  @DynamicPropertySource
  static void trustTheHub(DynamicPropertyRegistry registry) throws IOException {
    Path jwks = Files.createTempFile("hub-keys", ".jwks.json");
    jwks.toFile().deleteOnExit();
    Files.writeString(jwks, HUB.jwks());
    registry.add("sharing.advisories.trusted-keys", () -> "file:" + jwks);
  }

  @AfterAll
  static void stopHub() {
    HUB.close();
  }

  @Autowired AlertIntake alerts;
  @Autowired RoleDesks desks;
  @Autowired IncidentTracker tracker;

  @Test
  void alertsBecomeReportsAndEveryRoleGetsItsShareOfTheAdvisory() throws Exception {
    assertThat(alerts.alert("配水監視SCADA", SystemKind.ICS, ImpactLevel.DEGRADED, "ddos-traffic")).isTrue();
    assertThat(tracker.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(HUB.awaitReports(1, Duration.ofSeconds(10))).singleElement()
        .satisfies(r -> assertThat(r.stage()).isEqualTo("initial"));

    HUB.publishAdvisory(resource("/demo/exposed-ports-advisory.json"));
    await(() -> desks.tasks().keySet().containsAll(Role.defaults()));
    assertThat(desks.tasks()).containsOnlyKeys(Role.defaults());
    assertThat(desks.tasks().get(Role.SYSTEM_ADMIN)).anySatisfy(t -> assertThat(t).contains("jump-01"));
    assertThat(desks.tasks().get(Role.CONTROL_SYSTEM)).anySatisfy(t -> assertThat(t).contains("cam-03"));
    await(() -> HUB.feedback().size() >= 5);
    assertThat(HUB.feedback()).hasSize(5);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = MonitoringApplicationTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  @TestConfiguration
  static class Hub {
    @Bean
    MockSharingHub mockSharingHub() {
      return HUB;
    }
  }
}
