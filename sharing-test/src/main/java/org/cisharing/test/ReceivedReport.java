package org.cisharing.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A report that {@link MockSharingHub} accepted and stored (a replay is not stored twice).
 *
 * @param reportId the report id, also the {@code Idempotency-Key}
 * @param incidentId the incident the report belongs to
 * @param stage {@code initial}, {@code update} or {@code final}
 * @param revision the report's revision, 1 or more
 * @param body the exact body text as received
 * @param receivedAt when the hub accepted it, by the hub's clock
 * @since 0.1.0
 */
public record ReceivedReport(
    String reportId,
    String incidentId,
    String stage,
    int revision,
    String body,
    OffsetDateTime receivedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates that every part is present. */
  public ReceivedReport {
    Objects.requireNonNull(reportId, "reportId");
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }

  /** The body parsed as a fresh (mutable, unshared) Jackson tree. */
  public JsonNode json() {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
