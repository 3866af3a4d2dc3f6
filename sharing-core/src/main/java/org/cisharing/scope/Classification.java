package org.cisharing.scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cisharing.ValidationException;
import org.cisharing.Violation;
import org.cisharing.json.WireDocument;
import org.cisharing.report.Aspect;
import org.cisharing.report.Cause;
import org.cisharing.report.EventClass;

/**
 * The scope decision for one observation (document {@code cisharing.classification/1}): whether it
 * is in the sharing scope and in which category, the event classes, suspected or confirmed causes,
 * the aspects a report would serve, how urgent it is, which legal duties may apply, and the rules
 * that decided it. Immutable; the classifier may return the same instance for equal decisions.
 * Construction throws a {@link ValidationException} when the category disagrees with {@code
 * inScope} or the urgency is missing.
 *
 * @param inScope whether the event is to be shared
 * @param category the scope category; {@code null} exactly when out of scope
 * @param eventClasses the event classes, in the order of {@link EventClass}
 * @param causes the causes, in the order the rules derived them
 * @param aspects the aspects, in the order of {@link Aspect}
 * @param urgency how soon to share
 * @param regulatoryFlags legal duties that may apply
 * @param rationale the rules that fired, in evaluation order
 * @since 0.1.0
 */
@WireDocument("cisharing.classification/1")
public record Classification(
    boolean inScope,
    Category category,
    List<EventClass> eventClasses,
    List<Cause> causes,
    List<Aspect> aspects,
    Urgency urgency,
    List<RegulatoryFlag> regulatoryFlags,
    List<Rationale> rationale) {

  public Classification {
    List<Violation> violations = new ArrayList<>();
    if (inScope && category == null) {
      violations.add(new Violation("/category", "required when inScope is true"));
    }
    if (!inScope && category != null) {
      violations.add(new Violation("/category", "must be absent when inScope is false"));
    }
    if (urgency == null) {
      violations.add(new Violation("/urgency", "required"));
    }
    eventClasses = copy(eventClasses, "/eventClasses", violations);
    causes = copy(causes, "/causes", violations);
    aspects = copy(aspects, "/aspects", violations);
    regulatoryFlags = copy(regulatoryFlags, "/regulatoryFlags", violations);
    rationale = copy(rationale, "/rationale", violations);
    if (!violations.isEmpty()) {
      throw new ValidationException("classification", violations);
    }
  }

  private static <T> List<T> copy(List<T> list, String pointer, List<Violation> violations) {
    if (list == null) {
      return List.of();
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == null) {
        violations.add(new Violation(pointer + "/" + i, "null element"));
      }
    }
    return violations.isEmpty() ? List.copyOf(list) : List.of();
  }

  /** Whether a rule with this id fired. */
  public boolean fired(String ruleId) {
    Objects.requireNonNull(ruleId, "ruleId");
    for (Rationale r : rationale) {
      if (r.rule().equals(ruleId)) {
        return true;
      }
    }
    return false;
  }
}
