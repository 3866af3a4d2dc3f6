package org.cisharing;

import java.util.Optional;

/**
 * The hub answered a request with an error, or could not be reached. Carries the HTTP status (0
 * when no response was received) and the hub's problem document when it sent one.
 *
 * @since 0.1.0
 */
public class HubException extends SharingException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient Problem problem;

  public HubException(String message, int status, Problem problem, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.problem = problem;
  }

  /** The HTTP status, or 0 when no response was received. */
  public int status() {
    return status;
  }

  /** The hub's problem document, when it sent one. */
  public Optional<Problem> problem() {
    return Optional.ofNullable(problem);
  }
}
