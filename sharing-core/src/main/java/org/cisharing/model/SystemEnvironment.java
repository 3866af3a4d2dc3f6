package org.cisharing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;

/**
 * Where an affected system runs.
 *
 * @since 0.1.0
 */
public enum SystemEnvironment implements Coded {
  ON_PREMISES("on-premises", "オンプレミス", "On-premises"),
  CLOUD("cloud", "クラウド(IaaS/PaaS)", "Cloud (IaaS/PaaS)"),
  SAAS("saas", "SaaS", "SaaS"),
  CLOSED_NETWORK("closed-network", "閉域網", "Closed network");

  private final CodeText codeText;

  SystemEnvironment(String code, String ja, String en) {
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
  public static SystemEnvironment of(String code) {
    return Codes.parse(SystemEnvironment.class, "system environment", code);
  }
}
