package org.cisharing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document as the hub sends it ({@code application/problem+json}), with the
 * hub API's {@code errors} array of JSON pointers for validation failures.
 *
 * @param type a URI identifying the problem type, e.g. ending in {@code /idempotency-conflict}
 * @param title a short summary
 * @param status the HTTP status
 * @param detail an explanation of this occurrence
 * @param errors field-level errors, possibly empty
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {
  public Problem {
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** Whether the problem type ends with the given suffix, e.g. {@code /idempotency-conflict}. */
  public boolean isType(String suffix) {
    return type != null && type.endsWith(suffix);
  }

  /**
   * One field-level error of a problem document.
   *
   * @param pointer JSON pointer to the field
   * @param detail what is wrong
   * @since 0.1.0
   */
  public record FieldError(String pointer, String detail) {}
}
