package org.cisharing.advisory;

import java.util.List;
import org.cisharing.ValidationException;
import org.cisharing.Violation;

/**
 * An asset inventory file or list could not be read: every broken entry is listed, each with its
 * JSON pointer and, where it has one, the asset id.
 *
 * @since 0.1.0
 */
public final class InventoryFormatException extends ValidationException {
  private static final long serialVersionUID = 1L;

  public InventoryFormatException(String what, List<Violation> violations) {
    super(what, violations);
  }
}
