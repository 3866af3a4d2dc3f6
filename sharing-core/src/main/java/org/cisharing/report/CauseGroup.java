package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * The four groups of causes in the official statistics.
 *
 * @since 0.1.0
 */
public enum CauseGroup implements Coded {
  INTENTIONAL("intentional", "意図的要因", "Intentional"),
  ACCIDENTAL("accidental", "偶発的要因", "Accidental"),
  ENVIRONMENTAL("environmental", "環境的要因", "Environmental"),
  OTHER("other", "その他の要因", "Other");

  private final CodeText codeText;

  CauseGroup(String code, String ja, String en) {
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
  public static CauseGroup of(String code) {
    return Codes.parse(CauseGroup.class, "cause group", code);
  }
}
