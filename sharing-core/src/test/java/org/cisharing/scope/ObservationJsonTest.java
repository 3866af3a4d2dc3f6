package org.cisharing.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.cisharing.ValidationException;
import org.cisharing.Violation;
import org.cisharing.json.DocumentFormatException;
import org.cisharing.json.SharingJson;
import org.cisharing.json.UnsupportedSchemaException;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.report.CauseItem;
import org.junit.jupiter.api.Test;

class ObservationJsonTest {
  private static final String FULL =
      """
      {"schema":"cisharing.observation/1",
       "observedAt":"2026-11-26T09:30:00+09:00",
       "source":"zabbix@dc1",
       "sector":"WATER",
       "system":{"kind":"ics","name":"浄水場SCADA","vendor":"Mitsubishi Electric","product":"MELSEC iQ-R","version":"1.040"},
       "signals":["unauthorized-command","sensor-anomaly"],
       "confirmedCauses":["unauthorized-access"],
       "serviceImpact":"degraded",
       "usersAffected":12000,
       "impactDuration":"PT90M",
       "upstreamSector":"ELECTRICITY",
       "attributes":{"station":"10.0.8.77"}}
      """;

  @Test
  void readsEveryFieldOfAnObservation() {
    Observation o = SharingJson.read(FULL, Observation.class);
    assertThat(o.observedAt()).isEqualTo(OffsetDateTime.parse("2026-11-26T09:30:00+09:00"));
    assertThat(o.source()).isEqualTo("zabbix@dc1");
    assertThat(o.sector()).isSameAs(Sector.WATER);
    assertThat(o.system())
        .isEqualTo(new ObservedSystem(SystemKind.ICS, "浄水場SCADA", "Mitsubishi Electric", "MELSEC iQ-R", "1.040"));
    assertThat(o.signals()).containsExactly("unauthorized-command", "sensor-anomaly");
    assertThat(o.confirmedCauses()).containsExactly(CauseItem.UNAUTHORIZED_ACCESS);
    assertThat(o.serviceImpact()).isSameAs(ImpactLevel.DEGRADED);
    assertThat(o.usersAffected()).isEqualTo(12000L);
    assertThat(o.impactDuration()).isEqualTo(Duration.ofMinutes(90));
    assertThat(o.upstreamSector()).isSameAs(Sector.ELECTRICITY);
    assertThat(o.attributes()).containsEntry("station", "10.0.8.77");
  }

  @Test
  void writesAndReadsBackTheSameObservation() {
    Observation o = SharingJson.read(FULL, Observation.class);
    String json = SharingJson.write(o);
    assertThat(json)
        .startsWith("{\"schema\":\"cisharing.observation/1\"")
        .contains("\"serviceImpact\":\"degraded\"", "\"kind\":\"ics\"", "\"impactDuration\":\"PT1H30M\"");
    assertThat(SharingJson.read(json, Observation.class)).isEqualTo(o);
  }

  @Test
  void writesNothingForAbsentFields() {
    Observation o = Observation.builder().signals("port-scan").build();
    assertThat(SharingJson.write(o))
        .isEqualTo("{\"schema\":\"cisharing.observation/1\",\"signals\":[\"port-scan\"]}");
  }

  @Test
  void ignoresUnknownFields() {
    Observation o =
        SharingJson.read(
            "{\"schema\":\"cisharing.observation/1\",\"signals\":[\"port-scan\"],\"severity\":9,"
                + "\"system\":{\"kind\":\"it\",\"rack\":\"B3\"}}",
            Observation.class);
    assertThat(o.signals()).containsExactly("port-scan");
    assertThat(o.systemKind()).isSameAs(SystemKind.IT);
  }

  @Test
  void acceptsAMinorVersionAndAnEmptyObservation() {
    Observation o = SharingJson.read("{\"schema\":\"cisharing.observation/1.3\"}", Observation.class);
    assertThat(o.signals()).isEmpty();
    assertThat(o.attributes()).isEmpty();
    assertThat(ScopeClassifier.defaults().classify(o).inScope()).isFalse();
  }

  @Test
  void refusesANullOrNonObjectDocument() {
    assertThatThrownBy(() -> SharingJson.read("null", Observation.class))
        .isInstanceOf(DocumentFormatException.class)
        .hasMessageContaining("empty document");
    assertThatThrownBy(() -> SharingJson.read("[\"port-scan\"]", Observation.class))
        .isInstanceOf(DocumentFormatException.class)
        .hasMessageContaining("expected a JSON object");
  }

  @Test
  void refusesAnotherDocumentKind() {
    assertThatThrownBy(
            () -> SharingJson.read("{\"schema\":\"cisharing.classification/1\"}", Observation.class))
        .isInstanceOf(UnsupportedSchemaException.class)
        .hasMessageContaining("cisharing.observation/1");
  }

  @Test
  void refusesAnUnknownImpactNamingTheField() {
    assertThatThrownBy(() -> read("\"serviceImpact\":\"broken\""))
        .isInstanceOf(DocumentFormatException.class)
        .satisfies(e -> assertThat(pointers(e)).containsExactly("/serviceImpact"))
        .hasMessageContaining("broken")
        .hasMessageContaining("degraded");
  }

  @Test
  void refusesAnUnknownSystemKindNamingTheField() {
    assertThatThrownBy(() -> read("\"system\":{\"kind\":\"scada\"}"))
        .isInstanceOf(DocumentFormatException.class)
        .satisfies(e -> assertThat(pointers(e)).containsExactly("/system/kind"))
        .hasMessageContaining("scada");
  }

  @Test
  void refusesANegativeUserCount() {
    assertThatThrownBy(() -> read("\"usersAffected\":-5"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(pointers(e)).containsExactly("/usersAffected"))
        .hasMessageContaining("negative");
  }

  @Test
  void refusesADurationThatDoesNotParse() {
    assertThatThrownBy(() -> read("\"impactDuration\":\"1 hour\""))
        .isInstanceOf(DocumentFormatException.class)
        .satisfies(e -> assertThat(pointers(e)).containsExactly("/impactDuration"))
        .hasMessageContaining("ISO 8601");
  }

  @Test
  void refusesAMalformedSectorCodeButKeepsAnUnknownOne() {
    assertThatThrownBy(() -> read("\"sector\":\"water works\""))
        .isInstanceOf(DocumentFormatException.class)
        .satisfies(e -> assertThat(pointers(e)).containsExactly("/sector"));
    Observation o = read("\"sector\":\"MINING\"");
    assertThat(o.sector().isKnown()).isFalse();
    assertThat(o.sector().code()).isEqualTo("MINING");
  }

  @Test
  void refusesBlankOrNullSignalsListingEveryOne() {
    assertThatThrownBy(() -> read("\"signals\":[\"port-scan\",\"\",null,\"ddos traffic\"]"))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(pointers(e)).containsExactly("/signals/1", "/signals/2", "/signals/3"));
  }

  @Test
  void refusesAnInvalidConfirmedCause() {
    assertThatThrownBy(() -> read("\"confirmedCauses\":[\"Not A Code\"]"))
        .isInstanceOf(DocumentFormatException.class)
        .satisfies(e -> assertThat(pointers(e)).containsExactly("/confirmedCauses/0"));
  }

  @Test
  void refusesAUserCountOfTheWrongType() {
    assertThatThrownBy(() -> read("\"usersAffected\":\"many\""))
        .isInstanceOf(DocumentFormatException.class)
        .satisfies(e -> assertThat(pointers(e)).containsExactly("/usersAffected"));
  }

  @Test
  void builderCollectsEveryViolation() {
    assertThatThrownBy(
            () -> Observation.builder()
                .signals(" ")
                .usersAffected(-1)
                .impactDuration(Duration.ofMinutes(-3))
                .build())
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e -> assertThat(pointers(e)).containsExactly("/signals/0", "/usersAffected", "/impactDuration"));
  }

  @Test
  void writesAClassificationWithWireCodesAndReadsItBack() {
    Classification c =
        ScopeClassifier.defaults()
            .classify(
                Observation.builder()
                    .sector(Sector.INFO_COMM)
                    .signals("hardware-failure")
                    .serviceImpact(ImpactLevel.DISRUPTED)
                    .usersAffected(40_000)
                    .impactDuration(Duration.ofHours(3))
                    .build());
    String json = SharingJson.write(c);
    assertThat(json)
        .startsWith("{\"schema\":\"cisharing.classification/1\",\"inScope\":true")
        .contains(
            "\"category\":\"service-outage\"",
            "\"causes\":[{\"group\":\"accidental\",\"item\":\"equipment-failure\",\"certainty\":\"suspected\"}]",
            "\"urgency\":\"immediate\"",
            "\"regulatoryFlags\":[{\"id\":\"telecom-serious-accident\"",
            "\"within\":\"PT720H\"",
            "\"rule\":\"impact.disrupted\"");
    assertThat(SharingJson.read(json, Classification.class)).isEqualTo(c);
  }

  @Test
  void writesAnOutOfScopeClassificationWithoutCategory() {
    Classification c = ScopeClassifier.defaults().classify(Observation.builder().signals("test-alert").build());
    String json = SharingJson.write(c);
    assertThat(json).contains("\"inScope\":false", "\"urgency\":\"routine\"").doesNotContain("category");
    assertThat(SharingJson.read(json, Classification.class)).isEqualTo(c);
  }

  @Test
  void refusesAClassificationWhoseCategoryContradictsItsScope() {
    assertThatThrownBy(
            () -> SharingJson.read(
                "{\"schema\":\"cisharing.classification/1\",\"inScope\":true,\"urgency\":\"routine\"}",
                Classification.class))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(pointers(e)).containsExactly("/category"));
    assertThatThrownBy(
            () -> SharingJson.read(
                "{\"schema\":\"cisharing.classification/1\",\"inScope\":false,\"urgency\":\"soon\"}",
                Classification.class))
        .isInstanceOf(DocumentFormatException.class)
        .satisfies(e -> assertThat(pointers(e)).containsExactly("/urgency"));
  }

  @Test
  void readsAClassificationIgnoringUnknownFields() {
    Classification c =
        SharingJson.read(
            "{\"schema\":\"cisharing.classification/1\",\"inScope\":true,\"category\":\"precursor\","
                + "\"urgency\":\"routine\",\"score\":0.7,"
                + "\"causes\":[{\"group\":\"other\",\"item\":\"unknown\",\"certainty\":\"suspected\",\"x\":1}]}",
            Classification.class);
    assertThat(c.category()).isSameAs(Category.PRECURSOR);
    assertThat(c.causes()).hasSize(1);
  }

  private static Observation read(String fields) {
    return SharingJson.read("{\"schema\":\"cisharing.observation/1\"," + fields + "}", Observation.class);
  }

  private static List<String> pointers(Throwable e) {
    return ((ValidationException) e).violations().stream().map(Violation::pointer).toList();
  }
}
