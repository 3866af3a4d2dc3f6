package org.cisharing.spring.boot;

import java.util.List;
import java.util.Objects;
import org.cisharing.SharingException;

/**
 * The {@code sharing.*} configuration breaks one or more rules. Every problem found is listed, each
 * naming the property; Spring Boot shows them as a start-up failure analysis.
 *
 * @since 0.1.0
 */
public final class InvalidSharingPropertiesException extends SharingException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  InvalidSharingPropertiesException(List<Problem> problems) {
    super(message(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("problems is empty");
    }
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, in the order of the properties' groups. */
  public List<Problem> problems() {
    return problems;
  }

  private static String message(List<Problem> problems) {
    StringBuilder sb = new StringBuilder("Invalid sharing configuration (").append(problems.size())
        .append(problems.size() == 1 ? " problem)" : " problems)");
    for (Problem p : problems) {
      sb.append("\n  - ").append(p.message());
    }
    return sb.toString();
  }

  /**
   * One invalid property.
   *
   * @param property the property's name, e.g. {@code sharing.outbox.max-entries}
   * @param message a sentence that names the property and says what is expected
   * @since 0.1.0
   */
  public record Problem(String property, String message) {
    public Problem {
      Objects.requireNonNull(property, "property");
      Objects.requireNonNull(message, "message");
    }
  }
}
