package org.cisharing.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs a {@code MockSharingHub} (from {@code org.cisharing:sharing-test}, which must be on the test
 * classpath) as a bean of the test's application context and points the auto-configured {@code
 * SharingClient} at it, over plain HTTP on 127.0.0.1. The same as setting {@code
 * sharing.test.mock-hub=true}.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureMockSharingHub
 * class IncidentReportingTest {
 *   @Autowired SharingClient client;
 *   @Autowired MockSharingHub hub;
 *
 *   @Test
 *   void reachesTheHub() {
 *     client.submit(report);
 *     hub.awaitReports(1, Duration.ofSeconds(5));
 *   }
 * }
 * }</pre>
 *
 * <p>The hub requires {@code sharing.hub.token} when that is set. Without {@code
 * sharing.outbox.directory} the client uses a temporary outbox deleted when the context closes.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = MockSharingHubAutoConfiguration.PROPERTY + "=true")
public @interface AutoConfigureMockSharingHub {}
