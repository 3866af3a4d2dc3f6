package org.cisharing.advisory;

/**
 * Hears what the advisory feed does. Every method has an empty default. Called on the thread that
 * polls (or that called {@link AdvisoryFeed#accept}); return quickly. An exception thrown here is
 * logged and ignored.
 *
 * @since 0.1.0
 */
public abstract class FeedListener {
  /** A listener that does nothing. */
  public static final FeedListener NONE = new FeedListener() {};

  /** For subclasses. */
  protected FeedListener() {}

  /** A verified advisory (or a new revision of one) was handed to the application. */
  public void delivered(VerifiedAdvisory advisory) {}

  /** An advisory (id and revision) already delivered came again and was dropped. */
  public void duplicate(String advisoryId, int revision) {}

  /** An advisory was refused and quarantined; the feed goes on with the next one. */
  public void quarantined(QuarantinedAdvisory quarantined) {}

  /** A poll failed (hub unreachable, garbage page, a cursor that loops); it is retried at the next interval. */
  public void pollFailed(String reason) {}
}
