package org.cisharing.incident;

import org.cisharing.report.IncidentReport;

/**
 * Where the tracker's reports go once filed, usually {@code client::submit} of a {@link
 * org.cisharing.SharingClient} (durable outbox). If it throws (e.g. the outbox is full), the
 * tracker keeps the incident's state and files the report again at its next evaluation: reports
 * are built from cumulative state, so nothing is lost.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ReportSink {
  void submit(IncidentReport report);
}
