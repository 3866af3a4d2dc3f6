package org.cisharing.examples.spring;

import java.time.OffsetDateTime;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ObservedSystem;
import org.springframework.stereotype.Component;

/**
 * Where the application's monitoring integration hands over what it saw. In a real application
 * this is called from the alerting pipeline (a webhook controller, a message listener); it never
 * blocks, because the tracker only enqueues.
 */
@Component
public class AlertIntake {
  private final IncidentTracker tracker;

  public AlertIntake(IncidentTracker tracker) {
    this.tracker = tracker;
  }

  /**
   * One alert from the monitoring system.
   *
   * @return false when the tracker had to shed it (it is then counted and reported as shed)
   */
  public boolean alert(String systemName, SystemKind kind, ImpactLevel impact, String... signals) {
    return tracker.observe(Observation.builder()
        .observedAt(OffsetDateTime.now())
        .source("prometheus@sakura-water")
        .sector(Sector.WATER)
        .system(new ObservedSystem(kind, systemName, null, null, null))
        .serviceImpact(impact)
        .signals(signals)
        .build());
  }
}
