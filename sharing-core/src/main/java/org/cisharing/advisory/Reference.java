package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.Objects;

/**
 * A reference from an advisory: a CVE or JVN identifier, a web page, or a CSAF document.
 *
 * @param type the kind of reference
 * @param id the identifier (e.g. {@code CVE-2024-5650}, {@code JVNVU#12345678}), or {@code null}
 * @param url where to read it, or {@code null}; at least one of id and url is present
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reference(ReferenceType type, String id, URI url) {
  public Reference {
    Objects.requireNonNull(type, "type");
    if (id != null && id.isBlank()) {
      id = null;
    }
    if (id == null && url == null) {
      throw new IllegalArgumentException("a reference needs an id or a url");
    }
  }

  /** A CVE reference. */
  public static Reference cve(String id) {
    return new Reference(ReferenceType.CVE, id, null);
  }

  /** A web page. */
  public static Reference url(String url) {
    return new Reference(ReferenceType.URL, null, URI.create(url));
  }
}
