package org.cisharing.spring.boot;

import java.util.ArrayList;
import java.util.List;
import org.cisharing.SharingClient;
import org.cisharing.SharingListener;
import org.cisharing.outbox.Outbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The hub client and its lifecycle; backs off entirely when the application defines its own
 * {@link SharingClient}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(SharingClient.class)
class SharingClientConfiguration {
  @Bean(destroyMethod = "close")
  SharingClient sharingClient(
      SharingProperties properties,
      SharingHubConnectionDetails connectionDetails,
      ObjectProvider<SslBundles> sslBundles,
      ObjectProvider<Outbox> outbox,
      ObjectProvider<SharingListener> listeners,
      ObjectProvider<SharingListenerContribution> contributions,
      ObjectProvider<SharingClientCustomizer> customizers) {
    Outbox outboxBean = outbox.getIfUnique();
    SharingPropertiesMapper.ClientSettings settings = new SharingPropertiesMapper(properties)
        .clientSettings(connectionDetails, sslBundles.getIfAvailable(), outboxBean != null);
    SharingClient.Builder builder = SharingClient.builder();
    settings.applyTo(builder);
    if (outboxBean != null) {
      builder.outbox(outboxBean);
    }
    List<SharingListener> all = new ArrayList<>(listeners.orderedStream().toList());
    contributions.orderedStream().forEach(c -> all.add(c.listener()));
    builder.listener(CompositeSharingListener.of(all));
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  @Bean
  SharingClientLifecycle sharingClientLifecycle(SharingClient sharingClient, SharingProperties properties) {
    return new SharingClientLifecycle(sharingClient, properties.getOutbox().getCloseTimeout());
  }
}
