package org.cisharing.spring.boot;

import org.cisharing.advisory.AdvisoryFeed;

/**
 * Adjusts the auto-configured {@link AdvisoryFeed} before it is built, after the {@code
 * sharing.advisories.*} properties, the router and the {@code FeedListener} beans were applied:
 * e.g. a clock or a larger de-duplication memory. Every customizer bean is applied, in {@code
 * @Order} / {@code Ordered} order.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AdvisoryFeedCustomizer {
  /** Customizes the builder; called once, on the thread that creates the feed bean. */
  void customize(AdvisoryFeed.Builder builder);
}
