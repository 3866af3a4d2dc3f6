package org.cisharing.advisory;

import java.util.Objects;

/**
 * An advisory whose JWS signature verified against a trusted key (or, only with an explicitly
 * unverified {@link AdvisoryVerifier}, one accepted without a check: {@code signatureVerified} is
 * then false).
 *
 * @param advisory the advisory, parsed from the payload's exact bytes
 * @param keyId the {@code kid} of the key that verified it, or the header's kid when unverified
 * @param algorithm the JWS {@code alg} ({@code EdDSA} or {@code ES256})
 * @param signatureVerified whether the signature was actually checked
 * @since 0.1.0
 */
public record VerifiedAdvisory(Advisory advisory, String keyId, String algorithm, boolean signatureVerified)
    implements VerificationResult {
  public VerifiedAdvisory {
    Objects.requireNonNull(advisory, "advisory");
  }

  @Override
  public boolean accepted() {
    return true;
  }
}
