package org.cisharing.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * Feedback on an advisory that {@link MockSharingHub} accepted (a replay is not stored twice).
 *
 * @param advisoryId the advisory id from the request path
 * @param idempotencyKey the request's {@code Idempotency-Key}
 * @param status the feedback status ({@code received}, {@code in-progress}, ...)
 * @param body the exact body text as received
 * @param receivedAt when the hub accepted it, by the hub's clock
 * @since 0.1.0
 */
public record ReceivedFeedback(
    String advisoryId, String idempotencyKey, String status, String body, OffsetDateTime receivedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates that every part is present. */
  public ReceivedFeedback {
    Objects.requireNonNull(advisoryId, "advisoryId");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(status, "status");
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
