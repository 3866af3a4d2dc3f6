package org.cisharing.spring.boot;

import java.time.Duration;
import org.cisharing.incident.IncidentTracker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * At shutdown, lets the tracker process what is queued (reports it files go into the outbox)
 * before the client's lifecycle flushes the outbox: its phase is just above the client's, and
 * Spring stops the higher phase first. Open incidents stay open: the tracker is closed by the
 * bean's destroy method without filing final reports.
 */
final class IncidentTrackerLifecycle implements SmartLifecycle {
  static final int PHASE = SharingClientLifecycle.PHASE + 1;

  private static final Logger LOG = LoggerFactory.getLogger(IncidentTrackerLifecycle.class);

  private final IncidentTracker tracker;
  private final Duration timeout;
  private volatile boolean running;

  IncidentTrackerLifecycle(IncidentTracker tracker, Duration timeout) {
    this.tracker = tracker;
    this.timeout = timeout;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    if (!tracker.flush(timeout)) {
      LOG.warn("the incident tracker did not process its queue within {}; queued observations are dropped at close",
          timeout);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
