package org.cisharing.spring.boot;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** The starter is on when {@code sharing.hub.url} is set or a {@link SharingHubConnectionDetails} bean exists. */
final class OnHubConfiguredCondition extends AnyNestedCondition {
  OnHubConfiguredCondition() {
    super(ConfigurationPhase.REGISTER_BEAN);
  }

  @ConditionalOnProperty(prefix = "sharing.hub", name = "url")
  static final class HubUrl {}

  @ConditionalOnBean(SharingHubConnectionDetails.class)
  static final class ConnectionDetailsBean {}
}
