package org.cisharing.report;

import org.cisharing.model.SystemEnvironment;
import org.cisharing.model.SystemKind;

/**
 * A system the incident affected: IT, control (ICS/OT) or IoT, with product details where known.
 *
 * @param kind IT, ICS or IoT (required)
 * @param name the operator's name for the system (required)
 * @param vendor vendor, or {@code null}
 * @param product product, or {@code null}
 * @param version version string as the vendor writes it, or {@code null}
 * @param environment where it runs, or {@code null}
 * @since 0.1.0
 */
public record AffectedSystem(
    SystemKind kind, String name, String vendor, String product, String version, SystemEnvironment environment) {
  public static AffectedSystem of(SystemKind kind, String name) {
    return new AffectedSystem(kind, name, null, null, null, null);
  }
}
