package org.cisharing;

import java.time.Duration;
import java.util.Objects;

/**
 * How failed deliveries are retried: exponential backoff with full jitter (a random delay between
 * zero and {@code min(maxBackoff, initialBackoff * 2^(attempt-1))}), and the hub's {@code
 * Retry-After} honoured, up to {@code maxRetryAfter}. Reports are retried without an attempt cap:
 * a report is never given up because the hub was away.
 *
 * @param initialBackoff the backoff ceiling after the first failure
 * @param maxBackoff the cap of the backoff ceiling
 * @param maxRetryAfter the longest {@code Retry-After} honoured; longer values are cut to it
 * @param jitter whether to apply full jitter (turn off only for tests that need exact times)
 * @since 0.1.0
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter, boolean jitter) {
  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (initialBackoff.isNegative() || initialBackoff.isZero()) {
      throw new IllegalArgumentException("initialBackoff must be positive: " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below initialBackoff " + initialBackoff);
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("maxRetryAfter must not be negative: " + maxRetryAfter);
    }
  }

  /** 1 s initial backoff, capped at 5 minutes, Retry-After honoured up to 1 hour, with jitter. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1), true);
  }

  public RetryPolicy withInitialBackoff(Duration initialBackoff) {
    return new RetryPolicy(initialBackoff, maxBackoff, maxRetryAfter, jitter);
  }

  public RetryPolicy withMaxBackoff(Duration maxBackoff) {
    return new RetryPolicy(initialBackoff, maxBackoff, maxRetryAfter, jitter);
  }

  public RetryPolicy withMaxRetryAfter(Duration maxRetryAfter) {
    return new RetryPolicy(initialBackoff, maxBackoff, maxRetryAfter, jitter);
  }

  public RetryPolicy withJitter(boolean jitter) {
    return new RetryPolicy(initialBackoff, maxBackoff, maxRetryAfter, jitter);
  }

  /** The backoff ceiling after {@code attempt} failures (1-based), before jitter. */
  public Duration ceiling(int attempt) {
    int shift = Math.min(Math.max(attempt - 1, 0), 30);
    long millis = initialBackoff.toMillis();
    long max = maxBackoff.toMillis();
    long ceiling = millis > (max >> shift) ? max : Math.min(max, millis << shift);
    return Duration.ofMillis(ceiling);
  }
}
