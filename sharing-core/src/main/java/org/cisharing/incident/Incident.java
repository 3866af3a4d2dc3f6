package org.cisharing.incident;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Sector;
import org.cisharing.report.Cause;
import org.cisharing.report.EventClass;
import org.cisharing.scope.Category;

/**
 * A snapshot of one incident the tracker follows: what it aggregated, where its reporting stands,
 * and its deadline clocks. Immutable; taken on the tracker's worker thread.
 *
 * @param id the incident id, shared by all its reports
 * @param key the correlation key
 * @param state open, final (its final report was filed), suppressed (its initial report was vetoed)
 * @param category the scope category
 * @param sector the sector, or {@code null}
 * @param systemName the affected system's name
 * @param firstSeen first observation
 * @param lastSeen latest observation
 * @param observations observations aggregated
 * @param signals occurrences per signal
 * @param worstImpact the worst service impact seen
 * @param usersAffected the largest user count seen, or {@code null}
 * @param causes the causes so far
 * @param eventClasses the event classes so far
 * @param revision the revision of the last report filed (0 when none)
 * @param deadlines the deadline clocks
 * @param ransomPaid whether an observation said a ransom was paid
 * @param overflow whether this is the overflow incident that counts what exceeded the bounds
 * @since 0.1.0
 */
public record Incident(
    UUID id,
    String key,
    State state,
    Category category,
    Sector sector,
    String systemName,
    OffsetDateTime firstSeen,
    OffsetDateTime lastSeen,
    long observations,
    Map<String, Long> signals,
    ImpactLevel worstImpact,
    Long usersAffected,
    List<Cause> causes,
    Set<EventClass> eventClasses,
    int revision,
    List<DeadlineStatus> deadlines,
    boolean ransomPaid,
    boolean overflow) {

  /**
   * Where an incident's reporting stands.
   *
   * @since 0.1.0
   */
  public enum State {
    /** Observations still join it; initial and update reports are filed. */
    OPEN,
    /** Its final report was filed; new observations open a new incident. */
    FINAL,
    /** Its initial report was vetoed by a hook; nothing of it reaches the hub. */
    SUPPRESSED
  }
}
