package org.cisharing.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Optional;

/**
 * A text written in Japanese, English or both, as advisories carry it. At least one language is
 * present; blank strings count as absent.
 *
 * @param ja the Japanese text, or {@code null}
 * @param en the English text, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LocalizedText(String ja, String en) {
  public LocalizedText {
    ja = ja == null || ja.isBlank() ? null : ja;
    en = en == null || en.isBlank() ? null : en;
    if (ja == null && en == null) {
      throw new IllegalArgumentException("localized text needs a Japanese or an English text");
    }
  }

  /** A Japanese and English text. */
  public static LocalizedText of(String ja, String en) {
    return new LocalizedText(ja, en);
  }

  /** An English-only text (e.g. imported from CSAF). */
  public static LocalizedText en(String en) {
    return new LocalizedText(null, en);
  }

  /** A Japanese-only text. */
  public static LocalizedText ja(String ja) {
    return new LocalizedText(ja, null);
  }

  /** The text in this language, if present. */
  public Optional<String> in(Locale locale) {
    return Optional.ofNullable("ja".equals(locale.getLanguage()) ? ja : en);
  }

  /** The text for a locale, falling back to the other language when it is missing. */
  public String text(Locale locale) {
    return in(locale).orElse(ja != null ? ja : en);
  }

  @Override
  public String toString() {
    return ja != null && en != null ? ja + " / " + en : ja != null ? ja : en;
  }
}
