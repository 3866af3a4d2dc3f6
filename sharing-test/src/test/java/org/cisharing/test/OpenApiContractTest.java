package org.cisharing.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cisharing.test.HubClient.newId;
import static org.cisharing.test.HubClient.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cisharing.test.HubClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Keeps docs/api/openapi.yaml and MockSharingHub in agreement: the hub's answers must validate. */
@Timeout(30)
class OpenApiContractTest {
  private static final Path SPEC = Path.of("..", "docs", "api", "openapi.yaml");
  private static final Set<String> SCHEMA_FILES =
      Set.of("report", "receipt", "feedback", "advisory", "observation", "classification");

  private static JsonNode spec;
  private static MockSharingHub hub;
  private static HubClient client;

  @BeforeAll
  static void load() throws IOException {
    spec = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(SPEC));
    hub = new MockSharingHub().schemaValidation(false).start();
    client = new HubClient(hub);
  }

  @AfterAll
  static void stop() {
    client.close();
    hub.close();
  }

  @Test
  void declaresOpenApi31WithEveryEndpoint() {
    assertThat(spec.path("openapi").asText()).startsWith("3.1.");
    JsonNode paths = spec.path("paths");
    assertThat(paths.path("/v1/reports").has("post")).isTrue();
    assertThat(paths.path("/v1/reports/{reportId}").has("get")).isTrue();
    assertThat(paths.path("/v1/advisories").has("get")).isTrue();
    assertThat(paths.path("/v1/advisories/{advisoryId}/feedback").has("post")).isTrue();
    assertThat(paths.path("/v1/reports").path("post").path("responses").fieldNames())
        .toIterable()
        .contains("200", "201", "400", "401", "409", "413", "415", "422", "429", "500", "502",
            "503", "504");
  }

  @Test
  void resolvesEveryReference() {
    List<String> refs = new ArrayList<>();
    collectRefs(spec, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      if (ref.startsWith("#/")) {
        assertThat(spec.at(ref.substring(1)).isMissingNode()).as("unresolved %s", ref).isFalse();
      } else {
        assertThat(ref).as("external reference").matches("\\.\\./schema/[a-z]+\\.schema\\.json");
        String name = ref.substring("../schema/".length(), ref.indexOf(".schema.json"));
        assertThat(SCHEMA_FILES).as("known schema file for %s", ref).contains(name);
      }
    }
  }

  @Test
  void receiptsAndStatusMatchSchemas() throws IOException {
    String reportId = newId();
    String body = report(reportId, newId(), "initial", 1);
    Answer created = client.submit(body, reportId);
    Answer replay = client.submit(body, reportId);
    hub.setStatus(reportId, "shared");
    hub.ask(reportId, "復旧見込みは");
    Answer status = client.get("/v1/reports/" + reportId);

    assertValid("Receipt", created.json());
    assertValid("Receipt", replay.json());
    assertValid("ReportStatus", status.json());
    assertThat(status.json().path("questions")).hasSize(1);
  }

  @Test
  void problemsMatchSchema() throws IOException {
    String reportId = newId();
    String incidentId = newId();
    client.submit(report(reportId, incidentId, "initial", 1), reportId);
    List<Answer> problems = new ArrayList<>();
    problems.add(client.submit(report(reportId, incidentId, "initial", 2), reportId));
    problems.add(client.submit("{\"schema\":1}", newId()));
    problems.add(client.submit("{", newId()));
    problems.add(client.submit("{}", null));
    problems.add(client.get("/v1/reports/" + newId()));
    problems.add(client.get("/v1/advisories?limit=500"));
    hub.on(HubEndpoint.ANY).rateLimitNext(1, 3).serviceUnavailableNextUntil(1, Instant.now());
    problems.add(client.get("/v1/advisories"));
    problems.add(client.get("/v1/advisories"));

    for (Answer problem : problems) {
      assertThat(problem.header("Content-Type")).startsWith("application/problem+json");
      assertValid("Problem", problem.json());
    }
    assertRetryAfterMatches(problems.get(6).header("Retry-After"));
    assertRetryAfterMatches(problems.get(7).header("Retry-After"));
  }

  @Test
  void advisoryPageAndFeedbackMatchSchemas() throws IOException {
    hub.publishAdvisory("{\"schema\":\"cisharing.advisory/1\",\"advisoryId\":\"A-1\",\"revision\":1}");
    Answer page = client.get("/v1/advisories?limit=10");
    String feedback =
        "{\"schema\":\"cisharing.feedback/1\",\"advisoryId\":\"A-1\",\"revision\":1,"
            + "\"status\":\"done\",\"at\":\"2026-11-26T10:00:00+09:00\"}";

    assertValid("AdvisoryPage", page.json());
    assertValid("Feedback", HubClient.JSON.readTree(feedback));
    assertThat(
            client
                .post("/v1/advisories/A-1/feedback", feedback, newId(), HubClient.APPLICATION_JSON, Map.of())
                .code())
        .isEqualTo(202);
  }

  @Test
  void specExamplesMatchTheirSchemas() {
    for (String name : List.of("Receipt", "Feedback")) {
      for (JsonNode example : spec.path("components").path("schemas").path(name).path("examples")) {
        assertValid(name, example);
      }
    }
  }

  private static void assertRetryAfterMatches(String value) {
    assertThat(value).isNotNull();
    JsonNode alternatives =
        spec.at("/components/headers/RetryAfter/schema/oneOf");
    long matching = 0;
    for (JsonNode alternative : alternatives) {
      if (value.matches(alternative.path("pattern").asText())) {
        matching++;
      }
    }
    assertThat(matching).as("Retry-After %s matches exactly one form", value).isEqualTo(1);
  }

  @Test
  void schemaCheckCatchesReceiptWithoutOffsetOrReportId() {
    ObjectNode receipt =
        (ObjectNode) spec.at("/components/schemas/Receipt/examples/0").deepCopy();
    receipt.put("receivedAt", "2026-11-26T09:30:00");
    receipt.remove("reportId");

    assertThat(errors("Receipt", receipt)).hasSize(2);
  }

  private static void assertValid(String component, JsonNode instance) {
    assertThat(errors(component, instance)).as("%s against %s", instance, component).isEmpty();
  }

  private static Set<ValidationMessage> errors(String component, JsonNode instance) {
    ObjectNode root = HubClient.JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$ref", "#/components/schemas/" + component);
    root.set("components", spec.path("components").deepCopy());
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
    return schema.validate(instance);
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
          refs.add(field.getValue().asText());
        } else {
          collectRefs(field.getValue(), refs);
        }
      }
    } else if (node.isArray()) {
      node.forEach(child -> collectRefs(child, refs));
    }
  }

}
