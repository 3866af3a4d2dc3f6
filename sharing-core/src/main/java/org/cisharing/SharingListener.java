package org.cisharing;

import java.time.Instant;
import org.cisharing.outbox.DeadLetter;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.Quarantined;
import org.cisharing.report.Receipt;

/**
 * Hears what happens to documents after {@link SharingClient#submit} returned. Every method has an
 * empty default, so override only what you need.
 *
 * <p>Threading: methods are called on the client's delivery threads, possibly concurrently for
 * different entries, in order for one entry. They must return quickly and must not call back into
 * the client's blocking methods ({@code flush}, {@code close}). An exception thrown by a listener
 * is logged and otherwise ignored; it never stops delivery.
 *
 * @since 0.1.0
 */
public abstract class SharingListener {
  /** A listener that does nothing. */
  public static final SharingListener NONE = new SharingListener() {};

  /** For subclasses. */
  protected SharingListener() {}

  /** The entry was stored durably and will be delivered. */
  public void submitted(OutboxEntry entry) {}

  /**
   * The hub acknowledged the entry; it has left the outbox.
   *
   * @param receipt the hub's receipt, or {@code null} for documents without one (feedback)
   */
  public void delivered(OutboxEntry entry, Receipt receipt) {}

  /**
   * An attempt failed and will be retried: the hub was unreachable, slow, overloaded or answered
   * garbage. Note that a failed attempt may still have reached the hub; the retry is safe because
   * it carries the same idempotency key.
   *
   * @param attempt how many attempts failed so far for this entry
   * @param reason why the attempt failed
   * @param nextAttempt when the next attempt is due
   */
  public void deferred(OutboxEntry entry, int attempt, String reason, Instant nextAttempt) {}

  /** The hub refused the entry for good; it is kept in the dead letters. */
  public void deadLettered(DeadLetter deadLetter) {}

  /** A stored item could not be read back and was set aside. */
  public void quarantined(Quarantined quarantined) {}
}
