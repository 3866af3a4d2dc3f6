package org.cisharing.spring.boot;

import java.util.List;
import java.util.function.Consumer;
import org.cisharing.incident.DeadlineStatus;
import org.cisharing.incident.Incident;
import org.cisharing.incident.TrackerListener;
import org.cisharing.report.IncidentReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls several tracker listeners in order; one that throws is logged and does not silence the others. */
final class CompositeTrackerListener extends TrackerListener {
  private static final Logger LOG = LoggerFactory.getLogger(CompositeTrackerListener.class);

  private final List<TrackerListener> listeners;

  private CompositeTrackerListener(List<TrackerListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  static TrackerListener of(List<TrackerListener> listeners) {
    if (listeners.isEmpty()) {
      return TrackerListener.NONE;
    }
    return listeners.size() == 1 ? listeners.get(0) : new CompositeTrackerListener(listeners);
  }

  private void each(String event, Consumer<TrackerListener> call) {
    for (TrackerListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("{}.{} threw; ignored", l.getClass().getName(), event, e);
      }
    }
  }

  @Override
  public void reportFiled(IncidentReport report, Incident incident) {
    each("reportFiled", l -> l.reportFiled(report, incident));
  }

  @Override
  public void reportVetoed(IncidentReport report, Incident incident, String reason) {
    each("reportVetoed", l -> l.reportVetoed(report, incident, reason));
  }

  @Override
  public void awaitingApproval(IncidentReport report, Incident incident) {
    each("awaitingApproval", l -> l.awaitingApproval(report, incident));
  }

  @Override
  public void submitFailed(IncidentReport report, Incident incident, RuntimeException error) {
    each("submitFailed", l -> l.submitFailed(report, incident, error));
  }

  @Override
  public void deadlineAtRisk(Incident incident, DeadlineStatus deadline) {
    each("deadlineAtRisk", l -> l.deadlineAtRisk(incident, deadline));
  }
}
