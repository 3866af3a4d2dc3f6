package org.cisharing;

/**
 * The one unchecked root of every domain failure this library reports: invalid documents, refused
 * reports, a full outbox, an unreachable hub. Programmer mistakes (a null argument, an illegal
 * state) are reported with the JDK's own exceptions instead.
 *
 * @since 0.1.0
 */
public class SharingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SharingException(String message) {
    super(message);
  }

  public SharingException(String message, Throwable cause) {
    super(message, cause);
  }
}
