package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * The type of a denial-of-service attack, aligned with MITRE ATT&CK (T1498, T1498.001, T1498.002, T1499).
 *
 * @since 0.1.0
 */
public enum DdosAttackType implements Coded {
  NETWORK_DOS("network-dos", "ネットワークDoS(T1498)", "Network denial of service (T1498)"),
  DIRECT_NETWORK_FLOOD("direct-network-flood", "直接型フラッド攻撃(T1498.001)", "Direct network flood (T1498.001)"),
  REFLECTION_AMPLIFICATION("reflection-amplification", "リフレクション・アンプ攻撃(T1498.002)", "Reflection amplification (T1498.002)"),
  ENDPOINT_DOS("endpoint-dos", "エンドポイントDoS(T1499)", "Endpoint denial of service (T1499)");

  private final CodeText codeText;

  DdosAttackType(String code, String ja, String en) {
    this.codeText = new CodeText(code, ja, en);
  }

  @Override
  public CodeText codeText() {
    return codeText;
  }

  /** The MITRE ATT&amp;CK technique id, e.g. {@code T1498.002}. */
  public String attackTechnique() {
    switch (this) {
      case DIRECT_NETWORK_FLOOD:
        return "T1498.001";
      case REFLECTION_AMPLIFICATION:
        return "T1498.002";
      case ENDPOINT_DOS:
        return "T1499";
      default:
        return "T1498";
    }
  }

  /**
   * Parses a wire code, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted codes when {@code code} is unknown
   */
  @JsonCreator
  public static DdosAttackType of(String code) {
    return Codes.parse(DdosAttackType.class, "DDoS attack type", code);
  }
}
