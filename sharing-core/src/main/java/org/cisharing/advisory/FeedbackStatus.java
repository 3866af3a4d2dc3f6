package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * Where an addressee stands with an advisory, as told to the hub in feedback.
 *
 * @since 0.1.0
 */
public enum FeedbackStatus implements Coded {
  RECEIVED("received", "受領", "Received"),
  IN_PROGRESS("in-progress", "対応中", "In progress"),
  DONE("done", "対応完了", "Done"),
  NOT_APPLICABLE("not-applicable", "該当なし", "Not applicable");

  private final CodeText codeText;

  FeedbackStatus(String code, String ja, String en) {
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
  public static FeedbackStatus of(String code) {
    return Codes.parse(FeedbackStatus.class, "feedback status", code);
  }

  @Override
  public String toString() {
    return codeText.code();
  }
}
