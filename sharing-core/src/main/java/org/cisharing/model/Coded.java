package org.cisharing.model;

/**
 * A constant of one of the library's fixed code lists (an enum): its wire code and labels come
 * from one {@link CodeText}.
 *
 * @since 0.1.0
 */
public interface Coded extends WireCode, Labelled {
  /** The code and its labels. */
  CodeText codeText();

  @Override
  default String code() {
    return codeText().code();
  }

  @Override
  default String ja() {
    return codeText().ja();
  }

  @Override
  default String en() {
    return codeText().en();
  }
}
