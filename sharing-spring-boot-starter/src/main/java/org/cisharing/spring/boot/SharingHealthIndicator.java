package org.cisharing.spring.boot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.cisharing.SharingClient;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxConfig;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code sharing} health component: outbox depth, oldest pending age, dead letters, quarantined
 * items and the last successful delivery.
 *
 * <p>Status: {@code UP} normally, including while the hub is unreachable and reports wait (that
 * is what the outbox is for); {@link #WARNING} when dead letters exist (the hub refused reports for
 * good: a person must look); {@code DOWN} when the outbox holds at least {@value #NEAR_FULL_PERCENT}%
 * of its entry or byte cap (new reports will soon be refused). {@code WARNING} is not in Spring
 * Boot's default status order, so it shows on the component without changing the aggregate status;
 * add it to {@code management.endpoint.health.status.order} to make it count.
 */
final class SharingHealthIndicator extends AbstractHealthIndicator {
  /** Dead letters exist. */
  static final Status WARNING = new Status("WARNING", "the hub refused reports for good; see deadLetters");

  static final int NEAR_FULL_PERCENT = 90;

  private final SharingClient client;
  private final Clock clock;

  SharingHealthIndicator(SharingClient client, Clock clock) {
    super("sharing health check failed");
    this.client = client;
    this.clock = clock;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    Outbox outbox = client.outbox();
    int pending = outbox.pendingCount();
    long pendingBytes = outbox.pendingBytes();
    Optional<Instant> oldest = outbox.oldestPending();
    int deadLetters = outbox.deadLetters().size();
    int quarantined = outbox.quarantined().size();
    SharingClient.Stats stats = client.stats();

    builder.withDetail("pending", pending).withDetail("pendingBytes", pendingBytes);
    oldest.ifPresent(t -> builder.withDetail("oldestPending", t.toString())
        .withDetail("oldestPendingAge", Duration.between(t, clock.instant()).withNanos(0).toString()));
    builder.withDetail("deadLetters", deadLetters).withDetail("quarantined", quarantined);
    builder.withDetail("lastDelivery", stats.lastDelivery().map(Instant::toString).orElse("none since start"));
    builder.withDetail("delivered", stats.delivered()).withDetail("deferred", stats.deferred());

    String nearFull = null;
    if (outbox instanceof FileOutbox file) {
      OutboxConfig caps = file.config();
      builder.withDetail("maxEntries", caps.maxEntries()).withDetail("maxBytes", caps.maxBytes());
      if ((long) pending * 100 >= (long) caps.maxEntries() * NEAR_FULL_PERCENT) {
        nearFull = "outbox holds " + pending + " of at most " + caps.maxEntries() + " entries";
      } else if (pendingBytes >= caps.maxBytes() / 100 * NEAR_FULL_PERCENT) {
        nearFull = "outbox holds " + pendingBytes + " of at most " + caps.maxBytes() + " bytes";
      }
    }
    if (nearFull != null) {
      builder.down().withDetail("reason", nearFull + "; new reports will soon be refused");
    } else if (deadLetters > 0) {
      builder.status(WARNING).withDetail("reason", deadLetters + " reports were refused by the hub for good");
    } else {
      builder.up();
    }
  }
}
