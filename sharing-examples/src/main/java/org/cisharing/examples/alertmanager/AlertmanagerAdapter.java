package org.cisharing.examples.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.cisharing.ValidationException;
import org.cisharing.Violation;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.json.DocumentFormatException;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ObservedSystem;

/**
 * Turns a Prometheus Alertmanager webhook payload ({@code "version": "4"}) into {@link
 * Observation}s for an {@link IncidentTracker}: one per <em>firing</em> alert. Resolved alerts give
 * nothing: a resolution is not a new sign of trouble, and the tracker files the final report after
 * its quiet period (or when you call {@code resolve}).
 *
 * <p>How an alert is read:
 *
 * <ul>
 *   <li>{@code alertname} → signal codes through {@link #DEFAULT_SIGNALS} (case-insensitive). An
 *       unknown name becomes its kebab-case form ({@code KubeAPIErrorBudgetBurn} → {@code
 *       kube-api-error-budget-burn}), which the classifier keeps as an unknown signal and, when in
 *       doubt, shares. A {@code signal} label (comma-separated codes) overrides the table: the
 *       simplest way to map your own alert rules.
 *   <li>{@code system} label, else the host part of {@code instance} → the system's name; {@code
 *       system_kind} label ({@code it}, {@code ics}, {@code iot}) → its kind, else the adapter's
 *       default.
 *   <li>{@code impact} label ({@code none}, {@code degraded}, {@code disrupted}) → the service
 *       impact; {@code users_affected} → users affected. {@code severity} is <em>not</em> read as
 *       impact (a "critical" disk alert need not affect the service): it is kept as an attribute.
 *   <li>{@code startsAt} → when it was observed; {@code job}, {@code severity}, {@code
 *       fingerprint} and the annotations {@code summary}, {@code description} → attributes.
 * </ul>
 *
 * <pre>{@code
 * AlertmanagerAdapter adapter = AlertmanagerAdapter.of(Sector.WATER, SystemKind.IT);
 * // in your webhook endpoint (POST /alertmanager):
 * adapter.observations(requestBody).forEach(tracker::observe);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class AlertmanagerAdapter {
  /**
   * Alert names (as the node, blackbox and kube-prometheus exporters and common rule sets name
   * them) and the signal codes they stand for. Keys are lower case.
   *
   * <table>
   *   <caption>Default mapping</caption>
   *   <tr><th>alertname</th><th>signals</th></tr>
   *   <tr><td>InstanceDown, TargetDown, EndpointDown, ServiceDown, ProbeFailed, BlackboxProbeFailed</td><td>service-down</td></tr>
   *   <tr><td>HighErrorRate, HttpErrorRateHigh, High5xxRate</td><td>error-rate-high</td></tr>
   *   <tr><td>HighLatency, HttpLatencyHigh, SlowResponses</td><td>latency-high</td></tr>
   *   <tr><td>TrafficSpike, HighRequestRate, DDoSSuspected, SynFlood</td><td>ddos-traffic</td></tr>
   *   <tr><td>NodeFilesystemAlmostOutOfSpace, NodeFilesystemSpaceFillingUp, DiskFull, NodeMemoryExhausted</td><td>capacity-exhausted</td></tr>
   *   <tr><td>KubePodCrashLooping, ProcessCrashLooping</td><td>process-crash</td></tr>
   *   <tr><td>NodeRAIDDegraded, NodeRAIDDiskFailure, SmartDiskFailure, PowerSupplyFailure, HardwareFailure</td><td>hardware-failure</td></tr>
   *   <tr><td>FailoverFailed, ReplicaFailoverFailed</td><td>failover-failed</td></tr>
   *   <tr><td>PortScanDetected</td><td>port-scan</td></tr>
   *   <tr><td>MalwareDetected</td><td>malware-detected</td></tr>
   *   <tr><td>UnauthorizedPlcWrite, ModbusWriteFromUnknownHost</td><td>unauthorized-command</td></tr>
   *   <tr><td>ProcessValueOutOfRange</td><td>process-value-out-of-range</td></tr>
   *   <tr><td>Watchdog, DeadMansSwitch, InfoInhibitor (always-firing heartbeats)</td><td>test-alert (out of scope)</td></tr>
   * </table>
   */
  public static final Map<String, List<String>> DEFAULT_SIGNALS = defaultSignals();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_SIGNAL = Observation.MAX_SIGNAL_LENGTH;

  private final Sector sector;
  private final SystemKind defaultKind;
  private final Map<String, List<String>> signals;

  private AlertmanagerAdapter(Sector sector, SystemKind defaultKind, Map<String, List<String>> signals) {
    this.sector = sector;
    this.defaultKind = defaultKind;
    this.signals = signals;
  }

  /**
   * An adapter with the default table.
   *
   * @param sector the operator's sector, written into every observation
   * @param defaultKind the kind of systems whose alerts carry no {@code system_kind} label
   */
  public static AlertmanagerAdapter of(Sector sector, SystemKind defaultKind) {
    return new AlertmanagerAdapter(Objects.requireNonNull(sector, "sector"),
        Objects.requireNonNull(defaultKind, "defaultKind"), DEFAULT_SIGNALS);
  }

  /**
   * A copy that also maps {@code alertname} (case-insensitive) to these signal codes, replacing
   * the default mapping of that name.
   */
  public AlertmanagerAdapter map(String alertname, String... signalCodes) {
    Objects.requireNonNull(alertname, "alertname");
    if (signalCodes.length == 0) {
      throw new IllegalArgumentException("map " + alertname + " to at least one signal code");
    }
    Map<String, List<String>> copy = new LinkedHashMap<>(signals);
    copy.put(alertname.toLowerCase(Locale.ROOT), List.of(signalCodes));
    return new AlertmanagerAdapter(sector, defaultKind, Collections.unmodifiableMap(copy));
  }

  /**
   * Reads a webhook payload.
   *
   * @return one observation per firing alert, in the payload's order (empty when all resolved)
   * @throws DocumentFormatException listing every problem (not JSON, no {@code alerts} array, an
   *     alert without {@code alertname}, a bad {@code startsAt}, a label that makes an invalid
   *     observation), each with its JSON pointer
   */
  public List<Observation> observations(String webhookJson) {
    Objects.requireNonNull(webhookJson, "webhookJson");
    JsonNode root;
    try {
      root = JSON.readTree(webhookJson);
    } catch (JsonProcessingException e) {
      throw new DocumentFormatException("Alertmanager webhook",
          List.of(new Violation("", "not JSON: " + e.getOriginalMessage())));
    }
    if (root == null || !root.path("alerts").isArray()) {
      throw new DocumentFormatException("Alertmanager webhook", List.of(new Violation("/alerts", "required array")));
    }
    String receiver = root.path("receiver").asText("");
    String source = receiver.isEmpty() ? "alertmanager" : "alertmanager/" + receiver;
    List<Observation> out = new ArrayList<>();
    List<Violation> violations = new ArrayList<>();
    JsonNode alerts = root.get("alerts");
    for (int i = 0; i < alerts.size(); i++) {
      JsonNode alert = alerts.get(i);
      String at = "/alerts/" + i;
      if (!"firing".equals(alert.path("status").asText("firing"))) {
        continue;
      }
      Observation o = observation(alert, at, source, violations);
      if (o != null) {
        out.add(o);
      }
    }
    if (!violations.isEmpty()) {
      throw new DocumentFormatException("Alertmanager webhook", violations);
    }
    return List.copyOf(out);
  }

  /**
   * Reads a webhook payload and hands each observation to the tracker.
   *
   * @return how many observations the tracker accepted
   * @throws DocumentFormatException as {@link #observations}; nothing is handed over then
   */
  public int forward(String webhookJson, IncidentTracker tracker) {
    Objects.requireNonNull(tracker, "tracker");
    int accepted = 0;
    for (Observation o : observations(webhookJson)) {
      if (tracker.observe(o)) {
        accepted++;
      }
    }
    return accepted;
  }

  private Observation observation(JsonNode alert, String at, String source, List<Violation> violations) {
    JsonNode labels = alert.path("labels");
    String alertname = text(labels, "alertname");
    if (alertname == null) {
      violations.add(new Violation(at + "/labels/alertname", "required"));
      return null;
    }
    Observation.Builder b = Observation.builder().source(source).sector(sector);
    String signalLabel = text(labels, "signal");
    if (signalLabel != null) {
      for (String s : signalLabel.split(",")) {
        if (!s.isBlank()) {
          b.signals(s.strip());
        }
      }
    } else {
      b.signals(signals.getOrDefault(alertname.toLowerCase(Locale.ROOT), List.of(kebab(alertname))).toArray(new String[0]));
    }
    String startsAt = text(alert, "startsAt");
    if (startsAt != null) {
      try {
        b.observedAt(OffsetDateTime.parse(startsAt));
      } catch (DateTimeParseException e) {
        violations.add(new Violation(at + "/startsAt", "not an RFC 3339 time: " + startsAt));
      }
    }
    SystemKind kind = defaultKind;
    String kindLabel = text(labels, "system_kind");
    if (kindLabel != null) {
      try {
        kind = SystemKind.of(kindLabel);
      } catch (IllegalArgumentException e) {
        violations.add(new Violation(at + "/labels/system_kind", e.getMessage()));
      }
    }
    String name = text(labels, "system");
    if (name == null) {
      name = host(text(labels, "instance"));
    }
    b.system(new ObservedSystem(kind, name, null, null, null));
    String impact = text(labels, "impact");
    if (impact != null) {
      try {
        b.serviceImpact(ImpactLevel.of(impact));
      } catch (IllegalArgumentException e) {
        violations.add(new Violation(at + "/labels/impact", e.getMessage()));
      }
    }
    String users = text(labels, "users_affected");
    if (users != null) {
      try {
        b.usersAffected(Long.parseLong(users));
      } catch (NumberFormatException e) {
        violations.add(new Violation(at + "/labels/users_affected", "not a whole number: " + users));
      }
    }
    b.attribute("alertname", alertname);
    copy(labels, "job", b, "job");
    copy(labels, "severity", b, "severity");
    copy(labels, "instance", b, "instance");
    copy(alert, "fingerprint", b, "fingerprint");
    copy(alert.path("annotations"), "summary", b, "summary");
    copy(alert.path("annotations"), "description", b, "description");
    try {
      return b.build();
    } catch (ValidationException e) {
      for (Violation v : e.violations()) {
        violations.add(new Violation(at + " (observation " + v.pointer() + ")", v.message()));
      }
      return null;
    }
  }

  /**
   * The kebab-case signal code for an alert name: {@code KubeAPIErrorBudgetBurn} → {@code
   * kube-api-error-budget-burn}, {@code node_cpu_high} → {@code node-cpu-high}; at most 64
   * characters; {@code unnamed-alert} when nothing is left.
   */
  public static String kebab(String alertname) {
    StringBuilder sb = new StringBuilder(alertname.length() + 8);
    int n = alertname.length();
    for (int i = 0; i < n; i++) {
      char ch = alertname.charAt(i);
      if (!Character.isLetterOrDigit(ch) || ch > 0x7F) {
        sb.append('-');
        continue;
      }
      if (Character.isUpperCase(ch) && i > 0) {
        char prev = alertname.charAt(i - 1);
        boolean nextLower = i + 1 < n && Character.isLowerCase(alertname.charAt(i + 1));
        if (Character.isLowerCase(prev) || Character.isDigit(prev) && nextLower
            || Character.isUpperCase(prev) && nextLower) {
          sb.append('-');
        }
      }
      sb.append(Character.toLowerCase(ch));
    }
    String s = sb.toString().replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
    if (s.length() > MAX_SIGNAL) {
      s = s.substring(0, MAX_SIGNAL).replaceAll("-$", "");
    }
    return s.isEmpty() ? "unnamed-alert" : s;
  }

  private static String host(String instance) {
    if (instance == null) {
      return null;
    }
    String h = instance.replaceFirst("^[a-z]+://", "");
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end > 0 ? h.substring(1, end) : h;
    }
    int slash = h.indexOf('/');
    if (slash >= 0) {
      h = h.substring(0, slash);
    }
    int colon = h.lastIndexOf(':');
    return colon > 0 && h.indexOf(':') == colon ? h.substring(0, colon) : h;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    String s = v.asText().strip();
    return s.isEmpty() ? null : s;
  }

  private static void copy(JsonNode node, String field, Observation.Builder b, String attribute) {
    String v = text(node, field);
    if (v != null) {
      b.attribute(attribute, v.length() > 1000 ? v.substring(0, 1000) : v);
    }
  }

  private static Map<String, List<String>> defaultSignals() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    put(m, "service-down", "InstanceDown", "TargetDown", "EndpointDown", "ServiceDown", "ProbeFailed", "BlackboxProbeFailed");
    put(m, "error-rate-high", "HighErrorRate", "HttpErrorRateHigh", "High5xxRate");
    put(m, "latency-high", "HighLatency", "HttpLatencyHigh", "SlowResponses");
    put(m, "ddos-traffic", "TrafficSpike", "HighRequestRate", "DDoSSuspected", "SynFlood");
    put(m, "capacity-exhausted", "NodeFilesystemAlmostOutOfSpace", "NodeFilesystemSpaceFillingUp", "DiskFull", "NodeMemoryExhausted");
    put(m, "process-crash", "KubePodCrashLooping", "ProcessCrashLooping");
    put(m, "hardware-failure", "NodeRAIDDegraded", "NodeRAIDDiskFailure", "SmartDiskFailure", "PowerSupplyFailure", "HardwareFailure");
    put(m, "failover-failed", "FailoverFailed", "ReplicaFailoverFailed");
    put(m, "port-scan", "PortScanDetected");
    put(m, "malware-detected", "MalwareDetected");
    put(m, "unauthorized-command", "UnauthorizedPlcWrite", "ModbusWriteFromUnknownHost");
    put(m, "process-value-out-of-range", "ProcessValueOutOfRange");
    put(m, "test-alert", "Watchdog", "DeadMansSwitch", "InfoInhibitor");
    return Collections.unmodifiableMap(m);
  }

  private static void put(Map<String, List<String>> m, String signal, String... alertnames) {
    for (String a : alertnames) {
      m.put(a.toLowerCase(Locale.ROOT), List.of(signal));
    }
  }
}
