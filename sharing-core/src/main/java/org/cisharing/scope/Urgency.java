package org.cisharing.scope;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.Labelled;
import org.cisharing.model.WireCode;

/**
 * How soon an event should be shared, from the most to the least urgent: now (the direct route for
 * urgent or large-scale cases), promptly (速やかに, the action plan's normal expectation), or in the
 * course of ordinary reporting.
 *
 * @since 0.1.0
 */
public enum Urgency implements WireCode, Labelled {
  IMMEDIATE("immediate", "直ちに", "Immediate"),
  PROMPT("prompt", "速やかに", "Prompt"),
  ROUTINE("routine", "通常", "Routine");

  private final String code;
  private final String ja;
  private final String en;

  Urgency(String code, String ja, String en) {
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
