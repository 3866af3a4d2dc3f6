package org.cisharing.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.cisharing.SharingClient;
import org.cisharing.Submission;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.incident.Redactor;
import org.cisharing.model.Contact;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Organization;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.model.Tlp;
import org.cisharing.report.EventClass;
import org.cisharing.report.Handling;
import org.cisharing.report.IncidentReport;
import org.cisharing.report.Receipt;
import org.cisharing.report.ReportStage;
import org.cisharing.report.Reporter;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ObservedSystem;
import org.cisharing.test.MockSharingHub;
import org.cisharing.test.MockSharingHubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's code, as written there (only the hub URL, token and outbox directory point at a
 * {@code MockSharingHub} and a temporary directory), so that the README cannot drift from the API.
 */
class ReadmeExamplesTest {
  @RegisterExtension static final MockSharingHubExtension HUB = new MockSharingHubExtension();
  @TempDir Path dir;

  private SharingClient.Builder readmeClient(MockSharingHub hub) {
    return SharingClient.builder().hubUrl(hub.baseUrl()).allowInsecureLoopback(true)
        .outboxDirectory(dir.resolve("sharing-outbox"));
  }

  @Test
  void reportAnIncidentInTenLines() throws Exception {
    MockSharingHub hub = HUB.hub();
    Receipt[] seen = new Receipt[1];
    try (SharingClient client = readmeClient(hub).build()) {
      IncidentReport report = IncidentReport.builder()
          .incidentId(UUID.randomUUID()).stage(ReportStage.INITIAL)
          .reporter(Reporter.of(Organization.of("さくら水道企業団", "WAT-0001", Sector.WATER),
              new Contact("当番", "soc@sakura-water.example.jp", "+81-3-1234-5678", true)))
          .title("配水監視SCADAの停止").summary("配水監視SCADAが応答せず、現地で手動監視中。")
          .eventClasses(EventClass.AVAILABILITY).handling(Handling.of(Tlp.AMBER))
          .build();
      Submission s = client.submit(report);
      s.receipt().thenAccept(r -> seen[0] = r).get(10, TimeUnit.SECONDS);
      hub.assertReceivedExactlyOnce(report.reportId().toString());
    }
    assertThat(seen[0]).isNotNull();
  }

  @Test
  void reportAutomaticallyFromMonitoring() {
    MockSharingHub hub = HUB.hub();
    Reporter reporter = Reporter.of(Organization.of("さくら水道企業団", "WAT-0001", Sector.WATER),
        new Contact("当番", "soc@sakura-water.example.jp", null, true));
    try (SharingClient client = readmeClient(hub).build()) {
      IncidentTracker tracker = IncidentTracker.builder()
          .reporter(reporter)
          .client(client)
          .beforeSubmit(Redactor.builder().internalDomain("corp.sakura-water.jp").build())
          .build();
      try (tracker) {
        boolean accepted = tracker.observe(Observation.builder()
            .source("zabbix@dc1").sector(Sector.WATER)
            .system(new ObservedSystem(SystemKind.ICS, "浄水場SCADA", "Yokogawa", "CENTUM VP", "R6.09.00"))
            .signals("process-value-out-of-range", "unauthorized-command")
            .serviceImpact(ImpactLevel.DEGRADED)
            .build());
        assertThat(accepted).isTrue();
        assertThat(tracker.flush(Duration.ofSeconds(10))).isTrue();
      }
      assertThat(hub.awaitReports(1, Duration.ofSeconds(10))).singleElement()
          .satisfies(r -> assertThat(r.stage()).isEqualTo("initial"));
    }
  }
}
