package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * How a ransomware attack extorts the victim.
 *
 * @since 0.1.0
 */
public enum ExtortionType implements Coded {
  ENCRYPTION("encryption", "暗号化による脅迫", "Encryption"),
  DATA_LEAK("data-leak", "情報公開による脅迫", "Threat to publish stolen data"),
  DOUBLE("double", "二重脅迫(暗号化及び情報公開)", "Double extortion (encryption and leak)"),
  OTHER("other", "その他", "Other");

  private final CodeText codeText;

  ExtortionType(String code, String ja, String en) {
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
  public static ExtortionType of(String code) {
    return Codes.parse(ExtortionType.class, "extortion type", code);
  }
}
