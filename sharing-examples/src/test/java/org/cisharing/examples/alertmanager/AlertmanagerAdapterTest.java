package org.cisharing.examples.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import org.cisharing.json.DocumentFormatException;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.scope.Category;
import org.cisharing.scope.Classification;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ScopeClassifier;
import org.junit.jupiter.api.Test;

class AlertmanagerAdapterTest {
  private final AlertmanagerAdapter adapter = AlertmanagerAdapter.of(Sector.WATER, SystemKind.IT);
  private final ScopeClassifier classifier = ScopeClassifier.defaults();

  private static String payload(String name) {
    try (InputStream in = AlertmanagerAdapterTest.class.getResourceAsStream("/alertmanager/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void turnsEachFiringAlertIntoAnObservationAndSkipsTheResolvedOne() {
    List<Observation> observations = adapter.observations(payload("firing.json"));

    assertThat(observations).hasSize(3);
    assertThat(observations).extracting(o -> o.attributes().get("alertname"))
        .containsExactly("InstanceDown", "KubeAPIErrorBudgetBurn", "UnauthorizedPlcWrite");
  }

  @Test
  void mapsAKnownAlertThroughTheTableWithItsImpactLabels() {
    Observation down = adapter.observations(payload("firing.json")).get(0);

    assertThat(down.signals()).containsExactly("service-down");
    assertThat(down.sector()).isSameAs(Sector.WATER);
    assertThat(down.systemKind()).isSameAs(SystemKind.IT);
    assertThat(down.system().name()).isEqualTo("web-01.sakura-water.internal");
    assertThat(down.serviceImpact()).isSameAs(ImpactLevel.DISRUPTED);
    assertThat(down.usersAffected()).isEqualTo(41_000L);
    assertThat(down.observedAt()).isEqualTo(OffsetDateTime.parse("2026-11-26T08:20:14.512+09:00"));
    assertThat(down.source()).isEqualTo("alertmanager/cisharing");
    assertThat(down.attributes())
        .containsEntry("severity", "critical")
        .containsEntry("job", "blackbox-https")
        .containsEntry("fingerprint", "b7e2f7c0a4c3d1e9")
        .containsEntry("summary", "web-01 is not answering HTTPS probes");
    Classification c = classifier.classify(down);
    assertThat(c.category()).isSameAs(Category.SERVICE_OUTAGE);
  }

  @Test
  void readsAnIcsAlertWithItsSystemLabels() {
    Observation plc = adapter.observations(payload("firing.json")).get(2);

    assertThat(plc.signals()).containsExactly("unauthorized-command");
    assertThat(plc.systemKind()).isSameAs(SystemKind.ICS);
    assertThat(plc.system().name()).isEqualTo("plc-fx5 取水ポンプPLC");
    Classification c = classifier.classify(plc);
    assertThat(c.inScope()).isTrue();
    assertThat(c.fired("ics.attack")).isTrue();
  }

  @Test
  void anUnknownAlertNameBecomesAKebabCaseSignalThatTheClassifierKeepsAsUnknown() {
    Observation o = adapter.observations(payload("firing.json")).get(1);

    assertThat(o.signals()).containsExactly("kube-api-error-budget-burn");
    assertThat(o.system().name()).isEqualTo("10.0.3.14");
    assertThat(o.serviceImpact()).isNull();
    Classification c = classifier.classify(o);
    assertThat(c.fired("input.unknown-signal")).isTrue();
  }

  @Test
  void aResolvedNotificationGivesNothing() {
    assertThat(adapter.observations(payload("resolved.json"))).isEmpty();
  }

  @Test
  void theAlwaysFiringWatchdogIsATestAlertOutOfScope() {
    List<Observation> observations = adapter.observations(payload("watchdog.json"));

    assertThat(observations).singleElement().satisfies(o -> {
      assertThat(o.signals()).containsExactly("test-alert");
      assertThat(classifier.classify(o).inScope()).isFalse();
    });
  }

  @Test
  void aSignalLabelOverridesTheTableAndAnOperatorMappingReplacesADefault() {
    String json = """
        {"version":"4","status":"firing","receiver":"r","alerts":[
          {"status":"firing","labels":{"alertname":"ChlorineDoseHigh","instance":"ics-gw-01:9400","signal":"process-value-out-of-range, sensor-anomaly"},
           "startsAt":"2026-11-26T08:35:00+09:00"},
          {"status":"firing","labels":{"alertname":"HighLatency","instance":"web-01:443"},"startsAt":"2026-11-26T08:00:00+09:00"}]}
        """;

    List<Observation> observations = adapter.map("highlatency", "ddos-traffic").observations(json);

    assertThat(observations.get(0).signals()).containsExactly("process-value-out-of-range", "sensor-anomaly");
    assertThat(observations.get(1).signals()).containsExactly("ddos-traffic");
    assertThat(adapter.observations(json).get(1).signals()).containsExactly("latency-high");
  }

  @Test
  void listsEveryProblemOfABrokenPayloadWithItsPointer() {
    String json = """
        {"version":"4","status":"firing","alerts":[
          {"status":"firing","labels":{"instance":"a:1"},"startsAt":"2026-11-26T08:00:00+09:00"},
          {"status":"firing","labels":{"alertname":"InstanceDown","impact":"catastrophic","users_affected":"many"},"startsAt":"yesterday"},
          {"status":"firing","labels":{"alertname":"X","signal":"two words"}}]}
        """;

    assertThatThrownBy(() -> adapter.observations(json))
        .isInstanceOf(DocumentFormatException.class)
        .hasMessageContaining("/alerts/0/labels/alertname")
        .hasMessageContaining("/alerts/1/startsAt")
        .hasMessageContaining("/alerts/1/labels/impact")
        .hasMessageContaining("/alerts/1/labels/users_affected")
        .hasMessageContaining("/alerts/2");
    assertThatThrownBy(() -> adapter.observations("{\"version\":\"4\"}"))
        .isInstanceOf(DocumentFormatException.class).hasMessageContaining("/alerts");
    assertThatThrownBy(() -> adapter.observations("<html>"))
        .isInstanceOf(DocumentFormatException.class).hasMessageContaining("not JSON");
  }

  @Test
  void kebabCasesAlertNames() {
    assertThat(AlertmanagerAdapter.kebab("KubeAPIErrorBudgetBurn")).isEqualTo("kube-api-error-budget-burn");
    assertThat(AlertmanagerAdapter.kebab("node_cpu_high")).isEqualTo("node-cpu-high");
    assertThat(AlertmanagerAdapter.kebab("HTTP5xxRate")).isEqualTo("http5xx-rate");
    assertThat(AlertmanagerAdapter.kebab("PLCModeChanged")).isEqualTo("plc-mode-changed");
    assertThat(AlertmanagerAdapter.kebab("__")).isEqualTo("unnamed-alert");
    assertThat(AlertmanagerAdapter.kebab("A".repeat(100))).hasSize(64);
  }
}
