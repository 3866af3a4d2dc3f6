package org.cisharing.scope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.cisharing.internal.json.JsonCodec;
import org.cisharing.json.SharingJson;
import org.junit.jupiter.api.Test;

/** The JSON Schemas in docs/format agree with what the library reads and writes. */
class ScopeSchemaTest {
  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  @Test
  void everyCorpusObservationAndItsClassificationMatchTheSchemas() throws IOException {
    JsonSchema observation = schema("observation.schema.json");
    JsonSchema classification = schema("classification.schema.json");
    for (ScopeCorpusTest.CorpusCase c : ScopeCorpusTest.corpus().toList()) {
      ObjectNode doc = JsonCodec.mapper().createObjectNode();
      doc.put("schema", "cisharing.observation/1");
      doc.setAll((ObjectNode) c.observation().deepCopy());
      assertThat(observation.validate(doc)).as(c.name()).isEmpty();
      Observation o = c.read();
      assertThat(observation.validate(tree(SharingJson.write(o)))).as(c.name()).isEmpty();
      String written = SharingJson.write(ScopeClassifier.defaults().classify(o));
      assertThat(classification.validate(tree(written))).as(c.name() + " " + written).isEmpty();
    }
  }

  @Test
  void theSchemaRefusesWhatTheLibraryRefuses() throws IOException {
    JsonSchema observation = schema("observation.schema.json");
    for (String bad :
        new String[] {
          "{\"schema\":\"cisharing.observation/1\",\"usersAffected\":-1}",
          "{\"schema\":\"cisharing.observation/1\",\"impactDuration\":\"1 hour\"}",
          "{\"schema\":\"cisharing.observation/1\",\"impactDuration\":\"-PT1H\"}",
          "{\"schema\":\"cisharing.observation/1\",\"serviceImpact\":\"broken\"}",
          "{\"schema\":\"cisharing.observation/1\",\"system\":{\"kind\":\"scada\"}}",
          "{\"schema\":\"cisharing.observation/1\",\"sector\":\"water works\"}",
          "{\"schema\":\"cisharing.observation/1\",\"signals\":[\"ddos traffic\"]}",
          "{\"schema\":\"cisharing.observation/1\",\"signals\":[\"\"]}",
          "{\"schema\":\"cisharing.classification/1\"}",
        }) {
      Set<ValidationMessage> errors = observation.validate(tree(bad));
      assertThat(errors).as(bad).isNotEmpty();
    }
    assertThat(observation.validate(tree("{\"schema\":\"cisharing.observation/1\",\"impactDuration\":\"P2DT3H\"}")))
        .isEmpty();
  }

  @Test
  void theDocumentedExamplesMatchTheSchemas() throws IOException {
    String doc = Files.readString(docs("observation.md"), StandardCharsets.UTF_8);
    int first = doc.indexOf("```json") + "```json".length();
    String observationExample = doc.substring(first, doc.indexOf("```", first));
    assertThat(schema("observation.schema.json").validate(tree(observationExample))).isEmpty();
    assertThat(SharingJson.read(observationExample, Observation.class).signals())
        .containsExactly("unauthorized-command", "sensor-anomaly");
  }

  private static JsonSchema schema(String name) throws IOException {
    return FACTORY.getSchema(tree(Files.readString(docs(name), StandardCharsets.UTF_8)));
  }

  private static Path docs(String name) {
    String dir = name.endsWith(".schema.json") ? "schema" : "format";
    Path p = Path.of("../docs", dir).resolve(name);
    return Files.exists(p) ? p : Path.of("docs", dir).resolve(name);
  }

  private static JsonNode tree(String json) throws IOException {
    return JsonCodec.mapper().readTree(json);
  }
}
