package org.cisharing.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The reporting organisation (報告主体).
 *
 * @param name organisation name, e.g. {@code さくら水道企業団}
 * @param operatorId the operator's identifier at the hub
 * @param sector the critical-infrastructure sector
 * @param subSector the sub-sector (e.g. {@code 電気通信}), or {@code null}
 * @param ceptoar the sector's CEPTOAR, or {@code null}
 * @param ministry the responsible ministry (所管省庁), or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Organization(
    String name, String operatorId, Sector sector, String subSector, String ceptoar, String ministry) {
  /** An organisation with only the required fields. */
  public static Organization of(String name, String operatorId, Sector sector) {
    return new Organization(name, operatorId, sector, null, null, null);
  }
}
