package org.cisharing.advisory;

/**
 * The outcome of checking a signed advisory: either a {@link VerifiedAdvisory} or a {@link
 * QuarantinedAdvisory} saying why it was refused.
 *
 * @since 0.1.0
 */
public sealed interface VerificationResult permits VerifiedAdvisory, QuarantinedAdvisory {
  /** Whether the advisory was accepted. */
  boolean accepted();
}
