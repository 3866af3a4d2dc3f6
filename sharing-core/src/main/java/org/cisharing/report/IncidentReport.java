package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.cisharing.json.WireDocument;

/**
 * One report (情報連絡) about an incident: the initial report, an update, or the final report. All
 * stages of an incident share its {@link #incidentId()}; each report has its own {@link
 * #reportId()}, which is also the hub's idempotency key, so a retry of the same report is never a
 * duplicate.
 *
 * <p>Instances are immutable and always valid: {@link Builder#build()} checks every rule and throws
 * {@link ReportValidationException} listing every violation. Use {@link #newBuilder()} for the
 * next stage of the same incident.
 *
 * <pre>{@code
 * IncidentReport report = IncidentReport.builder()
 *     .incidentId(UUID.randomUUID())
 *     .stage(ReportStage.INITIAL)
 *     .reporter(Reporter.of(Organization.of("さくら水道企業団", "OP-0420", Sector.WATER),
 *         new Contact("情報システム課 当番", "soc@sakura-water.example.jp", "+81-3-1234-5678", true)))
 *     .title("配水監視システムの停止")
 *     .summary("配水監視SCADAが応答を停止し、遠隔監視ができない状態。現地で手動監視中。")
 *     .eventClasses(EventClass.AVAILABILITY)
 *     .timeline(Timeline.detectedAt(Moment.exactly(OffsetDateTime.parse("2026-11-26T09:30:00+09:00"))))
 *     .handling(Handling.of(Tlp.AMBER))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
@WireDocument("cisharing.report/1")
@JsonDeserialize(builder = IncidentReport.Builder.class)
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
@JsonPropertyOrder({
  "reportId", "incidentId", "stage", "revision", "reportedAt", "reporter", "title", "summary",
  "eventClasses", "timeline", "affectedSystems", "impact", "causes", "intrusionVector",
  "exploitedCves", "contractor", "response", "aspects", "indicators", "notifications",
  "handling", "ransomware", "ddos", "observations"
})
public final class IncidentReport {
  private final UUID reportId;
  private final UUID incidentId;
  private final ReportStage stage;
  private final int revision;
  private final OffsetDateTime reportedAt;
  private final Reporter reporter;
  private final String title;
  private final String summary;
  private final Set<EventClass> eventClasses;
  private final Timeline timeline;
  private final List<AffectedSystem> affectedSystems;
  private final ServiceImpact impact;
  private final List<Cause> causes;
  private final String intrusionVector;
  private final List<String> exploitedCves;
  private final Contractor contractor;
  private final Response response;
  private final Set<Aspect> aspects;
  private final List<Indicator> indicators;
  private final List<Notification> notifications;
  private final Handling handling;
  private final RansomwareDetails ransomware;
  private final DdosDetails ddos;
  private final ObservationSummary observations;

  private IncidentReport(Builder b) {
    this.reportId = b.reportId;
    this.incidentId = b.incidentId;
    this.stage = b.stage;
    this.revision = b.revision;
    this.reportedAt = b.reportedAt;
    this.reporter = b.reporter;
    this.title = b.title;
    this.summary = b.summary;
    this.eventClasses = b.eventClasses.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(b.eventClasses));
    this.timeline = b.timeline;
    this.affectedSystems = List.copyOf(b.affectedSystems);
    this.impact = b.impact;
    this.causes = List.copyOf(b.causes);
    this.intrusionVector = b.intrusionVector;
    this.exploitedCves = List.copyOf(b.exploitedCves);
    this.contractor = b.contractor;
    this.response = b.response;
    this.aspects = b.aspects.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(b.aspects));
    this.indicators = List.copyOf(b.indicators);
    this.notifications = List.copyOf(b.notifications);
    this.handling = b.handling;
    this.ransomware = b.ransomware;
    this.ddos = b.ddos;
    this.observations = b.observations;
  }

  /** A builder for a new report. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this report's values, with no report id (a new one is generated), for the
   * next stage of the same incident or a corrected copy.
   */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** This report's id: the hub's idempotency key. */
  public UUID reportId() {
    return reportId;
  }

  /** The incident this report belongs to, shared by all its stages. */
  public UUID incidentId() {
    return incidentId;
  }

  public ReportStage stage() {
    return stage;
  }

  /** The report's position among the incident's reports: 1 for the initial report, then 2, 3, .... */
  public int revision() {
    return revision;
  }

  /** When the report was made. */
  public OffsetDateTime reportedAt() {
    return reportedAt;
  }

  public Reporter reporter() {
    return reporter;
  }

  /** A one-line title (件名). */
  public String title() {
    return title;
  }

  /** What happened (概要); Japanese text is normal. */
  public String summary() {
    return summary;
  }

  /** What the event was (multi-valued), in a stable order. */
  public Set<EventClass> eventClasses() {
    return eventClasses;
  }

  public Optional<Timeline> timeline() {
    return Optional.ofNullable(timeline);
  }

  public List<AffectedSystem> affectedSystems() {
    return affectedSystems;
  }

  public Optional<ServiceImpact> impact() {
    return Optional.ofNullable(impact);
  }

  /** Causes (multi-select), each confirmed or suspected. Required in a final report. */
  public List<Cause> causes() {
    return causes;
  }

  /** How an attacker got in (侵入経路), if known. */
  public Optional<String> intrusionVector() {
    return Optional.ofNullable(intrusionVector);
  }

  /** CVE ids of vulnerabilities exploited, e.g. {@code CVE-2023-27997}. */
  public List<String> exploitedCves() {
    return exploitedCves;
  }

  /** The contractor involved, if any. */
  public Optional<Contractor> contractor() {
    return Optional.ofNullable(contractor);
  }

  public Optional<Response> response() {
    return Optional.ofNullable(response);
  }

  /** The purposes the report serves (prevention, containment and recovery, recurrence prevention). */
  public Set<Aspect> aspects() {
    return aspects;
  }

  public List<Indicator> indicators() {
    return indicators;
  }

  /** Other bodies notified of the same incident. */
  public List<Notification> notifications() {
    return notifications;
  }

  public Handling handling() {
    return handling;
  }

  public Optional<RansomwareDetails> ransomware() {
    return Optional.ofNullable(ransomware);
  }

  public Optional<DdosDetails> ddos() {
    return Optional.ofNullable(ddos);
  }

  /** For reports filed from monitoring: the observations the incident aggregated. */
  public Optional<ObservationSummary> observations() {
    return Optional.ofNullable(observations);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof IncidentReport)) {
      return false;
    }
    IncidentReport r = (IncidentReport) o;
    return revision == r.revision
        && reportId.equals(r.reportId)
        && incidentId.equals(r.incidentId)
        && stage == r.stage
        && reportedAt.equals(r.reportedAt)
        && Objects.equals(reporter, r.reporter)
        && Objects.equals(title, r.title)
        && Objects.equals(summary, r.summary)
        && eventClasses.equals(r.eventClasses)
        && Objects.equals(timeline, r.timeline)
        && affectedSystems.equals(r.affectedSystems)
        && Objects.equals(impact, r.impact)
        && causes.equals(r.causes)
        && Objects.equals(intrusionVector, r.intrusionVector)
        && exploitedCves.equals(r.exploitedCves)
        && Objects.equals(contractor, r.contractor)
        && Objects.equals(response, r.response)
        && aspects.equals(r.aspects)
        && indicators.equals(r.indicators)
        && notifications.equals(r.notifications)
        && Objects.equals(handling, r.handling)
        && Objects.equals(ransomware, r.ransomware)
        && Objects.equals(ddos, r.ddos)
        && Objects.equals(observations, r.observations);
  }

  @Override
  public int hashCode() {
    return reportId.hashCode();
  }

  @Override
  public String toString() {
    return "IncidentReport{" + stage.code() + " #" + revision + ", report=" + reportId
        + ", incident=" + incidentId + ", " + handling.tlp() + "}";
  }

  /**
   * Builds an {@link IncidentReport}. Not thread-safe. Collections are copied defensively by
   * {@link #build()}; calling a list method replaces the list, {@code add...} methods append.
   *
   * @since 0.1.0
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private UUID reportId;
    private UUID incidentId;
    private ReportStage stage;
    private int revision;
    private OffsetDateTime reportedAt;
    private Reporter reporter;
    private String title;
    private String summary;
    private final List<EventClass> eventClasses = new ArrayList<>();
    private Timeline timeline;
    private final List<AffectedSystem> affectedSystems = new ArrayList<>();
    private ServiceImpact impact;
    private final List<Cause> causes = new ArrayList<>();
    private String intrusionVector;
    private final List<String> exploitedCves = new ArrayList<>();
    private Contractor contractor;
    private Response response;
    private final List<Aspect> aspects = new ArrayList<>();
    private final List<Indicator> indicators = new ArrayList<>();
    private final List<Notification> notifications = new ArrayList<>();
    private Handling handling;
    private RansomwareDetails ransomware;
    private DdosDetails ddos;
    private ObservationSummary observations;
    private boolean fromWire;

    Builder() {}

    Builder(IncidentReport r) {
      incidentId = r.incidentId;
      stage = r.stage;
      revision = r.revision;
      reporter = r.reporter;
      title = r.title;
      summary = r.summary;
      eventClasses.addAll(r.eventClasses);
      timeline = r.timeline;
      affectedSystems.addAll(r.affectedSystems);
      impact = r.impact;
      causes.addAll(r.causes);
      intrusionVector = r.intrusionVector;
      exploitedCves.addAll(r.exploitedCves);
      contractor = r.contractor;
      response = r.response;
      aspects.addAll(r.aspects);
      indicators.addAll(r.indicators);
      notifications.addAll(r.notifications);
      handling = r.handling;
      ransomware = r.ransomware;
      ddos = r.ddos;
      observations = r.observations;
    }

    /**
     * Called by the JSON codec with the document's schema field: a report read from the wire must
     * carry its own id, time and revision, which are never generated for it.
     */
    @JsonProperty("schema")
    Builder schema(String schema) {
      this.fromWire = true;
      return this;
    }

    /** The report id; generated by {@link #build()} when not set. */
    public Builder reportId(UUID reportId) {
      this.reportId = reportId;
      return this;
    }

    public Builder incidentId(UUID incidentId) {
      this.incidentId = incidentId;
      return this;
    }

    /**
     * The stage. When the revision is not set, {@link #build()} uses 1 for an initial report and
     * requires it to be set for other stages.
     */
    public Builder stage(ReportStage stage) {
      this.stage = stage;
      return this;
    }

    public Builder revision(int revision) {
      this.revision = revision;
      return this;
    }

    /** When the report is made; the current time when not set. */
    public Builder reportedAt(OffsetDateTime reportedAt) {
      this.reportedAt = reportedAt;
      return this;
    }

    public Builder reporter(Reporter reporter) {
      this.reporter = reporter;
      return this;
    }

    public Builder title(String title) {
      this.title = title;
      return this;
    }

    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    @JsonProperty("eventClasses")
    public Builder eventClasses(Collection<EventClass> eventClasses) {
      this.eventClasses.clear();
      addAllNonNull(this.eventClasses, eventClasses);
      return this;
    }

    public Builder eventClasses(EventClass... eventClasses) {
      return eventClasses(List.of(eventClasses));
    }

    public Builder timeline(Timeline timeline) {
      this.timeline = timeline;
      return this;
    }

    @JsonProperty("affectedSystems")
    public Builder affectedSystems(Collection<AffectedSystem> systems) {
      this.affectedSystems.clear();
      addAllNonNull(this.affectedSystems, systems);
      return this;
    }

    public Builder addAffectedSystem(AffectedSystem system) {
      affectedSystems.add(Objects.requireNonNull(system, "system"));
      return this;
    }

    public Builder impact(ServiceImpact impact) {
      this.impact = impact;
      return this;
    }

    @JsonProperty("causes")
    public Builder causes(Collection<Cause> causes) {
      this.causes.clear();
      addAllNonNull(this.causes, causes);
      return this;
    }

    public Builder addCause(Cause cause) {
      causes.add(Objects.requireNonNull(cause, "cause"));
      return this;
    }

    public Builder intrusionVector(String intrusionVector) {
      this.intrusionVector = intrusionVector;
      return this;
    }

    @JsonProperty("exploitedCves")
    public Builder exploitedCves(Collection<String> cves) {
      this.exploitedCves.clear();
      addAllNonNull(this.exploitedCves, cves);
      return this;
    }

    public Builder contractor(Contractor contractor) {
      this.contractor = contractor;
      return this;
    }

    public Builder response(Response response) {
      this.response = response;
      return this;
    }

    @JsonProperty("aspects")
    public Builder aspects(Collection<Aspect> aspects) {
      this.aspects.clear();
      addAllNonNull(this.aspects, aspects);
      return this;
    }

    public Builder aspects(Aspect... aspects) {
      return aspects(List.of(aspects));
    }

    @JsonProperty("indicators")
    public Builder indicators(Collection<Indicator> indicators) {
      this.indicators.clear();
      addAllNonNull(this.indicators, indicators);
      return this;
    }

    public Builder addIndicator(Indicator indicator) {
      indicators.add(Objects.requireNonNull(indicator, "indicator"));
      return this;
    }

    @JsonProperty("notifications")
    public Builder notifications(Collection<Notification> notifications) {
      this.notifications.clear();
      addAllNonNull(this.notifications, notifications);
      return this;
    }

    public Builder addNotification(Notification notification) {
      notifications.add(Objects.requireNonNull(notification, "notification"));
      return this;
    }

    public Builder handling(Handling handling) {
      this.handling = handling;
      return this;
    }

    public Builder ransomware(RansomwareDetails ransomware) {
      this.ransomware = ransomware;
      return this;
    }

    public Builder ddos(DdosDetails ddos) {
      this.ddos = ddos;
      return this;
    }

    public Builder observations(ObservationSummary observations) {
      this.observations = observations;
      return this;
    }

    /**
     * Validates and builds the report: generates the report id and the report time when absent,
     * and sets the revision of an initial report to 1 when absent.
     *
     * @throws ReportValidationException listing every violation found
     */
    public IncidentReport build() {
      ReportValidator v = new ReportValidator();
      if (fromWire) {
        v.requireWireIdentity(reportId, reportedAt);
      } else {
        if (reportId == null) {
          reportId = UUID.randomUUID();
        }
        if (reportedAt == null) {
          reportedAt = OffsetDateTime.now(ZoneOffset.UTC);
        }
        if (revision == 0 && stage == ReportStage.INITIAL) {
          revision = 1;
        }
      }
      v.validateFields(this);
      if (!v.hasViolations()) {
        IncidentReport report = new IncidentReport(this);
        v.validateEncodedSize(report);
        if (!v.hasViolations()) {
          return report;
        }
      }
      throw new ReportValidationException(v.violations());
    }

    /** Keeps null elements: the validator reports each one with its pointer. */
    private static <T> void addAllNonNull(List<T> target, Collection<T> source) {
      if (source == null) {
        return;
      }
      target.addAll(source);
    }

    // Read by ReportValidator.
    UUID incidentIdValue() { return incidentId; }
    ReportStage stageValue() { return stage; }
    int revisionValue() { return revision; }
    OffsetDateTime reportedAtValue() { return reportedAt; }
    Reporter reporterValue() { return reporter; }
    String titleValue() { return title; }
    String summaryValue() { return summary; }
    List<EventClass> eventClassesValue() { return eventClasses; }
    Timeline timelineValue() { return timeline; }
    List<AffectedSystem> affectedSystemsValue() { return affectedSystems; }
    ServiceImpact impactValue() { return impact; }
    List<Cause> causesValue() { return causes; }
    String intrusionVectorValue() { return intrusionVector; }
    List<String> exploitedCvesValue() { return exploitedCves; }
    Contractor contractorValue() { return contractor; }
    Response responseValue() { return response; }
    List<Aspect> aspectsValue() { return aspects; }
    List<Indicator> indicatorsValue() { return indicators; }
    List<Notification> notificationsValue() { return notifications; }
    Handling handlingValue() { return handling; }
    RansomwareDetails ransomwareValue() { return ransomware; }
    DdosDetails ddosValue() { return ddos; }
    ObservationSummary observationsValue() { return observations; }
  }
}
