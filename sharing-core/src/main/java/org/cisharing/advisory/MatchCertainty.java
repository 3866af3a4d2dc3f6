package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.Labelled;
import org.cisharing.model.WireCode;

/**
 * Whether an asset certainly matches an advisory item, or only possibly (a version or name that could not be compared with certainty, to be verified by a person).
 *
 * @since 0.1.0
 */
public enum MatchCertainty implements WireCode, Labelled {
  EXACT("exact", "該当", "Exact"),
  POSSIBLE("possible", "該当の可能性あり(要確認)", "Possible, to verify");

  private final String code;
  private final String ja;
  private final String en;

  MatchCertainty(String code, String ja, String en) {
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
  public static MatchCertainty of(String code) {
    return Codes.parse(MatchCertainty.class, "match certainty", code);
  }

  @Override
  public String toString() {
    return code;
  }
}
