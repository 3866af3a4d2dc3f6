package org.cisharing.incident;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.cisharing.model.ImpactLevel;
import org.cisharing.report.AffectedSystem;
import org.cisharing.report.Cause;
import org.cisharing.report.CauseGroup;
import org.cisharing.report.CauseItem;
import org.cisharing.report.Certainty;
import org.cisharing.report.EventClass;
import org.cisharing.report.Handling;
import org.cisharing.report.IncidentReport;
import org.cisharing.report.Moment;
import org.cisharing.report.ObservationSummary;
import org.cisharing.report.Reporter;
import org.cisharing.report.ReportStage;
import org.cisharing.report.Response;
import org.cisharing.report.ResponseStatus;
import org.cisharing.report.ServiceImpact;
import org.cisharing.report.Timeline;
import org.cisharing.scope.Category;

/** Builds a report from an incident's cumulative state. */
final class ReportComposer {
  static final String TO_BE_COMPLETED =
      "再発防止策は検討中であり、確定次第報告する。/ Recurrence-prevention measures are being determined and will be reported.";
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

  private final Reporter reporter;
  private final Handling handling;
  private final ZoneId zone;
  private final Function<Incident, List<String>> recurrencePrevention;

  ReportComposer(Reporter reporter, Handling handling, ZoneId zone, Function<Incident, List<String>> recurrencePrevention) {
    this.reporter = reporter;
    this.handling = handling;
    this.zone = zone;
    this.recurrencePrevention = recurrencePrevention;
  }

  IncidentReport compose(IncidentState s, ReportStage stage, Resolution resolution, Instant now, String reason) {
    IncidentReport.Builder b = IncidentReport.builder()
        .incidentId(s.id)
        .stage(stage)
        .revision(s.revision + 1)
        .reportedAt(OffsetDateTime.ofInstant(now, zone))
        .reporter(reporter)
        .handling(handling)
        .title(title(s))
        .summary(summary(s, stage, resolution, reason))
        .eventClasses(eventClasses(s))
        .aspects(s.aspects)
        .addAffectedSystem(new AffectedSystem(s.systemKind(), s.systemName(),
            s.system == null ? null : s.system.vendor(), s.system == null ? null : s.system.product(),
            s.system == null ? null : s.system.version(), null))
        .observations(new ObservationSummary(s.total + s.shed + s.fromReplicas, s.signalCounts(), s.overflow ? s.total : 0, s.shed,
            at(s.firstSeen), at(s.lastSeen)));
    OffsetDateTime first = at(s.firstSeen);
    if (first != null) {
      Timeline t = new Timeline(Moment.around(first), Moment.exactly(first), null, null);
      if (stage == ReportStage.FINAL && s.lastSeen != null) {
        t = t.withEnded(Moment.around(at(s.lastSeen)));
      }
      b.timeline(t);
    }
    if (s.category == Category.PRECURSOR) {
      b.impact(ServiceImpact.none());
    } else {
      ServiceImpact impact = new ServiceImpact(s.worstImpact,
          s.worstImpact == ImpactLevel.NONE ? s.service : (s.service != null ? s.service : s.systemName()),
          s.usersAffected, List.of(), null, null, List.of(), s.upstreamSector,
          null);
      b.impact(impact);
    }
    b.causes(causes(s, stage, resolution));
    if (stage == ReportStage.FINAL) {
      Resolution r = resolution == null ? Resolution.none() : resolution;
      List<String> measures = r.recurrencePrevention();
      if (measures.isEmpty() && recurrencePrevention != null) {
        List<String> provided = recurrencePrevention.apply(s.snapshot());
        measures = provided == null ? List.of() : provided;
      }
      if (measures.isEmpty()) {
        measures = List.of(TO_BE_COMPLETED);
      }
      b.response(new Response(r.status() == null ? ResponseStatus.RECOVERED : r.status(), r.actions(), measures));
    } else {
      b.response(new Response(ResponseStatus.ONGOING, List.of(), List.of()));
    }
    return b.build();
  }

  private OffsetDateTime at(OffsetDateTime t) {
    return t == null ? null : t.atZoneSameInstant(zone).toOffsetDateTime();
  }

  private static List<Cause> causes(IncidentState s, ReportStage stage, Resolution resolution) {
    LinkedHashMap<CauseItem, Cause> all = new LinkedHashMap<>(s.causes);
    if (resolution != null) {
      for (Cause c : resolution.causes()) {
        all.put(c.item(), c);
      }
    }
    if (s.upstreamSector != null && !all.containsKey(CauseItem.SPILLOVER)) {
      all.put(CauseItem.SPILLOVER, new Cause(CauseGroup.ACCIDENTAL, CauseItem.SPILLOVER, Certainty.SUSPECTED,
          "波及元: " + s.upstreamSector.ja() + " / spillover from " + s.upstreamSector.en()));
    }
    if (all.isEmpty()) {
      all.put(CauseItem.UNKNOWN, new Cause(CauseGroup.OTHER, CauseItem.UNKNOWN, Certainty.SUSPECTED, null));
    }
    List<Cause> out = new ArrayList<>(all.values());
    if (out.size() > 50) {
      out = out.subList(0, 50);
    }
    return out;
  }

  private static Set<EventClass> eventClasses(IncidentState s) {
    if (s.category == Category.PRECURSOR) {
      return EnumSet.of(EventClass.NEAR_MISS);
    }
    EnumSet<EventClass> classes = s.eventClasses.isEmpty() ? EnumSet.noneOf(EventClass.class) : EnumSet.copyOf(s.eventClasses);
    classes.remove(EventClass.NEAR_MISS);
    if (classes.isEmpty()) {
      classes.add(s.worstImpact == ImpactLevel.NONE ? EventClass.OTHER_LEADING_EVENT : EventClass.AVAILABILITY);
    }
    return classes;
  }

  private static String title(IncidentState s) {
    String category = s.category == null ? "" : "[" + s.category.ja() + "] ";
    String title = category + s.systemName() + ": " + String.join(", ", topSignals(s, 3, false));
    if (s.overflow) {
      title = "[集約] 個別追跡の上限を超えた観測 / observations beyond the tracking bounds";
    }
    return clip(clean(title, false), 200);
  }

  /** Replaces control characters (which reports refuse) coming from observation text. */
  private static String clean(String s, boolean keepNewlines) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      sb.append(control && !(keepNewlines && c == '\n') ? ' ' : c);
    }
    return sb.toString();
  }

  private String summary(IncidentState s, ReportStage stage, Resolution resolution, String reason) {
    StringBuilder sb = new StringBuilder();
    String when = s.firstSeen == null ? "" : "(初回 " + TIME.format(at(s.firstSeen)) + "、最新 " + TIME.format(at(s.lastSeen)) + ")";
    if (s.overflow) {
      sb.append("未追跡の観測 ").append(s.total).append(" 件、取りこぼし(キュー満杯)").append(s.shed).append(" 件を集約。");
    } else {
      sb.append(s.source == null ? "監視システム" : s.source).append("が「").append(s.systemName()).append("」において")
          .append(s.category == null ? "事象" : s.category.ja()).append("を検知。観測 ").append(s.total + s.fromReplicas).append(" 件").append(when).append("。");
    }
    sb.append("主なシグナル: ").append(String.join(", ", topSignals(s, 5, true))).append("。");
    sb.append("サービスへの影響: ").append(s.worstImpact.ja()).append("。");
    if (reason != null) {
      sb.append("\n更新理由 / reason for this report: ").append(reason);
    }
    if (stage == ReportStage.FINAL) {
      if (resolution != null && resolution.note() != null) {
        sb.append("\n").append(resolution.note());
      } else if (resolution == null) {
        sb.append("\n一定時間新たな観測がないため終息と判断。/ Closed after a quiet period without new observations.");
      }
    }
    sb.append("\n[EN] ").append(s.overflow ? "Aggregated observations" : (s.source == null ? "Monitoring" : s.source) + " detected a "
        + (s.category == null ? "event" : s.category.en().toLowerCase(java.util.Locale.ROOT)) + " on " + s.systemName())
        .append(": ").append(s.overflow ? s.total : s.total + s.fromReplicas).append(" observations, service impact ").append(s.worstImpact.code()).append('.');
    return clip(clean(sb.toString(), true), 10_000);
  }

  private static List<String> topSignals(IncidentState s, int n, boolean withCounts) {
    List<Map.Entry<String, long[]>> entries = new ArrayList<>(s.signals.entrySet());
    entries.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0]));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < Math.min(n, entries.size()); i++) {
      Map.Entry<String, long[]> e = entries.get(i);
      out.add(withCounts ? e.getKey() + "×" + e.getValue()[0] : e.getKey());
    }
    if (out.isEmpty()) {
      out.add("-");
    }
    return out;
  }

  private static String clip(String s, int max) {
    if (s.codePointCount(0, s.length()) <= max) {
      return s;
    }
    int end = s.offsetByCodePoints(0, max - 1);
    return s.substring(0, end) + "…";
  }
}
