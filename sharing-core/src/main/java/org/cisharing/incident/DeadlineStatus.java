package org.cisharing.incident;

import java.time.Instant;

/**
 * One deadline clock of an incident.
 *
 * @param policy the regime's id (a deadline policy, or a regulatory flag of the classifier)
 * @param rule the requirement
 * @param due when it is due
 * @param met whether a report that meets it was filed
 * @since 0.1.0
 */
public record DeadlineStatus(String policy, DeadlineRule rule, Instant due, boolean met) {
  /** Whether it is unmet and past due at {@code now}. */
  public boolean overdue(Instant now) {
    return !met && now.isAfter(due);
  }
}
