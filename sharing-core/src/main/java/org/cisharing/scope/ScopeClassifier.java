package org.cisharing.scope;

import java.util.Objects;
import org.cisharing.internal.scope.RuleEngine;

/**
 * Decides whether an {@link Observation} is in the sharing scope of the action plan, in which
 * category, with which suspected causes, how urgently, under which legal duties, and why, in
 * Japanese and English. The decision is a pure function of the observation and the rules: the same
 * every time, in well under a microsecond.
 *
 * <p>It never throws for a valid observation: an incomplete one (no sector, unknown signals, an
 * unknown sector code) is classified conservatively ("when in doubt, share") and the rationale says
 * what was missing. Malformed input is refused earlier, when the {@link Observation} is built or
 * read. Thread-safe; share one instance.
 *
 * <pre>{@code
 * ScopeClassifier classifier = ScopeClassifier.defaults();
 * Classification c = classifier.classify(
 *     Observation.builder()
 *         .sector(Sector.MEDICAL)
 *         .system(SystemKind.IT)
 *         .signals("ransomware", "contractor-error")
 *         .serviceImpact(ImpactLevel.DISRUPTED)
 *         .build());
 * // c.category() == Category.SERVICE_OUTAGE, c.urgency() == Urgency.IMMEDIATE
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ScopeClassifier {
  private static final ScopeClassifier DEFAULTS = new ScopeClassifier(ScopeRules.defaults());

  private final ScopeRules rules;
  private final RuleEngine engine;

  private ScopeClassifier(ScopeRules rules) {
    this.rules = rules;
    this.engine = rules.engine();
  }

  /** A classifier with the default rules and sector profiles. */
  public static ScopeClassifier defaults() {
    return DEFAULTS;
  }

  /** A classifier with these rules. */
  public static ScopeClassifier of(ScopeRules rules) {
    return new ScopeClassifier(Objects.requireNonNull(rules, "rules"));
  }

  /**
   * Classifies one observation.
   *
   * @throws NullPointerException when {@code observation} is null
   */
  public Classification classify(Observation observation) {
    return engine.classify(Objects.requireNonNull(observation, "observation"));
  }

  /** The rules this classifier applies. */
  public ScopeRules rules() {
    return rules;
  }
}
