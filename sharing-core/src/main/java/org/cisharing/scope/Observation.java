package org.cisharing.scope;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.cisharing.ValidationException;
import org.cisharing.Violation;
import org.cisharing.json.WireDocument;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.report.CauseItem;

/**
 * What a monitoring system, a SOC or an ICS/IoT gateway saw (document {@code
 * cisharing.observation/1}): signal codes from an open vocabulary plus what is known of the system
 * and the service impact. Every field is optional; the {@link ScopeClassifier} classifies an
 * incomplete observation conservatively.
 *
 * <p>Signal codes are trimmed and lower-cased, and duplicates removed, at construction; codes the
 * vocabulary does not know are kept. A cause is marked confirmed (rather than suspected) by listing
 * its cause item in {@code confirmedCauses}. Construction throws a {@link ValidationException}
 * listing every malformed field. Immutable and thread-safe.
 *
 * @param observedAt when the signals were seen, or {@code null}
 * @param source free text naming the sender, e.g. {@code zabbix@dc1}, or {@code null}
 * @param sector the operator's sector, or {@code null}
 * @param system the affected system, or {@code null}
 * @param signals signal codes (at most {@value #MAX_SIGNALS}), never null
 * @param confirmedCauses cause items the operator has confirmed, never null
 * @param serviceImpact how far the critical service was affected, or {@code null} (treated as none)
 * @param usersAffected users or customers affected (not negative), or {@code null} when unknown
 * @param impactDuration how long the service was affected (not negative), or {@code null}
 * @param upstreamSector the sector whose outage spilled over into this one, or {@code null}
 * @param attributes free string attributes (at most {@value #MAX_ATTRIBUTES}), never null
 * @since 0.1.0
 */
@WireDocument("cisharing.observation/1")
public record Observation(
    OffsetDateTime observedAt,
    String source,
    Sector sector,
    ObservedSystem system,
    List<String> signals,
    List<CauseItem> confirmedCauses,
    ImpactLevel serviceImpact,
    Long usersAffected,
    Duration impactDuration,
    Sector upstreamSector,
    Map<String, String> attributes) {

  /** The most signals one observation may carry. */
  public static final int MAX_SIGNALS = 64;

  /** The longest signal code, in characters. */
  public static final int MAX_SIGNAL_LENGTH = 64;

  /** The most attributes one observation may carry. */
  public static final int MAX_ATTRIBUTES = 64;

  private static final int MAX_TEXT = 4096;

  public Observation {
    List<Violation> violations = new ArrayList<>();
    if (source != null && source.length() > MAX_TEXT) {
      violations.add(new Violation("/source", "longer than " + MAX_TEXT + " characters"));
    }
    signals = normaliseSignals(signals, violations);
    if (confirmedCauses == null) {
      confirmedCauses = List.of();
    } else {
      for (int i = 0; i < confirmedCauses.size(); i++) {
        if (confirmedCauses.get(i) == null) {
          violations.add(new Violation("/confirmedCauses/" + i, "null cause item"));
        }
      }
      confirmedCauses =
          violations.isEmpty() ? List.copyOf(new LinkedHashSet<>(confirmedCauses)) : List.of();
    }
    if (usersAffected != null && usersAffected < 0) {
      violations.add(new Violation("/usersAffected", "must not be negative, was " + usersAffected));
    }
    if (impactDuration != null && impactDuration.isNegative()) {
      violations.add(
          new Violation("/impactDuration", "must not be negative, was " + impactDuration));
    }
    attributes = copyAttributes(attributes, violations);
    if (!violations.isEmpty()) {
      throw new ValidationException("observation", violations);
    }
  }

  private static List<String> normaliseSignals(List<String> signals, List<Violation> violations) {
    if (signals == null || signals.isEmpty()) {
      return List.of();
    }
    if (signals.size() > MAX_SIGNALS) {
      violations.add(
          new Violation(
              "/signals", "more than " + MAX_SIGNALS + " signals (" + signals.size() + ")"));
      return List.of();
    }
    LinkedHashSet<String> codes = new LinkedHashSet<>();
    for (int i = 0; i < signals.size(); i++) {
      String s = signals.get(i);
      String problem = signalProblem(s);
      if (problem != null) {
        violations.add(new Violation("/signals/" + i, problem));
      } else {
        codes.add(s.trim().toLowerCase(Locale.ROOT));
      }
    }
    return List.copyOf(codes);
  }

  private static String signalProblem(String s) {
    if (s == null) {
      return "null signal code";
    }
    String t = s.trim();
    if (t.isEmpty()) {
      return "blank signal code";
    }
    if (t.length() > MAX_SIGNAL_LENGTH) {
      return "signal code longer than " + MAX_SIGNAL_LENGTH + " characters";
    }
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isWhitespace(c) || Character.isISOControl(c)) {
        return "signal code '"
            + t
            + "' contains whitespace or a control character;"
            + " expected a kebab-case code such as ddos-traffic";
      }
    }
    return null;
  }

  private static Map<String, String> copyAttributes(
      Map<String, String> attributes, List<Violation> violations) {
    if (attributes == null || attributes.isEmpty()) {
      return Map.of();
    }
    if (attributes.size() > MAX_ATTRIBUTES) {
      violations.add(new Violation("/attributes", "more than " + MAX_ATTRIBUTES + " attributes"));
      return Map.of();
    }
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      String key = e.getKey();
      if (key == null || key.isBlank()) {
        violations.add(new Violation("/attributes", "blank attribute name"));
        continue;
      }
      String pointer = "/attributes/" + key.replace("~", "~0").replace("/", "~1");
      if (e.getValue() == null) {
        violations.add(new Violation(pointer, "null value; omit the attribute instead"));
      } else if (e.getValue().length() > MAX_TEXT) {
        violations.add(new Violation(pointer, "longer than " + MAX_TEXT + " characters"));
      } else {
        copy.put(key, e.getValue());
      }
    }
    return Collections.unmodifiableMap(copy);
  }

  /** The kind of the affected system, or {@code null} when unknown. */
  public SystemKind systemKind() {
    return system == null ? null : system.kind();
  }

  /** The service impact, with an absent one read as {@link ImpactLevel#NONE}. */
  public ImpactLevel impact() {
    return serviceImpact == null ? ImpactLevel.NONE : serviceImpact;
  }

  /** A builder for an observation. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds an {@link Observation}; {@link #build()} validates. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private OffsetDateTime observedAt;
    private String source;
    private Sector sector;
    private ObservedSystem system;
    private final List<String> signals = new ArrayList<>();
    private final List<CauseItem> confirmedCauses = new ArrayList<>();
    private ImpactLevel serviceImpact;
    private Long usersAffected;
    private Duration impactDuration;
    private Sector upstreamSector;
    private final Map<String, String> attributes = new LinkedHashMap<>();

    private Builder() {}

    public Builder observedAt(OffsetDateTime observedAt) {
      this.observedAt = observedAt;
      return this;
    }

    public Builder source(String source) {
      this.source = source;
      return this;
    }

    public Builder sector(Sector sector) {
      this.sector = sector;
      return this;
    }

    public Builder system(ObservedSystem system) {
      this.system = system;
      return this;
    }

    /** Sets a system of which only the kind is known. */
    public Builder system(SystemKind kind) {
      this.system = kind == null ? null : ObservedSystem.of(kind);
      return this;
    }

    /** Adds signal codes. */
    public Builder signals(String... codes) {
      signals.addAll(List.of(codes));
      return this;
    }

    /** Marks cause items as confirmed. */
    public Builder confirmedCauses(CauseItem... items) {
      confirmedCauses.addAll(List.of(items));
      return this;
    }

    public Builder serviceImpact(ImpactLevel serviceImpact) {
      this.serviceImpact = serviceImpact;
      return this;
    }

    public Builder usersAffected(long usersAffected) {
      this.usersAffected = usersAffected;
      return this;
    }

    public Builder impactDuration(Duration impactDuration) {
      this.impactDuration = impactDuration;
      return this;
    }

    public Builder upstreamSector(Sector upstreamSector) {
      this.upstreamSector = upstreamSector;
      return this;
    }

    public Builder attribute(String name, String value) {
      attributes.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the observation.
     *
     * @throws ValidationException listing every malformed field
     */
    public Observation build() {
      return new Observation(
          observedAt,
          source,
          sector,
          system,
          signals,
          confirmedCauses,
          serviceImpact,
          usersAffected,
          impactDuration,
          upstreamSector,
          attributes);
    }
  }
}
