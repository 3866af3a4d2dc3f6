package org.cisharing.spring.boot;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.advisory.AdvisoryRouter;

/**
 * Counters of advisories, read from the router's and the feed's own counts: {@code
 * sharing.advisories.received} (routed to roles), {@code .withheld} (role deliveries withheld
 * because the TLP was above the role's clearance), {@code .failed} (role deliveries parked after
 * the handler failed every attempt) and, with the feed, {@code .quarantined} (refused: bad
 * signature, unknown key, malformed).
 */
final class SharingAdvisoryMeterBinder implements MeterBinder {
  private final AdvisoryRouter router;
  private final AdvisoryFeed feed;

  /** @param feed the feed, or null when there is none */
  SharingAdvisoryMeterBinder(AdvisoryRouter router, AdvisoryFeed feed) {
    this.router = router;
    this.feed = feed;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    FunctionCounter.builder("sharing.advisories.received", router, r -> r.counts().received())
        .description("Advisories routed to the roles they concern").baseUnit("advisories").register(registry);
    FunctionCounter.builder("sharing.advisories.withheld", router, r -> r.counts().withheld())
        .description("Role deliveries withheld because the advisory's TLP is above the role's clearance")
        .register(registry);
    FunctionCounter.builder("sharing.advisories.failed", router, r -> r.counts().failed())
        .description("Role deliveries parked after the handler failed every attempt").register(registry);
    if (feed != null) {
      FunctionCounter.builder("sharing.advisories.quarantined", feed, f -> f.stats().quarantined())
          .description("Advisories refused and quarantined (signature, key, format)").baseUnit("advisories")
          .register(registry);
    }
  }
}
