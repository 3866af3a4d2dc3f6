package org.cisharing.spring.boot;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.cisharing.incident.IncidentTracker;

/**
 * Meters of the incident tracker: {@code sharing.incidents.open} (gauge) and {@code
 * sharing.observations.shed} (counter, tagged {@code reason}: {@code queue_full} when the hand-off
 * queue was full, {@code invalid} for null observations). Shed observations are still accounted
 * for in the overflow incident's reports.
 */
final class SharingTrackerMeterBinder implements MeterBinder {
  private final IncidentTracker tracker;

  SharingTrackerMeterBinder(IncidentTracker tracker) {
    this.tracker = tracker;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("sharing.incidents.open", tracker, t -> t.stats().openIncidents())
        .description("Incidents the tracker follows that have not had their final report").baseUnit("incidents")
        .register(registry);
    FunctionCounter.builder("sharing.observations.shed", tracker, t -> t.stats().shedQueueFull())
        .tag("reason", "queue_full").description("Observations not accepted by the tracker").register(registry);
    FunctionCounter.builder("sharing.observations.shed", tracker, t -> t.stats().shedInvalid())
        .tag("reason", "invalid").description("Observations not accepted by the tracker").register(registry);
  }
}
