package org.cisharing.examples.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The demo's virtual clock: it stands still until the story moves it, so that hours of an incident
 * pass in milliseconds. Thread-safe (the tracker's worker reads it while the story advances it);
 * copies made with {@link #withZone} share its time.
 */
final class DemoClock extends Clock {
  private final ZoneId zone;
  private final AtomicReference<Instant> now;

  DemoClock(Instant start, ZoneId zone) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), zone);
  }

  private DemoClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /** Moves the clock forward to {@code instant} (never backwards). */
  void advanceTo(Instant instant) {
    Instant before = now.getAndUpdate(t -> instant.isBefore(t) ? t : instant);
    if (instant.isBefore(before)) {
      throw new IllegalArgumentException("the story cannot go back in time: " + instant + " < " + before);
    }
  }

  void advance(Duration d) {
    now.updateAndGet(t -> t.plus(d));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new DemoClock(now, zone);
  }
}
