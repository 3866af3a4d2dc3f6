package org.cisharing.spring.boot;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.SegmentOutbox;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The segment outbox in {@code sharing.outbox.directory}, selected with {@code
 * sharing.outbox.store=segment}: an append-only log for one instance that submits reports at
 * sustained high rates. Without a directory, start-up fails with a message naming the property.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sharing.outbox.store", havingValue = "segment")
@ConditionalOnMissingBean(Outbox.class)
class SharingSegmentOutboxConfiguration {
  @Bean(destroyMethod = "close")
  SegmentOutbox sharingSegmentOutbox(SharingProperties properties) {
    SharingProperties.Outbox o = properties.getOutbox();
    List<InvalidSharingPropertiesException.Problem> problems = new ArrayList<>();
    if (o.getDirectory() == null) {
      problems.add(new InvalidSharingPropertiesException.Problem("sharing.outbox.directory",
          "sharing.outbox.directory must be set: the directory where the segment outbox keeps its log "
              + "(it must survive restarts)"));
    }
    if (o.getMaxEntries() < 1) {
      problems.add(new InvalidSharingPropertiesException.Problem("sharing.outbox.max-entries",
          "sharing.outbox.max-entries must be positive: " + o.getMaxEntries()));
    }
    long maxBytes = o.getMaxBytes() == null ? 0 : o.getMaxBytes().toBytes();
    if (maxBytes < 1) {
      problems.add(new InvalidSharingPropertiesException.Problem("sharing.outbox.max-bytes",
          "sharing.outbox.max-bytes must be positive: " + o.getMaxBytes()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidSharingPropertiesException(problems);
    }
    return SegmentOutbox.open(o.getDirectory(), new OutboxConfig(o.getMaxEntries(), maxBytes), Clock.systemUTC());
  }
}
