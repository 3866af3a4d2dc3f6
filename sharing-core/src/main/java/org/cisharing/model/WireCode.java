package org.cisharing.model;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A value with a stable code used on the wire (e.g. {@code near-miss}, {@code TLP:AMBER}).
 *
 * @since 0.1.0
 */
public interface WireCode {
  /** The code as written in JSON documents. */
  @JsonValue
  String code();
}
