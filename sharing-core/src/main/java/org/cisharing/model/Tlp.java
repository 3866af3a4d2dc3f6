package org.cisharing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/**
 * Traffic Light Protocol 2.0 (FIRST, 2022) labels, ordered from least to most restrictive. Printed
 * and parsed with the exact labels, e.g. {@code TLP:AMBER+STRICT}.
 *
 * @since 0.1.0
 */
public enum Tlp implements WireCode, Labelled {
  /** No restriction on disclosure (replaced TLP:WHITE). */
  CLEAR("TLP:CLEAR", "制限なし", "No restriction"),
  /** The recipient's community, not public. */
  GREEN("TLP:GREEN", "コミュニティ内", "Community, not public"),
  /** The recipient's organisation and its clients, on a need-to-know basis. */
  AMBER("TLP:AMBER", "組織内及び顧客(必要な範囲)", "Organisation and its clients, need to know"),
  /** The recipient's organisation only. */
  AMBER_STRICT("TLP:AMBER+STRICT", "組織内限り", "Recipient's organisation only"),
  /** Named recipients only. */
  RED("TLP:RED", "指名された受領者限り", "Named recipients only");

  private final String label;
  private final String ja;
  private final String en;

  Tlp(String label, String ja, String en) {
    this.label = label;
    this.ja = ja;
    this.en = en;
  }

  /** The exact TLP 2.0 label, e.g. {@code TLP:AMBER+STRICT}. */
  @Override
  public String code() {
    return label;
  }

  @Override
  public String ja() {
    return ja;
  }

  @Override
  public String en() {
    return en;
  }

  /** Whether information with this label may be given to someone cleared up to {@code clearance}. */
  public boolean isWithin(Tlp clearance) {
    return compareTo(clearance) <= 0;
  }

  /**
   * Parses a TLP 2.0 label, case-insensitively, with or without the {@code TLP:} prefix. The TLP
   * 1.0 label {@code WHITE} is read as {@link #CLEAR}, which replaced it.
   *
   * @throws IllegalArgumentException for anything else, naming the accepted labels
   */
  @JsonCreator
  public static Tlp parse(String label) {
    if (label == null) {
      throw new IllegalArgumentException("TLP label is null");
    }
    String s = label.trim().toUpperCase(Locale.ROOT);
    if (s.startsWith("TLP:")) {
      s = s.substring(4);
    }
    switch (s) {
      case "CLEAR":
      case "WHITE":
        return CLEAR;
      case "GREEN":
        return GREEN;
      case "AMBER":
        return AMBER;
      case "AMBER+STRICT":
        return AMBER_STRICT;
      case "RED":
        return RED;
      default:
        throw new IllegalArgumentException(
            "unknown TLP label '"
                + label
                + "', expected one of: TLP:CLEAR, TLP:GREEN, TLP:AMBER, TLP:AMBER+STRICT, TLP:RED");
    }
  }

  @Override
  public String toString() {
    return label;
  }
}
