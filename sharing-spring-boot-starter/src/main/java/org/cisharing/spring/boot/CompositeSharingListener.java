package org.cisharing.spring.boot;

import java.time.Instant;
import java.util.List;
import org.cisharing.SharingListener;
import org.cisharing.outbox.DeadLetter;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.Quarantined;
import org.cisharing.report.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls several listeners in order; one that throws is logged and does not keep the others from
 * hearing the event.
 */
final class CompositeSharingListener extends SharingListener {
  private static final Logger LOG = LoggerFactory.getLogger(CompositeSharingListener.class);

  private final List<SharingListener> listeners;

  private CompositeSharingListener(List<SharingListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /** One listener for all of {@code listeners}: {@link SharingListener#NONE}, the only one, or a composite. */
  static SharingListener of(List<SharingListener> listeners) {
    if (listeners.isEmpty()) {
      return SharingListener.NONE;
    }
    return listeners.size() == 1 ? listeners.get(0) : new CompositeSharingListener(listeners);
  }

  List<SharingListener> listeners() {
    return listeners;
  }

  private void each(String event, java.util.function.Consumer<SharingListener> call) {
    for (SharingListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("{}.{} threw; ignored", l.getClass().getName(), event, e);
      }
    }
  }

  @Override
  public void submitted(OutboxEntry entry) {
    each("submitted", l -> l.submitted(entry));
  }

  @Override
  public void delivered(OutboxEntry entry, Receipt receipt) {
    each("delivered", l -> l.delivered(entry, receipt));
  }

  @Override
  public void deferred(OutboxEntry entry, int attempt, String reason, Instant nextAttempt) {
    each("deferred", l -> l.deferred(entry, attempt, reason, nextAttempt));
  }

  @Override
  public void deadLettered(DeadLetter deadLetter) {
    each("deadLettered", l -> l.deadLettered(deadLetter));
  }

  @Override
  public void quarantined(Quarantined quarantined) {
    each("quarantined", l -> l.quarantined(quarantined));
  }
}
