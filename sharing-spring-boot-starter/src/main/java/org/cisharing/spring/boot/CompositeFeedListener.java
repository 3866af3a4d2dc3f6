package org.cisharing.spring.boot;

import java.util.List;
import java.util.function.Consumer;
import org.cisharing.advisory.FeedListener;
import org.cisharing.advisory.QuarantinedAdvisory;
import org.cisharing.advisory.VerifiedAdvisory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls several feed listeners in order; one that throws is logged and does not silence the others. */
final class CompositeFeedListener extends FeedListener {
  private static final Logger LOG = LoggerFactory.getLogger(CompositeFeedListener.class);

  private final List<FeedListener> listeners;

  private CompositeFeedListener(List<FeedListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  static FeedListener of(List<FeedListener> listeners) {
    if (listeners.isEmpty()) {
      return FeedListener.NONE;
    }
    return listeners.size() == 1 ? listeners.get(0) : new CompositeFeedListener(listeners);
  }

  private void each(String event, Consumer<FeedListener> call) {
    for (FeedListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        LOG.warn("{}.{} threw; ignored", l.getClass().getName(), event, e);
      }
    }
  }

  @Override
  public void delivered(VerifiedAdvisory advisory) {
    each("delivered", l -> l.delivered(advisory));
  }

  @Override
  public void duplicate(String advisoryId, int revision) {
    each("duplicate", l -> l.duplicate(advisoryId, revision));
  }

  @Override
  public void quarantined(QuarantinedAdvisory quarantined) {
    each("quarantined", l -> l.quarantined(quarantined));
  }

  @Override
  public void pollFailed(String reason) {
    each("pollFailed", l -> l.pollFailed(reason));
  }
}
