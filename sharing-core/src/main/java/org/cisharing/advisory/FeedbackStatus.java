package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.Labelled;
import org.cisharing.model.WireCode;

/**
 * Where an addressee stands with an advisory, as told to the hub in feedback.
 *
 * @since 0.1.0
 */
public enum FeedbackStatus implements WireCode, Labelled {
  RECEIVED("received", "受領", "Received"),
  IN_PROGRESS("in-progress", "対応中", "In progress"),
  DONE("done", "対応完了", "Done"),
  NOT_APPLICABLE("not-applicable", "該当なし", "Not applicable");

  private final String code;
  private final String ja;
  private final String en;

  FeedbackStatus(String code, String ja, String en) {
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
  public static FeedbackStatus of(String code) {
    return Codes.parse(FeedbackStatus.class, "feedback status", code);
  }

  @Override
  public String toString() {
    return code;
  }
}
