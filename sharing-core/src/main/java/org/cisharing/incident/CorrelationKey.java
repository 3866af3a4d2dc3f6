package org.cisharing.incident;

import org.cisharing.scope.Classification;
import org.cisharing.scope.Observation;

/**
 * Decides which observations belong to the same incident: observations with equal keys within the
 * correlation window join one incident. The default key is sector, system, scope category and the
 * group of the first cause. Runs on the tracker's worker thread; must be fast and must not throw.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CorrelationKey {
  /** The default key: sector | system kind and name | category | first cause group. */
  CorrelationKey DEFAULT = (o, c) -> {
    StringBuilder sb = new StringBuilder(64);
    sb.append(o.sector() == null ? "-" : o.sector().code()).append('|');
    if (o.system() != null) {
      sb.append(o.system().kind() == null ? "-" : o.system().kind().code()).append(':')
          .append(o.system().name() == null ? "-" : o.system().name());
    } else {
      sb.append('-');
    }
    sb.append('|').append(c.category() == null ? "-" : c.category().code()).append('|');
    sb.append(c.causes().isEmpty() ? "-" : c.causes().get(0).group().code());
    return sb.toString();
  };

  String key(Observation observation, Classification classification);
}
