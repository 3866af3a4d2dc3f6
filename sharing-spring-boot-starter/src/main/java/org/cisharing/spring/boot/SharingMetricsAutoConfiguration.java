package org.cisharing.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.cisharing.SharingClient;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.advisory.AdvisoryRouter;
import org.cisharing.incident.IncidentTracker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of the hub client, when a {@link MeterRegistry} bean exists: counters fed by a
 * listener composed with the application's own {@code SharingListener} beans, outbox gauges, and
 * the advisory and incident-tracker meters when those beans exist.
 * See {@code docs/configuration.md} for the meter names.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
    after = SharingAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({MeterRegistry.class, SharingClient.class})
public final class SharingMetricsAutoConfiguration {
  @Bean
  SharingListenerContribution sharingMetricsListener(MeterRegistry meterRegistry) {
    return new SharingListenerContribution(new SharingMetricsListener(meterRegistry));
  }

  @Bean
  SharingOutboxMeterBinder sharingOutboxMeterBinder(SharingClient sharingClient) {
    return new SharingOutboxMeterBinder(sharingClient, Clock.systemUTC());
  }

  @Bean
  @ConditionalOnBean(AdvisoryRouter.class)
  SharingAdvisoryMeterBinder sharingAdvisoryMeterBinder(AdvisoryRouter advisoryRouter, ObjectProvider<AdvisoryFeed> feed) {
    return new SharingAdvisoryMeterBinder(advisoryRouter, feed.getIfUnique());
  }

  @Bean
  @ConditionalOnBean(IncidentTracker.class)
  SharingTrackerMeterBinder sharingTrackerMeterBinder(IncidentTracker incidentTracker) {
    return new SharingTrackerMeterBinder(incidentTracker);
  }
}
