package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * Who issued an advisory: the national centre, a responsible ministry, a CEPTOAR, JPCERT/CC, a vendor, or someone else.
 *
 * @since 0.1.0
 */
public enum IssuerKind implements Coded {
  NATIONAL_CENTRE("national-centre", "国家サイバー統括室(旧NISC)", "National cybersecurity centre"),
  MINISTRY("ministry", "重要インフラ所管省庁", "Responsible ministry"),
  CEPTOAR("ceptoar", "セプター", "CEPTOAR"),
  JPCERT("jpcert", "JPCERT/CC", "JPCERT/CC"),
  VENDOR("vendor", "製品ベンダー", "Vendor"),
  OTHER("other", "その他", "Other");

  private final CodeText codeText;

  IssuerKind(String code, String ja, String en) {
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
  public static IssuerKind of(String code) {
    return Codes.parse(IssuerKind.class, "issuer kind", code);
  }

  @Override
  public String toString() {
    return codeText.code();
  }
}
