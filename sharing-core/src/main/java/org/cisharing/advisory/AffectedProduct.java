package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A product an advisory is about, named by vendor and product name, by CPE, or by purl, with the
 * versions it affects: explicit {@code versions}, {@code ranges}, or, when both are empty, every
 * version below {@code fixedIn} (or every version when that is absent too). Version expressions
 * that could not be interpreted are kept verbatim in {@code unparsedRanges}; an asset of the
 * product is then reported as a possible match.
 *
 * @param id identifier, unique within the advisory, that action items can refer to; or {@code null}
 * @param vendor the vendor, e.g. {@code Yokogawa}, or {@code null} when cpe or purl is given
 * @param product the product name, e.g. {@code CENTUM VP}, or {@code null} when cpe or purl is given
 * @param versions affected versions listed one by one
 * @param ranges affected version ranges
 * @param fixedIn the first fixed version, or {@code null}
 * @param unparsedRanges version expressions kept verbatim because they could not be read
 * @param cpe a CPE 2.3 (or 2.2 URI) name, or {@code null}
 * @param purl a package URL, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AffectedProduct(
    String id,
    String vendor,
    String product,
    List<String> versions,
    List<VersionRange> ranges,
    String fixedIn,
    List<String> unparsedRanges,
    String cpe,
    String purl) {
  public AffectedProduct {
    id = blankToNull(id);
    vendor = blankToNull(vendor);
    product = blankToNull(product);
    fixedIn = blankToNull(fixedIn);
    cpe = blankToNull(cpe);
    purl = blankToNull(purl);
    versions = versions == null ? List.of() : List.copyOf(versions);
    ranges = ranges == null ? List.of() : List.copyOf(ranges);
    unparsedRanges = unparsedRanges == null ? List.of() : List.copyOf(unparsedRanges);
    if ((vendor == null || product == null) && cpe == null && purl == null) {
      throw new IllegalArgumentException("an affected product needs vendor and product, a cpe, or a purl");
    }
  }

  /** A builder for an affected product. */
  public static Builder builder() {
    return new Builder();
  }

  /** The first fixed version, when the advisory names one. */
  public Optional<String> fixed() {
    return Optional.ofNullable(fixedIn);
  }

  /** {@code Yokogawa CENTUM VP >=R6.01.00|<=R6.11.10}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (vendor != null) {
      sb.append(vendor).append(' ').append(product);
    } else {
      sb.append(cpe != null ? cpe : purl);
    }
    for (VersionRange r : ranges) {
      sb.append(' ').append(r);
    }
    for (String v : versions) {
      sb.append(" =").append(v);
    }
    for (String v : unparsedRanges) {
      sb.append(' ').append(v);
    }
    if (fixedIn != null && ranges.isEmpty() && versions.isEmpty()) {
      sb.append(" <").append(fixedIn);
    }
    return sb.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** Collects the fields of an {@link AffectedProduct}; not thread-safe. */
  public static final class Builder {
    private String id;
    private String vendor;
    private String product;
    private final List<String> versions = new ArrayList<>();
    private final List<VersionRange> ranges = new ArrayList<>();
    private String fixedIn;
    private final List<String> unparsedRanges = new ArrayList<>();
    private String cpe;
    private String purl;

    Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder vendor(String vendor) {
      this.vendor = vendor;
      return this;
    }

    public Builder product(String product) {
      this.product = product;
      return this;
    }

    public Builder addVersion(String version) {
      versions.add(java.util.Objects.requireNonNull(version, "version"));
      return this;
    }

    public Builder addRange(VersionRange range) {
      ranges.add(java.util.Objects.requireNonNull(range, "range"));
      return this;
    }

    /** Adds a range in the {@link VersionRange#parse(String)} syntax. */
    public Builder addRange(String expression) {
      return addRange(VersionRange.parse(expression));
    }

    public Builder fixedIn(String fixedIn) {
      this.fixedIn = fixedIn;
      return this;
    }

    public Builder addUnparsedRange(String expression) {
      unparsedRanges.add(java.util.Objects.requireNonNull(expression, "expression"));
      return this;
    }

    public Builder cpe(String cpe) {
      this.cpe = cpe;
      return this;
    }

    public Builder purl(String purl) {
      this.purl = purl;
      return this;
    }

    /**
     * Builds the product.
     *
     * @throws IllegalArgumentException when neither vendor and product, nor cpe, nor purl is set
     */
    public AffectedProduct build() {
      return new AffectedProduct(id, vendor, product, versions, ranges, fixedIn, unparsedRanges, cpe, purl);
    }
  }
}
