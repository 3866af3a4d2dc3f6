package org.cisharing.internal.scope;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cisharing.Violation;
import org.cisharing.internal.json.JsonCodec;
import org.cisharing.scope.ScopeRulesException;

/**
 * A parsed rule file, or the merge of several: signals, rules and profiles keyed by code or id in
 * evaluation order, each entry remembering the file and JSON pointer it came from so that errors
 * found when compiling can name them. Immutable once built.
 */
public final class RuleDocument {
  static final String SCHEMA = "cisharing.scope-rules/1";
  static final Pattern ID = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");
  private static final Set<String> TOP_KEYS =
      Set.of("schema", "version", "note", "signals", "rules", "profiles");

  /** One signal, rule or profile with where it was (last) written. */
  record Entry(ObjectNode node, String source, String pointer) {}

  final String version;
  final Map<String, Entry> signals;
  final Map<String, Entry> rules;
  final Map<String, Entry> profiles;

  private RuleDocument(
      String version,
      Map<String, Entry> signals,
      Map<String, Entry> rules,
      Map<String, Entry> profiles) {
    this.version = version;
    this.signals = signals;
    this.rules = rules;
    this.profiles = profiles;
  }

  /** The version string of the (last overlaid) file that declared one. */
  public String version() {
    return version;
  }

  /**
   * Parses one rule file, checking its structure: the schema, known top-level keys, and that every
   * signal has a code and every rule and profile an id, unique within the file.
   *
   * @throws ScopeRulesException naming the source and every structural problem
   */
  public static RuleDocument parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = JsonCodec.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new ScopeRulesException(
          source,
          List.of(new Violation("", "malformed JSON" + where + ": " + e.getOriginalMessage())));
    } catch (IOException e) {
      throw new ScopeRulesException(
          source, List.of(new Violation("", "cannot read: " + e.getMessage())));
    }
    List<Violation> problems = new ArrayList<>();
    if (root == null || !root.isObject()) {
      throw new ScopeRulesException(source, List.of(new Violation("", "expected a JSON object")));
    }
    JsonNode schema = root.get("schema");
    if (schema == null || !schema.isTextual() || !schema.asText().equals(SCHEMA)) {
      problems.add(
          new Violation(
              "/schema",
              "expected \"schema\": \""
                  + SCHEMA
                  + "\", found "
                  + (schema == null ? "none" : schema.toString())));
    }
    for (Map.Entry<String, JsonNode> field : root.properties()) {
      String key = field.getKey();
      if (!TOP_KEYS.contains(key)) {
        problems.add(
            new Violation("/" + key, "unknown key '" + key + "', expected one of " + TOP_KEYS));
      }
    }
    String version = null;
    JsonNode v = root.get("version");
    if (v != null) {
      if (v.isTextual()) {
        version = v.asText();
      } else {
        problems.add(new Violation("/version", "expected a string"));
      }
    }
    Map<String, Entry> signals = entries(root, "signals", "code", "signal", source, problems);
    Map<String, Entry> rules = entries(root, "rules", "id", "rule", source, problems);
    Map<String, Entry> profiles = entries(root, "profiles", "id", "profile", source, problems);
    for (String id : rules.keySet()) {
      if (profiles.containsKey(id)) {
        problems.add(
            new Violation(
                profiles.get(id).pointer() + "/id",
                "profile '"
                    + id
                    + "': a rule has the same id; ids must be unique across rules and profiles"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ScopeRulesException(source, problems);
    }
    return new RuleDocument(version, signals, rules, profiles);
  }

  private static Map<String, Entry> entries(
      JsonNode root,
      String field,
      String key,
      String what,
      String source,
      List<Violation> problems) {
    Map<String, Entry> out = new LinkedHashMap<>();
    JsonNode list = root.get(field);
    if (list == null) {
      return out;
    }
    if (!list.isArray()) {
      problems.add(new Violation("/" + field, "expected an array"));
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      String pointer = "/" + field + "/" + i;
      JsonNode node = list.get(i);
      if (!node.isObject()) {
        problems.add(new Violation(pointer, what + " #" + i + ": expected an object"));
        continue;
      }
      JsonNode id = node.get(key);
      if (id == null || !id.isTextual() || !ID.matcher(id.asText()).matches()) {
        problems.add(
            new Violation(
                pointer + "/" + key,
                what
                    + " #"
                    + i
                    + ": missing or invalid "
                    + key
                    + " "
                    + (id == null ? "" : id.toString())
                    + "; expected lower-case letters and digits separated by '.' or '-'"));
        continue;
      }
      String name = id.asText();
      if (name.startsWith("input.")) {
        problems.add(
            new Violation(
                pointer + "/" + key,
                what
                    + " '"
                    + name
                    + "': ids starting with 'input.' are reserved for the classifier's own"
                    + " checks"));
        continue;
      }
      if (out.containsKey(name)) {
        problems.add(
            new Violation(
                pointer + "/" + key,
                what
                    + " '"
                    + name
                    + "': duplicate "
                    + key
                    + ", first at "
                    + out.get(name).pointer()));
        continue;
      }
      out.put(name, new Entry((ObjectNode) node, source, pointer));
    }
    return out;
  }

  /**
   * This document with {@code top} laid over it: an entry with a new id is appended, one with an
   * existing id is deep-merged into the existing entry (objects merge key by key, other values
   * replace, a JSON {@code null} removes the key) and keeps its place in the order.
   */
  public RuleDocument overlay(RuleDocument top) {
    return new RuleDocument(
        top.version != null ? top.version : version,
        merge(signals, top.signals),
        merge(rules, top.rules),
        merge(profiles, top.profiles));
  }

  private static Map<String, Entry> merge(Map<String, Entry> base, Map<String, Entry> top) {
    Map<String, Entry> out = new LinkedHashMap<>(base);
    for (Map.Entry<String, Entry> e : top.entrySet()) {
      Entry old = out.get(e.getKey());
      Entry add = e.getValue();
      if (old == null) {
        out.put(e.getKey(), add);
      } else {
        ObjectNode merged = old.node().deepCopy();
        deepMerge(merged, add.node());
        out.put(e.getKey(), new Entry(merged, add.source(), add.pointer()));
      }
    }
    return out;
  }

  private static void deepMerge(ObjectNode base, ObjectNode top) {
    for (Map.Entry<String, JsonNode> f : top.properties()) {
      JsonNode old = base.get(f.getKey());
      JsonNode value = f.getValue();
      if (value.isNull()) {
        base.remove(f.getKey());
      } else if (old != null && old.isObject() && value.isObject()) {
        ObjectNode copy = old.deepCopy();
        deepMerge(copy, (ObjectNode) value);
        base.set(f.getKey(), copy);
      } else {
        base.set(f.getKey(), value.deepCopy());
      }
    }
  }
}
