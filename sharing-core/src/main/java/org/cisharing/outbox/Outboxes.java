package org.cisharing.outbox;

import java.util.List;
import java.util.Objects;

/**
 * Moves pending entries between outbox stores, for example from a {@link FileOutbox} directory to
 * a {@link SegmentOutbox} when switching stores (neither opens the other's directory).
 *
 * <pre>{@code
 * try (FileOutbox old = FileOutbox.open(oldDir, OutboxConfig.defaults(), clock);
 *     SegmentOutbox now = SegmentOutbox.open(newDir, OutboxConfig.defaults(), clock)) {
 *   int moved = Outboxes.movePending(old, now);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Outboxes {
  private Outboxes() {}

  /**
   * Moves every pending entry of {@code from} into {@code to}, oldest first, so that each
   * incident's reports keep their order: each entry is appended to {@code to} (durable when that
   * returns) and only then removed from {@code from}. A crash in between leaves the entry in both;
   * it is then delivered twice under the same id, which the hub answers as a replay. Dead letters
   * and quarantined files stay where they are. Neither outbox may be in use by a running client
   * while entries move.
   *
   * @return how many entries were moved
   * @throws OutboxFullException when {@code to} is full: the entries moved so far are in {@code
   *     to}, the rest (including the one refused) still in {@code from}
   * @throws org.cisharing.SharingException when either store fails, with the same guarantee
   * @throws IllegalArgumentException when both are the same outbox
   */
  public static int movePending(Outbox from, Outbox to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (from == to) {
      throw new IllegalArgumentException("from and to are the same outbox: " + from);
    }
    List<OutboxEntry> entries = from.pending();
    int moved = 0;
    for (OutboxEntry entry : entries) {
      to.append(entry);
      from.acknowledge(entry.id());
      moved++;
    }
    return moved;
  }
}
