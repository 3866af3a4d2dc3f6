package org.cisharing.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Where replicas of one application agree on which incident a correlation key belongs to, so that
 * several {@link IncidentTracker}s observing the same events file one incident between them. Give
 * one to {@link IncidentTracker.Builder#registry}; without one, each tracker correlates on its own
 * (the default).
 *
 * <p>Semantics: the first replica to {@link #claim} a key within the correlation window
 * <b>owns</b> the incident and is the only one that files its reports; the others become
 * <b>followers</b> of the same incident id: they keep counting their observations and {@link
 * #contribute} the counts, which the owner adds ({@link #othersObservations}) when it composes a
 * report. The incident stays joinable while observations keep coming within the correlation window
 * and until the owner filed its final report ({@link #finish}). Only observation counts are merged; signals, causes and impact seen only by a follower do
 * not reach the reports. If the owner stops for good, its incident gets no further reports (the
 * reports it already submitted are delivered by any replica sharing its outbox).
 *
 * <p>Implementations are thread-safe. A failing registry must throw: the tracker then falls back
 * to correlating locally (it may file a duplicate incident, never lose one).
 *
 * @since 0.1.0
 */
public interface IncidentRegistry {
  /**
   * Joins the incident open for {@code correlationKey} (one seen within {@code window} before
   * {@code seenAt}), or opens one with {@code proposedId}.
   *
   * @return the incident id that won, and whether this replica owns it
   */
  Claim claim(String correlationKey, Instant seenAt, Duration window, UUID proposedId);

  /** Records that this replica has counted {@code observations} (a running total) for the incident, last at {@code seenAt}. */
  void contribute(UUID incidentId, long observations, Instant seenAt);

  /** The owner filed the incident's final report: later observations of its key open a new incident. */
  void finish(UUID incidentId, Instant at);

  /** The observations the other replicas have contributed to the incident. */
  long othersObservations(UUID incidentId);

  /**
   * The outcome of a {@link #claim}.
   *
   * @param incidentId the incident's id: the proposed one when this replica opened it
   * @param owner whether this replica files the incident's reports
   * @since 0.1.0
   */
  record Claim(UUID incidentId, boolean owner) {
    public Claim {
      Objects.requireNonNull(incidentId, "incidentId");
    }
  }
}
