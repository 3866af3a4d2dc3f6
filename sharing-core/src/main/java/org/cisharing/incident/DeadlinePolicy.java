package org.cisharing.incident;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.cisharing.model.Labelled;
import org.cisharing.report.EventClass;
import org.cisharing.report.ReportStage;
import org.cisharing.scope.Category;

/**
 * A reporting regime's deadlines and the incidents it applies to. Deadlines differ by regime, so
 * they are policies, configured per operator, not constants. Regulatory flags raised by the scope
 * classifier's sector profiles (e.g. a telecom serious accident, a personal-data leak) become
 * deadline clocks automatically; the policies here add regimes that apply by the operator's choice.
 *
 * @param id e.g. {@code nis2}
 * @param ja the regime, in Japanese
 * @param en the regime, in English
 * @param appliesTo which incidents it covers (evaluated when the incident opens and on changes)
 * @param rules the reports it asks for
 * @since 0.1.0
 */
public record DeadlinePolicy(String id, String ja, String en, Predicate<Incident> appliesTo, List<DeadlineRule> rules)
    implements Labelled {
  public DeadlinePolicy {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ja, "ja");
    Objects.requireNonNull(en, "en");
    Objects.requireNonNull(appliesTo, "appliesTo");
    rules = List.copyOf(rules);
  }

  /**
   * The action plan's 情報連絡: "promptly" (速やかに). The plan sets no number; {@code within} is the
   * operator's own reading of "promptly" for the initial report of any incident that is not a
   * precursor.
   */
  public static DeadlinePolicy actionPlan(Duration within) {
    return new DeadlinePolicy("action-plan", "行動計画に基づく情報連絡(速やかに)", "Action plan report (promptly)",
        i -> i.category() != Category.PRECURSOR,
        List.of(new DeadlineRule("action-plan-initial", within, ReportStage.INITIAL,
            "第1報を速やかに", "Initial report promptly")));
  }

  /** EU NIS2 Art. 23 for significant incidents (with a service impact): 24 h, 72 h, one month. */
  public static DeadlinePolicy nis2() {
    return new DeadlinePolicy("nis2", "EU NIS2指令 第23条", "EU NIS2 Article 23",
        i -> i.category() == Category.SERVICE_OUTAGE,
        List.of(
            new DeadlineRule("nis2-early-warning", Duration.ofHours(24), ReportStage.INITIAL,
                "早期警告(24時間以内)", "Early warning within 24 h"),
            new DeadlineRule("nis2-notification", Duration.ofHours(72), ReportStage.UPDATE,
                "インシデント通知(72時間以内)", "Incident notification within 72 h"),
            new DeadlineRule("nis2-final", Duration.ofHours(72).plusDays(30), ReportStage.FINAL,
                "最終報告(通知から1か月以内)", "Final report one month after the notification")));
  }

  /**
   * US CIRCIA: a covered incident within 72 h; a ransom payment within 24 h of the payment (applies
   * when an observation carries the attribute {@code ransomPaid=true}).
   */
  public static DeadlinePolicy circia() {
    return new DeadlinePolicy("circia", "米国CIRCIA", "US CIRCIA",
        i -> i.category() != Category.PRECURSOR,
        List.of(new DeadlineRule("circia-covered-incident", Duration.ofHours(72), ReportStage.INITIAL,
            "対象インシデントの報告(72時間以内)", "Covered incident report within 72 h")));
  }

  /** US CIRCIA's ransom-payment report: 24 h, for incidents where a ransom payment was observed. */
  public static DeadlinePolicy circiaRansomPayment() {
    return new DeadlinePolicy("circia-ransom", "米国CIRCIA(身代金支払)", "US CIRCIA ransom payment",
        Incident::ransomPaid,
        List.of(new DeadlineRule("circia-ransom-payment", Duration.ofHours(24), ReportStage.UPDATE,
            "身代金支払の報告(24時間以内)", "Ransom payment report within 24 h")));
  }

  /** A personal-data leak without a classifier flag: preliminary in 5 days, confirmed in 30 (PPC). */
  public static DeadlinePolicy ppcLeak() {
    return new DeadlinePolicy("ppc", "個人情報保護委員会への報告", "Personal Information Protection Commission report",
        i -> i.eventClasses().contains(EventClass.CONFIDENTIALITY),
        List.of(
            new DeadlineRule("ppc-preliminary", Duration.ofDays(5), ReportStage.INITIAL, "速報(概ね3〜5日以内)",
                "Preliminary report (about 3-5 days)"),
            new DeadlineRule("ppc-confirmed", Duration.ofDays(30), ReportStage.FINAL, "確報(30日以内、不正目的は60日)",
                "Confirmed report (30 days, 60 for malicious causes)")));
  }
}
