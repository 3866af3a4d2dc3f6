package org.cisharing.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a repeated condition at most once per interval per key, saying how many occurrences were
 * suppressed in between, so that an hour-long hub outage does not flood the host's logs.
 */
public final class ThrottledLog {
  private final Logger log;
  private final Clock clock;
  private final Duration interval;
  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

  public ThrottledLog(Logger log, Clock clock, Duration interval) {
    this.log = log;
    this.clock = clock;
    this.interval = interval;
  }

  /** Logs a warning for this key unless one was logged within the interval. */
  public void warn(String key, String message) {
    State s = states.computeIfAbsent(key, k -> new State());
    Instant now = clock.instant();
    long suppressed;
    synchronized (s) {
      if (s.last != null && now.isBefore(s.last.plus(interval))) {
        s.suppressed.incrementAndGet();
        return;
      }
      s.last = now;
      suppressed = s.suppressed.getAndSet(0);
    }
    if (suppressed > 0) {
      log.warn("{} ({} similar messages suppressed)", message, suppressed);
    } else {
      log.warn(message);
    }
  }

  private static final class State {
    Instant last;
    final AtomicLong suppressed = new AtomicLong();
  }
}
