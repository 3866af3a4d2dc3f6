package org.cisharing;

import java.util.Objects;

/**
 * One problem found in a document or a value under construction: where (an RFC 6901 JSON pointer
 * into the wire form, {@code ""} for the whole document) and what.
 *
 * @param pointer JSON pointer to the offending field, e.g. {@code /timeline/detected}
 * @param message a sentence saying what is wrong and what is expected
 * @since 0.1.0
 */
public record Violation(String pointer, String message) {
  public Violation {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
  }
}
