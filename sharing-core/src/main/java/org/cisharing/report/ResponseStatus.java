package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * Where the operator's response stands.
 *
 * @since 0.1.0
 */
public enum ResponseStatus implements Coded {
  ONGOING("ongoing", "対応中", "Ongoing"),
  CONTAINED("contained", "封じ込め済み", "Contained"),
  RECOVERED("recovered", "復旧済み", "Recovered"),
  CLOSED("closed", "終息", "Closed");

  private final CodeText codeText;

  ResponseStatus(String code, String ja, String en) {
    this.codeText = new CodeText(code, ja, en);
  }

  @Override
  public CodeText codeText() {
    return codeText;
  }

  /**
   * Parses a wire code, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted codes when {@code code} is unknown
   */
  @JsonCreator
  public static ResponseStatus of(String code) {
    return Codes.parse(ResponseStatus.class, "response status", code);
  }
}
