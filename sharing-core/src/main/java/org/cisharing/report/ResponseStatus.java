package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.Labelled;
import org.cisharing.model.WireCode;

/**
 * Where the operator's response stands.
 *
 * @since 0.1.0
 */
public enum ResponseStatus implements WireCode, Labelled {
  ONGOING("ongoing", "対応中", "Ongoing"),
  CONTAINED("contained", "封じ込め済み", "Contained"),
  RECOVERED("recovered", "復旧済み", "Recovered"),
  CLOSED("closed", "終息", "Closed");

  private final String code;
  private final String ja;
  private final String en;

  ResponseStatus(String code, String ja, String en) {
    this.code = code;
    this.ja = ja;
    this.en = en;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public String ja() {
    return ja;
  }

  @Override
  public String en() {
    return en;
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
