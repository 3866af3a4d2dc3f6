package org.cisharing.internal.scope;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.cisharing.model.Sector;
import org.cisharing.report.Aspect;
import org.cisharing.report.Cause;
import org.cisharing.report.EventClass;
import org.cisharing.scope.Observation;
import org.cisharing.scope.Rationale;
import org.cisharing.scope.RegulatoryFlag;

/**
 * One rule or profile compiled to bit masks and primitives, so that matching an observation is a
 * handful of long operations and allocates nothing. Immutable.
 */
final class CompiledRule {
  static final int PHASE_CLASSIFY = 0;
  static final int PHASE_FALLBACK = 1;
  static final int PHASE_PROFILE = 2;

  /** Tri-state conditions. */
  static final int ANY = -1;

  static final int NO_CATEGORY = Integer.MAX_VALUE;

  final String id;
  final int phase;

  // Signal conditions; a zero mask (with its has-flag false) means "no condition".
  long anyLo;
  long anyHi;
  boolean hasAny;
  long anyTagLo;
  long anyTagHi;
  boolean hasAnyTag;
  long allLo;
  long allHi;
  long noneLo;
  long noneHi;
  long onlyLo;
  long onlyHi;
  boolean hasOnly;
  long otherLo;
  long otherHi;
  boolean hasOther;
  int noSignal = ANY;
  int unknownSignal = ANY;
  // Observation conditions.
  int impactMask; // bit per ImpactLevel ordinal, 0 = any
  int kindMask; // bit per SystemKind ordinal, 0 = any
  String[] sectors; // null = any
  long usersAtLeast = -1;
  Duration durationAtLeast;
  int upstreamSector = ANY;
  String[] attributeKeys;
  String[] attributeValues;
  // State conditions: the outcome of the rules evaluated before this one.
  int inScopeSoFar = ANY;
  int hasCauseSoFar = ANY;
  int categorySoFarMask; // bit per Category ordinal, 0 = any

  // Effects.
  int category = NO_CATEGORY; // Category ordinal; lower is more severe
  int urgency = Integer.MAX_VALUE; // Urgency ordinal; lower is more urgent
  List<EventClass> eventClasses = List.of();
  List<Cause> causes = List.of();
  List<Aspect> aspects = List.of();
  RegulatoryFlag flag;
  Rationale rationale;

  CompiledRule(String id, int phase) {
    this.id = id;
    this.phase = phase;
  }

  boolean matches(
      long lo,
      long hi,
      boolean unknown,
      boolean empty,
      int impactBit,
      int kindBit,
      Observation o,
      int bestSoFar,
      boolean causeSoFar) {
    if (hasAny && (lo & anyLo) == 0 && (hi & anyHi) == 0) {
      return false;
    }
    if (hasAnyTag && (lo & anyTagLo) == 0 && (hi & anyTagHi) == 0) {
      return false;
    }
    if ((lo & allLo) != allLo || (hi & allHi) != allHi) {
      return false;
    }
    if ((lo & noneLo) != 0 || (hi & noneHi) != 0) {
      return false;
    }
    if (hasOnly && (empty || unknown || (lo & ~onlyLo) != 0 || (hi & ~onlyHi) != 0)) {
      return false;
    }
    if (hasOther && !unknown && (lo & ~otherLo) == 0 && (hi & ~otherHi) == 0) {
      return false;
    }
    if (noSignal != ANY && (noSignal == 1) != empty) {
      return false;
    }
    if (unknownSignal != ANY && (unknownSignal == 1) != unknown) {
      return false;
    }
    if (impactMask != 0 && (impactMask & impactBit) == 0) {
      return false;
    }
    if (kindMask != 0 && (kindMask & kindBit) == 0) {
      return false;
    }
    if (inScopeSoFar != ANY && (inScopeSoFar == 1) != (bestSoFar != NO_CATEGORY)) {
      return false;
    }
    if (hasCauseSoFar != ANY && (hasCauseSoFar == 1) != causeSoFar) {
      return false;
    }
    if (categorySoFarMask != 0
        && (bestSoFar == NO_CATEGORY || (categorySoFarMask & (1 << bestSoFar)) == 0)) {
      return false;
    }
    if (upstreamSector != ANY && (upstreamSector == 1) != (o.upstreamSector() != null)) {
      return false;
    }
    if (sectors != null && !inSectors(o.sector())) {
      return false;
    }
    if (usersAtLeast >= 0) {
      Long users = o.usersAffected();
      if (users == null || users < usersAtLeast) {
        return false;
      }
    }
    if (durationAtLeast != null) {
      Duration d = o.impactDuration();
      if (d == null || d.compareTo(durationAtLeast) < 0) {
        return false;
      }
    }
    if (attributeKeys != null) {
      Map<String, String> attributes = o.attributes();
      for (int i = 0; i < attributeKeys.length; i++) {
        if (!attributeValues[i].equals(attributes.get(attributeKeys[i]))) {
          return false;
        }
      }
    }
    return true;
  }

  private boolean inSectors(Sector sector) {
    if (sector == null) {
      return false;
    }
    String code = sector.code();
    for (String s : sectors) {
      if (s.equals(code)) {
        return true;
      }
    }
    return false;
  }

  boolean addsCause() {
    return !causes.isEmpty();
  }
}
