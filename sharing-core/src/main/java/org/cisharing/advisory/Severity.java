package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.Labelled;
import org.cisharing.model.WireCode;

/**
 * How serious an advisory's subject is, from critical down to purely informational.
 *
 * @since 0.1.0
 */
public enum Severity implements WireCode, Labelled {
  CRITICAL("critical", "緊急", "Critical"),
  HIGH("high", "重要", "High"),
  MEDIUM("medium", "警告", "Medium"),
  LOW("low", "注意", "Low"),
  INFO("info", "情報", "Informational");

  private final String code;
  private final String ja;
  private final String en;

  Severity(String code, String ja, String en) {
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
  public static Severity of(String code) {
    return Codes.parse(Severity.class, "severity", code);
  }

  @Override
  public String toString() {
    return code;
  }
}
