package org.cisharing.scope;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * The three scope categories of the action plan (DOMAIN.md §3), from the most to the least severe:
 * the critical service itself was affected, a system malfunctioned while the service held, or
 * nothing failed yet (a sign, a near miss).
 *
 * @since 0.1.0
 */
public enum Category implements Coded {
  SERVICE_OUTAGE("service-outage", "重要インフラサービス障害", "Critical service outage"),
  SYSTEM_FAILURE("system-failure", "システムの不具合", "System failure"),
  PRECURSOR("precursor", "予兆・ヒヤリハット", "Precursor / near miss");

  private final CodeText codeText;

  Category(String code, String ja, String en) {
    this.codeText = new CodeText(code, ja, en);
  }

  @Override
  public CodeText codeText() {
    return codeText;
  }

  /**
   * Whether this category is more severe than {@code other}; every category is more severe than
   * null.
   */
  public boolean isMoreSevereThan(Category other) {
    return other == null || ordinal() < other.ordinal();
  }

  /**
   * Parses a wire code, case-insensitively.
   *
   * @throws IllegalArgumentException naming the accepted codes when {@code code} is unknown
   */
  @JsonCreator
  public static Category of(String code) {
    return Codes.parse(Category.class, "category", code);
  }
}
