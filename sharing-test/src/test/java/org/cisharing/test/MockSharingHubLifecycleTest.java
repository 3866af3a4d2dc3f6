package org.cisharing.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
@WithMockSharingHub(token = "annotation-token")
class MockSharingHubLifecycleTest {
  @Test
  void listensOnLoopbackOverHttp(MockSharingHub hub) {
    assertThat(hub.isRunning()).isTrue();
    assertThat(hub.baseUrl().getScheme()).isEqualTo("http");
    assertThat(hub.baseUrl().getHost()).isEqualTo("127.0.0.1");
    assertThat(hub.baseUrl().getPort()).isEqualTo(hub.port()).isPositive();
  }

  @Test
  void appliesTokenFromAnnotation(MockSharingHub hub) throws IOException {
    try (HubClient client = new HubClient(hub)) {
      assertThat(client.get("/v1/advisories").code()).isEqualTo(401);
      assertThat(
              client
                  .get("/v1/advisories", Map.of("Authorization", "Bearer annotation-token"))
                  .code())
          .isEqualTo(200);
    }
  }

  @Test
  void closeStopsListeningAndIsIdempotent() throws IOException {
    MockSharingHub hub = new MockSharingHub().start();
    int port = hub.port();
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      assertThat(socket.isConnected()).isTrue();
    }

    hub.close();
    hub.close();

    assertThat(hub.isRunning()).isFalse();
    assertThatThrownBy(hub::baseUrl).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(IOException.class);
  }

  @Test
  void refusesSecondStart() {
    try (MockSharingHub hub = new MockSharingHub().start()) {
      assertThatThrownBy(hub::start).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void publishesKeysBeforeStart() {
    MockSharingHub hub = new MockSharingHub().withEs256Key();

    assertThat(hub.jwks()).contains(hub.signer().kid()).contains(hub.es256Signer().kid());
    assertThatThrownBy(() -> new MockSharingHub().es256Signer())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> hub.withKey(hub.signer()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate kid");
  }

  @Nested
  class NestedClass {
    @Test
    void sharesEnclosingHub(MockSharingHub hub) {
      assertThat(hub.isRunning()).isTrue();
      assertThat(hub.requestCount()).isZero();
    }
  }
}
