package org.cisharing.report;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * For reports filed automatically from monitoring: how many observations the incident aggregated
 * (cumulative since it opened), by signal, and how many were counted without being tracked
 * individually. Lets the hub weigh an incident and lets the operator check that every observation
 * was accounted for.
 *
 * @param total observations aggregated into this incident so far
 * @param signals occurrences per signal code (an observation with several signals counts for each)
 * @param overflowed observations counted into this incident because the tracker's bounds were reached
 * @param shed observations dropped before classification because the hand-off queue was full
 * @param firstSeen the first observation's time
 * @param lastSeen the latest observation's time
 * @since 0.1.0
 */
public record ObservationSummary(
    long total, Map<String, Long> signals, long overflowed, long shed, OffsetDateTime firstSeen, OffsetDateTime lastSeen) {
  public ObservationSummary {
    signals = signals == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(signals));
  }
}
