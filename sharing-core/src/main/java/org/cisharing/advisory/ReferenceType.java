package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * The kind of an advisory reference.
 *
 * @since 0.1.0
 */
public enum ReferenceType implements Coded {
  CVE("cve", "CVE", "CVE"),
  JVN("jvn", "JVN", "JVN"),
  URL("url", "URL", "URL"),
  CSAF("csaf", "CSAF文書", "CSAF document");

  private final CodeText codeText;

  ReferenceType(String code, String ja, String en) {
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
  public static ReferenceType of(String code) {
    return Codes.parse(ReferenceType.class, "reference type", code);
  }

  @Override
  public String toString() {
    return codeText.code();
  }
}
