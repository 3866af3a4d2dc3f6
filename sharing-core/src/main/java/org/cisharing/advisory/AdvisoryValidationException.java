package org.cisharing.advisory;

import java.util.List;
import org.cisharing.ValidationException;
import org.cisharing.Violation;

/**
 * An advisory or a feedback document breaks one or more rules; every violation is listed with a
 * JSON pointer into the wire form.
 *
 * @since 0.1.0
 */
public final class AdvisoryValidationException extends ValidationException {
  private static final long serialVersionUID = 1L;

  public AdvisoryValidationException(String what, List<Violation> violations) {
    super(what, violations);
  }
}
