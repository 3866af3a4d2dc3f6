package org.cisharing.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cisharing.test.HubClient.newId;
import static org.cisharing.test.HubClient.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import org.cisharing.test.HubClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class MockSharingHubReportsTest {
  @RegisterExtension
  static final MockSharingHubExtension HUB =
      new MockSharingHubExtension()
          .configure(
              // Minimal documents: skip the project's full report schema if it is on the classpath.
              hub ->
                  hub.schemaValidation(false)
                      .clock(
                      Clock.fixed(Instant.parse("2026-11-26T00:30:00Z"), ZoneId.of("Asia/Tokyo"))));

  private MockSharingHub hub;
  private HubClient client;

  @BeforeEach
  void connect() {
    hub = HUB.hub();
    client = new HubClient(hub);
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void acceptsReportWithReceiptAndLocation() throws IOException {
    String reportId = newId();
    String incidentId = newId();

    Answer answer = client.submit(report(reportId, incidentId, "initial", 1), reportId);

    assertThat(answer.code()).isEqualTo(201);
    assertThat(answer.header("Location")).isEqualTo("/v1/reports/" + reportId);
    assertThat(answer.header("Content-Type")).startsWith("application/json");
    JsonNode receipt = answer.json();
    assertThat(receipt.path("schema").asText()).isEqualTo("cisharing.receipt/1");
    assertThat(receipt.path("receiptId").asText()).isNotBlank();
    assertThat(receipt.path("reportId").asText()).isEqualTo(reportId);
    assertThat(receipt.path("incidentId").asText()).isEqualTo(incidentId);
    assertThat(receipt.path("status").asText()).isEqualTo("accepted");
    assertThat(receipt.path("receivedAt").asText()).isEqualTo("2026-11-26T09:30:00+09:00");
    assertThat(hub.reports())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reportId()).isEqualTo(reportId);
              assertThat(r.stage()).isEqualTo("initial");
              assertThat(r.revision()).isEqualTo(1);
              assertThat(r.receivedAt()).isEqualTo(OffsetDateTime.parse("2026-11-26T09:30:00+09:00"));
              assertThat(r.json().path("summary").asText()).contains("ランサムウェア");
            });
  }

  @Test
  void answersReplayOfIdenticalReportWithSameReceipt() throws IOException {
    String reportId = newId();
    String body = report(reportId, newId(), "initial", 1);
    Answer first = client.submit(body, reportId);
    // Same document, fields reordered: still the same report.
    ObjectNode original = (ObjectNode) HubClient.JSON.readTree(body);
    ObjectNode reordered = HubClient.JSON.createObjectNode();
    List<String> names = new java.util.ArrayList<>();
    original.fieldNames().forEachRemaining(names::add);
    java.util.Collections.reverse(names);
    names.forEach(name -> reordered.set(name, original.get(name)));
    assertThat(reordered.toString()).isNotEqualTo(body);

    Answer replay = client.submit(reordered.toString(), reportId);

    assertThat(first.code()).isEqualTo(201);
    assertThat(replay.code()).isEqualTo(200);
    assertThat(replay.json()).isEqualTo(first.json());
    assertThat(replay.header("Location")).isEqualTo("/v1/reports/" + reportId);
    assertThat(hub.reports()).hasSize(1);
    assertThat(hub.attempts(reportId)).isEqualTo(2);
  }

  @Test
  void refusesReusedKeyWithDifferentBodyAsIdempotencyConflict() throws IOException {
    String reportId = newId();
    String incidentId = newId();
    client.submit(report(reportId, incidentId, "initial", 1), reportId);

    Answer conflict = client.submit(report(reportId, incidentId, "initial", 2), reportId);

    assertProblem(conflict, 409, "/idempotency-conflict");
    assertThat(hub.reports()).singleElement().extracting(ReceivedReport::revision).isEqualTo(1);
  }

  @Test
  void refusesSecondInitialAsStageConflict() throws IOException {
    String incidentId = newId();
    String first = newId();
    String second = newId();
    client.submit(report(first, incidentId, "initial", 1), first);

    Answer conflict = client.submit(report(second, incidentId, "initial", 1), second);

    assertProblem(conflict, 409, "/stage-conflict");
    assertThat(conflict.json().path("detail").asText()).contains(incidentId);
    assertThat(hub.reportsFor(incidentId)).hasSize(1);
  }

  @Test
  void refusesUpdateAfterFinalAsStageConflictButReplaysFinal() throws IOException {
    String incidentId = newId();
    String initial = newId();
    String fin = newId();
    String late = newId();
    client.submit(report(initial, incidentId, "initial", 1), initial);
    client.submit(report(fin, incidentId, "final", 2), fin);

    Answer update = client.submit(report(late, incidentId, "update", 3), late);
    Answer replayOfFinal = client.submit(report(fin, incidentId, "final", 2), fin);

    assertProblem(update, 409, "/stage-conflict");
    assertThat(replayOfFinal.code()).isEqualTo(200);
    assertThat(hub.reportsFor(incidentId)).extracting(ReceivedReport::stage).containsExactly("initial", "final");
  }

  @Test
  void refusesUpdateBeforeInitialUnlessConfiguredLenient() throws IOException {
    String incidentId = newId();
    String update = newId();

    Answer strict = client.submit(report(update, incidentId, "update", 2), update);
    hub.requireInitialFirst(false);
    Answer lenient = client.submit(report(update, incidentId, "update", 2), update);
    hub.requireInitialFirst(true);

    assertProblem(strict, 409, "/stage-conflict");
    assertThat(lenient.code()).isEqualTo(201);
  }

  @Test
  void refusesNonJsonContentTypeWith415() throws IOException {
    String reportId = newId();
    Answer answer =
        client.post(
            "/v1/reports",
            report(reportId, newId(), "initial", 1),
            reportId,
            MediaType.get("text/plain"),
            Map.of());

    assertProblem(answer, 415, "/unsupported-media-type");
    assertThat(hub.reports()).isEmpty();
  }

  @Test
  void refusesMissingIdempotencyKeyWith400() throws IOException {
    Answer answer = client.submit(report(newId(), newId(), "initial", 1), null);

    assertProblem(answer, 400, "/missing-idempotency-key");
    assertThat(hub.reports()).isEmpty();
  }

  @Test
  void refusesBodyOverOneMebibyteWith413() throws IOException {
    String reportId = newId();
    ObjectNode big = (ObjectNode) HubClient.JSON.readTree(report(reportId, newId(), "initial", 1));
    big.put("summary", "x".repeat(1024 * 1024));

    Answer answer = client.submit(big.toString(), reportId);

    assertProblem(answer, 413, "/payload-too-large");
    assertThat(hub.reports()).isEmpty();
  }

  @Test
  void refusesMalformedJsonWith400() throws IOException {
    String reportId = newId();
    Answer answer = client.submit("{\"schema\": \"cisharing.report/1\",", reportId);

    assertProblem(answer, 400, "/malformed-json");
  }

  @Test
  void listsEveryViolationWithPointersIn422() throws IOException {
    String reportId = newId();
    String body =
        "{\"schema\":\"cisharing.report/2\",\"reportId\":\""
            + newId()
            + "\",\"incidentId\":\"not-a-uuid\",\"stage\":\"draft\",\"revision\":0}";

    Answer answer = client.submit(body, reportId);

    assertProblem(answer, 422, "/validation-failed");
    assertThat(answer.json().path("errors").findValuesAsText("pointer"))
        .containsExactlyInAnyOrder("/schema", "/reportId", "/incidentId", "/stage", "/revision");
    assertThat(answer.json().path("errors").findValuesAsText("detail"))
        .anySatisfy(d -> assertThat(d).contains("unsupported version cisharing.report/2"))
        .anySatisfy(d -> assertThat(d).contains("Idempotency-Key"));
    assertThat(hub.reports()).isEmpty();
  }

  @Test
  void refusesNonObjectDocumentWith422() throws IOException {
    Answer answer = client.submit("[1,2]", newId());

    assertProblem(answer, 422, "/validation-failed");
    assertThat(answer.json().path("errors").get(0).path("pointer").asText()).isEmpty();
  }

  @Test
  void appliesPluggedValidatorAndReportsItsViolations() throws IOException {
    hub.validator(
        body ->
            body.contains("\"impact\"")
                ? List.of()
                : List.of(new ProblemError("/impact", "is required for a telecom operator")));
    try {
      String reportId = newId();
      Answer answer = client.submit(report(reportId, newId(), "initial", 1), reportId);

      assertProblem(answer, 422, "/validation-failed");
      assertThat(answer.json().path("errors").get(0).path("pointer").asText()).isEqualTo("/impact");
    } finally {
      hub.validator(body -> List.of());
    }
  }

  @Test
  void requiresConfiguredBearerToken() throws IOException {
    hub.token("s3cret-token");
    try {
      String reportId = newId();
      String body = report(reportId, newId(), "initial", 1);

      Answer none = client.submit(body, reportId);
      Answer wrong =
          client.post(
              "/v1/reports", body, reportId, HubClient.APPLICATION_JSON,
              Map.of("Authorization", "Bearer guess"));
      Answer right =
          client.post(
              "/v1/reports", body, reportId, HubClient.APPLICATION_JSON,
              Map.of("Authorization", "Bearer s3cret-token"));

      assertProblem(none, 401, "/unauthorized");
      assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
      assertProblem(wrong, 401, "/unauthorized");
      assertThat(wrong.body()).doesNotContain("guess");
      assertThat(right.code()).isEqualTo(201);
      assertThat(hub.reports()).hasSize(1);
      assertThat(hub.requests())
          .extracting(r -> r.header("authorization").orElse("-"))
          .containsExactly("-", "Bearer <redacted>", "Bearer <redacted>");
      assertThat(hub.requests().toString()).doesNotContain("s3cret-token");
    } finally {
      hub.token(null);
    }
  }

  @Test
  void reportsStatusAndAnalystQuestions() throws IOException {
    String reportId = newId();
    String incidentId = newId();
    client.submit(report(reportId, incidentId, "initial", 1), reportId);
    Answer before = client.get("/v1/reports/" + reportId);

    hub.setStatus(reportId, "under-review");
    String questionId = hub.ask(reportId, "制御系ネットワークへの影響はありますか");
    Answer after = client.get("/v1/reports/" + reportId);

    assertThat(before.code()).isEqualTo(200);
    assertThat(before.json().path("status").asText()).isEqualTo("accepted");
    assertThat(before.json().has("questions")).isFalse();
    assertThat(after.json().path("status").asText()).isEqualTo("under-review");
    assertThat(after.json().path("reportId").asText()).isEqualTo(reportId);
    assertThat(after.json().path("incidentId").asText()).isEqualTo(incidentId);
    JsonNode question = after.json().path("questions").get(0);
    assertThat(question.path("id").asText()).isEqualTo(questionId);
    assertThat(question.path("text").asText()).isEqualTo("制御系ネットワークへの影響はありますか");
    assertThat(question.path("askedAt").asText()).isEqualTo("2026-11-26T09:30:00+09:00");
  }

  @Test
  void answers404ForUnknownReportAndPath() throws IOException {
    assertProblem(client.get("/v1/reports/" + newId()), 404, "/not-found");
    assertProblem(client.get("/v2/anything"), 404, "/not-found");
  }

  @Test
  void answersLikeAHubWithoutWireMockArtifacts() throws IOException {
    String reportId = newId();
    Answer answer = client.submit(report(reportId, newId(), "initial", 1), reportId);

    assertThat(answer.header("Content-Length")).isEqualTo(String.valueOf(answer.body().length()));
    assertThat(answer.header("Transfer-Encoding")).isNull();
    assertThat(answer.headers().names()).noneMatch(name -> name.equalsIgnoreCase("Matched-Stub-Id"));
    assertThat(client.get("/__admin/mappings").code()).isEqualTo(401);
  }

  @Test
  void recordsRequestsWithHeadersAsSent() throws IOException {
    String reportId = newId();
    client.post(
        "/v1/reports",
        report(reportId, newId(), "initial", 1),
        reportId,
        HubClient.APPLICATION_JSON,
        Map.of("User-Agent", "cisharing-java/0.1.0 (17.0.12)"));
    client.get("/v1/advisories?limit=5");

    assertThat(hub.requests()).extracting(HubRequest::method, HubRequest::url)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("POST", "/v1/reports"),
            org.assertj.core.groups.Tuple.tuple("GET", "/v1/advisories?limit=5"));
    HubRequest post = hub.requests().get(0);
    assertThat(post.header("user-agent")).hasValue("cisharing-java/0.1.0 (17.0.12)");
    assertThat(post.header("Idempotency-Key")).hasValue(reportId);
  }

  @Test
  void answers405WithAllowForWrongMethod() throws IOException {
    Answer answer = client.get("/v1/reports");

    assertProblem(answer, 405, "/method-not-allowed");
    assertThat(answer.header("Allow")).isEqualTo("POST");
  }

  @Test
  void refusesUnknownStatusInTestApi() {
    assertThatThrownBy(() -> hub.setStatus(newId(), "shared"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never accepted");
  }

  static void assertProblem(Answer answer, int status, String typeSuffix) {
    assertThat(answer.code()).as("status of %s", answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    JsonNode problem = answer.json();
    assertThat(problem.path("type").asText()).endsWith(typeSuffix);
    assertThat(problem.path("title").asText()).isNotBlank();
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("detail").asText()).isNotBlank();
  }
}
