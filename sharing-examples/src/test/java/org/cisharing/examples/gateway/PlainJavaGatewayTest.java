package org.cisharing.examples.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.cisharing.RetryPolicy;
import org.cisharing.SharingClient;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.model.Contact;
import org.cisharing.model.Organization;
import org.cisharing.model.Sector;
import org.cisharing.report.Reporter;
import org.cisharing.test.MockSharingHub;
import org.cisharing.test.MockSharingHubExtension;
import org.cisharing.test.MutableClock;
import org.cisharing.test.ReceivedReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PlainJavaGatewayTest {
  private static final Reporter REPORTER = Reporter.of(Organization.of("さくら水道企業団", "WAT-0001", Sector.WATER),
      new Contact("SOC", "soc@sakura-water.example.jp", null, true));

  @RegisterExtension final MockSharingHubExtension hubs = new MockSharingHubExtension();
  @TempDir Path dir;

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-25T23:30:00Z"));
  private MockSharingHub hub;
  private SharingClient client;
  private IncidentTracker tracker;
  private PlainJavaGateway gateway;

  @BeforeEach
  void setUp() {
    hub = hubs.hub();
    client = SharingClient.builder().hubUrl(hub.baseUrl()).allowInsecureLoopback(true)
        .outboxDirectory(dir.resolve("outbox"))
        .retryPolicy(RetryPolicy.defaults().withInitialBackoff(Duration.ofMillis(10)).withMaxBackoff(Duration.ofMillis(50)))
        .build();
    tracker = IncidentTracker.builder().reporter(REPORTER).client(client).clock(clock)
        .zone(ZoneId.of("Asia/Tokyo")).evaluationInterval(Duration.ofDays(1)).build();
    gateway = new PlainJavaGateway(tracker, client);
  }

  @AfterEach
  void tearDown() {
    tracker.close();
    client.close();
  }

  @Test
  void reportsTheSampleOnceForEachIncidentAndLeavesTheTestAlarmOut() {
    PlainJavaGateway.Result r = gateway.feed(PlainJavaGateway.sample());

    assertThat(r.accepted()).isEqualTo(4);
    assertThat(r.rejected()).isZero();
    assertThat(r.skipped()).isEqualTo(2);
    assertThat(gateway.flush(Duration.ofSeconds(10))).isZero();

    // The two register writes from 10.20.0.77 are one incident; the camera's port scan another;
    // the monthly alarm test is out of scope.
    List<ReceivedReport> reports = hub.reports();
    assertThat(reports).extracting(ReceivedReport::stage).containsOnly("initial");
    assertThat(reports).extracting(ReceivedReport::incidentId).doesNotHaveDuplicates().hasSize(2);
    assertThat(reports).extracting(rep -> rep.json().path("title").asText() + rep.json().path("affectedSystems").toString())
        .anySatisfy(text -> assertThat(text).contains("plc-fx5"))
        .anySatisfy(text -> assertThat(text).contains("cam-03"))
        .noneSatisfy(text -> assertThat(text).contains("rtu-07"));
    reports.forEach(rep -> hub.assertReceivedExactlyOnce(rep.reportId()));
    assertThat(tracker.stats().outOfScope()).isEqualTo(1);
    assertThat(tracker.stats().tracked()).isEqualTo(3);
  }

  @Test
  void rejectsMalformedLinesWithTheirNumbersAndGoesOn() {
    String lines = String.join("\n",
        "{\"schema\":\"cisharing.observation/1\",\"sector\":\"WATER\",\"system\":{\"kind\":\"ics\",\"name\":\"plc-01\"},\"signals\":[\"unauthorized-command\"]}",
        "{not json",
        "{\"schema\":\"cisharing.observation/1\",\"signals\":[\"two words\"]}",
        "{\"schema\":\"cisharing.observation/9\",\"signals\":[\"port-scan\"]}",
        "",
        "# comment");

    PlainJavaGateway.Result r = gateway.feed(new StringReader(lines));

    assertThat(r.accepted()).isEqualTo(1);
    assertThat(r.skipped()).isEqualTo(2);
    assertThat(r.rejections()).hasSize(3);
    assertThat(r.rejections().get(0)).startsWith("line 2: ");
    assertThat(r.rejections().get(1)).startsWith("line 3: ").contains("/signals/0");
    assertThat(r.rejections().get(2)).startsWith("line 4: ");
    assertThat(gateway.flush(Duration.ofSeconds(10))).isZero();
    assertThat(hub.reports()).hasSize(1);
  }

  @Test
  void keepsReportsThroughAHubOutageAndDeliversThemOnce() {
    hub.down();
    gateway.feed(PlainJavaGateway.sample());
    assertThat(gateway.flush(Duration.ofMillis(300))).isEqualTo(2);
    assertThat(hub.reports()).isEmpty();

    hub.up();
    assertThat(gateway.flush(Duration.ofSeconds(10))).isZero();
    assertThat(hub.reports()).hasSize(2);
    hub.reports().forEach(rep -> hub.assertReceivedExactlyOnce(rep.reportId()));
  }
}
