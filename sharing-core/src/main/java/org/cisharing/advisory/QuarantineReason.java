package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * Why a signed advisory was refused and quarantined.
 *
 * @since 0.1.0
 */
public enum QuarantineReason implements Coded {
  /** Not a JWS compact serialization (three base64url parts). */
  NOT_COMPACT_JWS("not-compact-jws", "JWS compact serialization(3つのbase64url部)ではない", "Not a JWS compact serialization (three base64url parts)"),
  /** The protected header cannot be parsed. */
  MALFORMED_HEADER("malformed-header", "保護ヘッダを解釈できない", "The protected header cannot be parsed"),
  /** The algorithm is not EdDSA or ES256 (none, HS256, ...). */
  UNSUPPORTED_ALGORITHM("unsupported-algorithm", "署名アルゴリズムが EdDSA / ES256 ではない(none, HS256 等)", "The algorithm is not EdDSA or ES256 (none, HS256, ...)"),
  /** The header has critical parameters this library does not understand. */
  UNSUPPORTED_HEADER("unsupported-header", "理解できない crit ヘッダパラメータがある", "The header has critical parameters this library does not understand"),
  /** The algorithm does not match the key type. */
  ALGORITHM_KEY_MISMATCH("algorithm-key-mismatch", "アルゴリズムが鍵の種類と一致しない", "The algorithm does not match the key type"),
  /** No key id (kid) in the header. */
  MISSING_KID("missing-kid", "kid がない", "No key id (kid) in the header"),
  /** The key id is not among the trusted keys. */
  UNKNOWN_KID("unknown-kid", "信頼する鍵に該当する kid がない", "The key id is not among the trusted keys"),
  /** The signature does not verify. */
  BAD_SIGNATURE("bad-signature", "署名が一致しない", "The signature does not verify"),
  /** Larger than 1 MiB. */
  TOO_LARGE("too-large", "1 MiB を超える", "Larger than 1 MiB"),
  /** The payload is not a valid advisory document. */
  INVALID_PAYLOAD("invalid-payload", "ペイロードが有効な情報提供文書ではない", "The payload is not a valid advisory document");

  private final CodeText codeText;

  QuarantineReason(String code, String ja, String en) {
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
  public static QuarantineReason of(String code) {
    return Codes.parse(QuarantineReason.class, "quarantine reason", code);
  }

  @Override
  public String toString() {
    return codeText.code();
  }
}
