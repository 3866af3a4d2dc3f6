package org.cisharing.incident;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cisharing.model.Tlp;
import org.cisharing.report.AffectedSystem;
import org.cisharing.report.Cause;
import org.cisharing.report.Contractor;
import org.cisharing.report.IncidentReport;
import org.cisharing.report.Indicator;
import org.cisharing.report.IndicatorType;
import org.cisharing.report.OnwardSharing;
import org.cisharing.report.Response;

/**
 * A built-in {@link ReportHook} that masks internal details in a report's free text before it
 * leaves the organisation: private and loopback IPv4 addresses, host names under the operator's
 * internal domains, user names ({@code user=...}, <code>DOMAIN&#92;user</code>, {@code ユーザ名: ...}) and
 * e-mail addresses. Indicators that point at internal addresses are removed; the contractor's name
 * is removed when the report may be shared anonymised.
 *
 * <p>It applies only where the report may travel beyond the hub's own analysts: when its onward
 * sharing is anonymised or full, or its TLP is GREEN or CLEAR (override with {@link
 * Builder#always()}). The reporter's contacts are never touched: the hub needs them. Immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class Redactor implements ReportHook {
  private static final Pattern IPV4 = Pattern.compile("\\b(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\b");
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern USER = Pattern.compile(
      "(?i)\\b(user(?:name)?|uid|login|account)(\\s*[=:]\\s*)([^\\s,;]+)"
          + "|\\b([A-Z][A-Z0-9-]{1,14})\\\\([A-Za-z0-9._-]+)"
          + "|(ユーザー?(?:名|ID)?|アカウント)(\\s*[:：=]\\s*)([^\\s、。,;]+)");

  private final List<String> internalDomains;
  private final boolean always;

  private Redactor(Builder b) {
    this.internalDomains = List.copyOf(b.internalDomains);
    this.always = b.always;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A redactor without internal domains (IP addresses, user names and e-mail addresses only). */
  public static Redactor defaults() {
    return builder().build();
  }

  @Override
  public IncidentReport beforeSubmit(IncidentReport report, Incident incident) {
    if (!applies(report)) {
      return report;
    }
    IncidentReport.Builder b = report.newBuilder().reportId(report.reportId()).reportedAt(report.reportedAt());
    b.title(redact(report.title()));
    b.summary(redact(report.summary()));
    List<AffectedSystem> systems = new ArrayList<>();
    for (AffectedSystem s : report.affectedSystems()) {
      systems.add(new AffectedSystem(s.kind(), redact(s.name()), s.vendor(), s.product(), s.version(), s.environment()));
    }
    b.affectedSystems(systems);
    List<Cause> causes = new ArrayList<>();
    for (Cause c : report.causes()) {
      causes.add(c.note() == null ? c : c.withNote(redact(c.note())));
    }
    b.causes(causes);
    report.intrusionVector().ifPresent(v -> b.intrusionVector(redact(v)));
    report.response().ifPresent(r -> b.response(new Response(r.status(), redactAll(r.actions()), redactAll(r.recurrencePrevention()))));
    List<Indicator> indicators = new ArrayList<>();
    for (Indicator i : report.indicators()) {
      if (!internal(i)) {
        indicators.add(i.description() == null ? i : new Indicator(i.type(), i.value(), redact(i.description())));
      }
    }
    b.indicators(indicators);
    report.contractor().ifPresent(c -> b.contractor(
        report.handling().onwardSharing() == OnwardSharing.FULL ? new Contractor(c.name(), redact(c.involvement()))
            : new Contractor(null, redact(c.involvement()))));
    return b.build();
  }

  /** Whether this report will be redacted. */
  public boolean applies(IncidentReport report) {
    if (always) {
      return true;
    }
    Tlp tlp = report.handling().tlp();
    return report.handling().onwardSharing() != OnwardSharing.NONE || tlp == Tlp.GREEN || tlp == Tlp.CLEAR;
  }

  /** Masks internal details in one text. */
  public String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String t = replaceIps(text);
    t = EMAIL.matcher(t).replaceAll("[redacted-email]");
    t = replaceUsers(t);
    for (String domain : internalDomains) {
      t = Pattern.compile("\\b[A-Za-z0-9][A-Za-z0-9.-]*" + Pattern.quote(domain) + "\\b", Pattern.CASE_INSENSITIVE)
          .matcher(t).replaceAll("[redacted-host]");
    }
    return t;
  }

  private List<String> redactAll(List<String> texts) {
    List<String> out = new ArrayList<>(texts.size());
    for (String s : texts) {
      out.add(redact(s));
    }
    return out;
  }

  private boolean internal(Indicator i) {
    if (i.type() == IndicatorType.IPV4) {
      Matcher m = IPV4.matcher(i.value());
      return m.lookingAt() && privateIp(m);
    }
    if (i.type() == IndicatorType.DOMAIN || i.type() == IndicatorType.URL) {
      String v = i.value().toLowerCase(Locale.ROOT);
      for (String d : internalDomains) {
        if (v.contains(d.toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String replaceIps(String text) {
    Matcher m = IPV4.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, privateIp(m) ? "[redacted-ip]" : Matcher.quoteReplacement(m.group()));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static String replaceUsers(String text) {
    Matcher m = USER.matcher(text);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group(1) != null) {
        replacement = m.group(1) + m.group(2) + "[redacted-user]";
      } else if (m.group(4) != null) {
        replacement = m.group(4) + "\\" + "[redacted-user]";
      } else {
        replacement = m.group(6) + m.group(7) + "[redacted-user]";
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static boolean privateIp(Matcher m) {
    int a = Integer.parseInt(m.group(1));
    int b = Integer.parseInt(m.group(2));
    return a == 10 || a == 127 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 169 && b == 254)
        || (a == 100 && b >= 64 && b <= 127);
  }

  /**
   * Configures a {@link Redactor}.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private final List<String> internalDomains = new ArrayList<>();
    private boolean always;

    Builder() {}

    /** A domain suffix whose host names are internal, e.g. {@code .corp.sakura-water.jp}. */
    public Builder internalDomain(String suffix) {
      Objects.requireNonNull(suffix, "suffix");
      internalDomains.add(suffix.startsWith(".") ? suffix : "." + suffix);
      return this;
    }

    /** Redact every report, whatever its TLP and onward-sharing setting. */
    public Builder always() {
      this.always = true;
      return this;
    }

    public Redactor build() {
      return new Redactor(this);
    }
  }
}
