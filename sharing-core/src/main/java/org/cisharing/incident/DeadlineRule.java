package org.cisharing.incident;

import java.time.Duration;
import java.util.Objects;
import org.cisharing.model.Labelled;
import org.cisharing.report.ReportStage;

/**
 * One report a regime asks for, and how long after the incident was detected it is due. It is met
 * once the incident has filed a report of {@code satisfiedBy} stage or a later one.
 *
 * @param id e.g. {@code nis2-early-warning}
 * @param within time allowed from detection; zero means "without delay"
 * @param satisfiedBy the stage that meets it
 * @param ja the requirement, in Japanese
 * @param en the requirement, in English
 * @since 0.1.0
 */
public record DeadlineRule(String id, Duration within, ReportStage satisfiedBy, String ja, String en) implements Labelled {
  public DeadlineRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(within, "within");
    Objects.requireNonNull(satisfiedBy, "satisfiedBy");
    Objects.requireNonNull(ja, "ja");
    Objects.requireNonNull(en, "en");
    if (within.isNegative()) {
      throw new IllegalArgumentException("within must not be negative: " + within);
    }
  }
}
