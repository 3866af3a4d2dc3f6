package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * The purposes a shared report serves (the three aspects of the action plan).
 *
 * @since 0.1.0
 */
public enum Aspect implements Coded {
  PREVENTION("prevention", "未然防止", "Prevention"),
  CONTAINMENT_RECOVERY("containment-recovery", "拡大防止・迅速な復旧", "Limiting spread and fast recovery"),
  RECURRENCE_PREVENTION("recurrence-prevention", "原因等の分析・検証による再発防止", "Preventing recurrence through analysis of causes");

  private final CodeText codeText;

  Aspect(String code, String ja, String en) {
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
  public static Aspect of(String code) {
    return Codes.parse(Aspect.class, "aspect", code);
  }
}
