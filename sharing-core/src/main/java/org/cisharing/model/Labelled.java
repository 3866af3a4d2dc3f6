package org.cisharing.model;

import java.util.Locale;

/**
 * A value with a Japanese and an English label, as shown to the people who read reports and
 * advisories.
 *
 * @since 0.1.0
 */
public interface Labelled {
  /** The Japanese label, in the wording of the official forms where they have one. */
  String ja();

  /** The English label. */
  String en();

  /** The Japanese label for a Japanese locale, the English one otherwise. */
  default String label(Locale locale) {
    return "ja".equals(locale.getLanguage()) ? ja() : en();
  }
}
