package org.cisharing.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cisharing.SharingException;
import org.cisharing.model.Contact;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Organization;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.report.IncidentReport;
import org.cisharing.report.ReportStage;
import org.cisharing.report.Reporter;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ObservedSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Trackers of several replicas sharing one {@link IncidentRegistry} (here an in-memory one with the
 * documented semantics; the PostgreSQL one is tested in sharing-test): the owner files, followers
 * contribute counts, a failing registry falls back to local correlation.
 */
class SharedIncidentTrackerTest {
  private static final Instant T0 = Instant.parse("2026-04-01T00:00:00Z");
  private static final Reporter REPORTER = Reporter.of(Organization.of("さくら水道企業団", "WAT-0001", Sector.WATER),
      new Contact("当番", "soc@sakura-water.example.jp", null, true));

  private final TestClock clock = new TestClock(T0);
  private final SharedRegistry shared = new SharedRegistry();
  private final List<IncidentTracker> trackers = new ArrayList<>();

  @AfterEach
  void close() {
    trackers.forEach(IncidentTracker::close);
  }

  private IncidentTracker replica(IncidentRegistry registry, List<IncidentReport> filed) {
    IncidentTracker t = IncidentTracker.builder().reporter(REPORTER).sink(filed::add).clock(clock)
        .zone(ZoneId.of("Asia/Tokyo")).evaluationInterval(Duration.ofDays(1)).updateInterval(Duration.ofMinutes(1))
        .quietPeriod(Duration.ofMinutes(30)).registry(registry).build();
    trackers.add(t);
    return t;
  }

  private Observation obs(String system, ImpactLevel impact) {
    return Observation.builder()
        .observedAt(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .source("zabbix@dc1")
        .sector(Sector.WATER)
        .system(new ObservedSystem(SystemKind.IT, system, null, null, null))
        .signals("ddos-traffic")
        .serviceImpact(impact)
        .build();
  }

  private static void flush(IncidentTracker... ts) {
    for (IncidentTracker t : ts) {
      assertThat(t.flush(Duration.ofSeconds(30))).isTrue();
    }
  }

  @Test
  void theReplicaThatOpensAnIncidentFilesItAndTheOthersOnlyContributeTheirCounts() {
    List<IncidentReport> filedA = new CopyOnWriteArrayList<>();
    List<IncidentReport> filedB = new CopyOnWriteArrayList<>();
    IncidentTracker a = replica(shared.member("a"), filedA);
    IncidentTracker b = replica(shared.member("b"), filedB);

    for (int i = 0; i < 3; i++) {
      a.observe(obs("配水監視SCADA", ImpactLevel.DEGRADED));
      flush(a);
      b.observe(obs("配水監視SCADA", ImpactLevel.DEGRADED));
      flush(b);
    }
    assertThat(filedA).extracting(IncidentReport::stage).containsExactly(ReportStage.INITIAL);
    assertThat(filedB).isEmpty();
    UUID id = filedA.get(0).incidentId();
    assertThat(b.incidents()).extracting(Incident::id).containsExactly(id);
    assertThat(b.atRisk()).as("followers keep no deadline clocks").isEmpty();
    assertThatThrownBy(() -> b.resolve(id, Resolution.of(List.of(), "fixed")).join())
        .isInstanceOf(CompletionException.class).hasCauseInstanceOf(IllegalArgumentException.class);

    clock.advance(Duration.ofMinutes(31));
    flush(b, a); // b contributes its count, then a goes quiet and files the final report
    assertThat(filedB).isEmpty();
    IncidentReport last = filedA.get(filedA.size() - 1);
    assertThat(last.stage()).isEqualTo(ReportStage.FINAL);
    assertThat(last.observations().orElseThrow().total()).as("3 seen by a + 3 seen by b").isEqualTo(6);
    assertThat(shared.closed).containsExactly(id);
  }

  @Test
  void anIncidentClosedByItsOwnerIsNotJoinedAgain() {
    List<IncidentReport> filedA = new CopyOnWriteArrayList<>();
    List<IncidentReport> filedB = new CopyOnWriteArrayList<>();
    IncidentTracker a = replica(shared.member("a"), filedA);
    IncidentTracker b = replica(shared.member("b"), filedB);
    a.observe(obs("浄水場PLC", ImpactLevel.DEGRADED));
    flush(a);
    UUID first = filedA.get(0).incidentId();
    a.resolve(first, Resolution.of(List.of(), "復旧済み")).join();
    b.observe(obs("浄水場PLC", ImpactLevel.DEGRADED));
    flush(b);
    assertThat(filedB).extracting(IncidentReport::stage).containsExactly(ReportStage.INITIAL);
    assertThat(filedB.get(0).incidentId()).isNotEqualTo(first);
  }

  @Test
  void aFailingRegistryFallsBackToLocalCorrelation() {
    List<IncidentReport> filed = new CopyOnWriteArrayList<>();
    IncidentRegistry broken = new IncidentRegistry() {
      @Override
      public Claim claim(String key, Instant seenAt, Duration window, UUID proposedId) {
        throw new SharingException("database down");
      }

      @Override
      public void contribute(UUID incidentId, long observations, Instant seenAt) {
        throw new SharingException("database down");
      }

      @Override
      public void finish(UUID incidentId, Instant at) {
        throw new SharingException("database down");
      }

      @Override
      public long othersObservations(UUID incidentId) {
        throw new SharingException("database down");
      }
    };
    IncidentTracker t = replica(broken, filed);
    t.observe(obs("配水監視SCADA", ImpactLevel.DEGRADED));
    flush(t);
    clock.advance(Duration.ofMinutes(2));
    t.observe(obs("配水監視SCADA", ImpactLevel.DISRUPTED));
    flush(t);
    clock.advance(Duration.ofMinutes(31));
    flush(t);
    assertThat(filed).extracting(IncidentReport::stage).containsExactly(ReportStage.INITIAL, ReportStage.UPDATE, ReportStage.FINAL);
    assertThat(filed.get(2).observations().orElseThrow().total()).isEqualTo(2);
  }

  /** The registry's documented semantics, in memory, for trackers in one JVM. */
  private static final class SharedRegistry {
    final Map<String, UUID> open = new HashMap<>();
    final Map<UUID, String> owners = new HashMap<>();
    final Map<UUID, Map<String, Long>> counts = new HashMap<>();
    final List<UUID> closed = new CopyOnWriteArrayList<>();

    IncidentRegistry member(String name) {
      return new IncidentRegistry() {
        @Override
        public Claim claim(String key, Instant seenAt, Duration window, UUID proposedId) {
          synchronized (SharedRegistry.this) {
            UUID id = open.computeIfAbsent(key, k -> proposedId);
            owners.putIfAbsent(id, name);
            return new Claim(id, owners.get(id).equals(name));
          }
        }

        @Override
        public void contribute(UUID incidentId, long observations, Instant seenAt) {
          synchronized (SharedRegistry.this) {
            counts.computeIfAbsent(incidentId, k -> new HashMap<>()).merge(name, observations, Math::max);
          }
        }

        @Override
        public void finish(UUID incidentId, Instant at) {
          synchronized (SharedRegistry.this) {
            open.values().remove(incidentId);
            closed.add(incidentId);
          }
        }

        @Override
        public long othersObservations(UUID incidentId) {
          synchronized (SharedRegistry.this) {
            return counts.getOrDefault(incidentId, Map.of()).entrySet().stream()
                .filter(e -> !e.getKey().equals(name)).mapToLong(Map.Entry::getValue).sum();
          }
        }
      };
    }
  }
}
