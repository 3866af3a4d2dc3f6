package org.cisharing.spring.boot;

import org.cisharing.scope.ScopeClassifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The scope classifier: the default rules, with {@code sharing.classification.rules-location} laid over them. */
@Configuration(proxyBeanMethods = false)
class SharingClassificationConfiguration {
  @Bean
  @ConditionalOnMissingBean
  ScopeClassifier scopeClassifier(SharingProperties properties) {
    return new SharingPropertiesMapper(properties).classifier();
  }
}
