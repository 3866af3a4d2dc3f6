package org.cisharing.report;

import java.util.List;
import org.cisharing.ValidationException;
import org.cisharing.Violation;

/**
 * An incident report was refused because it breaks one or more rules: a field its stage needs is
 * missing, times contradict each other, a value has the wrong shape or is too long. Every
 * violation is listed with a JSON pointer into the report's wire form.
 *
 * @since 0.1.0
 */
public final class ReportValidationException extends ValidationException {
  private static final long serialVersionUID = 1L;

  public ReportValidationException(List<Violation> violations) {
    super("incident report", violations);
  }
}
