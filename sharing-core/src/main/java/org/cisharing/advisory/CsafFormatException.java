package org.cisharing.advisory;

import java.util.List;
import org.cisharing.ValidationException;
import org.cisharing.Violation;

/**
 * A CSAF 2.0 document could not be imported: every problem found is listed with the JSON pointer of
 * the offending CSAF field (e.g. {@code /document/tracking/current_release_date}).
 *
 * @since 0.1.0
 */
public final class CsafFormatException extends ValidationException {
  private static final long serialVersionUID = 1L;

  public CsafFormatException(String what, List<Violation> violations) {
    super(what, violations);
  }
}
