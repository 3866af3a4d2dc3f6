package org.cisharing.spring.boot;

import org.cisharing.advisory.AdvisoryRouter;

/**
 * Adjusts the auto-configured {@link AdvisoryRouter} before it is built, after the {@code
 * sharing.advisories.*} properties, the asset matcher and the {@link AdvisoryListener} methods were
 * applied: e.g. handlers registered in code, an executor, a clock. Every customizer bean is
 * applied, in {@code @Order} / {@code Ordered} order.
 *
 * <pre>{@code
 * @Bean
 * AdvisoryRouterCustomizer executiveMail(MailDesk mail) {
 *   return builder -> builder.handler(Role.EXECUTIVE, mail::send);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AdvisoryRouterCustomizer {
  /** Customizes the builder; called once, on the thread that creates the router bean. */
  void customize(AdvisoryRouter.Builder builder);
}
