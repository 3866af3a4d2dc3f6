package org.cisharing.json;

import java.util.List;
import org.cisharing.Violation;

/**
 * A document declares a schema this library cannot read: another kind of document, or a major
 * version newer than the ones it knows. Minor differences (unknown fields) are never refused.
 *
 * @since 0.1.0
 */
public final class UnsupportedSchemaException extends DocumentFormatException {
  private static final long serialVersionUID = 1L;

  private final String declared;
  private final String expected;

  public UnsupportedSchemaException(String declared, String expected) {
    super(
        "document",
        List.of(
            new Violation(
                "/schema",
                "unsupported schema '" + declared + "', this library reads '" + expected + "'")));
    this.declared = declared;
    this.expected = expected;
  }

  /** The schema the document declared. */
  public String declared() {
    return declared;
  }

  /** The schema this library expected for the requested type. */
  public String expected() {
    return expected;
  }
}
