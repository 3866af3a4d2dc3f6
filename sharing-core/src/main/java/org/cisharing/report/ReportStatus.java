package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * Where the hub stands with a report it accepted.
 *
 * @since 0.1.0
 */
public enum ReportStatus implements Coded {
  ACCEPTED("accepted", "受付済み", "Accepted"),
  UNDER_REVIEW("under-review", "確認中", "Under review"),
  SHARED("shared", "共有済み", "Shared"),
  CLOSED("closed", "完了", "Closed");

  private final CodeText codeText;

  ReportStatus(String code, String ja, String en) {
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
  public static ReportStatus of(String code) {
    return Codes.parse(ReportStatus.class, "report status", code);
  }
}
