package org.cisharing.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.cisharing.SharingClient;
import org.cisharing.spring.boot.TestReports;
import org.cisharing.test.MockSharingHub;
import org.cisharing.test.ReceivedReport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/** A minimal application, started by Spring Boot, reports an incident; the mock hub receives it once. */
@SpringBootTest(classes = MockSharingHubEndToEndTest.App.class, properties = "sharing.hub.token=e2e-token")
@AutoConfigureMockSharingHub
class MockSharingHubEndToEndTest {
  @Autowired
  IncidentDesk desk;

  @Autowired
  MockSharingHub hub;

  @Autowired
  MeterRegistry meterRegistry;

  @Autowired
  HealthContributorRegistry healthContributors;

  @Test
  void submittedReportReachesTheMockHubExactlyOnce() {
    UUID reportId = desk.reportScadaOutage();

    assertThat(hub.awaitReports(1, Duration.ofSeconds(10))).extracting(ReceivedReport::reportId)
        .containsExactly(reportId.toString());
    hub.assertReceivedExactlyOnce(reportId.toString());
  }

  @Test
  void fullApplicationHasTheHealthComponentAndTheMeters() {
    assertThat(healthContributors.getContributor("sharing")).isInstanceOf(HealthIndicator.class);
    assertThat(((HealthIndicator) healthContributors.getContributor("sharing")).health().getStatus()).isEqualTo(Status.UP);
    // Bound by Spring Boot's own MeterRegistryPostProcessor.
    assertThat(meterRegistry.find("sharing.outbox.depth").gauge()).isNotNull();
    assertThat(meterRegistry.find("sharing.reports.submitted").tag("kind", "report").counter()).isNotNull();
  }

  /** What an operator's application would have: a service that files reports through the client. */
  static final class IncidentDesk {
    private final SharingClient client;

    IncidentDesk(SharingClient client) {
      this.client = client;
    }

    UUID reportScadaOutage() {
      return client.submit(TestReports.initial()).reportId();
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {
    @Bean
    IncidentDesk incidentDesk(SharingClient client) {
      return new IncidentDesk(client);
    }
  }
}
