package org.cisharing.scope;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.cisharing.internal.json.JsonCodec;
import org.cisharing.json.SharingJson;
import org.cisharing.model.Sector;
import org.cisharing.report.Aspect;
import org.cisharing.report.Cause;
import org.cisharing.report.EventClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the labelled corpus (src/test/resources/org/cisharing/scope/corpus.json): each observation is
 * read from JSON exactly as a webhook would send it and classified with the default rules.
 */
class ScopeCorpusTest {
  private static final ScopeClassifier CLASSIFIER = ScopeClassifier.defaults();

  static Stream<CorpusCase> corpus() throws IOException {
    try (InputStream in = ScopeCorpusTest.class.getResourceAsStream("corpus.json")) {
      JsonNode root = JsonCodec.mapper().readTree(in);
      List<CorpusCase> cases = new ArrayList<>();
      for (JsonNode c : root.get("cases")) {
        cases.add(new CorpusCase(c.get("name").asText(), c.get("observation"), c.get("expected")));
      }
      return cases.stream();
    }
  }

  record CorpusCase(String name, JsonNode observation, JsonNode expected) {
    Observation read() {
      ObjectNode doc = JsonCodec.mapper().createObjectNode();
      doc.put("schema", "cisharing.observation/1");
      doc.setAll((ObjectNode) observation.deepCopy());
      return SharingJson.read(doc.toString(), Observation.class);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void classifiesAsLabelled(CorpusCase c) {
    Classification got = CLASSIFIER.classify(c.read());
    JsonNode e = c.expected();
    String why = c.name() + " -> " + SharingJson.write(got);

    assertThat(got.inScope()).as(why).isEqualTo(e.get("inScope").asBoolean());
    assertThat(got.category() == null ? null : got.category().code())
        .as(why)
        .isEqualTo(e.has("category") ? e.get("category").asText() : null);
    assertThat(got.urgency().code()).as(why).isEqualTo(e.get("urgency").asText());
    assertThat(causes(got)).as(why).containsExactlyInAnyOrderElementsOf(texts(e.get("causes")));
    assertThat(got.eventClasses().stream().map(EventClass::code).toList())
        .as(why)
        .containsExactlyInAnyOrderElementsOf(texts(e.get("eventClasses")));
    assertThat(got.regulatoryFlags().stream().map(RegulatoryFlag::id).toList())
        .as(why)
        .containsExactlyInAnyOrderElementsOf(texts(e.get("regulatoryFlags")));
    if (e.has("aspects")) {
      assertThat(got.aspects().stream().map(Aspect::code).toList())
          .as(why)
          .containsExactlyInAnyOrderElementsOf(texts(e.get("aspects")));
    }
    if (e.has("fires")) {
      assertThat(got.rationale().stream().map(Rationale::rule).toList())
          .as(why)
          .containsAll(texts(e.get("fires")));
    }
    assertThat(got.rationale()).as(why).isNotEmpty();
    assertThat(got.rationale()).allSatisfy(r -> {
      assertThat(r.ja()).isNotBlank();
      assertThat(r.en()).isNotBlank();
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void classificationSurvivesTheWire(CorpusCase c) {
    Classification got = CLASSIFIER.classify(c.read());
    Classification back = SharingJson.read(SharingJson.write(got), Classification.class);
    assertThat(back).isEqualTo(got);
  }

  @Test
  void corpusIsLargeAndExercisesEveryDefaultRule() throws IOException {
    List<CorpusCase> cases = corpus().toList();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
    Set<String> fired = new LinkedHashSet<>();
    for (CorpusCase c : cases) {
      for (Rationale r : CLASSIFIER.classify(c.read()).rationale()) {
        fired.add(r.rule());
      }
    }
    assertThat(fired).containsAll(ScopeRules.defaults().ruleIds());
    assertThat(fired).contains("input.unknown-signal", "input.unknown-sector", "input.confirmed-cause");
  }

  @Test
  void corpusCoversItIcsAndIotAndEverySector() throws IOException {
    Set<String> kinds = new LinkedHashSet<>();
    Set<String> sectors = new LinkedHashSet<>();
    for (CorpusCase c : corpus().toList()) {
      Observation o = c.read();
      if (o.systemKind() != null) {
        kinds.add(o.systemKind().code());
      }
      if (o.sector() != null) {
        sectors.add(o.sector().code());
      }
    }
    assertThat(kinds).containsExactlyInAnyOrder("it", "ics", "iot");
    assertThat(sectors)
        .containsAll(Sector.known().stream().map(s -> s.code()).toList());
  }

  private static List<String> causes(Classification c) {
    List<String> out = new ArrayList<>();
    for (Cause cause : c.causes()) {
      out.add(cause.group().code() + "/" + cause.item().code() + "/" + cause.certainty().code());
    }
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }
}
