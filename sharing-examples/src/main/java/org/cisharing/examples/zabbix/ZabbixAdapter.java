package org.cisharing.examples.zabbix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cisharing.ValidationException;
import org.cisharing.Violation;
import org.cisharing.examples.alertmanager.AlertmanagerAdapter;
import org.cisharing.json.DocumentFormatException;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ObservedSystem;

/**
 * Turns a Zabbix webhook call into an {@link Observation}. Zabbix posts whatever the media type's
 * script sends; this adapter reads the document built from these macros (Zabbix 6.0 or later):
 *
 * <pre>{@code
 * {"event_id": "{EVENT.ID}", "event_value": "{EVENT.VALUE}", "event_update_status": "{EVENT.UPDATE.STATUS}",
 *  "event_name": "{EVENT.NAME}", "event_severity": "{EVENT.SEVERITY}",
 *  "event_date": "{EVENT.DATE}", "event_time": "{EVENT.TIME}", "event_tags": {EVENT.TAGSJSON},
 *  "host_name": "{HOST.NAME}", "host_ip": "{HOST.IP}", "trigger_id": "{TRIGGER.ID}"}
 * }</pre>
 *
 * <p>Only problem events ({@code event_value} 1, not an update) give an observation; recoveries and
 * acknowledgements give none. Signal codes come from {@code signal} tags when the trigger has them
 * (the recommended way: tag your triggers), else from the trigger name through {@link
 * #NAME_PATTERNS} (Zabbix's stock template names), else from the trigger name in kebab-case, which
 * the classifier keeps as an unknown signal. Tags {@code system}, {@code system_kind} and {@code
 * impact} work as in {@link AlertmanagerAdapter}; Zabbix's severity is kept as an attribute, not
 * read as service impact. {@code event_tags} may be a JSON array or a string holding one (Zabbix
 * passes parameters as strings).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class ZabbixAdapter {
  /**
   * Phrases of Zabbix's stock trigger names (lower case, matched as substrings, first match wins)
   * and the signal code each stands for.
   */
  public static final Map<String, String> NAME_PATTERNS = namePatterns();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu.MM.dd");

  private final Sector sector;
  private final SystemKind defaultKind;
  private final ZoneId zone;

  private ZabbixAdapter(Sector sector, SystemKind defaultKind, ZoneId zone) {
    this.sector = sector;
    this.defaultKind = defaultKind;
    this.zone = zone;
  }

  /**
   * An adapter.
   *
   * @param sector the operator's sector
   * @param defaultKind the kind of hosts without a {@code system_kind} tag
   * @param zone the Zabbix server's time zone, in which {@code {EVENT.DATE}} and {@code {EVENT.TIME}} are written
   */
  public static ZabbixAdapter of(Sector sector, SystemKind defaultKind, ZoneId zone) {
    return new ZabbixAdapter(Objects.requireNonNull(sector, "sector"), Objects.requireNonNull(defaultKind, "defaultKind"),
        Objects.requireNonNull(zone, "zone"));
  }

  /**
   * Reads one webhook call.
   *
   * @return the observation, or empty for a recovery or an update
   * @throws DocumentFormatException listing every problem with its JSON pointer
   */
  public Optional<Observation> observation(String webhookJson) {
    Objects.requireNonNull(webhookJson, "webhookJson");
    JsonNode root;
    try {
      root = JSON.readTree(webhookJson);
    } catch (JsonProcessingException e) {
      throw new DocumentFormatException("Zabbix webhook", List.of(new Violation("", "not JSON: " + e.getOriginalMessage())));
    }
    if (root == null || !root.isObject()) {
      throw new DocumentFormatException("Zabbix webhook", List.of(new Violation("", "expected a JSON object")));
    }
    List<Violation> violations = new ArrayList<>();
    String value = text(root, "event_value");
    if (value == null) {
      violations.add(new Violation("/event_value", "required: {EVENT.VALUE}, 1 for a problem, 0 for a recovery"));
    } else if (!value.equals("1") && !value.equals("0")) {
      violations.add(new Violation("/event_value", "expected 1 or 0, was " + value + " (macro not expanded?)"));
    }
    String name = text(root, "event_name");
    if (name == null) {
      violations.add(new Violation("/event_name", "required: {EVENT.NAME}"));
    }
    Map<String, List<String>> tags = tags(root.get("event_tags"), violations);
    if (!violations.isEmpty()) {
      throw new DocumentFormatException("Zabbix webhook", violations);
    }
    if (value.equals("0") || "1".equals(text(root, "event_update_status"))) {
      return Optional.empty();
    }
    Observation.Builder b = Observation.builder().source("zabbix").sector(sector);
    b.signals(signals(name, tags).toArray(new String[0]));
    String date = text(root, "event_date");
    String time = text(root, "event_time");
    if (date != null && time != null) {
      try {
        b.observedAt(LocalDate.parse(date, DATE).atTime(LocalTime.parse(time)).atZone(zone).toOffsetDateTime());
      } catch (DateTimeParseException e) {
        violations.add(new Violation("/event_date", "expected yyyy.MM.dd and HH:mm:ss, was " + date + " " + time));
      }
    }
    SystemKind kind = defaultKind;
    String kindTag = first(tags, "system_kind");
    if (kindTag != null) {
      try {
        kind = SystemKind.of(kindTag);
      } catch (IllegalArgumentException e) {
        violations.add(new Violation("/event_tags (system_kind)", e.getMessage()));
      }
    }
    String system = first(tags, "system");
    b.system(new ObservedSystem(kind, system != null ? system : text(root, "host_name"), null, null, null));
    String impact = first(tags, "impact");
    if (impact != null) {
      try {
        b.serviceImpact(ImpactLevel.of(impact));
      } catch (IllegalArgumentException e) {
        violations.add(new Violation("/event_tags (impact)", e.getMessage()));
      }
    }
    b.attribute("trigger", name);
    copy(root, "event_id", b);
    copy(root, "trigger_id", b);
    copy(root, "event_severity", b);
    copy(root, "host_ip", b);
    Observation o = null;
    try {
      o = b.build();
    } catch (ValidationException e) {
      for (Violation v : e.violations()) {
        violations.add(new Violation("(observation " + v.pointer() + ")", v.message()));
      }
    }
    if (!violations.isEmpty()) {
      throw new DocumentFormatException("Zabbix webhook", violations);
    }
    return Optional.of(o);
  }

  private static List<String> signals(String name, Map<String, List<String>> tags) {
    List<String> tagged = tags.getOrDefault("signal", List.of());
    if (!tagged.isEmpty()) {
      return tagged;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (Map.Entry<String, String> e : NAME_PATTERNS.entrySet()) {
      if (lower.contains(e.getKey())) {
        return List.of(e.getValue());
      }
    }
    return List.of(AlertmanagerAdapter.kebab(name));
  }

  private static Map<String, List<String>> tags(JsonNode node, List<Violation> violations) {
    Map<String, List<String>> tags = new LinkedHashMap<>();
    if (node == null || node.isNull() || node.isTextual() && node.asText().isBlank()) {
      return tags;
    }
    JsonNode list = node;
    if (node.isTextual()) {
      try {
        list = JSON.readTree(node.asText());
      } catch (JsonProcessingException e) {
        violations.add(new Violation("/event_tags", "not a JSON array of {tag, value}: " + e.getOriginalMessage()));
        return tags;
      }
    }
    if (!list.isArray()) {
      violations.add(new Violation("/event_tags", "expected an array of {tag, value} ({EVENT.TAGSJSON})"));
      return tags;
    }
    for (JsonNode t : list) {
      String tag = text(t, "tag");
      String value = text(t, "value");
      if (tag != null && value != null) {
        tags.computeIfAbsent(tag.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
      }
    }
    return tags;
  }

  private static String first(Map<String, List<String>> tags, String tag) {
    List<String> values = tags.get(tag);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }

  private static void copy(JsonNode node, String field, Observation.Builder b) {
    String v = text(node, field);
    if (v != null) {
      b.attribute(field, v);
    }
  }

  private static Map<String, String> namePatterns() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("unavailable by icmp ping", "service-down");
    m.put("is not available", "service-down");
    m.put("service is down", "service-down");
    m.put("is down", "service-down");
    m.put("link down", "service-down");
    m.put("failover", "failover-failed");
    m.put("power supply", "hardware-failure");
    m.put("fan is in critical state", "hardware-failure");
    m.put("disk failure", "hardware-failure");
    m.put("raid", "hardware-failure");
    m.put("space is critically low", "capacity-exhausted");
    m.put("space is low", "capacity-exhausted");
    m.put("lack of available memory", "capacity-exhausted");
    m.put("response time is too high", "latency-high");
    m.put("high icmp ping response time", "latency-high");
    m.put("high error rate", "error-rate-high");
    m.put("port scan", "port-scan");
    return java.util.Collections.unmodifiableMap(m);
  }
}
