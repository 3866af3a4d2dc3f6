package org.cisharing.internal;

import java.util.Objects;
import java.util.function.Function;
import org.cisharing.SharingClient;
import org.cisharing.internal.http.HubTransport;

/**
 * Gives other packages of the library access to a client's transport without making it API. The
 * client installs the accessor when its class initialises.
 */
public final class ClientAccess {
  private static volatile Function<SharingClient, HubTransport> transport;

  private ClientAccess() {}

  public static void install(Function<SharingClient, HubTransport> accessor) {
    transport = Objects.requireNonNull(accessor, "accessor");
  }

  public static HubTransport transport(SharingClient client) {
    Function<SharingClient, HubTransport> t = transport;
    if (t == null) {
      try {
        Class.forName(SharingClient.class.getName(), true, SharingClient.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      t = transport;
    }
    return t.apply(client);
  }
}
