package org.cisharing.scope;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.cisharing.model.SystemKind;

/**
 * The system an observation concerns. Every field is optional: a webhook often knows only the kind
 * or only a host name.
 *
 * @param kind IT, control (ICS/OT) or IoT system, or {@code null} when unknown
 * @param name the operator's name for the system, e.g. {@code 浄水場SCADA}, or {@code null}
 * @param vendor the vendor, or {@code null}
 * @param product the product, or {@code null}
 * @param version the product version as the vendor writes it, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObservedSystem(
    SystemKind kind, String name, String vendor, String product, String version) {

  /** A system of which only the kind is known. */
  public static ObservedSystem of(SystemKind kind) {
    return new ObservedSystem(kind, null, null, null, null);
  }
}
