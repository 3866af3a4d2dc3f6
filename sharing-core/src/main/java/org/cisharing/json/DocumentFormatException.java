package org.cisharing.json;

import java.util.List;
import org.cisharing.ValidationException;
import org.cisharing.Violation;

/**
 * A JSON document could not be read: it is malformed, too large, has a field of the wrong type,
 * or is of another kind than expected. The violations name each offending field by JSON pointer.
 *
 * @since 0.1.0
 */
public class DocumentFormatException extends ValidationException {
  private static final long serialVersionUID = 1L;

  public DocumentFormatException(String what, List<Violation> violations) {
    super(what, violations);
  }
}
