package org.cisharing.spring.boot;

import org.cisharing.SharingClient;

/**
 * Adjusts the auto-configured {@link SharingClient} before it is built, after the {@code sharing.*}
 * properties were applied: e.g. a rotating token supplier, an application-wide {@code
 * OkHttpClient}, a clock or an executor. Every customizer bean is applied, in {@code @Order} /
 * {@code Ordered} order.
 *
 * <pre>{@code
 * @Bean
 * SharingClientCustomizer rotatingToken(TokenService tokens) {
 *   return builder -> builder.bearerToken(tokens::current);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SharingClientCustomizer {
  /** Customizes the builder; called once, on the thread that creates the client bean. */
  void customize(SharingClient.Builder builder);
}
