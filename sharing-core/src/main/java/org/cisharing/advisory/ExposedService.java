package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A network service an asset exposes, and from where it can be reached.
 *
 * @param port the port, 1 to 65535
 * @param protocol tcp or udp
 * @param service the service name (e.g. {@code rdp}, {@code https}, {@code vpn}), or {@code null}
 * @param reachability from where it is reachable
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExposedService(int port, Protocol protocol, String service, Reachability reachability) {
  public ExposedService {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(reachability, "reachability");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
    }
    if (service != null && service.isBlank()) {
      service = null;
    }
  }

  /** A TCP service. */
  public static ExposedService tcp(int port, String service, Reachability reachability) {
    return new ExposedService(port, Protocol.TCP, service, reachability);
  }

  /** {@code 3389/tcp (rdp) internet}. */
  @Override
  public String toString() {
    return port + "/" + protocol.code() + (service == null ? "" : " (" + service + ")") + " "
        + reachability.code();
  }
}
