package org.cisharing.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One document waiting for the hub: its identity (also the {@code Idempotency-Key}), where it goes,
 * its ordering key and sequence, and its exact bytes.
 *
 * <p>Entries of one {@code orderKey} (an incident id for reports, an advisory id for feedback) are
 * delivered one at a time in {@code sequence} order (ties in append order); entries of different
 * keys are independent.
 *
 * @param id the entry id: the report id or the feedback id; the hub's idempotency key
 * @param kind what the payload is, e.g. {@code report} or {@code feedback}
 * @param path the hub path to POST the payload to, e.g. {@code /v1/reports}
 * @param orderKey the ordering key
 * @param sequence the position within the ordering key (a report's revision)
 * @param enqueuedAt when the entry was appended
 * @param payload the exact UTF-8 JSON bytes to send (not copied: do not modify)
 * @since 0.1.0
 */
public record OutboxEntry(
    UUID id, String kind, String path, String orderKey, long sequence, Instant enqueuedAt, byte[] payload) {
  public OutboxEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(orderKey, "orderKey");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    Objects.requireNonNull(payload, "payload");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + path);
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OutboxEntry)) {
      return false;
    }
    OutboxEntry e = (OutboxEntry) o;
    return id.equals(e.id)
        && kind.equals(e.kind)
        && path.equals(e.path)
        && orderKey.equals(e.orderKey)
        && sequence == e.sequence
        && enqueuedAt.equals(e.enqueuedAt)
        && java.util.Arrays.equals(payload, e.payload);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "OutboxEntry{" + kind + " " + id + ", key=" + orderKey + "#" + sequence + ", " + payload.length + " bytes}";
  }
}
