package org.cisharing.advisory;

import java.util.Objects;
import java.util.Optional;
import org.cisharing.model.LocalizedText;

/**
 * An asset matched by one item of an advisory: an affected product or an exposure, exactly or only
 * possibly (to verify by hand), with the reason in words.
 *
 * @param asset the asset
 * @param product the affected product that matched, or {@code null} for an exposure match
 * @param exposure the exposure that matched, or {@code null} for a product match
 * @param certainty exact or possible
 * @param reason why, in Japanese and English, e.g. {@code exposes 3389/tcp (rdp) to the internet}
 * @since 0.1.0
 */
public record Match(
    Asset asset, AffectedProduct product, Exposure exposure, MatchCertainty certainty, LocalizedText reason) {
  public Match {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(certainty, "certainty");
    Objects.requireNonNull(reason, "reason");
    if ((product == null) == (exposure == null)) {
      throw new IllegalArgumentException("a match is of exactly one product or one exposure");
    }
  }

  /** The id of the matched advisory item, when the advisory gave it one. */
  public Optional<String> itemId() {
    return Optional.ofNullable(product != null ? product.id() : exposure.id());
  }

  /** Whether the match is certain. */
  public boolean isExact() {
    return certainty == MatchCertainty.EXACT;
  }

  /** {@code scada-01: Yokogawa CENTUM VP ... (exact): version R6.09.00 is within ...}. */
  @Override
  public String toString() {
    return asset.id() + ": " + (product != null ? product : exposure) + " (" + certainty.code() + "): " + reason.en();
  }
}
