package org.cisharing.internal.scope;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import org.cisharing.scope.Rationale;
import org.cisharing.scope.RegulatoryFlag;
import org.cisharing.scope.Urgency;

/**
 * The compiled rule set and its evaluation loop. Signal codes are interned to bit positions; each
 * rule is matched with a few long operations; the set of rules that fired fully determines the
 * result for an ordinary observation, so results are cached by that set and a repeated decision
 * allocates nothing. Observations with unknown signals, an unknown sector or confirmed causes take
 * a slower path that names them. Thread-safe.
 */
public final class RuleEngine {
  private static final int CACHE_SIZE = 1024; // power of two
  private static final Category[] CATEGORIES = Category.values();
  private static final Urgency[] URGENCIES = Urgency.values();

  private final HashMap<String, Integer> signalIndex;
  private final CompiledRule[] rules;
  // The rules that can fire only when one of their anySignal codes is present, by signal index;
  // every other rule is always evaluated. Lets an observation skip most rules outright.
  private final long[] rulesBySignalLo;
  private final long[] rulesBySignalHi;
  private final long alwaysLo;
  private final long alwaysHi;
  private final List<String> ruleIds;
  private final List<String> signalCodes;
  private final String version;
  // Racy but safe: entries are immutable and a miss only costs a rebuild.
  private final Cached[] cache = new Cached[CACHE_SIZE];

  RuleEngine(Map<String, Integer> signalIndex, List<CompiledRule> rules, String version) {
    this.signalIndex = new HashMap<>(signalIndex);
    this.rules = rules.toArray(new CompiledRule[0]);
    List<String> ids = new ArrayList<>();
    for (CompiledRule r : rules) {
      ids.add(r.id);
    }
    this.ruleIds = List.copyOf(ids);
    int signals = signalIndex.size();
    long[] bySignalLo = new long[signals];
    long[] bySignalHi = new long[signals];
    long aLo = 0;
    long aHi = 0;
    for (int i = 0; i < this.rules.length; i++) {
      CompiledRule r = this.rules[i];
      long bitLo = i < 64 ? 1L << i : 0;
      long bitHi = i < 64 ? 0 : 1L << (i - 64);
      if (!r.hasAny) {
        aLo |= bitLo;
        aHi |= bitHi;
        continue;
      }
      for (int b = 0; b < signals; b++) {
        boolean triggers = b < 64 ? (r.anyLo & (1L << b)) != 0 : (r.anyHi & (1L << (b - 64))) != 0;
        if (triggers) {
          bySignalLo[b] |= bitLo;
          bySignalHi[b] |= bitHi;
        }
      }
    }
    this.rulesBySignalLo = bySignalLo;
    this.rulesBySignalHi = bySignalHi;
    this.alwaysLo = aLo;
    this.alwaysHi = aHi;
    this.signalCodes = List.copyOf(signalIndex.keySet());
    this.version = version;
  }

  /** Compiles a merged document; problems are reported against {@code source}. */
  public static RuleEngine compile(RuleDocument doc, String source) {
    return RuleCompiler.compile(doc, source);
  }

  /** Rule and profile ids in evaluation order. */
  public List<String> ruleIds() {
    return ruleIds;
  }

  /** Signal codes of the vocabulary, in declaration order. */
  public List<String> signalCodes() {
    return signalCodes;
  }

  /** The rule set's version string, or {@code null}. */
  public String version() {
    return version;
  }

  /** Classifies one observation. Never throws for a valid observation. */
  public Classification classify(Observation o) {
    Objects.requireNonNull(o, "observation");
    List<String> signals = o.signals();
    int n = signals.size();
    long lo = 0;
    long hi = 0;
    long candidatesLo = alwaysLo;
    long candidatesHi = alwaysHi;
    boolean unknown = false;
    for (int i = 0; i < n; i++) {
      Integer index = signalIndex.get(signals.get(i));
      if (index == null) {
        unknown = true;
      } else {
        int b = index;
        if (b < 64) {
          lo |= 1L << b;
        } else {
          hi |= 1L << (b - 64);
        }
        candidatesLo |= rulesBySignalLo[b];
        candidatesHi |= rulesBySignalHi[b];
      }
    }
    boolean confirmed = !o.confirmedCauses().isEmpty();
    int impactBit = 1 << o.impact().ordinal();
    SystemKind kind = o.systemKind();
    int kindBit = kind == null ? 0 : 1 << kind.ordinal();
    int best = CompiledRule.NO_CATEGORY;
    boolean cause = confirmed;
    long firedLo = 0;
    long firedHi = 0;
    CompiledRule[] rs = rules;
    // Candidates in ascending index, which is evaluation order.
    for (long m = candidatesLo; m != 0; m &= m - 1) {
      CompiledRule r = rs[Long.numberOfTrailingZeros(m)];
      if (r.matches(lo, hi, unknown, n == 0, impactBit, kindBit, o, best, cause)) {
        firedLo |= Long.lowestOneBit(m);
        if (r.category < best) {
          best = r.category;
        }
        cause |= r.addsCause();
      }
    }
    for (long m = candidatesHi; m != 0; m &= m - 1) {
      CompiledRule r = rs[64 + Long.numberOfTrailingZeros(m)];
      if (r.matches(lo, hi, unknown, n == 0, impactBit, kindBit, o, best, cause)) {
        firedHi |= Long.lowestOneBit(m);
        if (r.category < best) {
          best = r.category;
        }
        cause |= r.addsCause();
      }
    }
    Sector sector = o.sector();
    if (unknown || confirmed || (sector != null && !sector.isKnown())) {
      return build(firedLo, firedHi, o);
    }
    int slot = slot(firedLo, firedHi);
    Cached c = cache[slot];
    if (c != null && c.lo == firedLo && c.hi == firedHi) {
      return c.value;
    }
    Classification value = build(firedLo, firedHi, null);
    cache[slot] = new Cached(firedLo, firedHi, value);
    return value;
  }

  private static int slot(long lo, long hi) {
    long h = lo * 0x9E3779B97F4A7C15L + hi * 0xC2B2AE3D27D4EB4FL;
    h ^= h >>> 29;
    return (int) (h & (CACHE_SIZE - 1));
  }

  /** Builds the result of the rules that fired; {@code o} is given only on the slow path. */
  private Classification build(long firedLo, long firedHi, Observation o) {
    List<Rationale> rationale = new ArrayList<>();
    if (o != null) {
      inputs(o, rationale);
    }
    int best = CompiledRule.NO_CATEGORY;
    int urgency = Integer.MAX_VALUE;
    EnumSet<EventClass> eventClasses = EnumSet.noneOf(EventClass.class);
    EnumSet<Aspect> aspects = EnumSet.noneOf(Aspect.class);
    Map<CauseItem, Cause> causes = new LinkedHashMap<>();
    List<RegulatoryFlag> flags = new ArrayList<>();
    for (int i = 0; i < rules.length; i++) {
      boolean fired = i < 64 ? (firedLo & (1L << i)) != 0 : (firedHi & (1L << (i - 64))) != 0;
      if (!fired) {
        continue;
      }
      CompiledRule r = rules[i];
      rationale.add(r.rationale);
      best = Math.min(best, r.category);
      urgency = Math.min(urgency, r.urgency);
      eventClasses.addAll(r.eventClasses);
      aspects.addAll(r.aspects);
      for (Cause c : r.causes) {
        causes.putIfAbsent(c.item(), c);
      }
      if (r.flag != null) {
        flags.add(r.flag);
      }
    }
    if (o != null) {
      for (CauseItem item : o.confirmedCauses()) {
        Cause derived = causes.get(item);
        causes.put(
            item,
            derived != null
                ? derived.withCertainty(Certainty.CONFIRMED)
                : new Cause(
                    item.group().orElse(CauseGroup.OTHER), item, Certainty.CONFIRMED, null));
      }
    }
    boolean inScope = best != CompiledRule.NO_CATEGORY;
    if (!inScope) {
      return new Classification(
          false, null, List.of(), List.of(), List.of(), Urgency.ROUTINE, flags, rationale);
    }
    return new Classification(
        true,
        CATEGORIES[best],
        List.copyOf(eventClasses),
        List.copyOf(causes.values()),
        List.copyOf(aspects),
        urgency == Integer.MAX_VALUE ? Urgency.ROUTINE : URGENCIES[urgency],
        flags,
        rationale);
  }

  private void inputs(Observation o, List<Rationale> rationale) {
    List<String> unknown = new ArrayList<>();
    for (String s : o.signals()) {
      if (!signalIndex.containsKey(s)) {
        unknown.add(s);
      }
    }
    if (!unknown.isEmpty()) {
      String codes = String.join(", ", unknown);
      rationale.add(
          new Rationale(
              "input.unknown-signal",
              "未知のシグナル(" + codes + ")を受け取った。判断材料として記録し、「疑わしきは共有」の原則で扱う。",
              "Unknown signals ("
                  + codes
                  + ") were received: they are kept and treated by the"
                  + " \"when in doubt, share\" principle."));
    }
    Sector sector = o.sector();
    if (sector != null && !sector.isKnown()) {
      rationale.add(
          new Rationale(
              "input.unknown-sector",
              "分野コード "
                  + sector.code()
                  + " は分野一覧("
                  + Sector.CODE_LIST_VERSION
                  + "年版)にないため、分野別のプロファイルは適用しない。",
              "Sector code "
                  + sector.code()
                  + " is not in the code list ("
                  + Sector.CODE_LIST_VERSION
                  + "): no sector profile applies."));
    }
    if (!o.confirmedCauses().isEmpty()) {
      StringBuilder codes = new StringBuilder();
      for (CauseItem item : o.confirmedCauses()) {
        codes.append(codes.length() == 0 ? "" : ", ").append(item.code());
      }
      rationale.add(
          new Rationale(
              "input.confirmed-cause",
              "観測で確定とされた要因(" + codes + ")は「確定」とする。",
              "Causes the observation marks as confirmed (" + codes + ") are confirmed."));
    }
  }

  private static final class Cached {
    final long lo;
    final long hi;
    final Classification value;

    Cached(long lo, long hi, Classification value) {
      this.lo = lo;
      this.hi = hi;
      this.value = value;
    }
  }
}
