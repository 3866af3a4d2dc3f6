package org.cisharing.report;

import java.time.OffsetDateTime;

/**
 * Another body the operator has notified of the same incident (police, the Personal Information
 * Protection Commission, the regulator, JPCERT/CC, IPA, ...).
 *
 * @param party who was notified
 * @param at when, or {@code null}
 * @param reference their case number or a note, or {@code null}
 * @since 0.1.0
 */
public record Notification(NotifiedParty party, OffsetDateTime at, String reference) {
  public static Notification of(NotifiedParty party, OffsetDateTime at) {
    return new Notification(party, at, null);
  }
}
