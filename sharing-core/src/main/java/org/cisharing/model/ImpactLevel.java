package org.cisharing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;

/**
 * How far the critical service itself was affected: not at all, degraded, or disrupted (stopped).
 *
 * @since 0.1.0
 */
public enum ImpactLevel implements Coded {
  NONE("none", "影響なし", "No impact"),
  DEGRADED("degraded", "サービスの低下", "Degraded"),
  DISRUPTED("disrupted", "サービスの停止", "Disrupted");

  private final CodeText codeText;

  ImpactLevel(String code, String ja, String en) {
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
  public static ImpactLevel of(String code) {
    return Codes.parse(ImpactLevel.class, "impact level", code);
  }
}
