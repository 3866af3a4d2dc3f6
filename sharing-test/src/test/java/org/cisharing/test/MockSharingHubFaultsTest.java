package org.cisharing.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cisharing.test.HubClient.newId;
import static org.cisharing.test.HubClient.report;
import static org.cisharing.test.MockSharingHubReportsTest.assertProblem;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.cisharing.test.HubClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class MockSharingHubFaultsTest {
  private MockSharingHub hub;
  private HubClient client;

  @BeforeEach
  void start() {
    hub = new MockSharingHub().schemaValidation(false).start();
    client = new HubClient(hub);
  }

  @AfterEach
  void stop() {
    client.close();
    hub.close();
  }

  private String reportId;
  private String body;

  @BeforeEach
  void newReport() {
    reportId = newId();
    body = report(reportId, newId(), "initial", 1);
  }

  @ParameterizedTest
  @ValueSource(ints = {500, 502, 503, 504})
  void failsFixedNumberOfTimesWithoutStoringThenSucceeds(int status) throws IOException {
    hub.failNext(2, status);

    Answer first = client.submit(body, reportId);
    Answer second = client.submit(body, reportId);
    int storedAfterFailures = hub.reports().size();
    Answer third = client.submit(body, reportId);

    assertThat(first.code()).isEqualTo(status);
    assertThat(first.header("Content-Type")).startsWith("application/problem+json");
    assertThat(second.code()).isEqualTo(status);
    assertThat(storedAfterFailures).isZero();
    assertThat(third.code()).isEqualTo(201);
    assertThat(hub.attempts(reportId)).isEqualTo(3);
    hub.assertReceivedExactlyOnce(reportId);
  }

  @Test
  void rateLimitsWithRetryAfterSeconds() throws IOException {
    hub.rateLimitNext(1, 7);

    Answer limited = client.submit(body, reportId);

    assertProblem(limited, 429, "/rate-limited");
    assertThat(limited.header("Retry-After")).isEqualTo("7");
    assertThat(hub.reports()).isEmpty();
    assertThat(client.submit(body, reportId).code()).isEqualTo(201);
  }

  @Test
  void rateLimitsWithRetryAfterHttpDate() throws IOException {
    Instant until = Instant.parse("2026-11-05T04:05:06Z");
    hub.on(HubEndpoint.SUBMIT_REPORT).rateLimitNextUntil(1, until);

    Answer limited = client.submit(body, reportId);

    assertThat(limited.code()).isEqualTo(429);
    assertThat(limited.header("Retry-After")).isEqualTo("Thu, 05 Nov 2026 04:05:06 GMT");
    assertThat(ZonedDateTime.parse(limited.header("Retry-After"), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
        .isEqualTo(until);
  }

  @Test
  void answers503WithRetryAfter() throws IOException {
    hub.serviceUnavailableNext(1, Duration.ofSeconds(30));
    hub.on(HubEndpoint.ANY).serviceUnavailableNextUntil(1, Instant.parse("2026-11-26T00:00:00Z"));

    Answer seconds = client.submit(body, reportId);
    Answer date = client.submit(body, reportId);

    assertProblem(seconds, 503, "/service-unavailable");
    assertThat(seconds.header("Retry-After")).isEqualTo("30");
    assertThat(date.header("Retry-After")).isEqualTo("Thu, 26 Nov 2026 00:00:00 GMT");
    assertThat(hub.reports()).isEmpty();
  }

  @Test
  void resetsConnectionWithoutStoring() throws IOException {
    hub.resetConnectionNext(1);

    assertThatThrownBy(() -> client.submit(body, reportId)).isInstanceOf(IOException.class);
    assertThat(hub.reports()).isEmpty();
    assertThat(hub.attempts(reportId)).isEqualTo(1);
    assertThat(client.submit(body, reportId).code()).isEqualTo(201);
  }

  @Test
  void closesWithoutResponseWithoutStoring() {
    hub.on(HubEndpoint.SUBMIT_REPORT).emptyResponseNext(1);

    assertThatThrownBy(() -> client.submit(body, reportId)).isInstanceOf(IOException.class);
    assertThat(hub.reports()).isEmpty();
  }

  @Test
  void sendsMalformedChunkWithoutStoring() {
    hub.on(HubEndpoint.SUBMIT_REPORT).malformedResponseNext(1);

    assertThatThrownBy(() -> client.submit(body, reportId)).isInstanceOf(IOException.class);
    assertThat(hub.reports()).isEmpty();
  }

  @Test
  void answersSuccessWithGarbageBodyWithoutStoring() throws IOException {
    hub.on(HubEndpoint.SUBMIT_REPORT).garbageResponseNext(1);

    Answer garbage = client.submit(body, reportId);

    assertThat(garbage.code()).isEqualTo(201);
    assertThat(garbage.body()).startsWith("<html>");
    assertThat(hub.reports()).isEmpty();
  }

  @Test
  void slowResponseTimesOutClientButStoresSoRetryIsReplay() throws IOException {
    hub.on(HubEndpoint.SUBMIT_REPORT).slowNext(1, Duration.ofMillis(1500));
    try (HubClient impatient = new HubClient(hub, Duration.ofMillis(300))) {
      assertThatThrownBy(() -> impatient.submit(body, reportId))
          .isInstanceOf(InterruptedIOException.class);
    }
    // The hub stored it although the client gave up (bounded wait: the machine may be busy).
    hub.awaitReports(1, Duration.ofSeconds(10));

    Answer retry = client.submit(body, reportId);

    assertThat(retry.code()).isEqualTo(200);
    assertThat(hub.attempts(reportId)).isEqualTo(2);
    hub.assertReceivedExactlyOnce(reportId);
  }

  @Test
  void loseResponseStoresThenResetsSoRetryIsAnsweredAsReplay() throws IOException {
    hub.loseResponseNext(1);

    assertThatThrownBy(() -> client.submit(body, reportId)).isInstanceOf(IOException.class);
    int storedBeforeRetry = hub.reports().size();
    Answer retry = client.submit(body, reportId);

    assertThat(storedBeforeRetry).isEqualTo(1);
    assertThat(retry.code()).isEqualTo(200);
    assertThat(retry.json().path("reportId").asText()).isEqualTo(reportId);
    assertThat(hub.attempts(reportId)).isEqualTo(2);
    assertThat(hub.reports()).hasSize(1);
    hub.assertReceivedExactlyOnce(reportId);
  }

  @Test
  void downResetsEveryRequestUntilUp() throws IOException {
    hub.down();

    assertThatThrownBy(() -> client.submit(body, reportId)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> client.get("/v1/advisories")).isInstanceOf(IOException.class);
    hub.up();
    Answer after = client.submit(body, reportId);

    assertThat(after.code()).isEqualTo(201);
    assertThat(hub.requestCount()).isEqualTo(3);
  }

  @Test
  void downWithStatusAnswersEveryRequestUntilUp() throws IOException {
    hub.down(503);

    Answer report = client.submit(body, reportId);
    Answer feed = client.get("/v1/advisories");
    hub.up();

    assertProblem(report, 503, "/service-unavailable");
    assertThat(report.header("Retry-After")).isEqualTo("1");
    assertThat(feed.code()).isEqualTo(503);
    assertThat(hub.reports()).isEmpty();
    assertThat(client.get("/v1/advisories").code()).isEqualTo(200);
  }

  @Test
  void faultAimedAtOneEndpointLeavesOthersAlone() throws IOException {
    hub.on(HubEndpoint.ADVISORIES).failNext(1, 500);

    Answer report = client.submit(body, reportId);
    Answer feed = client.get("/v1/advisories");
    Answer feedAgain = client.get("/v1/advisories");

    assertThat(report.code()).isEqualTo(201);
    assertThat(feed.code()).isEqualTo(500);
    assertThat(feedAgain.code()).isEqualTo(200);
    assertThat(hub.requestCount(HubEndpoint.ADVISORIES)).isEqualTo(2);
    assertThat(hub.requestCount(HubEndpoint.SUBMIT_REPORT)).isEqualTo(1);
  }

  @Test
  void armedFaultsApplyInOrder() throws IOException {
    hub.on(HubEndpoint.SUBMIT_REPORT).failNext(1, 502).rateLimitNext(1, 2);

    Answer first = client.submit(body, reportId);
    Answer second = client.submit(body, reportId);
    Answer third = client.submit(body, reportId);

    assertThat(first.code()).isEqualTo(502);
    assertThat(second.code()).isEqualTo(429);
    assertThat(third.code()).isEqualTo(201);
  }

  @Test
  void clearFaultsDisarmsPendingFaults() throws IOException {
    hub.failNext(3, 500);
    hub.clearFaults();

    assertThat(client.submit(body, reportId).code()).isEqualTo(201);
  }

  @Test
  void refusesNonsenseFaultArguments() {
    assertThatThrownBy(() -> hub.failNext(0, 500)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hub.failNext(1, 200)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hub.rateLimitNext(1, -1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hub.slowNext(1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
