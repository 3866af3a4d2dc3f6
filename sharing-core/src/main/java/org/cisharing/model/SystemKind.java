package org.cisharing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.cisharing.internal.Codes;

/**
 * The kind of system an event concerns: the action plan covers IT, control (ICS/OT) and IoT systems alike.
 *
 * @since 0.1.0
 */
public enum SystemKind implements Coded {
  IT("it", "ITシステム", "IT system"),
  ICS("ics", "制御システム", "Control system (ICS/OT)"),
  IOT("iot", "IoTシステム", "IoT system");

  private final CodeText codeText;

  SystemKind(String code, String ja, String en) {
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
  public static SystemKind of(String code) {
    return Codes.parse(SystemKind.class, "system kind", code);
  }
}
