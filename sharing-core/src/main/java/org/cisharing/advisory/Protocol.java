package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.CodeText;
import org.cisharing.model.Coded;

/**
 * The transport protocol of a network service.
 *
 * @since 0.1.0
 */
public enum Protocol implements Coded {
  TCP("tcp", "TCP", "TCP"),
  UDP("udp", "UDP", "UDP");

  private final CodeText codeText;

  Protocol(String code, String ja, String en) {
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
  public static Protocol of(String code) {
    return Codes.parse(Protocol.class, "protocol", code);
  }

  @Override
  public String toString() {
    return codeText.code();
  }
}
