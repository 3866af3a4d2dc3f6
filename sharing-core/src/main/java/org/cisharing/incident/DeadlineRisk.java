package org.cisharing.incident;

/**
 * An unmet deadline clock in its risk window or overdue.
 *
 * @param incident the incident
 * @param deadline the clock
 * @param overdue whether it is already past due
 * @since 0.1.0
 */
public record DeadlineRisk(Incident incident, DeadlineStatus deadline, boolean overdue) {}
