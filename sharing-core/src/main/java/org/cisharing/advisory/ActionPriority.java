package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * How urgently an addressee should carry out an action item.
 *
 * @since 0.1.0
 */
public enum ActionPriority implements Coded {
  IMMEDIATE("immediate", "直ちに", "Immediately"),
  HIGH("high", "高", "High"),
  MEDIUM("medium", "中", "Medium"),
  LOW("low", "低", "Low");

  private final CodeText codeText;

  ActionPriority(String code, String ja, String en) {
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
  public static ActionPriority of(String code) {
    return Codes.parse(ActionPriority.class, "action priority", code);
  }

  @Override
  public String toString() {
    return codeText.code();
  }
}
