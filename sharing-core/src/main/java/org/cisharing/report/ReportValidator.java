package org.cisharing.report;

import java.net.InetAddress;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.cisharing.Violation;
import org.cisharing.internal.json.JsonCodec;
import org.cisharing.json.SharingJson;
import org.cisharing.model.Contact;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Organization;

/** Collects every violation of a report under construction, with JSON pointers. */
final class ReportValidator {
  static final int MAX_TITLE = 200;
  static final int MAX_SUMMARY = 10_000;
  static final int MAX_SHORT_TEXT = 200;
  static final int MAX_TEXT = 2_000;
  static final int MAX_LIST = 100;
  static final int MAX_INDICATORS = 1_000;

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()-]{4,22}[0-9]");
  private static final Pattern CVE = Pattern.compile("CVE-[0-9]{4}-[0-9]{4,7}");
  private static final Pattern DOMAIN =
      Pattern.compile("(?=.{1,253}$)([A-Za-z0-9_](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z][A-Za-z0-9-]{0,62}\\.?");
  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

  private final List<Violation> violations = new ArrayList<>();

  boolean hasViolations() {
    return !violations.isEmpty();
  }

  List<Violation> violations() {
    return violations;
  }

  private void add(String pointer, String message) {
    violations.add(new Violation(pointer, message));
  }

  void requireWireIdentity(java.util.UUID reportId, OffsetDateTime reportedAt) {
    if (reportId == null) {
      add("/reportId", "required in a report document (the hub's idempotency key)");
    }
    if (reportedAt == null) {
      add("/reportedAt", "required in a report document");
    }
  }

  /** Reports null elements; returns whether the list is free of them. */
  private boolean noNulls(String pointer, List<?> list) {
    boolean clean = true;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        add(pointer + "/" + i, "must not be null");
        clean = false;
      }
    }
    return clean;
  }

  void validateFields(IncidentReport.Builder b) {
    boolean clean = noNulls("/eventClasses", b.eventClassesValue())
        & noNulls("/affectedSystems", b.affectedSystemsValue())
        & noNulls("/causes", b.causesValue())
        & noNulls("/exploitedCves", b.exploitedCvesValue())
        & noNulls("/aspects", b.aspectsValue())
        & noNulls("/indicators", b.indicatorsValue())
        & noNulls("/notifications", b.notificationsValue());
    if (!clean) {
      return;
    }
    if (b.incidentIdValue() == null) {
      add("/incidentId", "required: the incident's UUID, shared by all its reports");
    }
    ReportStage stage = b.stageValue();
    if (stage == null) {
      add("/stage", "required: initial, update or final");
    }
    int revision = b.revisionValue();
    if (revision < 1) {
      add("/revision", "must be 1 or more (1 for the initial report, then 2, 3, ...)");
    } else if (stage == ReportStage.INITIAL && revision != 1) {
      add("/revision", "an initial report has revision 1, found " + revision);
    } else if (stage == ReportStage.UPDATE && revision < 2) {
      add("/revision", "an update follows the initial report: revision 2 or more, found " + revision);
    }
    reporter(b.reporterValue());
    text("/title", b.titleValue(), MAX_TITLE, false, true);
    text("/summary", b.summaryValue(), MAX_SUMMARY, true, true);
    List<EventClass> classes = b.eventClassesValue();
    if (classes.isEmpty()) {
      add("/eventClasses", "at least one event class is required (e.g. near-miss, availability)");
    }
    boolean nearMiss = classes.contains(EventClass.NEAR_MISS);
    if (nearMiss && classes.stream().anyMatch(c -> c != EventClass.NEAR_MISS)) {
      add("/eventClasses", "near-miss (nothing occurred) cannot be combined with classes of an event that occurred");
    }
    timeline(b.timelineValue());
    affectedSystems(b.affectedSystemsValue());
    impact(b.impactValue(), nearMiss);
    causes(b.causesValue(), stage);
    text("/intrusionVector", b.intrusionVectorValue(), MAX_TEXT, true, false);
    size("/exploitedCves", b.exploitedCvesValue(), MAX_LIST);
    for (int i = 0; i < b.exploitedCvesValue().size(); i++) {
      String cve = b.exploitedCvesValue().get(i);
      if (cve == null || !CVE.matcher(cve).matches()) {
        add("/exploitedCves/" + i, "expected a CVE id like CVE-2023-27997, found '" + cve + "'");
      }
    }
    Contractor contractor = b.contractorValue();
    if (contractor != null) {
      text("/contractor/name", contractor.name(), MAX_SHORT_TEXT, false, false);
      text("/contractor/involvement", contractor.involvement(), MAX_TEXT, true, true);
    }
    response(b.responseValue(), stage);
    indicators(b.indicatorsValue());
    size("/notifications", b.notificationsValue(), 20);
    for (int i = 0; i < b.notificationsValue().size(); i++) {
      Notification n = b.notificationsValue().get(i);
      if (n.party() == null) {
        add("/notifications/" + i + "/party", "required: who was notified");
      }
      text("/notifications/" + i + "/reference", n.reference(), MAX_SHORT_TEXT, false, false);
    }
    Handling handling = b.handlingValue();
    if (handling == null) {
      add("/handling", "required: at least the TLP label, e.g. TLP:AMBER");
    } else if (handling.tlp() == null) {
      add("/handling/tlp", "required: a TLP 2.0 label, e.g. TLP:AMBER");
    }
    ransomware(b.ransomwareValue());
    ddos(b.ddosValue());
    observations(b.observationsValue());
  }

  private void observations(ObservationSummary o) {
    if (o == null) {
      return;
    }
    if (o.total() < 0 || o.overflowed() < 0 || o.shed() < 0) {
      add("/observations", "counts must not be negative");
    }
    if (o.signals().size() > 256) {
      add("/observations/signals", "at most 256 signal codes, found " + o.signals().size());
    }
    for (Map.Entry<String, Long> e : o.signals().entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty() || e.getKey().length() > 64 || e.getValue() == null || e.getValue() < 0) {
        add("/observations/signals", "invalid entry '" + e.getKey() + "': " + e.getValue());
        break;
      }
    }
    if (o.firstSeen() != null && o.lastSeen() != null && o.lastSeen().isBefore(o.firstSeen())) {
      add("/observations/lastSeen", "before firstSeen " + o.firstSeen());
    }
  }

  void validateEncodedSize(IncidentReport report) {
    int size = JsonCodec.writeBytesUnchecked(report).length;
    if (size > SharingJson.MAX_DOCUMENT_BYTES) {
      add("", "encoded report is " + size + " bytes, over the limit of " + SharingJson.MAX_DOCUMENT_BYTES + " bytes");
    }
  }

  private void reporter(Reporter reporter) {
    if (reporter == null) {
      add("/reporter", "required: the reporting organisation and at least one contact");
      return;
    }
    Organization org = reporter.organization();
    if (org == null) {
      add("/reporter/organization", "required: name, operatorId and sector");
    } else {
      text("/reporter/organization/name", org.name(), MAX_SHORT_TEXT, false, true);
      text("/reporter/organization/operatorId", org.operatorId(), 64, false, true);
      if (org.sector() == null) {
        add("/reporter/organization/sector", "required: a sector code such as ELECTRICITY");
      }
      text("/reporter/organization/subSector", org.subSector(), MAX_SHORT_TEXT, false, false);
      text("/reporter/organization/ceptoar", org.ceptoar(), MAX_SHORT_TEXT, false, false);
      text("/reporter/organization/ministry", org.ministry(), MAX_SHORT_TEXT, false, false);
    }
    List<Contact> contacts = reporter.contacts();
    if (contacts.isEmpty()) {
      add("/reporter/contacts", "at least one contact is required");
    }
    size("/reporter/contacts", contacts, 10);
    for (int i = 0; i < contacts.size(); i++) {
      Contact c = contacts.get(i);
      String p = "/reporter/contacts/" + i;
      if (c == null) {
        add(p, "must not be null");
        continue;
      }
      text(p + "/name", c.name(), MAX_SHORT_TEXT, false, true);
      if (c.email() == null && c.phone() == null) {
        add(p, "an e-mail address or a phone number is required");
      }
      if (c.email() != null && (c.email().length() > 254 || !EMAIL.matcher(c.email()).matches())) {
        add(p + "/email", "not an e-mail address: '" + c.email() + "'");
      }
      if (c.phone() != null && !PHONE.matcher(c.phone()).matches()) {
        add(p + "/phone", "not a phone number (digits, spaces, '-', '()', optional leading '+'): '" + c.phone() + "'");
      }
    }
  }

  private void timeline(Timeline t) {
    if (t == null) {
      return;
    }
    Moment occurred = t.occurred();
    notBefore("/timeline/detected", t.detected(), "/timeline/occurred", occurred, "detected before it occurred");
    notBefore("/timeline/restored", t.restored(), "/timeline/occurred", occurred, "restored before it occurred");
    notBefore("/timeline/ended", t.ended(), "/timeline/occurred", occurred, "ended before it occurred");
    notBefore("/timeline/ended", t.ended(), "/timeline/detected", t.detected(), "ended before it was detected");
  }

  /** Approximate times are estimates: only exact times are compared. */
  private void notBefore(String p, Moment later, String earlierPointer, Moment earlier, String what) {
    if (later == null || earlier == null || later.approximate() || earlier.approximate()) {
      return;
    }
    if (later.at().isBefore(earlier.at())) {
      add(p, what + ": " + later.at() + " is before " + earlierPointer + " " + earlier.at());
    }
  }

  private void affectedSystems(List<AffectedSystem> systems) {
    size("/affectedSystems", systems, MAX_LIST);
    for (int i = 0; i < systems.size(); i++) {
      AffectedSystem s = systems.get(i);
      String p = "/affectedSystems/" + i;
      if (s.kind() == null) {
        add(p + "/kind", "required: it, ics or iot");
      }
      text(p + "/name", s.name(), MAX_SHORT_TEXT, false, true);
      text(p + "/vendor", s.vendor(), MAX_SHORT_TEXT, false, false);
      text(p + "/product", s.product(), MAX_SHORT_TEXT, false, false);
      text(p + "/version", s.version(), 64, false, false);
    }
  }

  private void impact(ServiceImpact impact, boolean nearMiss) {
    if (impact == null) {
      return;
    }
    if (impact.level() == null) {
      add("/impact/level", "required: none, degraded or disrupted");
    } else if (impact.level() != ImpactLevel.NONE) {
      if (nearMiss) {
        add("/impact/level", "a near miss has no service impact, found " + impact.level().code());
      }
      text("/impact/service", impact.service(), MAX_SHORT_TEXT, false, true);
    } else {
      text("/impact/service", impact.service(), MAX_SHORT_TEXT, false, false);
    }
    if (impact.usersAffected() != null && impact.usersAffected() < 0) {
      add("/impact/usersAffected", "must not be negative, found " + impact.usersAffected());
    }
    size("/impact/regions", impact.regions(), MAX_LIST);
    for (int i = 0; i < impact.regions().size(); i++) {
      text("/impact/regions/" + i, impact.regions().get(i), MAX_SHORT_TEXT, false, true);
    }
    OffsetDateTime started = impact.started();
    if (started != null && impact.restored() != null && impact.restored().isBefore(started)) {
      add("/impact/restored", "restored " + impact.restored() + " is before the impact started " + started);
    }
    size("/impact/spilloverTo", impact.spilloverTo(), 50);
    text("/impact/upstreamIncident", impact.upstreamIncident(), MAX_SHORT_TEXT, false, false);
    if (impact.upstreamIncident() != null && impact.spilloverFrom() == null) {
      add("/impact/spilloverFrom", "required when upstreamIncident is given: the upstream sector");
    }
  }

  private void causes(List<Cause> causes, ReportStage stage) {
    if (stage == ReportStage.FINAL && causes.isEmpty()) {
      add("/causes", "a final report needs at least one cause (confirmed or, if still unknown, other/unknown)");
    }
    size("/causes", causes, 50);
    for (int i = 0; i < causes.size(); i++) {
      text("/causes/" + i + "/note", causes.get(i).note(), MAX_TEXT, true, false);
    }
  }

  private void response(Response response, ReportStage stage) {
    if (response == null) {
      if (stage == ReportStage.FINAL) {
        add("/response", "a final report needs the response status and recurrence-prevention measures");
      }
      return;
    }
    if (response.status() == null && stage == ReportStage.FINAL) {
      add("/response/status", "required in a final report: ongoing, contained, recovered or closed");
    }
    if (response.recurrencePrevention().isEmpty() && stage == ReportStage.FINAL) {
      add("/response/recurrencePrevention", "a final report needs at least one recurrence-prevention measure");
    }
    size("/response/actions", response.actions(), MAX_LIST);
    for (int i = 0; i < response.actions().size(); i++) {
      text("/response/actions/" + i, response.actions().get(i), MAX_TEXT, true, true);
    }
    size("/response/recurrencePrevention", response.recurrencePrevention(), MAX_LIST);
    for (int i = 0; i < response.recurrencePrevention().size(); i++) {
      text("/response/recurrencePrevention/" + i, response.recurrencePrevention().get(i), MAX_TEXT, true, true);
    }
  }

  private void indicators(List<Indicator> indicators) {
    size("/indicators", indicators, MAX_INDICATORS);
    for (int i = 0; i < indicators.size(); i++) {
      Indicator ind = indicators.get(i);
      String p = "/indicators/" + i;
      if (ind.type() == null) {
        add(p + "/type", "required: ipv4, ipv6, domain, url, email, md5, sha1, sha256, file-name or other");
      }
      text(p + "/value", ind.value(), MAX_TEXT, false, true);
      text(p + "/description", ind.description(), MAX_TEXT, true, false);
      if (ind.type() != null && ind.value() != null && !indicatorShape(ind.type(), ind.value())) {
        add(p + "/value", "not a valid " + ind.type().code() + " value: '" + ind.value() + "'");
      }
    }
  }

  private static boolean indicatorShape(IndicatorType type, String v) {
    switch (type) {
      case IPV4:
        return v.matches("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(/([0-9]|[12][0-9]|3[0-2]))?");
      case IPV6:
        return v.indexOf(':') >= 0 && v.matches("[0-9A-Fa-f:.]+(/[0-9]{1,3})?") && ipv6(v);
      case DOMAIN:
        return DOMAIN.matcher(v).matches();
      case URL:
        return v.matches("(?i)(https?|ftp|hxxps?)://\\S+");
      case EMAIL:
        return EMAIL.matcher(v).matches();
      case MD5:
        return v.length() == 32 && HEX.matcher(v).matches();
      case SHA1:
        return v.length() == 40 && HEX.matcher(v).matches();
      case SHA256:
        return v.length() == 64 && HEX.matcher(v).matches();
      default:
        return true;
    }
  }

  private static boolean ipv6(String v) {
    String addr = v.contains("/") ? v.substring(0, v.indexOf('/')) : v;
    try {
      // A literal containing ':' is parsed without any name lookup.
      return InetAddress.getByName(addr).getAddress().length == 16;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private void ransomware(RansomwareDetails r) {
    if (r == null) {
      return;
    }
    text("/ransomware/variant", r.variant(), MAX_SHORT_TEXT, false, false);
    text("/ransomware/ransomNote", r.ransomNote(), MAX_TEXT, true, false);
    text("/ransomware/encryptedFileExtension", r.encryptedFileExtension(), 64, false, false);
    text("/ransomware/intrusionMethod", r.intrusionMethod(), MAX_TEXT, true, false);
    if (Boolean.TRUE.equals(r.ransomPaid()) && Boolean.FALSE.equals(r.ransomDemanded())) {
      add("/ransomware/ransomPaid", "a ransom was paid although none was demanded");
    }
  }

  private void ddos(DdosDetails d) {
    if (d == null) {
      return;
    }
    if (d.peakGbps() != null && (d.peakGbps() < 0 || d.peakGbps().isNaN() || d.peakGbps().isInfinite())) {
      add("/ddos/peakGbps", "must be a non-negative number, found " + d.peakGbps());
    }
    if (d.peakPps() != null && d.peakPps() < 0) {
      add("/ddos/peakPps", "must not be negative, found " + d.peakPps());
    }
    if (d.duration() != null && d.duration().isNegative()) {
      add("/ddos/duration", "must not be negative, found " + d.duration());
    }
    text("/ddos/mitigation", d.mitigation(), MAX_TEXT, true, false);
  }

  private void size(String pointer, List<?> list, int max) {
    if (list.size() > max) {
      add(pointer, "at most " + max + " entries, found " + list.size());
    }
  }

  /** Length in characters (code points), control characters, presence. */
  private void text(String pointer, String value, int max, boolean multiline, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        add(pointer, value == null ? "required" : "must not be blank");
      }
      return;
    }
    int length = value.codePointCount(0, value.length());
    if (length > max) {
      add(pointer, "at most " + max + " characters, found " + length);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean allowed = multiline && (c == '\n' || c == '\r' || c == '\t');
      if ((Character.isISOControl(c) || c == '\u2028' || c == '\u2029') && !allowed) {
        add(pointer, String.format("control character U+%04X at index %d is not allowed%s", (int) c, i,
            multiline ? "" : " (single-line text)"));
        return;
      }
    }
  }
}
