package org.cisharing.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored item that could not be read back (corrupt, truncated, unknown format) and was set aside
 * instead of being deleted, so that a person can inspect it.
 *
 * @param location where it was moved (a file path, a table row key)
 * @param reason why it could not be read
 * @param at when it was set aside
 * @since 0.1.0
 */
public record Quarantined(String location, String reason, Instant at) {
  public Quarantined {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
