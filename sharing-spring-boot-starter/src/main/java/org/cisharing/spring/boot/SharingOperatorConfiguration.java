package org.cisharing.spring.boot;

import org.cisharing.report.Reporter;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The reporting operator from {@code sharing.operator.*}, when any of its properties is set (a
 * partial operator fails start-up naming what is missing).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SharingOperatorConfiguration.OnOperatorProperties.class)
class SharingOperatorConfiguration {
  @Bean
  @ConditionalOnMissingBean
  Reporter sharingReporter(SharingProperties properties) {
    return new SharingPropertiesMapper(properties).reporter().orElseThrow();
  }

  static final class OnOperatorProperties extends SpringBootCondition {
    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
      boolean bound = Binder.get(context.getEnvironment())
          .bind("sharing.operator", Bindable.of(SharingProperties.Operator.class)).isBound();
      return bound ? ConditionOutcome.match("sharing.operator.* is set")
          : ConditionOutcome.noMatch("no sharing.operator.* property is set");
    }
  }
}
