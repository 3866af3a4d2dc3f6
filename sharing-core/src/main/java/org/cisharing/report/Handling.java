package org.cisharing.report;

import org.cisharing.model.Tlp;

/**
 * How the hub must handle the report: its TLP label (which travels with it), whether the hub may
 * share it onward and how, and whether the operator consents to it being passed to the national
 * centre (the 2025 common forms share only with the victim's consent).
 *
 * @param tlp the TLP 2.0 label (required)
 * @param onwardSharing none, anonymised or full (defaults to none)
 * @param consentToNationalCentre consent to pass the report to the national centre
 * @since 0.1.0
 */
public record Handling(Tlp tlp, OnwardSharing onwardSharing, boolean consentToNationalCentre) {
  public Handling {
    onwardSharing = onwardSharing == null ? OnwardSharing.NONE : onwardSharing;
  }

  /** A label, no onward sharing, no consent: the most restrictive handling for that label. */
  public static Handling of(Tlp tlp) {
    return new Handling(tlp, OnwardSharing.NONE, false);
  }
}
