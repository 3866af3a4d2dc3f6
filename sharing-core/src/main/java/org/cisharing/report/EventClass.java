package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * What the event was, as the official statistics classify it (multi-valued): a near miss that did not occur, what an occurred event threatened (confidentiality, integrity, availability), and the events leading to those.
 *
 * @since 0.1.0
 */
public enum EventClass implements Coded {
  NEAR_MISS("near-miss", "予兆・ヒヤリハット", "Precursor / near miss"),
  CONFIDENTIALITY("confidentiality", "機密性を脅かす事象(情報の漏えい)", "Confidentiality (information leaked)"),
  INTEGRITY("integrity", "完全性を脅かす事象(情報の破壊・改ざん)", "Integrity (information destroyed or altered)"),
  AVAILABILITY("availability", "可用性を脅かす事象(システム等の利用困難)", "Availability (systems hard or impossible to use)"),
  MALWARE_INFECTION("malware-infection", "マルウェア等の感染", "Malware infection"),
  UNAUTHORIZED_CODE("unauthorized-code", "不正コードの実行", "Execution of unauthorised code"),
  INTRUSION("intrusion", "システムへの侵入", "Intrusion into systems"),
  OTHER_LEADING_EVENT("other-leading-event", "その他(上記につながる事象)", "Other event leading to the above");

  private final CodeText codeText;

  EventClass(String code, String ja, String en) {
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
  public static EventClass of(String code) {
    return Codes.parse(EventClass.class, "event class", code);
  }
}
