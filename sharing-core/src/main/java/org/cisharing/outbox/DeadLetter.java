package org.cisharing.outbox;

import java.time.Instant;
import java.util.Objects;

/**
 * An entry the hub refused for good (400, 401, 403, 409, 413, 415, 422), kept with the reason and
 * the hub's problem document so that a person can fix and resubmit it.
 *
 * @param entry the refused entry, unchanged
 * @param status the HTTP status the hub answered
 * @param reason a one-line reason
 * @param problem the hub's {@code application/problem+json} body, or {@code null}
 * @param at when it was dead-lettered
 * @since 0.1.0
 */
public record DeadLetter(OutboxEntry entry, int status, String reason, String problem, Instant at) {
  public DeadLetter {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
