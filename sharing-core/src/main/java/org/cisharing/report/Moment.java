package org.cisharing.report;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A point of an incident's timeline that may be known only approximately (e.g. "around 09:00").
 * An unknown point is simply absent from the timeline.
 *
 * @param at the time, with its offset
 * @param approximate whether {@code at} is an estimate
 * @since 0.1.0
 */
public record Moment(OffsetDateTime at, boolean approximate) {
  public Moment {
    Objects.requireNonNull(at, "at");
  }

  /** An exactly known time. */
  public static Moment exactly(OffsetDateTime at) {
    return new Moment(at, false);
  }

  /** An estimated time. */
  public static Moment around(OffsetDateTime at) {
    return new Moment(at, true);
  }
}
