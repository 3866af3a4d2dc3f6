package org.cisharing.spring.boot;

import java.nio.file.Path;
import java.time.Clock;
import org.cisharing.SharingClient;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.advisory.AdvisoryRouter;
import org.cisharing.advisory.AdvisoryVerifier;
import org.cisharing.advisory.FeedListener;
import org.cisharing.outbox.FileOutbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The advisory feed and its verifier, when {@code sharing.advisories.enabled} is true, or unset
 * with trusted keys configured (or verification explicitly off). The feed polls from a lifecycle
 * once the context is ready; an application-defined {@link AdvisoryFeed} replaces it and its
 * lifecycle.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SharingAdvisoryFeedConfiguration.OnAdvisoriesEnabled.class)
@Import(SharingAdvisoryFeedConfiguration.Feed.class)
class SharingAdvisoryFeedConfiguration {
  @Bean
  @ConditionalOnMissingBean
  AdvisoryVerifier advisoryVerifier(SharingProperties properties) {
    return new SharingPropertiesMapper(properties).verifier(Clock.systemUTC());
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(AdvisoryFeed.class)
  static class Feed {
    @Bean(destroyMethod = "close")
    AdvisoryFeed advisoryFeed(
        SharingProperties properties,
        SharingClient sharingClient,
        AdvisoryVerifier advisoryVerifier,
        AdvisoryRouter advisoryRouter,
        ObjectProvider<FeedListener> listeners,
        ObjectProvider<AdvisoryFeedCustomizer> customizers) {
      AdvisoryFeed.Builder builder = AdvisoryFeed.builder().client(sharingClient).verifier(advisoryVerifier)
          .router(advisoryRouter);
      new SharingPropertiesMapper(properties).feedSettings(defaultStateDirectory(sharingClient)).applyTo(builder);
      builder.listener(CompositeFeedListener.of(listeners.orderedStream().toList()));
      customizers.orderedStream().forEach(c -> c.customize(builder));
      return builder.build();
    }

    @Bean
    AdvisoryFeedLifecycle advisoryFeedLifecycle(AdvisoryFeed advisoryFeed, AdvisoryVerifier advisoryVerifier) {
      return new AdvisoryFeedLifecycle(advisoryFeed, advisoryVerifier.isVerifying());
    }

    /** Next to the file outbox: {@code <outbox>-advisories}; none for another kind of outbox. */
    static Path defaultStateDirectory(SharingClient client) {
      if (client.outbox() instanceof FileOutbox file) {
        Path dir = file.directory().toAbsolutePath();
        return dir.resolveSibling(dir.getFileName() + "-advisories");
      }
      return null;
    }
  }

  static final class OnAdvisoriesEnabled extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Binder binder = Binder.get(context.getEnvironment());
      Boolean enabled = binder.bind("sharing.advisories.enabled", Boolean.class).orElse(null);
      boolean keys = context.getEnvironment().containsProperty("sharing.advisories.trusted-keys");
      boolean verification = binder.bind("sharing.advisories.verification", Boolean.class).orElse(true);
      if (SharingPropertiesMapper.advisoriesEnabled(enabled, keys, verification)) {
        return ConditionOutcome.match("advisories enabled (enabled=" + enabled + ", trusted-keys set=" + keys
            + ", verification=" + verification + ")");
      }
      return ConditionOutcome.noMatch("sharing.advisories.enabled is false, or unset without sharing.advisories.trusted-keys");
    }
  }
}
