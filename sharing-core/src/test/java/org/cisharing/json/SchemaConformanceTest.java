package org.cisharing.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.cisharing.internal.json.JsonCodec;
import org.cisharing.scope.Classification;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ScopeClassifier;
import org.junit.jupiter.api.Test;

/**
 * Every observation of the labelled corpus, and the classification the default rules give it, as
 * the library writes them, conforms to the published JSON Schemas in docs/schema.
 */
class SchemaConformanceTest {
  private static List<Observation> corpus() throws IOException {
    try (InputStream in = SchemaConformanceTest.class.getResourceAsStream("/org/cisharing/scope/corpus.json")) {
      JsonNode root = JsonCodec.mapper().readTree(in);
      List<Observation> out = new ArrayList<>();
      for (JsonNode c : root.get("cases")) {
        ObjectNode o = ((ObjectNode) c.get("observation").deepCopy()).put("schema", "cisharing.observation/1");
        try {
          out.add(SharingJson.read(o.toString(), Observation.class));
        } catch (RuntimeException malformedOnPurpose) {
          // corpus cases of malformed input are refused by the codec, which is tested elsewhere
        }
      }
      return out;
    }
  }

  @Test
  void everyObservationAndClassificationWrittenConformsToItsSchema() throws IOException {
    List<Observation> observations = corpus();
    assertThat(observations).hasSizeGreaterThan(50);
    ScopeClassifier classifier = ScopeClassifier.defaults();
    for (Observation o : observations) {
      String json = SharingJson.write(o);
      assertThat(Schemas.violations("observation", json)).as(json).isEmpty();
      Classification c = classifier.classify(o);
      String cj = SharingJson.write(c);
      assertThat(Schemas.violations("classification", cj)).as(cj).isEmpty();
      assertThat(SharingJson.read(cj, Classification.class)).isEqualTo(c);
    }
  }

  @Test
  void theClassificationSchemaRefusesACategoryOutOfScope() {
    String json = "{\"schema\":\"cisharing.classification/1\",\"inScope\":false,\"category\":\"precursor\",\"urgency\":\"routine\"}";
    assertThat(Schemas.violations("classification", json)).isNotEmpty();
  }
}
