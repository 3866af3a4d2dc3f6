package org.cisharing.advisory;

/**
 * A snapshot of an {@link AdvisoryRouter}'s counters.
 *
 * @param received advisories routed
 * @param delivered role deliveries that a handler accepted
 * @param withheld role deliveries withheld because the advisory's TLP is above the role's clearance
 * @param failed role deliveries parked after every attempt failed (a running total, also counting
 *     those later redelivered)
 * @param unhandled role deliveries for a role without any registered handler
 * @since 0.1.0
 */
public record RoutingCounts(long received, long delivered, long withheld, long failed, long unhandled) {}
