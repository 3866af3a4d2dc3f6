package org.cisharing.report;

import java.time.OffsetDateTime;
import java.util.List;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Sector;

/**
 * How the critical service was affected, including spillover to other sectors and from an
 * upstream sector's outage (a telecom outage stopping logistics and bank terminals).
 *
 * @param level none, degraded or disrupted (required)
 * @param service the affected critical service (required unless the level is none)
 * @param usersAffected users or customers affected, or {@code null} when unknown
 * @param regions affected regions (prefectures, cities)
 * @param started when the impact on the service started, or {@code null}
 * @param restored when the service was restored, or {@code null}
 * @param spilloverTo sectors the outage spilled over to
 * @param spilloverFrom the upstream sector whose outage caused this one, or {@code null}
 * @param upstreamIncident a reference to the upstream incident (its id or public name), or {@code
 *     null}
 * @since 0.1.0
 */
public record ServiceImpact(
    ImpactLevel level,
    String service,
    Long usersAffected,
    List<String> regions,
    OffsetDateTime started,
    OffsetDateTime restored,
    List<Sector> spilloverTo,
    Sector spilloverFrom,
    String upstreamIncident) {
  public ServiceImpact {
    regions = regions == null ? List.of() : List.copyOf(regions);
    spilloverTo = spilloverTo == null ? List.of() : List.copyOf(spilloverTo);
  }

  /** No impact on the critical service. */
  public static ServiceImpact none() {
    return new ServiceImpact(ImpactLevel.NONE, null, null, null, null, null, null, null, null);
  }

  /** An impact of the given level on the named service. */
  public static ServiceImpact of(ImpactLevel level, String service) {
    return new ServiceImpact(level, service, null, null, null, null, null, null, null);
  }

  public ServiceImpact withUsersAffected(Long usersAffected) {
    return new ServiceImpact(level, service, usersAffected, regions, started, restored, spilloverTo, spilloverFrom, upstreamIncident);
  }

  public ServiceImpact withRegions(List<String> regions) {
    return new ServiceImpact(level, service, usersAffected, regions, started, restored, spilloverTo, spilloverFrom, upstreamIncident);
  }

  public ServiceImpact withPeriod(OffsetDateTime started, OffsetDateTime restored) {
    return new ServiceImpact(level, service, usersAffected, regions, started, restored, spilloverTo, spilloverFrom, upstreamIncident);
  }

  public ServiceImpact withSpilloverTo(List<Sector> spilloverTo) {
    return new ServiceImpact(level, service, usersAffected, regions, started, restored, spilloverTo, spilloverFrom, upstreamIncident);
  }

  public ServiceImpact withSpilloverFrom(Sector sector, String upstreamIncident) {
    return new ServiceImpact(level, service, usersAffected, regions, started, restored, spilloverTo, sector, upstreamIncident);
  }
}
