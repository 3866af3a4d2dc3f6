package org.cisharing.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.cisharing.model.Contact;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Organization;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.report.Reporter;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ObservedSystem;

/**
 * The observations of the incident-tracking measurements: one operator (an electric utility) with
 * many monitored systems, each sending one kind of signal, in a mix typical of a storm (floods and
 * scans dominate, real failures and attacks are rarer, some maintenance noise is out of scope).
 * Built once, before anything is measured, so that {@code observe} is timed alone.
 */
final class TrackerWorkload {
  static final Reporter REPORTER =
      Reporter.of(
          Organization.of("関東電力ネットワーク", "ELE-0042", Sector.ELECTRICITY),
          new Contact("SOC当番", "soc@kanto-grid.example.jp", "+81-3-0000-0000", true));
  static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

  /** One kind of source: its signals, how often it is picked, and its usual service impact. */
  record Kind(String name, int weight, SystemKind system, ImpactLevel impact, String... signals) {}

  /** The mix, by weight (sums to 100). */
  static final List<Kind> MIX =
      List.of(
          new Kind("ddos-traffic", 25, SystemKind.IT, ImpactLevel.NONE, "ddos-traffic"),
          new Kind("port-scan", 20, SystemKind.IT, ImpactLevel.NONE, "port-scan"),
          new Kind("service-down", 12, SystemKind.IT, ImpactLevel.DEGRADED, "service-down"),
          new Kind("latency-high", 8, SystemKind.IT, ImpactLevel.NONE, "latency-high"),
          new Kind("malware-detected", 8, SystemKind.IT, ImpactLevel.NONE, "malware-detected"),
          new Kind("sensor-anomaly", 8, SystemKind.ICS, ImpactLevel.NONE, "sensor-anomaly"),
          new Kind("error-rate-high", 5, SystemKind.IT, ImpactLevel.NONE, "error-rate-high"),
          new Kind("exploit-attempt-blocked", 4, SystemKind.IOT, ImpactLevel.NONE, "exploit-attempt-blocked"),
          new Kind("hardware-failure", 3, SystemKind.ICS, ImpactLevel.DEGRADED, "hardware-failure", "service-down"),
          new Kind("planned-maintenance", 4, SystemKind.IT, ImpactLevel.NONE, "planned-maintenance"),
          new Kind("intrusion", 2, SystemKind.IT, ImpactLevel.NONE, "intrusion", "unauthorized-access"),
          new Kind("ransomware", 1, SystemKind.IT, ImpactLevel.DISRUPTED, "ransomware", "intrusion"));

  private TrackerWorkload() {}

  /**
   * Two observations per source: its usual one and, for one source in ten, an escalated one
   * (service disrupted) picked for one observation in a thousand. {@code observedAt} is left out,
   * so the tracker stamps each with its clock.
   *
   * @return {@code [source][0]} the usual observation, {@code [source][1]} the escalated one (the
   *     usual one again for sources that never escalate)
   */
  static Observation[][] sources(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Observation[][] out = new Observation[count][];
    for (int i = 0; i < count; i++) {
      Kind kind = pick(random.nextInt(100));
      String name = String.format("%s-%05d", systemPrefix(kind.system()), i);
      Observation usual = observation(kind, name, i, kind.impact());
      Observation escalated =
          random.nextInt(10) == 0 && !"planned-maintenance".equals(kind.name())
              ? observation(kind, name, i, ImpactLevel.DISRUPTED)
              : usual;
      out[i] = new Observation[] {usual, escalated};
    }
    return out;
  }

  /** Observations the default rules classify out of scope at once (no signal, no impact). */
  static Observation[] outOfScope(int count) {
    Observation[] out = new Observation[count];
    for (int i = 0; i < count; i++) {
      out[i] =
          Observation.builder()
              .source("zabbix@dc" + (i % 4))
              .sector(Sector.ELECTRICITY)
              .system(new ObservedSystem(SystemKind.IT, String.format("heartbeat-%05d", i), null, null, null))
              .build();
    }
    return out;
  }

  private static Observation observation(Kind kind, String name, int i, ImpactLevel impact) {
    Observation.Builder b =
        Observation.builder()
            .source((kind.system() == SystemKind.ICS ? "ics-gw@substation" : "zabbix@dc") + (i % 8))
            .sector(Sector.ELECTRICITY)
            .system(new ObservedSystem(kind.system(), name, null, null, null))
            .signals(kind.signals())
            .serviceImpact(impact);
    if (impact != ImpactLevel.NONE) {
      b.attribute("service", "託送・小売システム " + name);
    }
    return b.build();
  }

  static Kind pick(int percentile) {
    int acc = 0;
    for (Kind k : MIX) {
      acc += k.weight();
      if (percentile < acc) {
        return k;
      }
    }
    return MIX.get(MIX.size() - 1);
  }

  private static String systemPrefix(SystemKind kind) {
    if (kind == SystemKind.ICS) {
      return "scada-rtu";
    }
    if (kind == SystemKind.IOT) {
      return "smart-meter-gw";
    }
    return "web-portal";
  }

  /** Weights as listed, for printing. */
  static List<String> describeMix() {
    List<String> out = new ArrayList<>();
    for (Kind k : MIX) {
      out.add(k.weight() + "% " + String.join("+", k.signals()) + " (" + k.system().code() + ", " + k.impact().code() + ")");
    }
    return out;
  }

  /**
   * A clock that follows real time at a chosen speed and can be moved forward at once, so a
   * storm runs in real time and the quiet period at its end passes instantly.
   */
  static final class VirtualClock extends Clock {
    private final Instant start;
    private final long startNanos = System.nanoTime();
    private final double speed;
    private volatile long jumpedNanos;

    VirtualClock(Instant start, double speed) {
      this.start = start;
      this.speed = speed;
    }

    /** Moves the clock forward by {@code d} on top of the time that passes. */
    void advance(Duration d) {
      jumpedNanos += d.toNanos();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      long elapsed = (long) ((System.nanoTime() - startNanos) * speed);
      return start.plusNanos(elapsed + jumpedNanos);
    }
  }
}
