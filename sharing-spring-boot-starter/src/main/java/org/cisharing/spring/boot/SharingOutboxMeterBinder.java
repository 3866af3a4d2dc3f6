package org.cisharing.spring.boot;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.cisharing.SharingClient;

/**
 * Gauges of the outbox: {@code sharing.outbox.depth} (pending entries), {@code
 * sharing.outbox.oldest.age} (seconds since the oldest pending entry was stored, 0 when empty) and
 * {@code sharing.outbox.quarantined} (unreadable items set aside since the outbox was opened,
 * including those found at start-up). A closed client reads as NaN.
 */
final class SharingOutboxMeterBinder implements MeterBinder {
  private final SharingClient client;
  private final Clock clock;

  SharingOutboxMeterBinder(SharingClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, "sharing.outbox.depth", "entries", "Entries stored and not yet acknowledged by the hub",
        c -> c.pending());
    gauge(registry, "sharing.outbox.oldest.age", "seconds", "Age of the oldest pending entry (0 when the outbox is empty)",
        this::oldestAgeSeconds);
    gauge(registry, "sharing.outbox.quarantined", "items", "Unreadable outbox items set aside since the outbox was opened",
        c -> c.outbox().quarantined().size());
  }

  private double oldestAgeSeconds(SharingClient c) {
    Optional<Instant> oldest = c.oldestPending();
    return oldest.map(t -> Math.max(0, Duration.between(t, clock.instant()).toMillis()) / 1000.0).orElse(0.0);
  }

  private void gauge(MeterRegistry registry, String name, String unit, String description,
      ToDoubleFunction<SharingClient> value) {
    Gauge.builder(name, client, c -> {
      try {
        return value.applyAsDouble(c);
      } catch (IllegalStateException e) {
        return Double.NaN; // closed
      }
    }).baseUnit(unit).description(description).register(registry);
  }
}
