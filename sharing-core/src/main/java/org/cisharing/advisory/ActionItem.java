package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cisharing.model.LocalizedText;

/**
 * One concrete thing an addressee must do (対応事項), with its priority and, optionally, how soon.
 *
 * <p>{@code appliesTo} optionally names the ids of the advisory's affected products or exposures
 * this action is about: an asset matching one of them gets this action bound to it, whatever the
 * asset's owner role. An action with an empty {@code appliesTo} is general: it is bound to
 * matched assets owned by the action's role.
 *
 * @param id identifier, unique within the advisory
 * @param text what to do
 * @param priority how urgent
 * @param dueWithin how soon after the advisory is received, or {@code null}
 * @param appliesTo ids of affected products or exposures this action is about (may be empty)
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ActionItem(
    String id, LocalizedText text, ActionPriority priority, Duration dueWithin, List<String> appliesTo) {
  public ActionItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(priority, "priority");
    if (id.isBlank()) {
      throw new IllegalArgumentException("action id is blank");
    }
    if (dueWithin != null && (dueWithin.isNegative() || dueWithin.isZero())) {
      throw new IllegalArgumentException("dueWithin must be positive, was " + dueWithin);
    }
    appliesTo = appliesTo == null ? List.of() : List.copyOf(appliesTo);
  }

  /** A general action without a due time. */
  public static ActionItem of(String id, LocalizedText text, ActionPriority priority) {
    return new ActionItem(id, text, priority, null, List.of());
  }

  /** A general action due within the given time. */
  public static ActionItem of(String id, LocalizedText text, ActionPriority priority, Duration dueWithin) {
    return new ActionItem(id, text, priority, dueWithin, List.of());
  }

  /** How soon the action is due, when the advisory says. */
  public Optional<Duration> due() {
    return Optional.ofNullable(dueWithin);
  }

  /** A copy applying to the given affected-item ids. */
  public ActionItem withAppliesTo(List<String> ids) {
    return new ActionItem(id, text, priority, dueWithin, ids);
  }
}
