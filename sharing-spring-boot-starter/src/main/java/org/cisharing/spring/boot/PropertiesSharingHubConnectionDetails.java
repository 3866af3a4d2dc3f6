package org.cisharing.spring.boot;

import java.net.URI;
import java.util.Optional;

/** {@link SharingHubConnectionDetails} read from {@code sharing.hub.*}. */
final class PropertiesSharingHubConnectionDetails implements SharingHubConnectionDetails {
  private final SharingProperties.Hub hub;

  PropertiesSharingHubConnectionDetails(SharingProperties properties) {
    this.hub = properties.getHub();
  }

  @Override
  public URI url() {
    return hub.getUrl();
  }

  @Override
  public Optional<String> bearerToken() {
    return Optional.ofNullable(hub.getToken());
  }

  @Override
  public boolean allowInsecureLoopback() {
    return hub.isAllowInsecureLoopback();
  }

  @Override
  public String toString() {
    return "PropertiesSharingHubConnectionDetails{url=" + hub.getUrl() + "}";
  }
}
