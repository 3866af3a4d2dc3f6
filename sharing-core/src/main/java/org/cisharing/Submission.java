package org.cisharing;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.cisharing.report.Receipt;

/**
 * A report accepted into the durable outbox. Its {@link #receipt()} completes with the hub's
 * receipt once delivered (possibly after retries, possibly after a restart in another {@link
 * SharingClient}), or exceptionally with {@link HubRejectedException} when the hub refused it for
 * good. It never completes exceptionally because the hub is unreachable: the report simply waits.
 *
 * @param reportId the report's id, the hub's idempotency key
 * @param receipt completes on delivery or refusal; callbacks run on a delivery thread
 * @since 0.1.0
 */
public record Submission(UUID reportId, CompletableFuture<Receipt> receipt) {
  public Submission {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(receipt, "receipt");
  }
}
