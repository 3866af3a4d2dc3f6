package org.cisharing.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cisharing.test.HubClient.newId;
import static org.cisharing.test.HubClient.report;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class MockSharingHubAssertionsTest {
  // Instance field: a fresh hub for every test.
  @RegisterExtension
  final MockSharingHubExtension extension =
      new MockSharingHubExtension().configure(hub -> hub.schemaValidation(false));

  private MockSharingHub hub;
  private HubClient client;

  @BeforeEach
  void connect() {
    hub = extension.hub();
    client = new HubClient(hub);
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void awaitReportsReturnsOnceReportsArriveFromAnotherThread() throws Exception {
    String incidentId = newId();
    String first = newId();
    String second = newId();
    ExecutorService sender = Executors.newSingleThreadExecutor();
    try {
      CompletableFuture<Void> sent =
          CompletableFuture.runAsync(
              () -> {
                try {
                  client.submit(report(first, incidentId, "initial", 1), first);
                  client.submit(report(second, incidentId, "update", 2), second);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              },
              sender);

      List<ReceivedReport> reports = hub.awaitReports(2, Duration.ofSeconds(10));

      assertThat(reports).extracting(ReceivedReport::reportId).containsExactly(first, second);
      sent.get(10, TimeUnit.SECONDS);
    } finally {
      sender.shutdownNow();
    }
  }

  @Test
  void awaitReportsFailsWithWhatArrivedWhenBoundPasses() throws IOException {
    String reportId = newId();
    client.submit(report(reportId, newId(), "initial", 1), reportId);

    assertThatThrownBy(() -> hub.awaitReports(2, Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected at least 2 report(s)")
        .hasMessageContaining("accepted 1")
        .hasMessageContaining(reportId);
  }

  @Test
  void assertReceivedExactlyOnceFailsForReportNeverAccepted() throws IOException {
    String reportId = newId();
    hub.failNext(1, 500);
    client.submit(report(reportId, newId(), "initial", 1), reportId);

    assertThatThrownBy(() -> hub.assertReceivedExactlyOnce(reportId))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("never accepted")
        .hasMessageContaining("1 attempt(s)");
  }

  @Test
  void assertReceivedExactlyOnceFailsWhenRetryMintedNewReportId() throws IOException {
    String incidentId = newId();
    String original = newId();
    String remint = newId();
    hub.requireInitialFirst(false);
    client.submit(report(original, incidentId, "update", 2), original);
    client.submit(report(remint, incidentId, "update", 2), remint);

    assertThatThrownBy(() -> hub.assertReceivedExactlyOnce(original))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("accepted again under other report ids")
        .hasMessageContaining(remint);
  }

  @Test
  void assertStageOrderPassesForInitialUpdatesFinal() throws IOException {
    String incidentId = newId();
    String[] stages = {"initial", "update", "update", "final"};
    for (int i = 0; i < stages.length; i++) {
      String id = newId();
      assertThat(client.submit(report(id, incidentId, stages[i], i + 1), id).code()).isEqualTo(201);
    }

    hub.assertStageOrder(incidentId);
    assertThat(hub.reportsFor(incidentId)).hasSize(4);
  }

  @Test
  void assertStageOrderFailsWhenIncidentStartsWithUpdate() throws IOException {
    String incidentId = newId();
    String update = newId();
    String initial = newId();
    hub.requireInitialFirst(false);
    client.submit(report(update, incidentId, "update", 2), update);
    client.submit(report(initial, incidentId, "initial", 1), initial);

    assertThatThrownBy(() -> hub.assertStageOrder(incidentId))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("[update, initial]")
        .hasMessageContaining("the first report is update");
  }

  @Test
  void assertStageOrderFailsForUnknownIncident() {
    assertThatThrownBy(() -> hub.assertStageOrder(newId()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no report of incident");
  }

  @Test
  void reportLookupFindsAcceptedReportOnly() throws IOException {
    String reportId = newId();
    client.submit(report(reportId, newId(), "initial", 1), reportId);

    assertThat(hub.report(reportId)).isPresent();
    assertThat(hub.report(newId())).isEmpty();
  }
}
