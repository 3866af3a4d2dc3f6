package org.cisharing.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * A code from an open list: the constants a library version knows, plus any other well-formed code,
 * kept as is (the government revises its lists; a new code must not break a reader). Two codes of
 * the same list are equal when their codes are equal, whatever their labels. Immutable.
 *
 * <p>Subclassed only by the library's code lists ({@link Sector}, {@link Role}, {@code CauseItem}).
 *
 * @since 0.1.0
 */
public abstract class OpenCode implements WireCode, Labelled {
  private final String code;
  private final String ja;
  private final String en;

  /** For the library's code lists. */
  protected OpenCode(String code, String ja, String en) {
    this.code = Objects.requireNonNull(code, "code");
    this.ja = Objects.requireNonNull(ja, "ja");
    this.en = Objects.requireNonNull(en, "en");
  }

  /** Whether this library version's list knows the code. */
  public abstract boolean isKnown();

  /** The stable code, as written on the wire. */
  @JsonValue
  @Override
  public final String code() {
    return code;
  }

  @Override
  public final String ja() {
    return ja;
  }

  @Override
  public final String en() {
    return en;
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && ((OpenCode) o).code.equals(code);
  }

  @Override
  public final int hashCode() {
    return code.hashCode();
  }

  @Override
  public final String toString() {
    return code;
  }
}
