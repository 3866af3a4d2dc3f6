package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;
import org.cisharing.model.Labelled;
import org.cisharing.model.WireCode;

/**
 * The transport protocol of a network service.
 *
 * @since 0.1.0
 */
public enum Protocol implements WireCode, Labelled {
  TCP("tcp", "TCP", "TCP"),
  UDP("udp", "UDP", "UDP");

  private final String code;
  private final String ja;
  private final String en;

  Protocol(String code, String ja, String en) {
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
  public static Protocol of(String code) {
    return Codes.parse(Protocol.class, "protocol", code);
  }

  @Override
  public String toString() {
    return code;
  }
}
