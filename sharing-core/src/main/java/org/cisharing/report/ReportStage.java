package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * The stage of an incident's report: the fast initial report (第1報), any number of updates (続報), and the final report (最終報) with causes and recurrence prevention.
 *
 * @since 0.1.0
 */
public enum ReportStage implements Coded {
  INITIAL("initial", "第1報", "Initial report"),
  UPDATE("update", "続報", "Update"),
  FINAL("final", "最終報", "Final report");

  private final CodeText codeText;

  ReportStage(String code, String ja, String en) {
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
  public static ReportStage of(String code) {
    return Codes.parse(ReportStage.class, "report stage", code);
  }
}
