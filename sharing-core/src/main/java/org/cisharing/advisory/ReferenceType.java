package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.Labelled;
import org.cisharing.model.WireCode;

/**
 * The kind of an advisory reference.
 *
 * @since 0.1.0
 */
public enum ReferenceType implements WireCode, Labelled {
  CVE("cve", "CVE", "CVE"),
  JVN("jvn", "JVN", "JVN"),
  URL("url", "URL", "URL"),
  CSAF("csaf", "CSAF文書", "CSAF document");

  private final String code;
  private final String ja;
  private final String en;

  ReferenceType(String code, String ja, String en) {
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
  public static ReferenceType of(String code) {
    return Codes.parse(ReferenceType.class, "reference type", code);
  }

  @Override
  public String toString() {
    return code;
  }
}
