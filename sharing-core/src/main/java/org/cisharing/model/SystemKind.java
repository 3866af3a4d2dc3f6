package org.cisharing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;

/**
 * The kind of system an event concerns: the action plan covers IT, control (ICS/OT) and IoT systems alike.
 *
 * @since 0.1.0
 */
public enum SystemKind implements WireCode, Labelled {
  IT("it", "ITシステム", "IT system"),
  ICS("ics", "制御システム", "Control system (ICS/OT)"),
  IOT("iot", "IoTシステム", "IoT system");

  private final String code;
  private final String ja;
  private final String en;

  SystemKind(String code, String ja, String en) {
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
  public static SystemKind of(String code) {
    return Codes.parse(SystemKind.class, "system kind", code);
  }
}
