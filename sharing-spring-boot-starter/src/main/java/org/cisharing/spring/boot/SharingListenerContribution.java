package org.cisharing.spring.boot;

import java.util.Objects;
import org.cisharing.SharingListener;

/**
 * A listener that the starter itself adds to the client (metrics, later other capabilities),
 * composed after the application's own {@link SharingListener} beans. A separate type so that the
 * application can still inject "its" {@code SharingListener} unambiguously.
 */
record SharingListenerContribution(SharingListener listener) {
  SharingListenerContribution {
    Objects.requireNonNull(listener, "listener");
  }
}
