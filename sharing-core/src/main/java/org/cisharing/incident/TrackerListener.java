package org.cisharing.incident;

import org.cisharing.report.IncidentReport;

/**
 * Hears what the tracker does. Every method has an empty default. Called on the tracker's worker
 * thread: return quickly; an exception thrown here is logged and ignored.
 *
 * @since 0.1.0
 */
public abstract class TrackerListener {
  /** A listener that does nothing. */
  public static final TrackerListener NONE = new TrackerListener() {};

  /** For subclasses. */
  protected TrackerListener() {}

  /** A report was handed to the sink (the outbox). */
  public void reportFiled(IncidentReport report, Incident incident) {}

  /** A hook vetoed a report. */
  public void reportVetoed(IncidentReport report, Incident incident, String reason) {}

  /** In approval mode: a report waits for {@link IncidentTracker#approve}. */
  public void awaitingApproval(IncidentReport report, Incident incident) {}

  /** The sink refused a report (e.g. the outbox is full); it will be filed again later. */
  public void submitFailed(IncidentReport report, Incident incident, RuntimeException error) {}

  /** A deadline clock entered its risk window (three quarters of its time used) or passed. */
  public void deadlineAtRisk(Incident incident, DeadlineStatus deadline) {}
}
