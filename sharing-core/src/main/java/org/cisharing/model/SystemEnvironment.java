package org.cisharing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;

/**
 * Where an affected system runs.
 *
 * @since 0.1.0
 */
public enum SystemEnvironment implements WireCode, Labelled {
  ON_PREMISES("on-premises", "オンプレミス", "On-premises"),
  CLOUD("cloud", "クラウド(IaaS/PaaS)", "Cloud (IaaS/PaaS)"),
  SAAS("saas", "SaaS", "SaaS"),
  CLOSED_NETWORK("closed-network", "閉域網", "Closed network");

  private final String code;
  private final String ja;
  private final String en;

  SystemEnvironment(String code, String ja, String en) {
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
  public static SystemEnvironment of(String code) {
    return Codes.parse(SystemEnvironment.class, "system environment", code);
  }
}
