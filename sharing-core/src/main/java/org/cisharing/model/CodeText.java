package org.cisharing.model;

import java.util.Objects;

/**
 * A wire code with its Japanese and English labels: what each constant of the library's fixed
 * code lists carries.
 *
 * @param code the code as written in JSON documents
 * @param ja the Japanese label
 * @param en the English label
 * @since 0.1.0
 */
public record CodeText(String code, String ja, String en) {
  public CodeText {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(ja, "ja");
    Objects.requireNonNull(en, "en");
  }
}
