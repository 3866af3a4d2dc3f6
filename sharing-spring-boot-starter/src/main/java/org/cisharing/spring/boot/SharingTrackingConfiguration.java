package org.cisharing.spring.boot;

import org.cisharing.SharingClient;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.outbox.JdbcOutbox;
import org.cisharing.incident.ReportHook;
import org.cisharing.incident.TrackerListener;
import org.cisharing.report.Reporter;
import org.cisharing.scope.ScopeClassifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The incident tracker, filing its reports through the client's outbox, when a {@link Reporter}
 * bean exists (from {@code sharing.operator.*} or the application); backs off entirely for an
 * application-defined {@link IncidentTracker}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBean(Reporter.class)
@ConditionalOnMissingBean(IncidentTracker.class)
class SharingTrackingConfiguration {
  @Bean(destroyMethod = "close")
  IncidentTracker incidentTracker(
      SharingProperties properties,
      Reporter reporter,
      SharingClient sharingClient,
      ScopeClassifier scopeClassifier,
      ObjectProvider<ReportHook> hooks,
      ObjectProvider<TrackerListener> listeners,
      ObjectProvider<IncidentTrackerCustomizer> customizers,
      ObjectProvider<JdbcOutbox> jdbcOutbox) {
    IncidentTracker.Builder builder = IncidentTracker.builder().reporter(reporter).client(sharingClient)
        .classifier(scopeClassifier);
    // Replicas sharing the JDBC outbox also share the incidents: one incident per event, not one per replica.
    jdbcOutbox.ifUnique(outbox -> builder.registry(outbox.incidentRegistry()));
    new SharingPropertiesMapper(properties).trackingSettings().applyTo(builder);
    hooks.orderedStream().forEach(builder::beforeSubmit);
    builder.listener(CompositeTrackerListener.of(listeners.orderedStream().toList()));
    customizers.orderedStream().forEach(c -> c.customize(builder));
    return builder.build();
  }

  @Bean
  IncidentTrackerLifecycle incidentTrackerLifecycle(IncidentTracker incidentTracker, SharingProperties properties) {
    return new IncidentTrackerLifecycle(incidentTracker, properties.getOutbox().getCloseTimeout());
  }
}
