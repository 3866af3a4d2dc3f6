package org.cisharing.test;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension that runs a {@link MockSharingHub}. Registered on a {@code static} field with
 * {@code @RegisterExtension}, or through {@link WithMockSharingHub}, one hub serves the whole
 * class and is {@linkplain MockSharingHub#reset() reset} before each test; registered on an
 * instance field, each test gets a fresh hub. Resolves {@code MockSharingHub} parameters.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final MockSharingHubExtension HUB =
 *     new MockSharingHubExtension().configure(hub -> hub.token("s3cret"));
 *
 * @Test
 * void deliversAfterHubRecovers() {
 *   HUB.hub().on(HubEndpoint.SUBMIT_REPORT).failNext(2, 503);
 *   ...
 * }
 * }</pre>
 *
 * <p>Not for concurrent test execution within one class: tests sharing a hub would see each
 * other's reports.
 *
 * @since 0.1.0
 */
public final class MockSharingHubExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final Consumer<MockSharingHub> configurer;
  private MockSharingHub hub;
  private boolean perClass;
  private int classDepth;

  /** An extension whose hub has the default configuration (no token, Ed25519 key). */
  public MockSharingHubExtension() {
    this(hub -> {});
  }

  private MockSharingHubExtension(Consumer<MockSharingHub> configurer) {
    this.configurer = configurer;
  }

  /**
   * A copy of this extension that also applies {@code configurer} to each hub before it starts.
   *
   * @param configurer e.g. {@code hub -> hub.token("s3cret").withEs256Key()}
   * @return the new extension
   */
  public MockSharingHubExtension configure(Consumer<MockSharingHub> configurer) {
    Objects.requireNonNull(configurer, "configurer");
    Consumer<MockSharingHub> previous = this.configurer;
    return new MockSharingHubExtension(previous.andThen(configurer));
  }

  /**
   * The running hub.
   *
   * @throws IllegalStateException outside a test's lifecycle
   */
  public MockSharingHub hub() {
    if (hub == null) {
      throw new IllegalStateException("no hub is running outside a test's lifecycle");
    }
    return hub;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // @Nested classes inherit the enclosing class's hub.
    if (classDepth++ == 0) {
      hub = newHub(context);
      perClass = true;
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (--classDepth == 0) {
      stop();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (hub == null) {
      hub = newHub(context);
      perClass = false;
    } else {
      hub.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == MockSharingHub.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (hub == null) {
      // A constructor or @BeforeAll parameter of a per-test registration: start it now.
      beforeEach(context);
    }
    return hub;
  }

  private MockSharingHub newHub(ExtensionContext context) {
    MockSharingHub created = new MockSharingHub();
    context
        .getTestClass()
        .flatMap(type -> AnnotationSupport.findAnnotation(type, WithMockSharingHub.class))
        .ifPresent(
            annotation -> {
              if (!annotation.token().isEmpty()) {
                created.token(annotation.token());
              }
              if (annotation.es256()) {
                created.withEs256Key();
              }
              created.schemaValidation(annotation.schemaValidation());
            });
    configurer.accept(created);
    return created.start();
  }

  private void stop() {
    if (hub != null) {
      hub.close();
      hub = null;
    }
  }
}
