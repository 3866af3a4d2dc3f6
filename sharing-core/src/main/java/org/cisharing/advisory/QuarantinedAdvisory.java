package org.cisharing.advisory;

import java.time.Instant;
import java.util.Objects;

/**
 * A signed advisory that was refused, kept with the reason so that a person can inspect it. The
 * feed goes on with the next advisory.
 *
 * @param reason the machine-readable reason
 * @param detail a sentence with the specifics (the unknown kid, the invalid field, ...)
 * @param raw the JWS as received (for {@link QuarantineReason#TOO_LARGE}, only its first 4096
 *     characters)
 * @param at when it was refused
 * @since 0.1.0
 */
public record QuarantinedAdvisory(QuarantineReason reason, String detail, String raw, Instant at)
    implements VerificationResult {
  public QuarantinedAdvisory {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(raw, "raw");
    Objects.requireNonNull(at, "at");
  }

  @Override
  public boolean accepted() {
    return false;
  }

  /** Without the raw JWS, which may be large. */
  @Override
  public String toString() {
    return "QuarantinedAdvisory{reason=" + reason + ", detail=" + detail + ", at=" + at + "}";
  }
}
