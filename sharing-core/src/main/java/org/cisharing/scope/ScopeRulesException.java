package org.cisharing.scope;

import java.util.List;
import java.util.Objects;
import org.cisharing.ValidationException;
import org.cisharing.Violation;

/**
 * A scope rule file was refused at load time. The message names the file; each violation names the
 * rule (or signal, or profile) by id, with a JSON pointer into the file and the problem.
 *
 * @since 0.1.0
 */
public final class ScopeRulesException extends ValidationException {
  private static final long serialVersionUID = 1L;

  private final String source;

  public ScopeRulesException(String source, List<Violation> violations) {
    super("scope rule file " + Objects.requireNonNull(source, "source"), violations);
    this.source = source;
  }

  /** The file (or resource, or caller-given name) that was refused. */
  public String source() {
    return source;
  }
}
