package org.cisharing.spring.boot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cisharing.SharingClient;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.incident.DeadlineRisk;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.incident.TrackerStats;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxConfig;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code sharing} health component: outbox depth, oldest pending age, dead letters, quarantined
 * items and the last successful delivery; with the advisory feed, its last successful poll and
 * quarantined advisories; with the incident tracker, open incidents and deadlines at risk.
 *
 * <p>Status: {@code UP} normally, including while the hub is unreachable and reports wait (that
 * is what the outbox is for); {@link #WARNING} when dead letters exist (the hub refused reports for
 * good: a person must look); {@code DOWN} when the outbox holds at least {@value #NEAR_FULL_PERCENT}%
 * of its entry or byte cap (new reports will soon be refused). Also {@link #WARNING} when a
 * reporting deadline is overdue, when advisories were quarantined, or when the feed has not
 * completed a poll for {@value #STALE_POLLS} poll intervals (and at least a minute). {@code WARNING} is not in Spring
 * Boot's default status order, so it shows on the component without changing the aggregate status;
 * add it to {@code management.endpoint.health.status.order} to make it count.
 */
final class SharingHealthIndicator extends AbstractHealthIndicator {
  /** Dead letters exist. */
  static final Status WARNING = new Status("WARNING", "the hub refused reports for good; see deadLetters");

  /** The shortest time without a successful poll that is reported. */
  private static final Duration MIN_STALE = Duration.ofMinutes(1);

  static final int NEAR_FULL_PERCENT = 90;

  /** Polls missed in a row before the feed counts as stale. */
  static final int STALE_POLLS = 3;

  private final SharingClient client;
  private final AdvisoryFeed feed;
  private final IncidentTracker tracker;
  private final Duration pollInterval;
  private final Clock clock;
  private final Instant created;

  SharingHealthIndicator(SharingClient client, Clock clock) {
    this(client, null, null, Duration.ofMinutes(5), clock);
  }

  /**
   * @param feed the advisory feed, or null
   * @param tracker the incident tracker, or null
   */
  SharingHealthIndicator(SharingClient client, AdvisoryFeed feed, IncidentTracker tracker, Duration pollInterval,
      Clock clock) {
    super("sharing health check failed");
    this.client = client;
    this.feed = feed;
    this.tracker = tracker;
    this.pollInterval = pollInterval;
    this.clock = clock;
    this.created = clock.instant();
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
    List<String> warnings = new ArrayList<>();
    if (deadLetters > 0) {
      warnings.add(deadLetters + " reports were refused by the hub for good");
    }
    if (feed != null) {
      advisories(builder, warnings);
    }
    if (tracker != null) {
      incidents(builder, warnings);
    }
    if (nearFull != null) {
      builder.down().withDetail("reason", nearFull + "; new reports will soon be refused");
    } else if (!warnings.isEmpty()) {
      builder.status(WARNING).withDetail("reason", String.join("; ", warnings));
    } else {
      builder.up();
    }
  }

  private void advisories(Health.Builder builder, List<String> warnings) {
    AdvisoryFeed.FeedStats stats = feed.stats();
    Map<String, Object> details = new LinkedHashMap<>();
    Instant last = stats.lastSuccessfulPoll();
    details.put("lastSuccessfulPoll", last == null ? "none since start" : last.toString());
    details.put("delivered", stats.delivered());
    details.put("quarantined", stats.quarantined());
    details.put("pollFailures", stats.pollFailures());
    builder.withDetail("advisories", details);
    if (stats.quarantined() > 0) {
      warnings.add(stats.quarantined() + " advisories were quarantined (refused signature or format)");
    }
    Instant since = last == null ? created : last;
    // At least a minute: a short test interval, a long poll or a GC pause is not an outage.
    Duration stale = pollInterval.multipliedBy(STALE_POLLS);
    if (stale.compareTo(MIN_STALE) < 0) {
      stale = MIN_STALE;
    }
    if (Duration.between(since, clock.instant()).compareTo(stale) > 0) {
      warnings.add("no advisory poll succeeded " + (last == null ? "since start" : "since " + last)
          + " (more than " + STALE_POLLS + " poll intervals)");
    }
  }

  private void incidents(Health.Builder builder, List<String> warnings) {
    TrackerStats stats = tracker.stats();
    List<DeadlineRisk> risks;
    try {
      risks = tracker.atRisk();
    } catch (RuntimeException e) { // closed, or its worker did not answer
      builder.withDetail("incidents", Map.of("open", stats.openIncidents(), "error", String.valueOf(e.getMessage())));
      return;
    }
    Instant now = clock.instant();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("open", stats.openIncidents());
    details.put("awaitingApproval", stats.reportsAwaitingApproval());
    details.put("shed", stats.shedQueueFull() + stats.shedInvalid());
    List<Map<String, Object>> atRisk = new ArrayList<>();
    int overdue = 0;
    for (DeadlineRisk r : risks) {
      Map<String, Object> risk = new LinkedHashMap<>();
      risk.put("incident", r.incident().id().toString());
      risk.put("system", r.incident().systemName());
      risk.put("deadline", r.deadline().rule().id());
      risk.put("policy", r.deadline().policy());
      risk.put("due", r.deadline().due().toString());
      risk.put("overdue", r.deadline().overdue(now));
      overdue += r.deadline().overdue(now) ? 1 : 0;
      atRisk.add(risk);
    }
    details.put("deadlinesAtRisk", atRisk);
    builder.withDetail("incidents", details);
    if (overdue > 0) {
      warnings.add(overdue + " reporting deadlines are overdue");
    }
  }
}
