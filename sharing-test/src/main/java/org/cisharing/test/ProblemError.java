package org.cisharing.test;

import java.util.Objects;

/**
 * One entry of a validation problem's {@code errors} array: a JSON Pointer (RFC 6901) into the
 * submitted document and what is wrong there.
 *
 * @param pointer the JSON Pointer, {@code ""} for the whole document
 * @param detail a human-readable explanation
 * @since 0.1.0
 */
public record ProblemError(String pointer, String detail) {
  /** Validates that both parts are present. */
  public ProblemError {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(detail, "detail");
    if (!pointer.isEmpty() && !pointer.startsWith("/")) {
      throw new IllegalArgumentException("pointer must be empty or start with '/': " + pointer);
    }
  }
}
