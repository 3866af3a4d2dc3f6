package org.cisharing.internal.advisory;

import java.util.ArrayList;
import java.util.List;
import org.cisharing.advisory.AffectedProduct;
import org.cisharing.advisory.VersionRange;
import org.cisharing.internal.advisory.VendorVersion.Order;

/**
 * Decides whether an asset version is within an affected product's versions. {@link
 * #prepare(AffectedProduct)} tokenises the product's versions once, for evaluating many assets.
 */
public final class ProductMatching {
  /** How an asset version relates to the affected versions. */
  public enum Outcome {
    AFFECTED,
    POSSIBLE,
    NOT_AFFECTED
  }

  /** An outcome and the sentence explaining it, in English and Japanese. */
  public record Verdict(Outcome outcome, String reason, String reasonJa) {}

  private static final Verdict EVERY_VERSION =
      new Verdict(Outcome.AFFECTED, "every version is affected", "全バージョンが影響を受ける");

  private final boolean all;
  private final List<String> versions;
  private final List<List<String>> versionTokens = new ArrayList<>();
  private final List<VersionRange> ranges;
  private final List<List<String>> lowerTokens = new ArrayList<>();
  private final List<List<String>> upperTokens = new ArrayList<>();
  private final List<String> unparsed;

  private ProductMatching(AffectedProduct product) {
    List<String> v = product.versions();
    List<VersionRange> r = product.ranges();
    if (v.isEmpty() && r.isEmpty() && product.unparsedRanges().isEmpty()) {
      String idVersion = product.cpe() != null ? Identifiers.cpeVersion(product.cpe()) : null;
      if (idVersion == null && product.purl() != null) {
        idVersion = Identifiers.purlVersion(product.purl());
      }
      if (idVersion != null) {
        v = List.of(idVersion);
      } else if (product.fixedIn() != null) {
        r = List.of(VersionRange.below(product.fixedIn()));
      }
    }
    boolean every = v.isEmpty() && r.isEmpty() && product.unparsedRanges().isEmpty();
    for (VersionRange range : r) {
      every |= range.isAll();
    }
    this.all = every;
    this.versions = v;
    this.ranges = r;
    this.unparsed = product.unparsedRanges();
    for (String s : v) {
      versionTokens.add(VendorVersion.tokens(s));
    }
    for (VersionRange range : r) {
      String lower = range.gte() != null ? range.gte() : range.gt();
      String upper = range.lte() != null ? range.lte() : range.lt();
      lowerTokens.add(lower == null ? null : VendorVersion.tokens(lower));
      upperTokens.add(upper == null ? null : VendorVersion.tokens(upper));
    }
  }

  /** Prepares a product for evaluating many asset versions. */
  public static ProductMatching prepare(AffectedProduct product) {
    return new ProductMatching(product);
  }

  /**
   * Evaluates {@code assetVersion} (may be {@code null} when the inventory does not know it)
   * against the affected versions of {@code product}.
   */
  public static Verdict evaluate(AffectedProduct product, String assetVersion) {
    return prepare(product).evaluate(assetVersion);
  }

  /** Evaluates one asset version (may be {@code null}). */
  public Verdict evaluate(String assetVersion) {
    if (all) {
      return EVERY_VERSION;
    }
    if (assetVersion == null) {
      String affected = describe();
      return new Verdict(Outcome.POSSIBLE,
          "the inventory gives no version for this asset; affected versions: " + affected,
          "資産台帳にバージョンの記載がない(影響を受けるバージョン: " + affected + ")");
    }
    List<String> assetTokens = VendorVersion.tokens(assetVersion);
    List<String> uncertain = null;
    for (int i = 0; i < versions.size(); i++) {
      Order o = VendorVersion.compare(assetTokens, versionTokens.get(i));
      if (o == Order.EQUAL) {
        return new Verdict(Outcome.AFFECTED, "version " + assetVersion + " is listed as affected",
            "バージョン " + assetVersion + " は影響を受けるバージョンとして記載されている");
      }
      if (o == Order.UNKNOWN) {
        uncertain = add(uncertain, "=" + versions.get(i));
      }
    }
    for (int i = 0; i < ranges.size(); i++) {
      Order o = within(assetTokens, ranges.get(i), lowerTokens.get(i), upperTokens.get(i));
      if (o == Order.EQUAL) {
        return new Verdict(Outcome.AFFECTED, "version " + assetVersion + " is within " + ranges.get(i),
            "バージョン " + assetVersion + " は範囲 " + ranges.get(i) + " に含まれる");
      }
      if (o == Order.UNKNOWN) {
        uncertain = add(uncertain, ranges.get(i).toString());
      }
    }
    if (!unparsed.isEmpty()) {
      for (String u : unparsed) {
        uncertain = add(uncertain, u);
      }
    }
    if (uncertain != null) {
      String u = String.join(", ", uncertain);
      return new Verdict(Outcome.POSSIBLE,
          "version " + assetVersion + " cannot be compared with certainty to " + u + "; verify by hand",
          "バージョン " + assetVersion + " を " + u + " と確実には比較できない(要確認)");
    }
    return new Verdict(Outcome.NOT_AFFECTED, "version " + assetVersion + " is outside the affected versions",
        "バージョン " + assetVersion + " は影響を受けるバージョンに含まれない");
  }

  private static List<String> add(List<String> list, String s) {
    List<String> l = list == null ? new ArrayList<>() : list;
    l.add(s);
    return l;
  }

  /** EQUAL when inside the range, LESS/GREATER when certainly outside, UNKNOWN otherwise. */
  private static Order within(List<String> v, VersionRange r, List<String> lower, List<String> upper) {
    boolean unknown = false;
    if (lower != null) {
      Order o = VendorVersion.compare(v, lower);
      if (o == Order.LESS || (o == Order.EQUAL && r.gt() != null)) {
        return Order.LESS;
      }
      unknown |= o == Order.UNKNOWN;
    }
    if (upper != null) {
      Order o = VendorVersion.compare(v, upper);
      if (o == Order.GREATER || (o == Order.EQUAL && r.lt() != null)) {
        return Order.GREATER;
      }
      unknown |= o == Order.UNKNOWN;
    }
    return unknown ? Order.UNKNOWN : Order.EQUAL;
  }

  private String describe() {
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
