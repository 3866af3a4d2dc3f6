package org.cisharing.spring.boot;

import org.cisharing.incident.IncidentTracker;

/**
 * Adjusts the auto-configured {@link IncidentTracker} before it is built, after the {@code
 * sharing.tracking.*} properties, the {@code ReportHook} and {@code TrackerListener} beans were
 * applied: e.g. deadline policies, a correlation key, recurrence-prevention text, a clock. Every
 * customizer bean is applied, in {@code @Order} / {@code Ordered} order.
 *
 * <pre>{@code
 * @Bean
 * IncidentTrackerCustomizer waterDeadlines() {
 *   return builder -> builder.addDeadlinePolicy(myRegulatorsPolicy);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface IncidentTrackerCustomizer {
  /** Customizes the builder; called once, on the thread that creates the tracker bean. */
  void customize(IncidentTracker.Builder builder);
}
