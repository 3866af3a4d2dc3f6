package org.cisharing;

import java.util.UUID;

/**
 * The hub refused a report or feedback for good (400, 401, 403, 409, 413, 415 or 422). It was not
 * retried: it is in the outbox's dead letters with the hub's problem document, where a person can
 * inspect it and resubmit a corrected version.
 *
 * @since 0.1.0
 */
public final class HubRejectedException extends HubException {
  private static final long serialVersionUID = 1L;

  private final UUID id;

  public HubRejectedException(UUID id, String message, int status, Problem problem) {
    super(message, status, problem, null);
    this.id = id;
  }

  /** The refused report's (or feedback's) id. */
  public UUID id() {
    return id;
  }
}
