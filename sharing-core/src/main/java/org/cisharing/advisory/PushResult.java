package org.cisharing.advisory;

/**
 * The outcome of a pushed advisory, with the HTTP status the push endpoint answers (HUB-API.md:
 * 202 once durably recorded, 400 for a malformed body, 401 for a bad signature).
 *
 * @since 0.1.0
 */
public enum PushResult {
  /** Verified, recorded and handed to the application. */
  ACCEPTED(202),
  /** Already delivered (same id and revision): nothing to do. */
  DUPLICATE(202),
  /** Not a {@code {"jws": ...}} envelope, not a compact JWS, or too large. */
  MALFORMED(400),
  /** The signature, key or algorithm was refused, or the payload is not a valid advisory. */
  UNAUTHORIZED(401);

  private final int status;

  PushResult(int status) {
    this.status = status;
  }

  /** The HTTP status to answer. */
  public int httpStatus() {
    return status;
  }
}
