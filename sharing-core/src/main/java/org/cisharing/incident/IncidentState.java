package org.cisharing.incident;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.report.Aspect;
import org.cisharing.report.Cause;
import org.cisharing.report.CauseGroup;
import org.cisharing.report.CauseItem;
import org.cisharing.report.Certainty;
import org.cisharing.report.EventClass;
import org.cisharing.scope.Category;
import org.cisharing.scope.Classification;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ObservedSystem;
import org.cisharing.scope.RegulatoryFlag;
import org.cisharing.scope.Urgency;

/** The mutable state of one incident. Owned by the tracker's worker thread. */
final class IncidentState {
  static final String OTHER_SIGNALS = "other";

  final UUID id;
  final String key;
  final boolean overflow;
  final Instant openedAt;
  Category category;
  Sector sector;
  ObservedSystem system;
  String source;
  String service;
  OffsetDateTime firstSeen;
  OffsetDateTime lastSeen;
  Instant lastActivity;
  long total;
  long shed;
  final LinkedHashMap<String, long[]> signals = new LinkedHashMap<>();
  ImpactLevel worstImpact = ImpactLevel.NONE;
  Long usersAffected;
  Sector upstreamSector;
  final LinkedHashMap<CauseItem, Cause> causes = new LinkedHashMap<>();
  final Set<CauseGroup> causeGroups = EnumSet.noneOf(CauseGroup.class);
  final Set<EventClass> eventClasses = EnumSet.noneOf(EventClass.class);
  final Set<Aspect> aspects = EnumSet.noneOf(Aspect.class);
  final LinkedHashSet<String> flagIds = new LinkedHashSet<>();
  final List<RegulatoryFlag> flags = new ArrayList<>();
  Urgency urgency = Urgency.ROUTINE;
  boolean ransomPaid;

  // Shared with other replicas through an IncidentRegistry.
  /** Claimed in a registry (this replica owns it or follows it). */
  boolean shared;
  /** Another replica owns it: this one counts and contributes, never files. */
  boolean follower;
  /** Observations the other replicas contributed, as last read by the owner. */
  long fromReplicas;
  /** The count this replica last contributed. */
  long contributed;

  // Reporting state.
  Incident.State state = Incident.State.OPEN;
  int revision;
  boolean initialFiled;
  Instant initialDueAt;
  Instant lastReportAt;
  long totalAtLastReport;
  boolean materialChange;
  String changeReason;
  final List<Clock> deadlines = new ArrayList<>();
  final Set<String> policiesApplied = new LinkedHashSet<>();

  /** One deadline clock. */
  static final class Clock {
    final String policy;
    final DeadlineRule rule;
    final Instant due;
    final Instant riskFrom;
    boolean met;
    boolean warned;

    Clock(String policy, DeadlineRule rule, Instant start) {
      this.policy = policy;
      this.rule = rule;
      this.due = start.plus(rule.within());
      this.riskFrom = start.plus(rule.within().multipliedBy(3).dividedBy(4));
    }

    DeadlineStatus status() {
      return new DeadlineStatus(policy, rule, due, met);
    }
  }

  IncidentState(UUID id, String key, boolean overflow, Instant now) {
    this.id = id;
    this.key = key;
    this.overflow = overflow;
    this.openedAt = now;
    this.lastActivity = now;
  }

  /**
   * Adds an observation; returns whether the picture changed materially (worse impact, a new cause
   * group, another category, a new regulatory flag), recording why in {@link #changeReason}.
   */
  boolean absorb(Observation o, Classification c, OffsetDateTime seen, Instant now, int maxSignals) {
    boolean first = total == 0;
    total++;
    lastActivity = now;
    if (firstSeen == null || seen.isBefore(firstSeen)) {
      firstSeen = seen;
    }
    if (lastSeen == null || seen.isAfter(lastSeen)) {
      lastSeen = seen;
    }
    for (String s : o.signals()) {
      long[] n = signals.get(s);
      if (n == null) {
        if (signals.size() >= maxSignals) {
          n = signals.computeIfAbsent(OTHER_SIGNALS, k -> new long[1]);
        } else {
          n = new long[1];
          signals.put(s, n);
        }
      }
      n[0]++;
    }
    if (first) {
      category = c.category();
      sector = o.sector();
      system = o.system();
      source = o.source();
    }
    if (service == null && o.attributes().get("service") != null) {
      service = o.attributes().get("service");
    }
    if ("true".equalsIgnoreCase(o.attributes().get("ransomPaid"))) {
      ransomPaid = true;
    }
    if (o.usersAffected() != null && (usersAffected == null || o.usersAffected() > usersAffected)) {
      usersAffected = o.usersAffected();
    }
    if (o.upstreamSector() != null) {
      upstreamSector = o.upstreamSector();
    }
    String reason = null;
    ImpactLevel impact = o.impact();
    if (impact.ordinal() > worstImpact.ordinal()) {
      if (!first) {
        reason = "impact escalated from " + worstImpact.code() + " to " + impact.code();
      }
      worstImpact = impact;
    }
    if (!first && c.category() != null && c.category().isMoreSevereThan(category)) {
      reason = "category changed from " + (category == null ? "-" : category.code()) + " to " + c.category().code();
      category = c.category();
    }
    for (Cause cause : c.causes()) {
      Cause known = causes.get(cause.item());
      if (known == null) {
        causes.put(cause.item(), cause);
        if (causeGroups.add(cause.group()) && !first) {
          reason = "new cause group " + cause.group().code();
        }
      } else if (known.certainty() == Certainty.SUSPECTED && cause.certainty() == Certainty.CONFIRMED) {
        causes.put(cause.item(), cause);
      }
    }
    eventClasses.addAll(c.eventClasses());
    aspects.addAll(c.aspects());
    if (c.urgency().ordinal() < urgency.ordinal()) {
      urgency = c.urgency();
    }
    for (RegulatoryFlag f : c.regulatoryFlags()) {
      if (flagIds.add(f.id())) {
        flags.add(f);
        if (!first) {
          reason = "regulatory flag " + f.id();
        }
      }
    }
    if (reason != null) {
      materialChange = true;
      changeReason = reason;
    }
    return reason != null;
  }

  SystemKind systemKind() {
    return system == null || system.kind() == null ? SystemKind.IT : system.kind();
  }

  String systemName() {
    if (system != null && system.name() != null && !system.name().isBlank()) {
      return system.name();
    }
    if (system != null && system.product() != null) {
      return system.product();
    }
    return source != null && !source.isBlank() ? source : "不明なシステム (unknown system)";
  }

  Map<String, Long> signalCounts() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : signals.entrySet()) {
      out.put(e.getKey(), e.getValue()[0]);
    }
    return out;
  }

  Incident snapshot() {
    List<DeadlineStatus> ds = new ArrayList<>(deadlines.size());
    for (Clock c : deadlines) {
      ds.add(c.status());
    }
    return new Incident(id, key, state, category, sector, systemName(), firstSeen, lastSeen, total + shed + fromReplicas,
        signalCounts(), worstImpact, usersAffected, List.copyOf(causes.values()), Set.copyOf(eventClasses), revision,
        List.copyOf(ds), ransomPaid, overflow);
  }
}
