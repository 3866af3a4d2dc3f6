package org.cisharing.spring.boot;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.cisharing.SharingListener;
import org.cisharing.outbox.DeadLetter;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.report.Receipt;

/**
 * Counts what happens to outbox entries, tagged by {@code kind} ({@code report}, {@code
 * feedback}): {@code sharing.reports.submitted}, {@code .delivered}, {@code .deferred} (failed
 * attempts that will be retried) and {@code .dead_lettered}.
 */
final class SharingMetricsListener extends SharingListener {
  static final String SUBMITTED = "sharing.reports.submitted";
  static final String DELIVERED = "sharing.reports.delivered";
  static final String DEFERRED = "sharing.reports.deferred";
  static final String DEAD_LETTERED = "sharing.reports.dead_lettered";

  private final MeterRegistry registry;

  SharingMetricsListener(MeterRegistry registry) {
    this.registry = registry;
    // Registered up front so that dashboards and alerts see zeros rather than no series.
    for (String name : new String[] {SUBMITTED, DELIVERED, DEFERRED, DEAD_LETTERED}) {
      counter(name, "report");
    }
  }

  private Counter counter(String name, String kind) {
    return Counter.builder(name).tag("kind", kind).description(description(name)).register(registry);
  }

  private static String description(String name) {
    return switch (name) {
      case SUBMITTED -> "Documents stored durably in the outbox for delivery";
      case DELIVERED -> "Documents the hub acknowledged";
      case DEFERRED -> "Failed delivery attempts that will be retried";
      default -> "Documents the hub refused for good (kept as dead letters)";
    };
  }

  @Override
  public void submitted(OutboxEntry entry) {
    counter(SUBMITTED, entry.kind()).increment();
  }

  @Override
  public void delivered(OutboxEntry entry, Receipt receipt) {
    counter(DELIVERED, entry.kind()).increment();
  }

  @Override
  public void deferred(OutboxEntry entry, int attempt, String reason, Instant nextAttempt) {
    counter(DEFERRED, entry.kind()).increment();
  }

  @Override
  public void deadLettered(DeadLetter deadLetter) {
    counter(DEAD_LETTERED, deadLetter.entry().kind()).increment();
  }
}
