package org.cisharing.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.cisharing.outbox.DeadLetter;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.Quarantined;

/**
 * Delegates to another outbox and adds up the time spent in the calls the delivery engine makes
 * per report, to show where a drain's time goes without touching the library. Thread-safe.
 */
final class TimedOutbox implements Outbox {
  private final Outbox delegate;
  final LongAdder claimCalls = new LongAdder();
  final LongAdder claimEmpty = new LongAdder();
  final LongAdder claimNanos = new LongAdder();
  final LongAdder ackCalls = new LongAdder();
  final LongAdder ackNanos = new LongAdder();
  final LongAdder countCalls = new LongAdder();

  TimedOutbox(Outbox delegate) {
    this.delegate = delegate;
  }

  @Override
  public void append(OutboxEntry entry) {
    delegate.append(entry);
  }

  @Override
  public List<OutboxEntry> claimReady(int max, Duration lease) {
    long t0 = System.nanoTime();
    List<OutboxEntry> claimed = delegate.claimReady(max, lease);
    claimNanos.add(System.nanoTime() - t0);
    claimCalls.increment();
    if (claimed.isEmpty()) {
      claimEmpty.increment();
    }
    return claimed;
  }

  @Override
  public void acknowledge(UUID id) {
    long t0 = System.nanoTime();
    delegate.acknowledge(id);
    ackNanos.add(System.nanoTime() - t0);
    ackCalls.increment();
  }

  @Override
  public void release(UUID id) {
    delegate.release(id);
  }

  @Override
  public void deadLetter(UUID id, int status, String reason, String problem) {
    delegate.deadLetter(id, status, reason, problem);
  }

  @Override
  public List<OutboxEntry> pending() {
    return delegate.pending();
  }

  @Override
  public int pendingCount() {
    countCalls.increment();
    return delegate.pendingCount();
  }

  @Override
  public long pendingBytes() {
    return delegate.pendingBytes();
  }

  @Override
  public Optional<Instant> oldestPending() {
    return delegate.oldestPending();
  }

  @Override
  public List<DeadLetter> deadLetters() {
    return delegate.deadLetters();
  }

  @Override
  public boolean removeDeadLetter(UUID id) {
    return delegate.removeDeadLetter(id);
  }

  @Override
  public List<Quarantined> quarantined() {
    return delegate.quarantined();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
