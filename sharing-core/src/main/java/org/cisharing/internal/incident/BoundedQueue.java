package org.cisharing.internal.incident;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded multi-producer queue without locks: a CAS on a counter reserves a slot, then the item
 * goes into a lock-free linked queue. {@link #offer} never blocks; when full it returns false.
 */
public final class BoundedQueue<T> {
  private final ConcurrentLinkedQueue<T> items = new ConcurrentLinkedQueue<>();
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;

  public BoundedQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  public boolean offer(T item) {
    int n;
    do {
      n = size.get();
      if (n >= capacity) {
        return false;
      }
    } while (!size.compareAndSet(n, n + 1));
    items.offer(item);
    return true;
  }

  public T poll() {
    T item = items.poll();
    if (item != null) {
      size.decrementAndGet();
    }
    return item;
  }

  public int size() {
    return size.get();
  }

  public int capacity() {
    return capacity;
  }
}
