package org.cisharing.incident;

import org.cisharing.report.IncidentReport;

/**
 * Sees every report the tracker files, before it enters the outbox: it may return the report as
 * is, return a modified copy (e.g. redacted, enriched), or return {@code null} to veto it. A veto
 * is logged and counted; a vetoed initial report suppresses the whole incident (its later reports
 * are not filed either, so the hub never sees an update without its initial report). A hook that
 * throws vetoes the report. Hooks run on the tracker's worker thread, in registration order.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ReportHook {
  /**
   * @param report the report about to be filed
   * @param incident a snapshot of the incident it belongs to
   * @return the report to file, or {@code null} to veto it
   */
  IncidentReport beforeSubmit(IncidentReport report, Incident incident);
}
