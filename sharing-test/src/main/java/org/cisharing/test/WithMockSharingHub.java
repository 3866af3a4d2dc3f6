package org.cisharing.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a {@link MockSharingHub} for the annotated test class: started once before the class,
 * {@linkplain MockSharingHub#reset() reset} before each test, closed after the class. Test and
 * lifecycle methods receive it as a {@code MockSharingHub} parameter.
 *
 * <pre>{@code
 * @WithMockSharingHub(token = "s3cret")
 * class DeliveryTest {
 *   @Test
 *   void deliversOnce(MockSharingHub hub) { ... }
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MockSharingHubExtension.class)
public @interface WithMockSharingHub {
  /** The bearer token the hub requires; empty (the default) for none. */
  String token() default "";

  /** Whether to add an ES256 key to the hub's key set. */
  boolean es256() default false;

  /** Whether to validate reports against the project's JSON Schema when it is on the classpath. */
  boolean schemaValidation() default true;
}
