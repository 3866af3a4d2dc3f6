package org.cisharing.scope;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.cisharing.model.Labelled;

/**
 * A legal reporting duty that a sector profile says may apply (e.g. a serious accident under the
 * Telecommunications Business Act), with its deadlines. A flag is a prompt to check, not a legal
 * opinion: the thresholds are the profile's, which an operator can override.
 *
 * @param id the profile id, e.g. {@code telecom-serious-accident}
 * @param ja what the duty is, in Japanese
 * @param en what the duty is, in English
 * @param deadlines the reports the duty asks for, in order
 * @since 0.1.0
 */
public record RegulatoryFlag(String id, String ja, String en, List<Deadline> deadlines)
    implements Labelled {
  public RegulatoryFlag {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(ja, "ja");
    Objects.requireNonNull(en, "en");
    deadlines = deadlines == null ? List.of() : List.copyOf(deadlines);
  }

  /**
   * One report a duty asks for and how long after becoming aware of the event it is due; a zero
   * duration means "without delay" (遅滞なく).
   *
   * @param id the report, e.g. {@code detailed-report}
   * @param within the time allowed, never negative
   * @param ja the report and its deadline, in Japanese
   * @param en the report and its deadline, in English
   * @since 0.1.0
   */
  public record Deadline(String id, Duration within, String ja, String en) implements Labelled {
    public Deadline {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(within, "within");
      Objects.requireNonNull(ja, "ja");
      Objects.requireNonNull(en, "en");
      if (within.isNegative()) {
        throw new IllegalArgumentException("within is negative: " + within);
      }
    }

    /** Whether the report is due without delay rather than within a period. */
    public boolean withoutDelay() {
      return within.isZero();
    }
  }
}
