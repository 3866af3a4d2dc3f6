package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * From where a network service can be reached, from the least to the most exposed. A service reachable from the internet is also reachable from partner networks, and those from internal ones.
 *
 * @since 0.1.0
 */
public enum Reachability implements Coded {
  INTERNAL("internal", "組織内部", "Internal network"),
  PARTNER("partner", "取引先・保守事業者網", "Partner network"),
  INTERNET("internet", "インターネット", "Internet");

  private final CodeText codeText;

  Reachability(String code, String ja, String en) {
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
  public static Reachability of(String code) {
    return Codes.parse(Reachability.class, "reachability", code);
  }

  @Override
  public String toString() {
    return codeText.code();
  }
}
