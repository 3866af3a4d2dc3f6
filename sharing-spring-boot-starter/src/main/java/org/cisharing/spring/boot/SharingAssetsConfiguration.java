package org.cisharing.spring.boot;

import org.cisharing.advisory.AssetInventory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The asset inventory, read once at start-up from {@code sharing.assets.location} when that is set. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "sharing.assets", name = "location")
class SharingAssetsConfiguration {
  @Bean
  @ConditionalOnMissingBean
  AssetInventory assetInventory(SharingProperties properties) {
    return new SharingPropertiesMapper(properties).assetInventory().orElseThrow();
  }
}
