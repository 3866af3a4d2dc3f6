package org.cisharing.report;

import java.util.List;

/**
 * What the operator did and will do: the response status, actions taken, and (in a final report)
 * the measures to prevent recurrence (再発防止策).
 *
 * @param status where the response stands (required in a final report)
 * @param actions actions taken so far
 * @param recurrencePrevention recurrence-prevention measures (required in a final report)
 * @since 0.1.0
 */
public record Response(ResponseStatus status, List<String> actions, List<String> recurrencePrevention) {
  public Response {
    actions = actions == null ? List.of() : List.copyOf(actions);
    recurrencePrevention = recurrencePrevention == null ? List.of() : List.copyOf(recurrencePrevention);
  }

  public static Response of(ResponseStatus status, String... actions) {
    return new Response(status, List.of(actions), List.of());
  }

  public Response withRecurrencePrevention(String... measures) {
    return new Response(status, actions, List.of(measures));
  }
}
