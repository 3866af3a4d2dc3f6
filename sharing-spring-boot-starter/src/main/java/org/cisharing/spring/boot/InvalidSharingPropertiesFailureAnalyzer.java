package org.cisharing.spring.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows {@link InvalidSharingPropertiesException} as a start-up failure report, one line per problem. */
final class InvalidSharingPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSharingPropertiesException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidSharingPropertiesException cause) {
    StringBuilder description = new StringBuilder("The sharing starter's configuration is invalid:\n");
    for (InvalidSharingPropertiesException.Problem p : cause.problems()) {
      description.append("\n    - ").append(p.message());
    }
    return new FailureAnalysis(description.toString(),
        "Fix the properties named above (application.properties, application.yaml or the environment). "
            + "Every sharing.* property is described in docs/configuration.md.",
        cause);
  }
}
