package org.cisharing.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.cisharing.model.Contact;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Organization;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.model.Tlp;
import org.cisharing.outbox.OutboxFullException;
import org.cisharing.report.Cause;
import org.cisharing.report.CauseItem;
import org.cisharing.report.Handling;
import org.cisharing.report.IncidentReport;
import org.cisharing.report.OnwardSharing;
import org.cisharing.report.ReportStage;
import org.cisharing.report.Reporter;
import org.cisharing.report.ResponseStatus;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ObservedSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IncidentTrackerTest {
  private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
  private static final Reporter REPORTER = Reporter.of(Organization.of("さくら水道企業団", "WAT-0001", Sector.WATER),
      new Contact("当番", "soc@sakura-water.example.jp", null, true));

  private final TestClock clock = new TestClock(T0);
  private final List<IncidentReport> filed = new CopyOnWriteArrayList<>();
  private IncidentTracker tracker;

  @AfterEach
  void close() {
    if (tracker != null) {
      tracker.close();
    }
  }

  private IncidentTracker tracker(Consumer<IncidentTracker.Builder> config) {
    IncidentTracker.Builder b = IncidentTracker.builder().reporter(REPORTER).sink(filed::add).clock(clock)
        .zone(ZoneId.of("Asia/Tokyo")).evaluationInterval(Duration.ofDays(1));
    config.accept(b);
    tracker = b.build();
    return tracker;
  }

  private Observation obs(String system, ImpactLevel impact, String... signals) {
    return Observation.builder()
        .observedAt(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .source("zabbix@dc1")
        .sector(Sector.WATER)
        .system(new ObservedSystem(SystemKind.IT, system, null, null, null))
        .signals(signals)
        .serviceImpact(impact)
        .build();
  }

  private void flush() {
    assertThat(tracker.flush(Duration.ofSeconds(30))).isTrue();
  }

  /** Cumulative counts: the last report of each incident carries its total. */
  private long reportedTotal() {
    Map<java.util.UUID, Long> last = new java.util.HashMap<>();
    for (IncidentReport r : filed) {
      last.put(r.incidentId(), r.observations().orElseThrow().total());
    }
    return last.values().stream().mapToLong(Long::longValue).sum();
  }

  @Test
  void aBurstOfIdenticalObservationsGivesOneInitialReportAndRateLimitedUpdatesWhoseCountsAddUp() {
    tracker(b -> b.updateInterval(Duration.ofMinutes(15)).periodicUpdate(Duration.ofMinutes(30)).quietPeriod(Duration.ofHours(1)));
    int offered = 0;
    for (int minute = 0; minute < 100; minute++) {
      for (int i = 0; i < 1_000; i++) {
        while (!tracker.observe(obs("配水監視SCADA", ImpactLevel.DEGRADED, "ddos-traffic"))) {
          flush();
        }
        offered++;
      }
      flush();
      clock.advance(Duration.ofMinutes(1));
    }
    flush();
    assertThat(offered).isEqualTo(100_000);
    assertThat(filed.get(0).stage()).isEqualTo(ReportStage.INITIAL);
    assertThat(filed).extracting(IncidentReport::incidentId).containsOnly(filed.get(0).incidentId());
    assertThat(filed.stream().filter(r -> r.stage() == ReportStage.INITIAL)).hasSize(1);
    // 100 minutes of activity with a periodic update every 30 minutes: 3 updates.
    assertThat(filed.stream().filter(r -> r.stage() == ReportStage.UPDATE)).hasSize(3);
    assertThat(filed).extracting(IncidentReport::revision).containsExactly(1, 2, 3, 4);
    clock.advance(Duration.ofHours(1));
    flush();
    IncidentReport last = filed.get(filed.size() - 1);
    assertThat(last.stage()).isEqualTo(ReportStage.FINAL);
    assertThat(last.observations().orElseThrow().total()).isEqualTo(100_000);
    assertThat(last.observations().orElseThrow().signals()).containsEntry("ddos-traffic", 100_000L);
    assertThat(reportedTotal()).isEqualTo(offered);
    TrackerStats stats = tracker.stats();
    assertThat(stats.offered()).isEqualTo(100_000);
    assertThat(stats.tracked()).isEqualTo(100_000);
  }

  @Test
  void anEscalationFromDegradedToDisruptedGivesAnUpdate() {
    tracker(b -> b.updateInterval(Duration.ofMinutes(5)));
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DEGRADED, "service-down"));
    flush();
    clock.advance(Duration.ofMinutes(6));
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DISRUPTED, "service-down"));
    flush();
    assertThat(filed).extracting(IncidentReport::stage).containsExactly(ReportStage.INITIAL, ReportStage.UPDATE);
    IncidentReport update = filed.get(1);
    assertThat(update.impact().orElseThrow().level()).isEqualTo(ImpactLevel.DISRUPTED);
    assertThat(update.summary()).contains("impact escalated from degraded to disrupted");
    assertThat(update.incidentId()).isEqualTo(filed.get(0).incidentId());
  }

  @Test
  void anEscalationWithinTheUpdateIntervalWaitsForIt() {
    tracker(b -> b.updateInterval(Duration.ofMinutes(15)));
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DEGRADED, "service-down"));
    flush();
    clock.advance(Duration.ofMinutes(1));
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DISRUPTED, "service-down"));
    flush();
    assertThat(filed).hasSize(1);
    clock.advance(Duration.ofMinutes(14));
    flush();
    assertThat(filed).extracting(IncidentReport::stage).containsExactly(ReportStage.INITIAL, ReportStage.UPDATE);
  }

  @Test
  void aQuietPeriodGivesAFinalReport() {
    tracker(b -> b.quietPeriod(Duration.ofMinutes(30)));
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DISRUPTED, "hardware-failure", "service-down"));
    flush();
    clock.advance(Duration.ofMinutes(29));
    flush();
    assertThat(filed).hasSize(1);
    clock.advance(Duration.ofMinutes(2));
    flush();
    assertThat(filed).extracting(IncidentReport::stage).containsExactly(ReportStage.INITIAL, ReportStage.FINAL);
    IncidentReport fin = filed.get(1);
    for (IncidentReport r : filed) {
      assertThat(org.cisharing.json.Schemas.violations("report", org.cisharing.json.SharingJson.write(r))).isEmpty();
    }
    assertThat(fin.response().orElseThrow().recurrencePrevention()).containsExactly(ReportComposer.TO_BE_COMPLETED);
    assertThat(fin.causes()).isNotEmpty();
    assertThat(tracker.incident(fin.incidentId())).hasValueSatisfying(i -> assertThat(i.state()).isEqualTo(Incident.State.FINAL));
    // A new observation after the final report opens a new incident.
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DISRUPTED, "hardware-failure"));
    flush();
    assertThat(filed.get(2).incidentId()).isNotEqualTo(fin.incidentId());
    assertThat(filed.get(2).stage()).isEqualTo(ReportStage.INITIAL);
  }

  @Test
  void resolveFilesTheFinalReportWithConfirmedCausesAndMeasures() throws Exception {
    tracker(b -> {});
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DISRUPTED, "hardware-failure"));
    flush();
    IncidentReport fin = tracker.resolve(filed.get(0).incidentId(),
        Resolution.of(List.of(Cause.confirmed(CauseItem.EQUIPMENT_FAILURE)), "予備機の定期切替試験")).get();
    assertThat(fin.stage()).isEqualTo(ReportStage.FINAL);
    assertThat(fin.revision()).isEqualTo(2);
    assertThat(fin.causes()).contains(Cause.confirmed(CauseItem.EQUIPMENT_FAILURE));
    assertThat(fin.response().orElseThrow().status()).isEqualTo(ResponseStatus.RECOVERED);
    assertThat(fin.response().orElseThrow().recurrencePrevention()).containsExactly("予備機の定期切替試験");
    assertThatThrownBy(() -> tracker.resolve(fin.incidentId(), Resolution.none()).get())
        .hasCauseInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void twoDifferentSystemsGiveTwoIncidents() {
    tracker(b -> {});
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DEGRADED, "service-down"));
    tracker.observe(obs("料金システム", ImpactLevel.DEGRADED, "service-down"));
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DEGRADED, "service-down"));
    flush();
    assertThat(filed).hasSize(2);
    assertThat(filed).extracting(IncidentReport::incidentId).doesNotHaveDuplicates();
    assertThat(reportedTotal()).isEqualTo(2);  // initial reports were filed at the first observation of each
    assertThat(tracker.incidents()).extracting(Incident::observations).containsExactlyInAnyOrder(2L, 1L);
  }

  @Test
  void outOfScopeObservationsAreCountedNotReported() {
    tracker(b -> {});
    tracker.observe(obs("浄水場SCADA", ImpactLevel.NONE, "planned-maintenance"));
    tracker.observe(obs("浄水場SCADA", ImpactLevel.NONE));
    tracker.observe(null);
    flush();
    assertThat(filed).isEmpty();
    TrackerStats s = tracker.stats();
    assertThat(s.offered()).isEqualTo(3);
    assertThat(s.outOfScope()).isEqualTo(2);
    assertThat(s.shedInvalid()).isEqualTo(1);
  }

  @Test
  void aVetoSuppressesTheIncidentAndIsCounted() {
    List<String> vetoes = new ArrayList<>();
    tracker(b -> b.beforeSubmit((r, i) -> r.title().contains("料金") ? null : r).listener(new TrackerListener() {
      @Override
      public void reportVetoed(IncidentReport report, Incident incident, String reason) {
        vetoes.add(reason);
      }
    }).updateInterval(Duration.ofMinutes(1)));
    tracker.observe(obs("料金システム", ImpactLevel.DEGRADED, "service-down"));
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DEGRADED, "service-down"));
    flush();
    clock.advance(Duration.ofMinutes(2));
    tracker.observe(obs("料金システム", ImpactLevel.DISRUPTED, "service-down"));
    flush();
    assertThat(filed).singleElement().satisfies(r -> assertThat(r.title()).contains("浄水場SCADA"));
    assertThat(vetoes).hasSize(1);
    assertThat(tracker.stats().reportsVetoed()).isEqualTo(1);
    assertThat(tracker.incidents()).filteredOn(i -> i.systemName().equals("料金システム"))
        .singleElement().satisfies(i -> {
          assertThat(i.state()).isEqualTo(Incident.State.SUPPRESSED);
          assertThat(i.observations()).isEqualTo(2);
        });
  }

  @Test
  void theRedactorMasksInternalDetailsOfReportsSharedOnward() {
    Redactor redactor = Redactor.builder().internalDomain("corp.sakura-water.jp").build();
    tracker(b -> b.beforeSubmit(redactor).handling(new Handling(Tlp.GREEN, OnwardSharing.ANONYMISED, true)));
    tracker.observe(Observation.builder()
        .observedAt(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .source("ids on gw01.corp.sakura-water.jp (10.2.3.4), user=tanaka, admin@sakura-water.jp")
        .sector(Sector.WATER)
        .system(new ObservedSystem(SystemKind.IT, "gw01.corp.sakura-water.jp", null, null, null))
        .signals("intrusion")
        .build());
    flush();
    IncidentReport r = filed.get(0);
    String text = r.title() + r.summary() + r.affectedSystems();
    assertThat(text).doesNotContain("10.2.3.4", "tanaka", "admin@sakura-water.jp", "gw01.corp.sakura-water.jp")
        .contains("[redacted-ip]", "[redacted-user]", "[redacted-email]", "[redacted-host]");
    assertThat(redactor.redact("攻撃元 203.0.113.5 から 192.168.1.10 へ")).isEqualTo("攻撃元 203.0.113.5 から [redacted-ip] へ");
    assertThat(redactor.redact("ユーザ名: yamada でログイン、CORP\\suzuki も")).isEqualTo("ユーザ名: [redacted-user] でログイン、CORP\\[redacted-user] も");
  }

  @Test
  void theRedactorLeavesReportsThatStayWithTheHub() {
    Redactor redactor = Redactor.defaults();
    tracker(b -> b.beforeSubmit(redactor).handling(Handling.of(Tlp.AMBER_STRICT)));
    tracker.observe(obs("gw 10.0.0.1", ImpactLevel.NONE, "intrusion"));
    flush();
    assertThat(filed.get(0).title()).contains("10.0.0.1");
  }

  @Test
  void inApprovalModeReportsWaitForAPersonAndGoInOrder() {
    tracker(b -> b.approvalMode(true).updateInterval(Duration.ofMinutes(1)));
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DEGRADED, "service-down"));
    flush();
    clock.advance(Duration.ofMinutes(2));
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DISRUPTED, "service-down"));
    flush();
    assertThat(filed).isEmpty();
    List<IncidentReport> waiting = tracker.pendingApproval();
    assertThat(waiting).extracting(IncidentReport::stage).containsExactly(ReportStage.INITIAL, ReportStage.UPDATE);
    assertThatThrownBy(() -> tracker.approve(waiting.get(1).reportId())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("first");
    tracker.approve(waiting.get(0).reportId());
    tracker.approve(waiting.get(1).reportId());
    assertThat(filed).extracting(IncidentReport::stage).containsExactly(ReportStage.INITIAL, ReportStage.UPDATE);
    assertThat(tracker.pendingApproval()).isEmpty();
    assertThat(tracker.stats().reportsFiled()).isEqualTo(2);
  }

  @Test
  void beyondTheCapObservationsGoToTheOverflowIncidentAndCountsAddUp() {
    tracker(b -> b.maxOpenIncidents(3));
    for (int i = 0; i < 10; i++) {
      tracker.observe(obs("system-" + i, ImpactLevel.DEGRADED, "service-down"));
      tracker.observe(obs("system-" + i, ImpactLevel.DEGRADED, "service-down"));
    }
    flush();
    clock.advance(Duration.ofHours(2));
    flush();  // quiet period: every incident files its final report with its total
    TrackerStats s = tracker.stats();
    assertThat(s.overflowed()).isEqualTo(14);
    assertThat(filed.stream().map(IncidentReport::incidentId).distinct()).hasSize(4);
    assertThat(reportedTotal()).isEqualTo(20);
    assertThat(filed).filteredOn(r -> r.observations().orElseThrow().overflowed() > 0)
        .last().satisfies(r -> assertThat(r.observations().orElseThrow().overflowed()).isEqualTo(14));
  }

  @Test
  void whenTheQueueIsFullObservationsAreShedCountedAndReported() {
    tracker(b -> b.queueCapacity(1_000));
    int offered = 200_000;
    int accepted = 0;
    for (int i = 0; i < offered; i++) {
      if (tracker.observe(obs("浄水場SCADA", ImpactLevel.DEGRADED, "ddos-traffic"))) {
        accepted++;
      }
    }
    flush();
    clock.advance(Duration.ofHours(2));
    flush();
    TrackerStats s = tracker.stats();
    assertThat(s.shedQueueFull()).isEqualTo(offered - accepted).isPositive();
    assertThat(s.offered()).isEqualTo(offered);
    assertThat(s.tracked() + s.shedQueueFull()).isEqualTo(offered);
    assertThat(reportedTotal()).isEqualTo(offered);
    long shed = offered - accepted;
    assertThat(filed).anySatisfy(r -> assertThat(r.observations().orElseThrow().shed()).isEqualTo(shed));
  }

  @Test
  void aFullOutboxDoesNotLoseTheReportItIsFiledAgainLater() {
    boolean[] full = {true};
    List<IncidentReport> accepted = new ArrayList<>();
    tracker = IncidentTracker.builder().reporter(REPORTER).clock(clock).evaluationInterval(Duration.ofDays(1))
        .sink(r -> {
          if (full[0]) {
            throw new OutboxFullException("outbox is full: 100000 entries");
          }
          accepted.add(r);
        }).build();
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DEGRADED, "service-down"));
    flush();
    assertThat(accepted).isEmpty();
    assertThat(tracker.stats().submitFailures()).isPositive();
    full[0] = false;
    flush();
    assertThat(accepted).extracting(IncidentReport::stage).containsExactly(ReportStage.INITIAL);
  }

  @Test
  void deadlineClocksComeFromPoliciesAndRegulatoryFlagsAndWarnWhenAtRisk() {
    List<DeadlineStatus> warned = new CopyOnWriteArrayList<>();
    tracker(b -> b.approvalMode(true).addDeadlinePolicy(DeadlinePolicy.nis2()).listener(new TrackerListener() {
      @Override
      public void deadlineAtRisk(Incident incident, DeadlineStatus deadline) {
        warned.add(deadline);
      }
    }));
    tracker.observe(obs("浄水場SCADA", ImpactLevel.DISRUPTED, "service-down"));
    flush();
    Incident incident = tracker.incidents().get(0);
    assertThat(incident.deadlines()).extracting(d -> d.rule().id())
        .contains("action-plan-initial", "nis2-early-warning", "nis2-notification", "nis2-final");
    assertThat(tracker.atRisk()).isEmpty();
    clock.advance(Duration.ofMinutes(46));  // 3/4 of the action plan's hour: the initial report still awaits approval
    flush();
    assertThat(tracker.atRisk()).extracting(r -> r.deadline().rule().id()).containsExactly("action-plan-initial");
    assertThat(warned).extracting(d -> d.rule().id()).containsExactly("action-plan-initial");
    tracker.approve(tracker.pendingApproval().get(0).reportId());
    assertThat(tracker.atRisk()).isEmpty();
  }

  @Test
  void aPrecursorIsANearMissReport() {
    tracker(b -> {});
    tracker.observe(obs("VPN装置", ImpactLevel.NONE, "exploit-attempt-blocked"));
    flush();
    IncidentReport r = filed.get(0);
    assertThat(r.eventClasses()).containsExactly(org.cisharing.report.EventClass.NEAR_MISS);
    assertThat(r.impact().orElseThrow().level()).isEqualTo(ImpactLevel.NONE);
  }

  @Test
  void precursorsCanBeBatchedIntoOneReportPerPeriod() {
    tracker(b -> b.precursorBatch(Duration.ofHours(24)));
    for (int i = 0; i < 50; i++) {
      tracker.observe(obs("VPN装置", ImpactLevel.NONE, "port-scan"));
    }
    flush();
    assertThat(filed).isEmpty();
    clock.advance(Duration.ofHours(24));
    flush();
    assertThat(filed).singleElement().satisfies(r -> {
      assertThat(r.stage()).isEqualTo(ReportStage.FINAL);
      assertThat(r.revision()).isEqualTo(1);
      assertThat(r.observations().orElseThrow().total()).isEqualTo(50);
    });
  }

  @Test
  void observeNeverThrowsEvenForGarbage() {
    tracker(b -> b.correlationKey((o, c) -> {
      throw new IllegalStateException("bad key function");
    }));
    assertThat(tracker.observe(obs("x", ImpactLevel.DEGRADED, "unknown-signal-code", "service-down"))).isTrue();
    flush();
    assertThat(filed).hasSize(1);
  }

  @Test
  void flushReturnsWhileObservationsKeepComing() {
    // Every observation the worker processes brings another (the correlation key offers one), so the
    // queue is never empty: observations keep coming faster than the worker empties the queue.
    AtomicBoolean echo = new AtomicBoolean(true);
    tracker(b -> b.correlationKey((o, c) -> {
      if (echo.get()) {
        tracker.observe(o);
      }
      return "one-incident";
    }));
    tracker.observe(obs("配水監視SCADA", ImpactLevel.NONE, "port-scan"));
    try {
      assertThat(tracker.flush(Duration.ofSeconds(5))).isTrue();
    } finally {
      echo.set(false);
    }
  }

  @Test
  void anObservationOfALessSevereCategoryIsNotAMaterialChange() {
    tracker(b -> b.correlationKey((o, c) -> "one-incident").updateInterval(Duration.ofMinutes(15))
        .periodicUpdate(Duration.ofHours(1)));
    tracker.observe(obs("配水監視SCADA", ImpactLevel.DEGRADED, "service-down"));
    flush();
    for (int minute = 0; minute < 50; minute++) {
      tracker.observe(obs("配水監視SCADA", ImpactLevel.NONE, "latency-high"));
      flush();
      clock.advance(Duration.ofMinutes(1));
    }
    flush();
    // The incident stays a service outage; nothing changed and the periodic update is not due.
    assertThat(filed).extracting(IncidentReport::stage).containsExactly(ReportStage.INITIAL);
    assertThat(tracker.incidents().get(0).category()).isEqualTo(org.cisharing.scope.Category.SERVICE_OUTAGE);
  }
}
