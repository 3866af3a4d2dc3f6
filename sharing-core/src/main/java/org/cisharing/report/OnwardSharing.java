package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * Whether and how the hub may share a report onward to other operators.
 *
 * @since 0.1.0
 */
public enum OnwardSharing implements Coded {
  NONE("none", "共有不可", "Not to be shared"),
  ANONYMISED("anonymised", "匿名化して共有可", "Shared anonymised"),
  FULL("full", "そのまま共有可", "Shared in full");

  private final CodeText codeText;

  OnwardSharing(String code, String ja, String en) {
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
  public static OnwardSharing of(String code) {
    return Codes.parse(OnwardSharing.class, "onward sharing", code);
  }
}
