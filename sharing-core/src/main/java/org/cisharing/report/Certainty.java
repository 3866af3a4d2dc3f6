package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.Labelled;
import org.cisharing.model.WireCode;

/**
 * Whether a cause is confirmed or only suspected; an initial report usually has only suspicions.
 *
 * @since 0.1.0
 */
public enum Certainty implements WireCode, Labelled {
  CONFIRMED("confirmed", "確定", "Confirmed"),
  SUSPECTED("suspected", "推定", "Suspected");

  private final String code;
  private final String ja;
  private final String en;

  Certainty(String code, String ja, String en) {
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
  public static Certainty of(String code) {
    return Codes.parse(Certainty.class, "certainty", code);
  }
}
