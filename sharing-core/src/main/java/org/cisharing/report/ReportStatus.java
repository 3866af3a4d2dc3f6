package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.Labelled;
import org.cisharing.model.WireCode;

/**
 * Where the hub stands with a report it accepted.
 *
 * @since 0.1.0
 */
public enum ReportStatus implements WireCode, Labelled {
  ACCEPTED("accepted", "受付済み", "Accepted"),
  UNDER_REVIEW("under-review", "確認中", "Under review"),
  SHARED("shared", "共有済み", "Shared"),
  CLOSED("closed", "完了", "Closed");

  private final String code;
  private final String ja;
  private final String en;

  ReportStatus(String code, String ja, String en) {
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
  public static ReportStatus of(String code) {
    return Codes.parse(ReportStatus.class, "report status", code);
  }
}
