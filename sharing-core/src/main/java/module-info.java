/**
 * The embeddable {@code sharing} library. Only API packages are exported; {@code
 * org.cisharing.internal} and its sub-packages are implementation details.
 */
module org.cisharing.core {
  requires transitive com.fasterxml.jackson.annotation;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.core;
  requires transitive okhttp3;
  requires org.slf4j;
  requires transitive java.sql;

  exports org.cisharing;
  exports org.cisharing.advisory;
  exports org.cisharing.json;
  exports org.cisharing.model;
  exports org.cisharing.outbox;
  exports org.cisharing.report;
  exports org.cisharing.incident;
  exports org.cisharing.scope;

  opens org.cisharing to com.fasterxml.jackson.databind;
  opens org.cisharing.advisory to com.fasterxml.jackson.databind;
  opens org.cisharing.model to com.fasterxml.jackson.databind;
  opens org.cisharing.report to com.fasterxml.jackson.databind;
  opens org.cisharing.scope to com.fasterxml.jackson.databind;
}
