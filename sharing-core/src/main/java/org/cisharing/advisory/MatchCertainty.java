package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * Whether an asset certainly matches an advisory item, or only possibly (a version or name that could not be compared with certainty, to be verified by a person).
 *
 * @since 0.1.0
 */
public enum MatchCertainty implements Coded {
  EXACT("exact", "該当", "Exact"),
  POSSIBLE("possible", "該当の可能性あり(要確認)", "Possible, to verify");

  private final CodeText codeText;

  MatchCertainty(String code, String ja, String en) {
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
  public static MatchCertainty of(String code) {
    return Codes.parse(MatchCertainty.class, "match certainty", code);
  }

  @Override
  public String toString() {
    return codeText.code();
  }
}
