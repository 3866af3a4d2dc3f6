package org.cisharing.outbox;

import org.cisharing.SharingException;

/**
 * The outbox reached its cap on entries or bytes and refused a new entry. Nothing already stored
 * was touched: the outbox never evicts a report to make room.
 *
 * @since 0.1.0
 */
public final class OutboxFullException extends SharingException {
  private static final long serialVersionUID = 1L;

  public OutboxFullException(String message) {
    super(message);
  }
}
