package org.cisharing.internal.outbox;

/** A stored record could not be decoded; the message says why, for the quarantine reason file. */
public final class CorruptRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  public CorruptRecordException(String message) {
    super(message);
  }
}
