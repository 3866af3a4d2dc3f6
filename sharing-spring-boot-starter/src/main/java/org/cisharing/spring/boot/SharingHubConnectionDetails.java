package org.cisharing.spring.boot;

import java.net.URI;
import java.util.Optional;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the hub is and how to authenticate to it. By default it comes from {@code sharing.hub.*};
 * define a bean of this type to take the address from elsewhere (service discovery, a test hub):
 * such a bean also turns the starter on without {@code sharing.hub.url}, and wins over the
 * properties, as Spring Boot's own {@code ConnectionDetails} do. {@code @AutoConfigureMockSharingHub}
 * uses it to point the client at a {@code MockSharingHub}.
 *
 * <p>Implementations must be thread-safe; {@link #bearerToken()} is asked once, when the client is
 * built.
 *
 * @since 0.1.0
 */
public interface SharingHubConnectionDetails extends ConnectionDetails {
  /** The hub's base URL; HTTPS unless {@link #allowInsecureLoopback()} and the host is loopback. */
  URI url();

  /** The bearer token, if the hub requires one. */
  default Optional<String> bearerToken() {
    return Optional.empty();
  }

  /** Whether plain {@code http} to a loopback host is allowed (tests and demos only). */
  default boolean allowInsecureLoopback() {
    return false;
  }
}
