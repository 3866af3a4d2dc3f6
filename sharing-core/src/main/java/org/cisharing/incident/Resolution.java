package org.cisharing.incident;

import java.util.List;
import org.cisharing.report.Cause;
import org.cisharing.report.ResponseStatus;

/**
 * How an incident ended, for its final report: causes as now known (confirmed ones replace the
 * suspicions with the same item), the response status, the actions taken and the measures to
 * prevent recurrence. Empty lists keep what the tracker derived.
 *
 * @param causes causes to state in the final report
 * @param status the response status (defaults to recovered)
 * @param actions actions taken
 * @param recurrencePrevention recurrence-prevention measures; when empty, the tracker's provider
 *     or a "to be completed" note is used
 * @param note a sentence appended to the summary, or {@code null}
 * @since 0.1.0
 */
public record Resolution(
    List<Cause> causes, ResponseStatus status, List<String> actions, List<String> recurrencePrevention, String note) {
  public Resolution {
    causes = causes == null ? List.of() : List.copyOf(causes);
    actions = actions == null ? List.of() : List.copyOf(actions);
    recurrencePrevention = recurrencePrevention == null ? List.of() : List.copyOf(recurrencePrevention);
  }

  /** Nothing more known: the final report keeps the derived causes and marks measures as to be completed. */
  public static Resolution none() {
    return new Resolution(List.of(), null, List.of(), List.of(), null);
  }

  public static Resolution of(List<Cause> causes, String... recurrencePrevention) {
    return new Resolution(causes, ResponseStatus.RECOVERED, List.of(), List.of(recurrencePrevention), null);
  }
}
