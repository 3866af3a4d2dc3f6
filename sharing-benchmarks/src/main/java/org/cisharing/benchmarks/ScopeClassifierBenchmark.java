package org.cisharing.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.report.CauseItem;
import org.cisharing.scope.Classification;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ScopeClassifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Classifications per second on one thread with the default rules: a mix of typical observations
 * (the common path), and an observation with an unknown signal and a confirmed cause (the slow path
 * that builds a fresh result naming them).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ScopeClassifierBenchmark {
  private final ScopeClassifier classifier = ScopeClassifier.defaults();
  private Observation[] mix;
  private Observation unusual;
  private int next;

  @Setup
  public void setUp() {
    mix =
        new Observation[] {
          Observation.builder()
              .sector(Sector.FINANCE)
              .system(SystemKind.IT)
              .signals("port-scan")
              .build(),
          Observation.builder()
              .sector(Sector.MEDICAL)
              .system(SystemKind.IT)
              .signals("ransomware", "intrusion", "contractor-error")
              .serviceImpact(ImpactLevel.DISRUPTED)
              .build(),
          Observation.builder()
              .sector(Sector.WATER)
              .system(SystemKind.ICS)
              .signals("sensor-anomaly")
              .build(),
          Observation.builder()
              .sector(Sector.INFO_COMM)
              .signals("misconfiguration", "service-down")
              .serviceImpact(ImpactLevel.DISRUPTED)
              .usersAffected(31_000_000)
              .impactDuration(Duration.ofHours(61))
              .build(),
          Observation.builder().sector(Sector.RAILWAY).signals("process-crash").build(),
          Observation.builder().sector(Sector.GAS).signals("planned-maintenance").build(),
          Observation.builder()
              .sector(Sector.LOGISTICS)
              .upstreamSector(Sector.INFO_COMM)
              .signals("upstream-outage", "service-down")
              .serviceImpact(ImpactLevel.DEGRADED)
              .build(),
          Observation.builder().sector(Sector.CREDIT).signals("suspicious-email").build(),
        };
    unusual =
        Observation.builder()
            .sector(Sector.ELECTRICITY)
            .system(SystemKind.ICS)
            .signals("plc-firmware-changed", "unauthorized-command")
            .confirmedCauses(CauseItem.UNAUTHORIZED_ACCESS)
            .build();
  }

  @Benchmark
  public Classification classifyMix() {
    Observation o = mix[next];
    next = (next + 1) & 7;
    return classifier.classify(o);
  }

  @Benchmark
  public Classification classifyUnknownSignalAndConfirmedCause() {
    return classifier.classify(unusual);
  }
}
