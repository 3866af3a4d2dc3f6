package org.cisharing;

import java.util.List;

/**
 * A value or document was refused because it breaks one or more rules. Every violation found is
 * listed, not only the first, each with a JSON pointer into the wire form.
 *
 * @since 0.1.0
 */
public class ValidationException extends SharingException {
  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;

  public ValidationException(String what, List<Violation> violations) {
    super(message(what, violations));
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("violations is empty");
    }
    this.violations = List.copyOf(violations);
  }

  /** Every violation found, in the order the fields appear in the document. */
  public List<Violation> violations() {
    return violations;
  }

  private static String message(String what, List<Violation> violations) {
    StringBuilder sb = new StringBuilder(what).append(" is invalid (").append(violations.size());
    sb.append(violations.size() == 1 ? " violation)" : " violations)");
    for (Violation v : violations) {
      sb.append("\n  ").append(v);
    }
    return sb.toString();
  }
}
