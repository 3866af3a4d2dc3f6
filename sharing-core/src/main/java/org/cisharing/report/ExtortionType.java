package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.Labelled;
import org.cisharing.model.WireCode;

/**
 * How a ransomware attack extorts the victim.
 *
 * @since 0.1.0
 */
public enum ExtortionType implements WireCode, Labelled {
  ENCRYPTION("encryption", "暗号化による脅迫", "Encryption"),
  DATA_LEAK("data-leak", "情報公開による脅迫", "Threat to publish stolen data"),
  DOUBLE("double", "二重脅迫(暗号化及び情報公開)", "Double extortion (encryption and leak)"),
  OTHER("other", "その他", "Other");

  private final String code;
  private final String ja;
  private final String en;

  ExtortionType(String code, String ja, String en) {
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
  public static ExtortionType of(String code) {
    return Codes.parse(ExtortionType.class, "extortion type", code);
  }
}
