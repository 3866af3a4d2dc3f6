package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A network exposure an advisory is about, e.g. "RDP 3389/tcp reachable from the internet". An
 * asset matches when it exposes the same port and protocol at least as widely (an internet-facing
 * service also matches a {@code partner} exposure); when both name the service they must agree.
 *
 * @param id identifier, unique within the advisory, that action items can refer to; or {@code null}
 * @param port the port, 1 to 65535
 * @param protocol tcp or udp
 * @param service the service name, e.g. {@code rdp}, or {@code null} for any service on the port
 * @param reachability from where the service is reachable
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Exposure(String id, int port, Protocol protocol, String service, Reachability reachability) {
  public Exposure {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(reachability, "reachability");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1 to 65535, was " + port);
    }
    if (id != null && id.isBlank()) {
      id = null;
    }
    if (service != null && service.isBlank()) {
      service = null;
    }
  }

  /** {@code 3389/tcp (rdp) internet}. */
  @Override
  public String toString() {
    return port + "/" + protocol.code() + (service == null ? "" : " (" + service + ")") + " "
        + reachability.code();
  }
}
