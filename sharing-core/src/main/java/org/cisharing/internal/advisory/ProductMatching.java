package org.cisharing.internal.advisory;

import java.util.ArrayList;
import java.util.List;
import org.cisharing.advisory.AffectedProduct;
import org.cisharing.advisory.VersionRange;
import org.cisharing.internal.advisory.VendorVersion.Order;

/** Decides whether an asset version is within an affected product's versions. */
public final class ProductMatching {
  /** How an asset version relates to the affected versions. */
  public enum Outcome {
    AFFECTED,
    POSSIBLE,
    NOT_AFFECTED
  }

  /** An outcome and the sentence explaining it. */
  public record Verdict(Outcome outcome, String reason) {}

  private ProductMatching() {}

  /**
   * Evaluates {@code assetVersion} (may be {@code null} when the inventory does not know it)
   * against the affected versions of {@code product}.
   */
  public static Verdict evaluate(AffectedProduct product, String assetVersion) {
    List<String> versions = product.versions();
    List<VersionRange> ranges = product.ranges();
    if (versions.isEmpty() && ranges.isEmpty() && product.unparsedRanges().isEmpty()) {
      String idVersion = product.cpe() != null ? Identifiers.cpeVersion(product.cpe()) : null;
      if (idVersion == null && product.purl() != null) {
        idVersion = Identifiers.purlVersion(product.purl());
      }
      if (idVersion != null) {
        versions = List.of(idVersion);
      } else if (product.fixedIn() != null) {
        ranges = List.of(VersionRange.below(product.fixedIn()));
      } else {
        return new Verdict(Outcome.AFFECTED, "every version is affected");
      }
    }
    for (VersionRange r : ranges) {
      if (r.isAll()) {
        return new Verdict(Outcome.AFFECTED, "every version is affected");
      }
    }
    String affected = describe(versions, ranges, product.unparsedRanges());
    if (assetVersion == null) {
      return new Verdict(Outcome.POSSIBLE,
          "the inventory gives no version for this asset; affected versions: " + affected);
    }
    List<String> assetTokens = VendorVersion.tokens(assetVersion);
    List<String> uncertain = new ArrayList<>();
    for (String v : versions) {
      Order o = VendorVersion.compare(assetTokens, VendorVersion.tokens(v));
      if (o == Order.EQUAL) {
        return new Verdict(Outcome.AFFECTED, "version " + assetVersion + " is listed as affected");
      }
      if (o == Order.UNKNOWN) {
        uncertain.add("=" + v);
      }
    }
    for (VersionRange r : ranges) {
      Order o = within(assetTokens, r);
      if (o == Order.EQUAL) {
        return new Verdict(Outcome.AFFECTED, "version " + assetVersion + " is within " + r);
      }
      if (o == Order.UNKNOWN) {
        uncertain.add(r.toString());
      }
    }
    uncertain.addAll(product.unparsedRanges());
    if (!uncertain.isEmpty()) {
      return new Verdict(Outcome.POSSIBLE, "version " + assetVersion
          + " cannot be compared with certainty to " + String.join(", ", uncertain) + "; verify by hand");
    }
    return new Verdict(Outcome.NOT_AFFECTED, "version " + assetVersion + " is outside " + affected);
  }

  /** EQUAL when inside the range, LESS/GREATER when certainly outside, UNKNOWN otherwise. */
  private static Order within(List<String> v, VersionRange r) {
    boolean unknown = false;
    if (r.gte() != null || r.gt() != null) {
      Order o = VendorVersion.compare(v, VendorVersion.tokens(r.gte() != null ? r.gte() : r.gt()));
      if (o == Order.LESS || (o == Order.EQUAL && r.gt() != null)) {
        return Order.LESS;
      }
      unknown |= o == Order.UNKNOWN;
    }
    if (r.lte() != null || r.lt() != null) {
      Order o = VendorVersion.compare(v, VendorVersion.tokens(r.lte() != null ? r.lte() : r.lt()));
      if (o == Order.GREATER || (o == Order.EQUAL && r.lt() != null)) {
        return Order.GREATER;
      }
      unknown |= o == Order.UNKNOWN;
    }
    return unknown ? Order.UNKNOWN : Order.EQUAL;
  }

  private static String describe(List<String> versions, List<VersionRange> ranges, List<String> unparsed) {
    List<String> parts = new ArrayList<>();
    for (String v : versions) {
      parts.add("=" + v);
    }
    for (VersionRange r : ranges) {
      parts.add(r.toString());
    }
    parts.addAll(unparsed);
    return String.join(", ", parts);
  }
}
