package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * Whether a cause is confirmed or only suspected; an initial report usually has only suspicions.
 *
 * @since 0.1.0
 */
public enum Certainty implements Coded {
  CONFIRMED("confirmed", "確定", "Confirmed"),
  SUSPECTED("suspected", "推定", "Suspected");

  private final CodeText codeText;

  Certainty(String code, String ja, String en) {
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
  public static Certainty of(String code) {
    return Codes.parse(Certainty.class, "certainty", code);
  }
}
