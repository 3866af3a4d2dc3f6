package org.cisharing.spring.boot.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.Optional;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.spring.boot.SharingAutoConfiguration;
import org.cisharing.spring.boot.SharingHubConnectionDetails;
import org.cisharing.test.MockSharingHub;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * With {@code sharing.test.mock-hub=true} (or {@link AutoConfigureMockSharingHub}) and {@code
 * sharing-test} on the classpath: a started {@link MockSharingHub} bean, {@link
 * SharingHubConnectionDetails} pointing at it (which turns the starter on and wins over {@code
 * sharing.hub.url}), and, when {@code sharing.outbox.directory} is not set, a temporary file
 * outbox removed when the context closes.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = SharingAutoConfiguration.class)
@ConditionalOnClass(MockSharingHub.class)
@ConditionalOnBooleanProperty(MockSharingHubAutoConfiguration.PROPERTY)
public final class MockSharingHubAutoConfiguration {
  static final String PROPERTY = "sharing.test.mock-hub";

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  MockSharingHub mockSharingHub(Environment environment) {
    MockSharingHub hub = new MockSharingHub();
    String token = environment.getProperty("sharing.hub.token");
    if (token != null && !token.isBlank()) {
      hub.token(token);
    }
    return hub.start();
  }

  @Bean
  @ConditionalOnMissingBean
  SharingHubConnectionDetails mockSharingHubConnectionDetails(MockSharingHub mockSharingHub, Environment environment) {
    return new MockHubConnectionDetails(mockSharingHub, environment.getProperty("sharing.hub.token"));
  }

  @Bean
  @ConditionalOnMissingBean
  @Conditional(NoOutboxDirectory.class)
  TemporaryOutboxDirectory mockSharingHubOutboxDirectory() {
    return new TemporaryOutboxDirectory();
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(Outbox.class)
  @Conditional(NoOutboxDirectory.class)
  @ConditionalOnProperty(prefix = "sharing.outbox", name = "store", havingValue = "file", matchIfMissing = true)
  FileOutbox mockSharingHubOutbox(TemporaryOutboxDirectory mockSharingHubOutboxDirectory) {
    // A sub-directory, so that state kept next to the outbox (the advisory feed's) is removed with it.
    return FileOutbox.open(mockSharingHubOutboxDirectory.path().resolve("outbox"), OutboxConfig.defaults(),
        Clock.systemUTC());
  }

  static final class NoOutboxDirectory extends NoneNestedConditions {
    NoOutboxDirectory() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(prefix = "sharing.outbox", name = "directory")
    static final class DirectorySet {}
  }

  private record MockHubConnectionDetails(MockSharingHub hub, String token) implements SharingHubConnectionDetails {
    @Override
    public URI url() {
      return hub.baseUrl();
    }

    @Override
    public Optional<String> bearerToken() {
      return token == null || token.isBlank() ? Optional.empty() : Optional.of(token);
    }

    @Override
    public boolean allowInsecureLoopback() {
      return true;
    }

    @Override
    public String toString() {
      return "MockHubConnectionDetails{url=" + hub.baseUrl() + "}";
    }
  }

  /** A temporary directory for the test outbox, deleted with its content when the context closes. */
  static final class TemporaryOutboxDirectory implements DisposableBean {
    private final Path path;

    TemporaryOutboxDirectory() {
      try {
        this.path = Files.createTempDirectory("sharing-test-outbox");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a temporary outbox directory", e);
      }
    }

    Path path() {
      return path;
    }

    @Override
    public void destroy() throws IOException {
      if (!Files.exists(path)) {
        return;
      }
      Files.walkFileTree(path, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    }
  }
}
