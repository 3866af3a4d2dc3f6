package org.cisharing.internal.scope;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cisharing.Violation;
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
import org.cisharing.scope.Rationale;
import org.cisharing.scope.RegulatoryFlag;
import org.cisharing.scope.ScopeRulesException;
import org.cisharing.scope.Urgency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Compiles a merged {@link RuleDocument} into a {@link RuleEngine}, collecting every problem. */
final class RuleCompiler {
  static final int MAX_SIGNALS = 128;
  static final int MAX_RULES = 128;

  private static final Logger LOG = LoggerFactory.getLogger(RuleCompiler.class);
  private static final Set<String> SIGNAL_KEYS = Set.of("code", "tags", "ja", "en", "note");
  private static final Set<String> RULE_KEYS =
      Set.of("id", "phase", "when", "then", "ja", "en", "disabled", "note");
  private static final Set<String> PROFILE_KEYS =
      Set.of("id", "sectors", "when", "thresholds", "then", "flag", "ja", "en", "disabled", "note");
  private static final Set<String> WHEN_KEYS =
      new LinkedHashSet<>(
          List.of(
              "anySignal",
              "allSignals",
              "noneOfSignals",
              "anyTag",
              "noneOfTags",
              "onlyTags",
              "otherThanTags",
              "noSignal",
              "unknownSignal",
              "serviceImpact",
              "systemKind",
              "sectors",
              "usersAtLeast",
              "durationAtLeast",
              "upstreamSector",
              "attributes",
              "inScopeSoFar",
              "hasCauseSoFar",
              "categorySoFar"));
  private static final Set<String> THEN_KEYS =
      new LinkedHashSet<>(List.of("category", "eventClasses", "causes", "aspects", "urgency"));
  private static final Set<String> THRESHOLD_KEYS =
      new LinkedHashSet<>(List.of("usersAtLeast", "durationAtLeast"));
  private static final Set<String> FLAG_KEYS = Set.of("ja", "en", "deadlines");
  private static final Set<String> DEADLINE_KEYS = Set.of("id", "within", "ja", "en");

  private final String reportSource;
  private final List<Violation> problems = new ArrayList<>();
  private final Map<String, Integer> signalIndex = new LinkedHashMap<>();
  private final Map<String, long[]> tagMasks = new LinkedHashMap<>();

  // The entry being compiled, for error messages.
  private RuleDocument.Entry entry;
  private String what;
  private String id;

  private RuleCompiler(String reportSource) {
    this.reportSource = reportSource;
  }

  static RuleEngine compile(RuleDocument doc, String reportSource) {
    RuleCompiler c = new RuleCompiler(reportSource);
    c.signals(doc.signals);
    List<CompiledRule> classify = new ArrayList<>();
    List<CompiledRule> fallback = new ArrayList<>();
    List<CompiledRule> profiles = new ArrayList<>();
    for (Map.Entry<String, RuleDocument.Entry> e : doc.rules.entrySet()) {
      CompiledRule r = c.rule(e.getKey(), e.getValue(), false);
      if (r != null) {
        (r.phase == CompiledRule.PHASE_FALLBACK ? fallback : classify).add(r);
      }
    }
    for (Map.Entry<String, RuleDocument.Entry> e : doc.profiles.entrySet()) {
      CompiledRule r = c.rule(e.getKey(), e.getValue(), true);
      if (r != null) {
        profiles.add(r);
      }
    }
    List<CompiledRule> all = new ArrayList<>(classify);
    all.addAll(fallback);
    all.addAll(profiles);
    if (all.size() > MAX_RULES) {
      c.problems.add(
          new Violation(
              "/rules",
              "more than " + MAX_RULES + " enabled rules and profiles (" + all.size() + ")"));
    }
    if (!c.problems.isEmpty()) {
      throw new ScopeRulesException(reportSource, c.problems);
    }
    return new RuleEngine(c.signalIndex, all, doc.version());
  }

  // ---------------------------------------------------------------- signals

  private void signals(Map<String, RuleDocument.Entry> signals) {
    if (signals.size() > MAX_SIGNALS) {
      problems.add(
          new Violation(
              "/signals", "more than " + MAX_SIGNALS + " signals (" + signals.size() + ")"));
      return;
    }
    for (Map.Entry<String, RuleDocument.Entry> e : signals.entrySet()) {
      begin(e.getValue(), "signal", e.getKey());
      JsonNode node = entry.node();
      unknownKeys(node, SIGNAL_KEYS, "");
      text(node, "ja");
      text(node, "en");
      int index = signalIndex.size();
      signalIndex.put(id, index);
      JsonNode tags = node.get("tags");
      if (tags == null) {
        continue;
      }
      for (String tag : strings(tags, "/tags")) {
        if (!RuleDocument.ID.matcher(tag).matches()) {
          problem("/tags", "invalid tag '" + tag + "': expected lower-case kebab-case");
          continue;
        }
        long[] mask = tagMasks.computeIfAbsent(tag, t -> new long[2]);
        mask[index >>> 6] |= 1L << (index & 63);
      }
    }
  }

  // ---------------------------------------------------------------- rules and profiles

  private CompiledRule rule(String ruleId, RuleDocument.Entry e, boolean profile) {
    begin(e, profile ? "profile" : "rule", ruleId);
    JsonNode node = e.node();
    unknownKeys(node, profile ? PROFILE_KEYS : RULE_KEYS, "");
    JsonNode disabled = node.get("disabled");
    if (disabled != null) {
      if (!disabled.isBoolean()) {
        problem("/disabled", "expected true or false");
      } else if (disabled.booleanValue()) {
        return null;
      }
    }
    int phase = CompiledRule.PHASE_PROFILE;
    if (!profile) {
      phase = CompiledRule.PHASE_CLASSIFY;
      JsonNode p = node.get("phase");
      String name = p == null ? "classify" : p.isTextual() ? p.asText() : "";
      if (name.equals("fallback")) {
        phase = CompiledRule.PHASE_FALLBACK;
      } else if (!name.equals("classify")) {
        problem("/phase", "expected \"classify\" or \"fallback\", found " + p);
      }
    }
    CompiledRule r = new CompiledRule(ruleId, phase);
    String ja = text(node, "ja");
    String en = text(node, "en");
    if (ja != null && en != null) {
      r.rationale = new Rationale(ruleId, ja, en);
    }
    JsonNode when = node.get("when");
    if (when != null && !when.isObject()) {
      problem("/when", "expected an object");
    } else if (when != null) {
      unknownKeys(when, WHEN_KEYS, "/when");
      when(r, when, "/when");
    }
    if (profile) {
      JsonNode sectors = node.get("sectors");
      if (sectors != null) {
        if (r.sectors != null) {
          problem("/sectors", "sectors is given both in the profile and in its when");
        }
        r.sectors = sectors(sectors, "/sectors");
      }
      JsonNode thresholds = node.get("thresholds");
      if (thresholds != null && !thresholds.isObject()) {
        problem("/thresholds", "expected an object");
      } else if (thresholds != null) {
        unknownKeys(thresholds, THRESHOLD_KEYS, "/thresholds");
        for (String key : THRESHOLD_KEYS) {
          if (thresholds.has(key) && when != null && when.has(key)) {
            problem("/thresholds/" + key, key + " is given both in thresholds and in when");
          }
        }
        when(r, thresholds, "/thresholds");
      }
      r.flag = flag(node.get("flag"));
    }
    JsonNode then = node.get("then");
    if (then != null && !then.isObject()) {
      problem("/then", "expected an object");
    } else if (then != null) {
      unknownKeys(then, THEN_KEYS, "/then");
      then(r, then);
    }
    return r;
  }

  private void when(CompiledRule r, JsonNode when, String at) {
    for (Map.Entry<String, JsonNode> f : when.properties()) {
      String key = f.getKey();
      JsonNode v = f.getValue();
      String p = at + "/" + key;
      switch (key) {
        case "anySignal":
          {
            long[] m = signalMask(v, p);
            r.anyLo = m[0];
            r.anyHi = m[1];
            r.hasAny = true;
            break;
          }
        case "allSignals":
          {
            long[] m = signalMask(v, p);
            r.allLo |= m[0];
            r.allHi |= m[1];
            break;
          }
        case "noneOfSignals":
          {
            long[] m = signalMask(v, p);
            r.noneLo |= m[0];
            r.noneHi |= m[1];
            break;
          }
        case "anyTag":
          {
            long[] m = tagMask(v, p);
            r.anyTagLo = m[0];
            r.anyTagHi = m[1];
            r.hasAnyTag = true;
            break;
          }
        case "noneOfTags":
          {
            long[] m = tagMask(v, p);
            r.noneLo |= m[0];
            r.noneHi |= m[1];
            break;
          }
        case "onlyTags":
          {
            long[] m = tagMask(v, p);
            r.onlyLo = m[0];
            r.onlyHi = m[1];
            r.hasOnly = true;
            break;
          }
        case "otherThanTags":
          {
            long[] m = tagMask(v, p);
            r.otherLo = m[0];
            r.otherHi = m[1];
            r.hasOther = true;
            break;
          }
        case "noSignal":
          r.noSignal = bool(v, p);
          break;
        case "unknownSignal":
          r.unknownSignal = bool(v, p);
          break;
        case "upstreamSector":
          r.upstreamSector = bool(v, p);
          break;
        case "inScopeSoFar":
          r.inScopeSoFar = bool(v, p);
          break;
        case "hasCauseSoFar":
          r.hasCauseSoFar = bool(v, p);
          break;
        case "serviceImpact":
          for (ImpactLevel i : codes(v, p, ImpactLevel::of)) {
            r.impactMask |= 1 << i.ordinal();
          }
          break;
        case "systemKind":
          for (SystemKind k : codes(v, p, SystemKind::of)) {
            r.kindMask |= 1 << k.ordinal();
          }
          break;
        case "categorySoFar":
          for (Category c : codes(v, p, Category::of)) {
            r.categorySoFarMask |= 1 << c.ordinal();
          }
          break;
        case "sectors":
          r.sectors = sectors(v, p);
          break;
        case "usersAtLeast":
          if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
            problem(p, "expected a whole number of users, 0 or more, found " + v);
          } else {
            r.usersAtLeast = v.longValue();
          }
          break;
        case "durationAtLeast":
          r.durationAtLeast = duration(v, p);
          break;
        case "attributes":
          attributes(r, v, p);
          break;
        default:
          break; // reported by unknownKeys
      }
    }
  }

  private void then(CompiledRule r, JsonNode then) {
    JsonNode category = then.get("category");
    if (category != null) {
      Category c = code(category, "/then/category", Category::of);
      if (c != null) {
        r.category = c.ordinal();
      }
    }
    JsonNode urgency = then.get("urgency");
    if (urgency != null) {
      Urgency u = code(urgency, "/then/urgency", Urgency::of);
      if (u != null) {
        r.urgency = u.ordinal();
      }
    }
    JsonNode eventClasses = then.get("eventClasses");
    if (eventClasses != null) {
      EnumSet<EventClass> set = EnumSet.noneOf(EventClass.class);
      set.addAll(codes(eventClasses, "/then/eventClasses", EventClass::of));
      r.eventClasses = List.copyOf(set);
    }
    JsonNode aspects = then.get("aspects");
    if (aspects != null) {
      EnumSet<Aspect> set = EnumSet.noneOf(Aspect.class);
      set.addAll(codes(aspects, "/then/aspects", Aspect::of));
      r.aspects = List.copyOf(set);
    }
    JsonNode causes = then.get("causes");
    if (causes != null) {
      r.causes = causes(causes);
    }
  }

  private List<Cause> causes(JsonNode causes) {
    if (!causes.isArray()) {
      problem("/then/causes", "expected an array");
      return List.of();
    }
    Map<CauseItem, Cause> out = new LinkedHashMap<>();
    for (int i = 0; i < causes.size(); i++) {
      JsonNode c = causes.get(i);
      String p = "/then/causes/" + i;
      String itemCode;
      CauseGroup group = null;
      if (c.isTextual()) {
        itemCode = c.asText();
      } else if (c.isObject()) {
        unknownKeys(c, Set.of("item", "group"), p);
        JsonNode item = c.get("item");
        if (item == null || !item.isTextual()) {
          problem(p + "/item", "expected a cause item code");
          continue;
        }
        itemCode = item.asText();
        JsonNode g = c.get("group");
        if (g != null) {
          group = code(g, p + "/group", CauseGroup::of);
          if (group == null) {
            continue;
          }
        }
      } else {
        problem(p, "expected a cause item code or {\"item\": ..., \"group\": ...}");
        continue;
      }
      CauseItem item;
      try {
        item = CauseItem.of(itemCode);
      } catch (IllegalArgumentException ex) {
        problem(p, ex.getMessage());
        continue;
      }
      if (group == null) {
        if (item.group().isEmpty()) {
          problem(
              p,
              "cause item '"
                  + item
                  + "' is not in the vocabulary; give its group as {\"item\": \""
                  + item
                  + "\", \"group\": \"intentional|accidental|environmental|other\"}");
          continue;
        }
        group = item.group().get();
      }
      try {
        out.putIfAbsent(item, new Cause(group, item, Certainty.SUSPECTED, null));
      } catch (IllegalArgumentException ex) {
        problem(p, ex.getMessage());
      }
    }
    return List.copyOf(out.values());
  }

  private RegulatoryFlag flag(JsonNode flag) {
    if (flag == null) {
      problem("/flag", "a profile needs a flag: {\"ja\": ..., \"en\": ..., \"deadlines\": [...]}");
      return null;
    }
    if (!flag.isObject()) {
      problem("/flag", "expected an object");
      return null;
    }
    unknownKeys(flag, FLAG_KEYS, "/flag");
    String ja = text(flag, "ja", "/flag/ja");
    String en = text(flag, "en", "/flag/en");
    List<RegulatoryFlag.Deadline> deadlines = new ArrayList<>();
    JsonNode list = flag.get("deadlines");
    if (list != null && !list.isArray()) {
      problem("/flag/deadlines", "expected an array");
    } else if (list != null) {
      for (int i = 0; i < list.size(); i++) {
        String p = "/flag/deadlines/" + i;
        JsonNode d = list.get(i);
        if (!d.isObject()) {
          problem(p, "expected an object");
          continue;
        }
        unknownKeys(d, DEADLINE_KEYS, p);
        String did = text(d, "id", p + "/id");
        Duration within = d.has("within") ? duration(d.get("within"), p + "/within") : null;
        if (!d.has("within")) {
          problem(p + "/within", "missing; an ISO 8601 duration, PT0S for \"without delay\"");
        }
        String dja = text(d, "ja", p + "/ja");
        String den = text(d, "en", p + "/en");
        if (did != null && within != null && dja != null && den != null) {
          deadlines.add(new RegulatoryFlag.Deadline(did, within, dja, den));
        }
      }
    }
    return ja == null || en == null ? null : new RegulatoryFlag(id, ja, en, deadlines);
  }

  // ---------------------------------------------------------------- value helpers

  private long[] signalMask(JsonNode v, String p) {
    long[] mask = new long[2];
    List<String> codes = strings(v, p);
    if (codes.isEmpty() && v.isArray()) {
      problem(p, "empty list: the condition could never hold");
    }
    for (int i = 0; i < codes.size(); i++) {
      Integer index = signalIndex.get(codes.get(i));
      if (index == null) {
        problem(
            p + "/" + i,
            "unknown signal '" + codes.get(i) + "'; declare it under \"signals\" first");
      } else {
        mask[index >>> 6] |= 1L << (index & 63);
      }
    }
    return mask;
  }

  private long[] tagMask(JsonNode v, String p) {
    long[] mask = new long[2];
    List<String> tags = strings(v, p);
    if (tags.isEmpty() && v.isArray()) {
      problem(p, "empty list: the condition could never hold");
    }
    for (int i = 0; i < tags.size(); i++) {
      long[] m = tagMasks.get(tags.get(i));
      if (m == null) {
        problem(p + "/" + i, "unknown tag '" + tags.get(i) + "'; known tags: " + tagMasks.keySet());
      } else {
        mask[0] |= m[0];
        mask[1] |= m[1];
      }
    }
    return mask;
  }

  private String[] sectors(JsonNode v, String p) {
    List<String> codes = strings(v, p);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < codes.size(); i++) {
      try {
        Sector s = Sector.of(codes.get(i));
        if (!s.isKnown()) {
          LOG.warn(
              "{} '{}' in {}: sector '{}' is not in the code list {}; it matches only observations"
                  + " that carry that exact code",
              what,
              id,
              entry.source(),
              s,
              Sector.CODE_LIST_VERSION);
        }
        out.add(s.code());
      } catch (IllegalArgumentException ex) {
        problem(p + "/" + i, ex.getMessage());
      }
    }
    if (codes.isEmpty() && v.isArray()) {
      problem(p, "expected a non-empty list of sector codes, e.g. [\"INFO_COMM\"]");
    }
    return out.toArray(new String[0]);
  }

  private void attributes(CompiledRule r, JsonNode v, String p) {
    if (!v.isObject() || v.isEmpty()) {
      problem(p, "expected a non-empty object of attribute name to exact value");
      return;
    }
    List<String> keys = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, JsonNode> f : v.properties()) {
      if (!f.getValue().isTextual()) {
        problem(p + "/" + f.getKey(), "expected a string value");
      } else {
        keys.add(f.getKey());
        values.add(f.getValue().asText());
      }
    }
    r.attributeKeys = keys.toArray(new String[0]);
    r.attributeValues = values.toArray(new String[0]);
  }

  private Duration duration(JsonNode v, String p) {
    if (!v.isTextual()) {
      problem(p, "expected an ISO 8601 duration string, e.g. \"PT1H\", found " + v);
      return null;
    }
    try {
      Duration d = Duration.parse(v.asText());
      if (d.isNegative()) {
        problem(p, "negative duration " + v.asText());
        return null;
      }
      return d;
    } catch (DateTimeParseException ex) {
      problem(p, "'" + v.asText() + "' is not an ISO 8601 duration such as \"PT1H\" or \"P30D\"");
      return null;
    }
  }

  private int bool(JsonNode v, String p) {
    if (!v.isBoolean()) {
      problem(p, "expected true or false, found " + v);
      return CompiledRule.ANY;
    }
    return v.booleanValue() ? 1 : 0;
  }

  private <T> T code(JsonNode v, String p, Function<String, T> parse) {
    if (!v.isTextual()) {
      problem(p, "expected a code string, found " + v);
      return null;
    }
    try {
      return parse.apply(v.asText());
    } catch (IllegalArgumentException ex) {
      problem(p, ex.getMessage());
      return null;
    }
  }

  private <T> List<T> codes(JsonNode v, String p, Function<String, T> parse) {
    if (!v.isArray() || v.isEmpty()) {
      problem(p, "expected a non-empty array of codes");
      return List.of();
    }
    List<T> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      T t = code(v.get(i), p + "/" + i, parse);
      if (t != null) {
        out.add(t);
      }
    }
    return out;
  }

  private List<String> strings(JsonNode v, String p) {
    if (!v.isArray()) {
      problem(p, "expected an array of strings");
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < v.size(); i++) {
      if (!v.get(i).isTextual()) {
        problem(p + "/" + i, "expected a string, found " + v.get(i));
      } else {
        out.add(v.get(i).asText());
      }
    }
    return out;
  }

  private String text(JsonNode node, String key) {
    return text(node, key, "/" + key);
  }

  private String text(JsonNode node, String key, String p) {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      problem(
          p,
          "missing or blank '"
              + key
              + "'"
              + ("ja".equals(key) || "en".equals(key)
                  ? " (every rule explains itself in Japanese and English)"
                  : ""));
      return null;
    }
    return v.asText();
  }

  private void unknownKeys(JsonNode node, Set<String> allowed, String at) {
    for (Map.Entry<String, JsonNode> f : node.properties()) {
      if (!allowed.contains(f.getKey())) {
        problem(
            at + "/" + f.getKey(), "unknown key '" + f.getKey() + "', expected one of " + allowed);
      }
    }
  }

  private void begin(RuleDocument.Entry e, String what, String id) {
    this.entry = e;
    this.what = what;
    this.id = id;
  }

  private void problem(String pointer, String message) {
    String from = entry.source().equals(reportSource) ? "" : " (from " + entry.source() + ")";
    problems.add(
        new Violation(entry.pointer() + pointer, what + " '" + id + "'" + from + ": " + message));
  }
}
