package org.cisharing.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.cisharing.Violation;
import org.cisharing.model.Contact;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Organization;
import org.cisharing.model.Sector;
import org.cisharing.model.Tlp;
import org.junit.jupiter.api.Test;

class ReportValidationTest {
  private static final OffsetDateTime NINE = OffsetDateTime.parse("2026-11-26T09:00:00+09:00");

  private static IncidentReport.Builder minimal() {
    return IncidentReport.builder()
        .incidentId(UUID.randomUUID())
        .stage(ReportStage.INITIAL)
        .reporter(Reporter.of(Organization.of("さくら水道企業団", "WAT-0001", Sector.WATER),
            new Contact("当番", "soc@sakura-water.example.jp", null, true)))
        .title("配水監視SCADAの停止")
        .summary("配水監視SCADAが応答しない。")
        .eventClasses(EventClass.AVAILABILITY)
        .handling(Handling.of(Tlp.AMBER));
  }

  private static List<Violation> violations(IncidentReport.Builder b) {
    ReportValidationException e = catchThrowableOfType(ReportValidationException.class, b::build);
    assertThat(e).as("expected the report to be refused").isNotNull();
    return e.violations();
  }

  private static List<String> pointers(IncidentReport.Builder b) {
    return violations(b).stream().map(Violation::pointer).toList();
  }

  @Test
  void buildsAMinimalInitialReportGeneratingIdsAndRevision() {
    IncidentReport r = minimal().build();
    assertThat(r.reportId()).isNotNull();
    assertThat(r.revision()).isEqualTo(1);
    assertThat(r.reportedAt()).isNotNull();
    assertThat(minimal().build().reportId()).isNotEqualTo(r.reportId());
  }

  @Test
  void listsEveryViolationOfAnEmptyReportAtOnce() {
    assertThat(pointers(IncidentReport.builder()))
        .contains("/incidentId", "/stage", "/revision", "/reporter", "/title", "/summary", "/eventClasses", "/handling");
  }

  @Test
  void finalReportNeedsCausesResponseStatusAndRecurrencePrevention() {
    assertThat(pointers(minimal().stage(ReportStage.FINAL).revision(3)))
        .containsExactlyInAnyOrder("/causes", "/response");
    assertThat(pointers(minimal().stage(ReportStage.FINAL).revision(3)
            .addCause(Cause.confirmed(CauseItem.EQUIPMENT_FAILURE))
            .response(new Response(null, List.of("交換"), List.of()))))
        .containsExactlyInAnyOrder("/response/status", "/response/recurrencePrevention");
    assertThat(minimal().stage(ReportStage.FINAL).revision(3)
            .addCause(Cause.confirmed(CauseItem.EQUIPMENT_FAILURE))
            .response(Response.of(ResponseStatus.CLOSED).withRecurrencePrevention("二重化"))
            .build().stage()).isEqualTo(ReportStage.FINAL);
  }

  @Test
  void revisionMustFitTheStage() {
    assertThat(pointers(minimal().revision(2))).containsExactly("/revision");
    assertThat(pointers(minimal().stage(ReportStage.UPDATE))).containsExactly("/revision");
    assertThat(pointers(minimal().stage(ReportStage.UPDATE).revision(1))).containsExactly("/revision");
    assertThat(minimal().stage(ReportStage.UPDATE).revision(2).build().revision()).isEqualTo(2);
  }

  @Test
  void refusesDetectionOrRestorationBeforeOccurrence() {
    List<Violation> v = violations(minimal().timeline(new Timeline(Moment.exactly(NINE),
        Moment.exactly(NINE.minusMinutes(5)), Moment.exactly(NINE.minusHours(1)), null)));
    assertThat(v).extracting(Violation::pointer).containsExactly("/timeline/detected", "/timeline/restored");
    assertThat(v.get(0).message()).contains("detected before it occurred");
  }

  @Test
  void comparesOnlyExactTimesBecauseApproximateOnesAreEstimates() {
    IncidentReport r = minimal().timeline(new Timeline(Moment.around(NINE), Moment.exactly(NINE.minusMinutes(5)), null, null)).build();
    assertThat(r.timeline()).isPresent();
  }

  @Test
  void nearMissCannotCombineWithOccurredClassesOrAServiceImpact() {
    assertThat(pointers(minimal().eventClasses(EventClass.NEAR_MISS, EventClass.AVAILABILITY)))
        .containsExactly("/eventClasses");
    assertThat(pointers(minimal().eventClasses(EventClass.NEAR_MISS).impact(ServiceImpact.of(ImpactLevel.DEGRADED, "給水"))))
        .containsExactly("/impact/level");
    assertThat(minimal().eventClasses(EventClass.NEAR_MISS).impact(ServiceImpact.none()).build().eventClasses())
        .containsExactly(EventClass.NEAR_MISS);
  }

  @Test
  void serviceImpactNeedsTheServiceAndNonNegativeCounts() {
    assertThat(pointers(minimal().impact(new ServiceImpact(ImpactLevel.DISRUPTED, null, -1L, null,
            NINE, NINE.minusHours(1), null, null, "upstream-1"))))
        .containsExactlyInAnyOrder("/impact/service", "/impact/usersAffected", "/impact/restored", "/impact/spilloverFrom");
  }

  @Test
  void boundsTextLengthsAndListSizes() {
    List<Violation> v = violations(minimal().title("あ".repeat(201)).summary("x".repeat(10_001))
        .exploitedCves(java.util.Collections.nCopies(101, "CVE-2024-0001")));
    assertThat(v).extracting(Violation::pointer).containsExactly("/title", "/summary", "/exploitedCves");
    assertThat(v.get(0).message()).isEqualTo("at most 200 characters, found 201");
  }

  @Test
  void refusesControlCharactersButAllowsNewlinesInMultilineText() {
    assertThat(pointers(minimal().title("停止\n(続報)").summary("一行目\n二行目\u0007")))
        .containsExactly("/title", "/summary");
    assertThat(minimal().summary("一行目\n二行目\tタブ").build().summary()).contains("\n");
  }

  @Test
  void checksContactShapes() {
    IncidentReport.Builder b = minimal().reporter(Reporter.of(Organization.of("X", "OP-1", Sector.GAS),
        new Contact("A", "not-an-address", "call me", false),
        new Contact("B", null, null, false)));
    assertThat(pointers(b)).containsExactly("/reporter/contacts/0/email", "/reporter/contacts/0/phone", "/reporter/contacts/1");
    assertThat(pointers(minimal().reporter(Reporter.of(Organization.of("X", "OP-1", Sector.GAS)))))
        .containsExactly("/reporter/contacts");
  }

  @Test
  void checksIndicatorAndCveShapes() {
    IncidentReport.Builder b = minimal()
        .addIndicator(Indicator.of(IndicatorType.IPV4, "300.1.2.3"))
        .addIndicator(Indicator.of(IndicatorType.SHA256, "abc"))
        .addIndicator(Indicator.of(IndicatorType.IPV6, "2001:db8::1"))
        .addIndicator(Indicator.of(IndicatorType.DOMAIN, "evil.example.com"))
        .exploitedCves(List.of("CVE-2024-1", "CVE-2023-27997"));
    assertThat(pointers(b)).containsExactly("/exploitedCves/0", "/indicators/0/value", "/indicators/1/value");
  }

  @Test
  void requiresATlpLabel() {
    assertThat(pointers(minimal().handling(new Handling(null, null, false)))).containsExactly("/handling/tlp");
  }

  @Test
  void refusesAReportWhoseEncodingExceedsOneMebibyte() {
    IncidentReport.Builder b = minimal();
    for (int i = 0; i < 1000; i++) {
      b.addIndicator(new Indicator(IndicatorType.OTHER, "x".repeat(1500), null));
    }
    List<Violation> v = violations(b);
    assertThat(v).singleElement().satisfies(x -> assertThat(x.message()).contains("over the limit of 1048576 bytes"));
  }

  @Test
  void causeItemMustBelongToItsGroup() {
    assertThatThrownBy(() -> new Cause(CauseGroup.INTENTIONAL, CauseItem.NATURAL_DISASTER, Certainty.SUSPECTED, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("natural-disaster belongs to group environmental");
    Cause custom = new Cause(CauseGroup.ACCIDENTAL, CauseItem.of("cooling-failure"), Certainty.SUSPECTED, null);
    assertThat(custom.item().isKnown()).isFalse();
  }

  @Test
  void newBuilderStartsTheNextStageWithAFreshReportId() {
    IncidentReport initial = minimal().build();
    IncidentReport update = initial.newBuilder().stage(ReportStage.UPDATE).revision(2).build();
    assertThat(update.incidentId()).isEqualTo(initial.incidentId());
    assertThat(update.reportId()).isNotEqualTo(initial.reportId());
    assertThat(update.summary()).isEqualTo(initial.summary());
  }
}
