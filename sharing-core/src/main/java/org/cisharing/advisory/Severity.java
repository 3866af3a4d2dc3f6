package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * How serious an advisory's subject is, from critical down to purely informational.
 *
 * @since 0.1.0
 */
public enum Severity implements Coded {
  CRITICAL("critical", "緊急", "Critical"),
  HIGH("high", "重要", "High"),
  MEDIUM("medium", "警告", "Medium"),
  LOW("low", "注意", "Low"),
  INFO("info", "情報", "Informational");

  private final CodeText codeText;

  Severity(String code, String ja, String en) {
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
  public static Severity of(String code) {
    return Codes.parse(Severity.class, "severity", code);
  }

  @Override
  public String toString() {
    return codeText.code();
  }
}
