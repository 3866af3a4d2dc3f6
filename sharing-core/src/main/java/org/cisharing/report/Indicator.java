package org.cisharing.report;

/**
 * An indicator of compromise (IP address, domain, URL, hash, ...).
 *
 * @param type the kind of value
 * @param value the value, in the canonical form of its type
 * @param description what it was seen doing, or {@code null}
 * @since 0.1.0
 */
public record Indicator(IndicatorType type, String value, String description) {
  public static Indicator of(IndicatorType type, String value) {
    return new Indicator(type, value, null);
  }
}
