package org.cisharing.json;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type as a top-level wire document and names its schema, e.g. {@code
 * cisharing.report/1}. {@link SharingJson} writes the name into the top-level {@code "schema"}
 * field and, on reading, refuses a document of another kind or of an unknown major version.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WireDocument {
  /** The schema name with its major version, {@code cisharing.<kind>/<major>}. */
  String value();
}
