package org.cisharing.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.time.Instant;
import java.util.UUID;

/**
 * Durable storage of documents on their way to the hub. An entry is durable when {@link #append}
 * returns and leaves the outbox only through {@link #acknowledge} (the hub has it) or {@link
 * #deadLetter} (the hub refused it for good).
 *
 * <p>Delivery claims work with {@link #claimReady}: at most one entry per ordering key is claimed
 * at a time, always the first pending one of that key, so an incident's reports go out in order
 * while other incidents proceed. A claim is a lease: if it is neither acknowledged, released nor
 * dead-lettered before the lease expires (the claimer died), the entry becomes ready again.
 *
 * <p>Implementations are thread-safe. Failures to store throw {@link OutboxFullException} or
 * another {@link org.cisharing.SharingException}; they never drop an entry silently.
 *
 * @since 0.1.0
 */
public interface Outbox extends AutoCloseable {
  /**
   * Stores an entry durably. Appending an entry whose id is already pending is a no-op.
   *
   * @throws OutboxFullException when the entry or byte cap is reached
   * @throws org.cisharing.SharingException when the store fails (disk full, I/O error)
   */
  void append(OutboxEntry entry);

  /**
   * Claims up to {@code max} entries ready for delivery: for each ordering key with no entry
   * currently claimed, its first pending entry. Returned oldest first.
   *
   * @param lease how long the claim holds before another claimer may take the entry
   */
  List<OutboxEntry> claimReady(int max, Duration lease);

  /** The hub acknowledged the entry: remove it durably. Unknown ids are ignored. */
  void acknowledge(UUID id);

  /** Gives a claimed entry back (the attempt failed and will be retried). */
  void release(UUID id);

  /** Moves a pending entry to the dead letters durably, with the hub's answer. */
  void deadLetter(UUID id, int status, String reason, String problem);

  /** Every pending entry (claimed or not), oldest first. */
  List<OutboxEntry> pending();

  /** Number of pending entries. */
  int pendingCount();

  /** Bytes of pending payloads. */
  long pendingBytes();

  /** When the oldest pending entry was appended. */
  Optional<Instant> oldestPending();

  /** Entries the hub refused for good, oldest first. */
  List<DeadLetter> deadLetters();

  /**
   * Removes a dead letter durably, once a person has dealt with it (corrected and resubmitted it,
   * or decided to drop it). Unknown ids are ignored.
   *
   * @return whether a dead letter with this id was removed
   */
  boolean removeDeadLetter(UUID id);

  /** Stored entries found unreadable (corrupt, truncated) and set aside, with the reason. */
  List<Quarantined> quarantined();

  /** Releases the store (files, locks, connections). Pending entries stay for the next start. */
  @Override
  void close();
}
