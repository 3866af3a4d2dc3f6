package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.Labelled;
import org.cisharing.model.WireCode;

/**
 * How urgently an addressee should carry out an action item.
 *
 * @since 0.1.0
 */
public enum ActionPriority implements WireCode, Labelled {
  IMMEDIATE("immediate", "直ちに", "Immediately"),
  HIGH("high", "高", "High"),
  MEDIUM("medium", "中", "Medium"),
  LOW("low", "低", "Low");

  private final String code;
  private final String ja;
  private final String en;

  ActionPriority(String code, String ja, String en) {
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
  public static ActionPriority of(String code) {
    return Codes.parse(ActionPriority.class, "action priority", code);
  }

  @Override
  public String toString() {
    return code;
  }
}
