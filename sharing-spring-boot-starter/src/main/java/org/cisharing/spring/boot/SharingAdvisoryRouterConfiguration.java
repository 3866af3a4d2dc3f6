package org.cisharing.spring.boot;

import org.cisharing.advisory.AdvisoryRouter;
import org.cisharing.advisory.AssetInventory;
import org.cisharing.advisory.AssetMatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The advisory router: role clearances and the default role from {@code sharing.advisories.*},
 * the asset matcher when an {@link AssetInventory} bean exists, handlers from {@link
 * AdvisoryListener} methods, then the customizers.
 */
@Configuration(proxyBeanMethods = false)
class SharingAdvisoryRouterConfiguration {
  @Bean
  static AdvisoryListenerRegistry sharingAdvisoryListenerRegistry() {
    return new AdvisoryListenerRegistry();
  }

  @Bean
  @ConditionalOnMissingBean
  AdvisoryRouter advisoryRouter(
      SharingProperties properties,
      AdvisoryListenerRegistry sharingAdvisoryListenerRegistry,
      ObjectProvider<AssetInventory> inventory,
      ObjectProvider<AdvisoryRouterCustomizer> customizers) {
    SharingPropertiesMapper.RouterSettings settings = new SharingPropertiesMapper(properties).routerSettings();
    AdvisoryRouter.Builder builder = AdvisoryRouter.builder();
    settings.applyTo(builder);
    AssetInventory assets = inventory.getIfUnique();
    if (assets != null) {
      builder.matcher(AssetMatcher.of(assets));
    }
    sharingAdvisoryListenerRegistry.registerAll(builder, settings.defaultRole());
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }
}
