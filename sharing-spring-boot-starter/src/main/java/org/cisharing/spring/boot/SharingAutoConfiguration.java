package org.cisharing.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of the {@code sharing} library: a {@link org.cisharing.SharingClient} from
 * {@code sharing.*} with its lifecycle, the operator's {@link org.cisharing.report.Reporter}, the
 * scope classifier, the incident tracker, the asset inventory, the advisory router with its {@link
 * AdvisoryListener} methods, the advisory feed and its optional webhook endpoint.
 * On when {@code sharing.hub.url} is set (or a {@link SharingHubConnectionDetails} bean exists).
 * Each capability is a package-private configuration imported here and guarded on its own.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
    afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@Conditional(OnHubConfiguredCondition.class)
@EnableConfigurationProperties(SharingProperties.class)
@Import({
  SharingJdbcOutboxConfiguration.class,
  SharingSegmentOutboxConfiguration.class,
  SharingClientConfiguration.class,
  SharingOperatorConfiguration.class,
  SharingClassificationConfiguration.class,
  SharingTrackingConfiguration.class,
  SharingAssetsConfiguration.class,
  SharingAdvisoryRouterConfiguration.class,
  SharingAdvisoryFeedConfiguration.class,
  SharingAdvisoryWebhookConfiguration.class
})
public final class SharingAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean
  SharingHubConnectionDetails sharingHubConnectionDetails(SharingProperties properties) {
    return new PropertiesSharingHubConnectionDetails(properties);
  }
}
