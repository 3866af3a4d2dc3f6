package org.cisharing.spring.boot;

import java.time.Clock;
import org.cisharing.SharingClient;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.incident.IncidentTracker;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code sharing} health indicator, when Spring Boot's health support is on the classpath.
 * It joins the default health group only: Spring Boot's liveness group holds {@code
 * livenessState} alone unless {@code management.endpoint.health.group.liveness.include} says
 * otherwise, and it should stay so: a hub outage must not get the application restarted.
 * Turn it off with {@code management.health.sharing.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = SharingAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(SharingClient.class)
public final class SharingHealthAutoConfiguration {
  // On the method, not the class: its condition class lives in spring-boot-health, and a method's
  // conditions are only read once the class-level @ConditionalOnClass has passed.
  @Bean
  @ConditionalOnEnabledHealthIndicator("sharing")
  @ConditionalOnMissingBean(name = "sharingHealthIndicator")
  HealthIndicator sharingHealthIndicator(SharingClient sharingClient, ObjectProvider<AdvisoryFeed> advisoryFeed,
      ObjectProvider<IncidentTracker> incidentTracker, ObjectProvider<SharingProperties> properties) {
    SharingProperties p = properties.getIfAvailable(SharingProperties::new);
    return new SharingHealthIndicator(sharingClient, advisoryFeed.getIfUnique(), incidentTracker.getIfUnique(),
        p.getAdvisories().getPollInterval(), Clock.systemUTC());
  }
}
