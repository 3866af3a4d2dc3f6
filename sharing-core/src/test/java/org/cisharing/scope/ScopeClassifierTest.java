package org.cisharing.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.report.CauseItem;
import org.junit.jupiter.api.Test;

class ScopeClassifierTest {
  private final ScopeClassifier classifier = ScopeClassifier.defaults();

  @Test
  void classifiesTheJavadocExample() {
    Classification c =
        classifier.classify(
            Observation.builder()
                .sector(Sector.MEDICAL)
                .system(SystemKind.IT)
                .signals("ransomware", "contractor-error")
                .serviceImpact(ImpactLevel.DISRUPTED)
                .build());
    assertThat(c.inScope()).isTrue();
    assertThat(c.category()).isSameAs(Category.SERVICE_OUTAGE);
    assertThat(c.urgency()).isSameAs(Urgency.IMMEDIATE);
    assertThat(c.causes()).extracting(x -> x.item()).containsExactly(CauseItem.MALWARE, CauseItem.CONTRACTOR_ERROR);
  }

  @Test
  void refusesANullObservation() {
    assertThatThrownBy(() -> classifier.classify(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("observation");
  }

  @Test
  void returnsTheSameInstanceForTheSameDecision() {
    Observation a = Observation.builder().sector(Sector.FINANCE).signals("port-scan").build();
    Observation b = Observation.builder().sector(Sector.GAS).signals("port-scan").source("ids").build();
    assertThat(classifier.classify(a)).isSameAs(classifier.classify(a)).isSameAs(classifier.classify(b));
  }

  @Test
  void namesUnknownSignalsAndSectorsInTheRationale() {
    Classification c =
        classifier.classify(
            Observation.builder().sector(Sector.of("MINING")).signals("plc-firmware-changed").build());
    assertThat(c.rationale().get(0).rule()).isEqualTo("input.unknown-signal");
    assertThat(c.rationale().get(0).en()).contains("plc-firmware-changed");
    assertThat(c.rationale().get(0).ja()).contains("plc-firmware-changed");
    assertThat(c.rationale().get(1).ja()).contains("MINING");
    assertThat(c.inScope()).isTrue();
  }

  @Test
  void neverThrowsAndStaysConsistentForAnyMixOfSignals() {
    List<String> vocabulary = new ArrayList<>(ScopeRules.defaults().signalCodes());
    vocabulary.add("vendor-specific-alarm");
    SystemKind[] kinds = {null, SystemKind.IT, SystemKind.ICS, SystemKind.IOT};
    ImpactLevel[] impacts = {null, ImpactLevel.NONE, ImpactLevel.DEGRADED, ImpactLevel.DISRUPTED};
    Random random = new Random(42);
    for (int i = 0; i < 5_000; i++) {
      Observation.Builder b = Observation.builder();
      int n = random.nextInt(5);
      for (int j = 0; j < n; j++) {
        b.signals(vocabulary.get(random.nextInt(vocabulary.size())));
      }
      b.system(kinds[random.nextInt(kinds.length)]).serviceImpact(impacts[random.nextInt(impacts.length)]);
      List<Sector> sectors = Sector.known();
      b.sector(sectors.get(random.nextInt(sectors.size())));
      if (random.nextBoolean()) {
        b.usersAffected(random.nextInt(100_000)).impactDuration(Duration.ofMinutes(random.nextInt(180)));
      }
      Observation o = b.build();
      Classification c = classifier.classify(o);

      assertThat(c.inScope()).as("%s", o).isEqualTo(c.category() != null);
      assertThat(c.rationale()).as("%s", o).isNotEmpty();
      boolean onlySuppressors =
          o.signals().stream().allMatch(s -> s.equals("planned-maintenance") || s.equals("test-alert") || s.equals("false-positive"));
      assertThat(c.inScope()).as("%s", o).isEqualTo(!onlySuppressors || o.impact() != ImpactLevel.NONE);
      if (o.impact() != ImpactLevel.NONE) {
        assertThat(c.category()).as("%s", o).isSameAs(Category.SERVICE_OUTAGE);
      }
      if (c.inScope()) {
        assertThat(c.causes()).as("every shared event has a cause, if only 'unknown': %s", o).isNotEmpty();
        assertThat(c.causes()).allSatisfy(x -> assertThat(x.certainty().code()).isEqualTo("suspected"));
      }
    }
  }

  @Test
  void givesTheSameAnswersFromManyThreads() throws Exception {
    List<Observation> observations = new ArrayList<>();
    for (String code : ScopeRules.defaults().signalCodes()) {
      observations.add(Observation.builder().signals(code).build());
      observations.add(Observation.builder().signals(code, "service-down").system(SystemKind.ICS).build());
      observations.add(Observation.builder().signals(code).serviceImpact(ImpactLevel.DEGRADED).build());
    }
    // A fresh classifier, so that the threads race to fill its cache.
    ScopeClassifier fresh = ScopeClassifier.of(ScopeRules.defaults().with("{\"schema\":\"cisharing.scope-rules/1\"}", "empty"));
    List<Classification> expected = observations.stream().map(classifier::classify).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Classification>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          List<Classification> out = new ArrayList<>();
          for (int round = 0; round < 50; round++) {
            out.clear();
            for (Observation o : observations) {
              out.add(fresh.classify(o));
            }
          }
          return out;
        }));
      }
      for (Future<List<Classification>> f : futures) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void documentsEveryDefaultSignalAndRule() throws IOException {
    String format = read("docs/format/observation.md");
    for (String code : ScopeRules.defaults().signalCodes()) {
      assertThat(format).as("docs/format/observation.md lists %s", code).contains("`" + code + "`");
    }
    for (String handbook : List.of("docs/handbook/en/scope.md", "docs/handbook/ja/scope.md")) {
      String text = read(handbook);
      for (String id : ScopeRules.defaults().ruleIds()) {
        assertThat(text).as("%s names rule %s", handbook, id).contains("`" + id + "`");
      }
    }
  }

  private static String read(String relative) throws IOException {
    Path p = Path.of("..").resolve(relative);
    if (!Files.exists(p)) {
      p = Path.of(relative);
    }
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
