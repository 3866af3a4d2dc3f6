package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.cisharing.model.Role;
import org.cisharing.model.SystemKind;

/**
 * One system in the operator's inventory: what product and version it runs, who owns it, and which
 * network services it exposes. Advisories are matched against these facts.
 *
 * @param id the operator's identifier, unique in the inventory (e.g. {@code gw-01})
 * @param name a human name, or {@code null}
 * @param kind IT, ICS or IoT, or {@code null}
 * @param vendor the vendor, or {@code null}
 * @param product the product, or {@code null}
 * @param version the vendor's version string (e.g. {@code R6.09.00}), or {@code null} when unknown
 * @param cpe a CPE name, or {@code null}
 * @param purl a package URL, or {@code null}
 * @param ownerRole the role responsible for the asset
 * @param exposedServices the network services it exposes
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Asset(
    String id,
    String name,
    SystemKind kind,
    String vendor,
    String product,
    String version,
    String cpe,
    String purl,
    Role ownerRole,
    List<ExposedService> exposedServices) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");

  public Asset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ownerRole, "ownerRole");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "asset id must be 1 to 128 letters, digits and . _ : / -, was '" + id + "'");
    }
    name = blankToNull(name);
    vendor = blankToNull(vendor);
    product = blankToNull(product);
    version = blankToNull(version);
    cpe = blankToNull(cpe);
    purl = blankToNull(purl);
    exposedServices = exposedServices == null ? List.of() : List.copyOf(exposedServices);
  }

  /** A builder for an asset. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** {@code gw-01 (保守用踏み台サーバ)}. */
  public String label() {
    return name == null ? id : id + " (" + name + ")";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  /** Collects an asset's fields; not thread-safe. */
  public static final class Builder {
    private final String id;
    private String name;
    private SystemKind kind;
    private String vendor;
    private String product;
    private String version;
    private String cpe;
    private String purl;
    private Role ownerRole;
    private final List<ExposedService> services = new ArrayList<>();

    Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder kind(SystemKind kind) {
      this.kind = kind;
      return this;
    }

    /** Vendor, product and version at once. */
    public Builder product(String vendor, String product, String version) {
      this.vendor = vendor;
      this.product = product;
      this.version = version;
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

    public Builder owner(Role ownerRole) {
      this.ownerRole = ownerRole;
      return this;
    }

    public Builder expose(ExposedService service) {
      services.add(Objects.requireNonNull(service, "service"));
      return this;
    }

    /**
     * Builds the asset.
     *
     * @throws NullPointerException when no owner role was set
     * @throws IllegalArgumentException when the id is malformed
     */
    public Asset build() {
      return new Asset(id, name, kind, vendor, product, version, cpe, purl, ownerRole, services);
    }
  }
}
