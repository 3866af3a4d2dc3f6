package org.cisharing.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.cisharing.RetryPolicy;
import org.cisharing.SharingClient;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.SegmentOutbox;
import org.cisharing.report.IncidentReport;
import org.cisharing.test.HubEndpoint;
import org.cisharing.test.MockSharingHub;
import org.cisharing.test.MockSharingHubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A {@link SharingClient} given a {@link SegmentOutbox} delivers through it, in order, once each. */
class SegmentOutboxClientTest {
  @RegisterExtension final MockSharingHubExtension hubs = new MockSharingHubExtension();
  @TempDir Path dir;

  @Test
  void deliversEveryReportOnceInOrderThroughASegmentOutbox() {
    MockSharingHub hub = hubs.hub();
    hub.on(HubEndpoint.SUBMIT_REPORT).failNext(3, 503);
    Path outboxDir = dir.resolve("outbox");
    List<String> submitted = new ArrayList<>();
    SegmentOutbox outbox = SegmentOutbox.open(outboxDir, OutboxConfig.defaults(), Clock.systemUTC(), 8 * 1024);
    try (SharingClient client =
        SharingClient.builder()
            .hubUrl(hub.baseUrl())
            .allowInsecureLoopback(true)
            .outbox(outbox)
            .retryPolicy(
                RetryPolicy.defaults().withInitialBackoff(Duration.ofMillis(5)).withMaxBackoff(Duration.ofMillis(50)))
            .build()) {
      for (int i = 0; i < 20; i++) {
        IncidentReport initial = Reports.initial(UUID.randomUUID());
        client.submit(initial);
        IncidentReport update = Reports.update(initial);
        client.submit(update);
        submitted.add(initial.reportId().toString());
        submitted.add(update.reportId().toString());
      }
      assertThat(client.flush(Duration.ofSeconds(30))).isZero();
    } finally {
      outbox.close();
    }
    for (String id : submitted) {
      hub.assertReceivedExactlyOnce(id);
    }
    hub.reports().stream().map(r -> r.incidentId()).distinct().forEach(hub::assertStageOrder);
    try (SegmentOutbox again = SegmentOutbox.open(outboxDir, OutboxConfig.defaults(), Clock.systemUTC(), 8 * 1024)) {
      assertThat(again.pendingCount()).isZero();
      assertThat(again.quarantined()).isEmpty();
    }
  }
}
