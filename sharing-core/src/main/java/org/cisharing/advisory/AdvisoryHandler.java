package org.cisharing.advisory;

/**
 * Receives the part of an advisory meant for one role. Registered per role with an {@link
 * AdvisoryRouter}; may be called from the router's executor thread. A handler that throws is
 * retried a bounded number of times, then the delivery is parked as failed; it never stops the
 * other handlers.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AdvisoryHandler {
  /** Handles one role-scoped advisory. Throwing signals a failed delivery. */
  void handle(RoleAdvisory advisory) throws Exception;
}
