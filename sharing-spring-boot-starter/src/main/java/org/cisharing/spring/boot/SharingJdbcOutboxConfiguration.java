package org.cisharing.spring.boot;

import java.time.Clock;
import javax.sql.DataSource;
import org.cisharing.outbox.JdbcOutbox;
import org.cisharing.outbox.JdbcOutboxConfig;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The JDBC outbox on the application's {@link DataSource} (PostgreSQL), selected with {@code
 * sharing.outbox.store=jdbc}: for applications that run as several replicas on one database. The
 * client delivers from it, and the incident tracker correlates through its shared registry so
 * that replicas observing the same event file one incident. Without a {@code DataSource} bean,
 * start-up fails with a message naming the property.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sharing.outbox.store", havingValue = "jdbc")
@ConditionalOnBean(DataSource.class)
@ConditionalOnMissingBean(Outbox.class)
class SharingJdbcOutboxConfiguration {
  @Bean(destroyMethod = "close")
  JdbcOutbox sharingJdbcOutbox(DataSource dataSource, SharingProperties properties) {
    SharingProperties.Outbox o = properties.getOutbox();
    JdbcOutboxConfig config = JdbcOutboxConfig.defaults()
        .withCaps(new OutboxConfig(o.getMaxEntries(), o.getMaxBytes().toBytes()))
        .withAutoCreateSchema(o.getJdbc().isInitializeSchema());
    if (o.getJdbc().getOwner() != null && !o.getJdbc().getOwner().isBlank()) {
      config = config.withOwner(o.getJdbc().getOwner());
    }
    return JdbcOutbox.create(dataSource, config, Clock.systemUTC());
  }
}
