package org.cisharing.advisory;

import java.time.Instant;
import java.util.Objects;
import org.cisharing.model.Role;

/**
 * A delivery to a handler that kept failing after the router's retries, parked for inspection and
 * for {@link AdvisoryRouter#redeliverFailed()}.
 *
 * @param delivery what was to be delivered
 * @param handlerIndex which of the role's handlers failed (0 for the first registered)
 * @param attempts how many times it was tried
 * @param error the last error
 * @param at when it was parked
 * @since 0.1.0
 */
public record FailedDelivery(RoleAdvisory delivery, int handlerIndex, int attempts, Throwable error, Instant at) {
  public FailedDelivery {
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(at, "at");
  }

  public Role role() {
    return delivery.role();
  }

  @Override
  public String toString() {
    return "FailedDelivery{advisory=" + delivery.id() + "#" + delivery.revision() + ", role=" + role()
        + ", handler=" + handlerIndex + ", attempts=" + attempts + ", error=" + error + ", at=" + at + "}";
  }
}
