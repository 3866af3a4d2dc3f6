package org.cisharing.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives the hub's advisories for one or more roles, as {@code
 * @EventListener} does for application events. The method takes one {@link
 * org.cisharing.advisory.RoleAdvisory} parameter (the advisory as that role sees it: its actions,
 * its matched assets) and returns {@code void}; it is registered as an {@link
 * org.cisharing.advisory.AdvisoryHandler} of each role on the auto-configured {@link
 * org.cisharing.advisory.AdvisoryRouter}. Methods are checked at start-up; a wrong signature, an
 * invalid role code or severity fails start-up naming the method.
 *
 * <pre>{@code
 * @Component
 * class SocDesk {
 *   @AdvisoryListener(roles = {"CSIRT", "SYSTEM_ADMIN"}, minSeverity = "high")
 *   void onAdvisory(RoleAdvisory advisory) {
 *     tickets.open(advisory.role(), advisory.title().ja(), advisory.assetActions());
 *   }
 * }
 * }</pre>
 *
 * <p>The router's rules apply: a TLP above the role's clearance is withheld, and a method that
 * throws is retried up to {@code sharing.advisories.max-attempts} times, then the delivery is
 * parked ({@code AdvisoryRouter.failedDeliveries()}). Methods are called on the thread that
 * delivers the advisory (the feed's poller, or the webhook's request thread) and must be
 * thread-safe. The bean is looked up when an advisory arrives, so a listener bean may itself
 * depend on the router or the feed.
 *
 * @since 0.1.0
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface AdvisoryListener {
  /**
   * Role codes, e.g. {@code CSIRT}, {@code EXECUTIVE}, {@code SYSTEM_ADMIN}, {@code
   * CONTROL_SYSTEM}, {@code CISO}, or a custom role. Empty: {@code sharing.advisories.default-role}
   * (CSIRT unless configured).
   */
  String[] roles() default {};

  /**
   * The least severity passed to this method ({@code critical}, {@code high}, {@code medium},
   * {@code low}, {@code info}); advisories below it are skipped for this method only. Default:
   * every advisory.
   */
  String minSeverity() default "info";
}
