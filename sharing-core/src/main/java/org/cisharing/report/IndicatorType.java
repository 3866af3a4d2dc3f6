package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * The kind of an indicator of compromise.
 *
 * @since 0.1.0
 */
public enum IndicatorType implements Coded {
  IPV4("ipv4", "IPv4アドレス", "IPv4 address"),
  IPV6("ipv6", "IPv6アドレス", "IPv6 address"),
  DOMAIN("domain", "ドメイン名", "Domain name"),
  URL("url", "URL", "URL"),
  EMAIL("email", "メールアドレス", "E-mail address"),
  MD5("md5", "ハッシュ値(MD5)", "MD5 hash"),
  SHA1("sha1", "ハッシュ値(SHA-1)", "SHA-1 hash"),
  SHA256("sha256", "ハッシュ値(SHA-256)", "SHA-256 hash"),
  FILE_NAME("file-name", "ファイル名", "File name"),
  OTHER("other", "その他", "Other");

  private final CodeText codeText;

  IndicatorType(String code, String ja, String en) {
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
  public static IndicatorType of(String code) {
    return Codes.parse(IndicatorType.class, "indicator type", code);
  }
}
