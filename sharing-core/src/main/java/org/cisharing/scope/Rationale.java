package org.cisharing.scope;

import java.util.Objects;
import org.cisharing.model.Labelled;

/**
 * One reason for a classification: the id of the rule that fired (or of a built-in check such as
 * {@code input.unknown-signal}) and a sentence in Japanese and in English that a reviewer can read.
 *
 * @param rule the rule id, e.g. {@code attack.ransomware}
 * @param ja the reason in Japanese
 * @param en the reason in English
 * @since 0.1.0
 */
public record Rationale(String rule, String ja, String en) implements Labelled {
  public Rationale {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(ja, "ja");
    Objects.requireNonNull(en, "en");
  }
}
