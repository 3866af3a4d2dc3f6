package org.cisharing.advisory;

import java.util.Objects;

/**
 * Who issued an advisory (発信元).
 *
 * @param name the issuer's name, e.g. {@code 国家サイバー統括室} or {@code CISA}
 * @param kind what kind of body it is
 * @since 0.1.0
 */
public record Issuer(String name, IssuerKind kind) {
  public Issuer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (name.isBlank()) {
      throw new IllegalArgumentException("issuer name is blank");
    }
  }
}
