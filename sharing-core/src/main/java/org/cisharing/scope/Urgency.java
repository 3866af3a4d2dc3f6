package org.cisharing.scope;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * How soon an event should be shared, from the most to the least urgent: now (the direct route for
 * urgent or large-scale cases), promptly (速やかに, the action plan's normal expectation), or in the
 * course of ordinary reporting.
 *
 * @since 0.1.0
 */
public enum Urgency implements Coded {
  IMMEDIATE("immediate", "直ちに", "Immediate"),
  PROMPT("prompt", "速やかに", "Prompt"),
  ROUTINE("routine", "通常", "Routine");

  private final CodeText codeText;

  Urgency(String code, String ja, String en) {
    this.codeText = new CodeText(code, ja, en);
  }

  @Override
  public CodeText codeText() {
    return codeText;
  }

  /** Whether this urgency is higher than {@code other}; every urgency is higher than null. */
  public boolean isHigherThan(Urgency other) {
    return other == null || ordinal() < other.ordinal();
  }

  /**
   * Parses a wire code, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted codes when {@code code} is unknown
   */
  @JsonCreator
  public static Urgency of(String code) {
    return Codes.parse(Urgency.class, "urgency", code);
  }
}
