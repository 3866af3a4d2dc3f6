package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * Other bodies an operator has notified about the same incident.
 *
 * @since 0.1.0
 */
public enum NotifiedParty implements Coded {
  POLICE("police", "警察", "Police"),
  PPC("ppc", "個人情報保護委員会", "Personal Information Protection Commission"),
  REGULATOR("regulator", "所管省庁・業界規制当局", "Sector regulator / ministry"),
  JPCERT_CC("jpcert-cc", "JPCERT/CC", "JPCERT/CC"),
  IPA("ipa", "IPA(情報処理推進機構)", "IPA"),
  CEPTOAR("ceptoar", "セプター", "CEPTOAR"),
  CYBERSECURITY_COUNCIL("cybersecurity-council", "サイバーセキュリティ協議会", "Cybersecurity Council"),
  OTHER("other", "その他", "Other");

  private final CodeText codeText;

  NotifiedParty(String code, String ja, String en) {
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
  public static NotifiedParty of(String code) {
    return Codes.parse(NotifiedParty.class, "notified party", code);
  }
}
