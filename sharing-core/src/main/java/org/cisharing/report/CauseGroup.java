package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.Labelled;
import org.cisharing.model.WireCode;

/**
 * The four groups of causes in the official statistics.
 *
 * @since 0.1.0
 */
public enum CauseGroup implements WireCode, Labelled {
  INTENTIONAL("intentional", "意図的要因", "Intentional"),
  ACCIDENTAL("accidental", "偶発的要因", "Accidental"),
  ENVIRONMENTAL("environmental", "環境的要因", "Environmental"),
  OTHER("other", "その他の要因", "Other");

  private final String code;
  private final String ja;
  private final String en;

  CauseGroup(String code, String ja, String en) {
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
  public static CauseGroup of(String code) {
    return Codes.parse(CauseGroup.class, "cause group", code);
  }
}
