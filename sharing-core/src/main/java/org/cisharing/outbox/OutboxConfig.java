package org.cisharing.outbox;

/**
 * Bounds of an outbox: how many entries and how many payload bytes it holds at most before it
 * refuses new entries with {@link OutboxFullException}. It never evicts an entry to make room.
 *
 * <p>Example: {@code OutboxConfig.defaults().withMaxEntries(10_000)}.
 *
 * @param maxEntries the most pending entries, at least 1 (default {@value #DEFAULT_MAX_ENTRIES})
 * @param maxBytes the most bytes of pending payloads, at least 1 (default 1 GiB)
 * @since 0.1.0
 */
public record OutboxConfig(int maxEntries, long maxBytes) {
  /** Default cap on pending entries. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  /** Default cap on pending payload bytes: 1 GiB. */
  public static final long DEFAULT_MAX_BYTES = 1L << 30;

  public OutboxConfig {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1: " + maxBytes);
    }
  }

  /** 100,000 entries and 1 GiB of payloads. */
  public static OutboxConfig defaults() {
    return new OutboxConfig(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_BYTES);
  }

  /** A copy with another cap on pending entries. */
  public OutboxConfig withMaxEntries(int maxEntries) {
    return new OutboxConfig(maxEntries, maxBytes);
  }

  /** A copy with another cap on pending payload bytes. */
  public OutboxConfig withMaxBytes(long maxBytes) {
    return new OutboxConfig(maxEntries, maxBytes);
  }
}
