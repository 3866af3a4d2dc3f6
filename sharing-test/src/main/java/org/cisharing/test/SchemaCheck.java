package org.cisharing.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * JSON Schema validation of report bodies with the project's own schema, when it is on the
 * classpath ({@value #RESOURCE}). Relative {@code $ref}s resolve next to it on the classpath.
 */
final class SchemaCheck {
  static final String RESOURCE = "/org/cisharing/json/schema/report.schema.json";

  private final JsonSchema schema;

  private SchemaCheck(JsonSchema schema) {
    this.schema = schema;
  }

  /** The report schema's validator, or empty when the schema resource is absent; loaded once. */
  static Optional<SchemaCheck> load() {
    return ProjectSchema.CHECK;
  }

  private static final class ProjectSchema {
    static final Optional<SchemaCheck> CHECK = load(RESOURCE);
  }

  /** A validator for the schema at an absolute classpath resource name, if it exists. */
  static Optional<SchemaCheck> load(String resource) {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      JsonNode schemaNode = new ObjectMapper().readTree(in);
      SpecVersion.VersionFlag version =
          SpecVersionDetector.detectOptionalVersion(schemaNode, false)
              .orElse(SpecVersion.VersionFlag.V202012);
      String classpathBase = "classpath:" + resource.substring(1, resource.lastIndexOf('/') + 1);
      String id = schemaNode.path("$id").asText("");
      JsonSchemaFactory factory =
          JsonSchemaFactory.getInstance(
              version,
              builder -> {
                if (id.contains("/") && (id.startsWith("http://") || id.startsWith("https://"))) {
                  // Never fetch our own schemas over the network: map their $id base to the jar.
                  builder.schemaMappers(
                      mappers -> mappers.mapPrefix(id.substring(0, id.lastIndexOf('/') + 1), classpathBase));
                }
              });
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
      JsonSchema schema =
          factory.getSchema(
              SchemaLocation.of("classpath:" + resource.substring(1)), schemaNode, config);
      return Optional.of(new SchemaCheck(schema));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  List<ProblemError> validate(JsonNode document) {
    List<ProblemError> errors = new ArrayList<>();
    for (ValidationMessage message : schema.validate(document)) {
      String pointer = message.getInstanceLocation() == null ? "" : message.getInstanceLocation().toString();
      if (!pointer.startsWith("/")) {
        pointer = "";
      }
      String detail = message.getError() != null ? message.getError() : message.getMessage();
      errors.add(new ProblemError(pointer, detail));
    }
    errors.sort(Comparator.comparing(ProblemError::pointer).thenComparing(ProblemError::detail));
    return errors;
  }
}
