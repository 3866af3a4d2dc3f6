package org.cisharing.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cisharing.test.HubClient.newId;
import static org.cisharing.test.HubClient.report;
import static org.cisharing.test.MockSharingHubReportsTest.assertProblem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import org.cisharing.test.HubClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class SchemaCheckTest {
  private static final String TEST_SCHEMA = "/org/cisharing/test/schema/test-report.schema.json";

  @Test
  void isAbsentWhenResourceIsMissing() {
    assertThat(SchemaCheck.load("/org/cisharing/test/schema/missing.schema.json")).isEmpty();
  }

  @Test
  void refusesReportViolatingSchemaWithJsonPointersAndResolvesRelativeRefsOnClasspath()
      throws IOException {
    Optional<SchemaCheck> check = SchemaCheck.load(TEST_SCHEMA);
    try (MockSharingHub hub = new MockSharingHub(check).start();
        HubClient client = new HubClient(hub)) {
      String missing = newId();
      String badNested = newId();
      String good = newId();
      String incidentId = newId();
      ObjectNode nested = (ObjectNode) HubClient.JSON.readTree(report(badNested, incidentId, "initial", 1));
      nested.putObject("impact").put("level", "catastrophic").put("customersAffected", -3);
      ObjectNode valid = (ObjectNode) HubClient.JSON.readTree(report(good, incidentId, "initial", 1));
      valid.putObject("impact").put("level", "degraded").put("customersAffected", 30000);

      Answer withoutImpact = client.submit(report(missing, incidentId, "initial", 1), missing);
      Answer withBadImpact = client.submit(nested.toString(), badNested);
      Answer accepted = client.submit(valid.toString(), good);

      assertProblem(withoutImpact, 422, "/validation-failed");
      assertThat(withoutImpact.json().path("errors").findValuesAsText("detail"))
          .anySatisfy(d -> assertThat(d).contains("impact"));
      assertProblem(withBadImpact, 422, "/validation-failed");
      assertThat(withBadImpact.json().path("errors").findValuesAsText("pointer"))
          .containsExactlyInAnyOrder("/impact/level", "/impact/customersAffected");
      assertThat(accepted.code()).isEqualTo(201);
      assertThat(hub.hasReportSchema()).isTrue();
    }
  }

  @Test
  void skipsSchemaWhenSchemaValidationIsOff() throws IOException {
    try (MockSharingHub hub =
            new MockSharingHub(SchemaCheck.load(TEST_SCHEMA)).schemaValidation(false).start();
        HubClient client = new HubClient(hub)) {
      String reportId = newId();

      Answer answer = client.submit(report(reportId, newId(), "initial", 1), reportId);

      assertThat(answer.code()).isEqualTo(201);
    }
  }
}
