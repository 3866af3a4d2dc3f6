package org.cisharing.advisory;

import java.util.List;
import org.cisharing.ValidationException;
import org.cisharing.Violation;

/**
 * A JWK Set of trusted advisory keys cannot be used: it is malformed, has no usable key, or names
 * the same kid twice. Each problem names the key by its pointer ({@code /keys/2}) and kid.
 *
 * @since 0.1.0
 */
public final class JwkSetException extends ValidationException {
  private static final long serialVersionUID = 1L;

  public JwkSetException(String what, List<Violation> violations) {
    super(what, violations);
  }
}
