package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What an advisory is about: products (with versions, CPE or purl) and network exposures.
 *
 * @param products affected products
 * @param exposures affected exposures
 * @since 0.1.0
 */
public record Affects(List<AffectedProduct> products, List<Exposure> exposures) {
  /** Nothing: an advisory about a general situation. */
  public static final Affects NONE = new Affects(List.of(), List.of());

  public Affects {
    products = products == null ? List.of() : List.copyOf(products);
    exposures = exposures == null ? List.of() : List.copyOf(exposures);
  }

  /** Whether neither products nor exposures are named. */
  @JsonIgnore
  public boolean isEmpty() {
    return products.isEmpty() && exposures.isEmpty();
  }
}
