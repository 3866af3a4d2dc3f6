package org.cisharing.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.cisharing.internal.json.JsonCodec;

/** Validates documents against the published JSON Schemas shipped in the jar. */
public final class Schemas {
  private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

  private Schemas() {}

  /** The schema violations of a document, empty when it conforms. */
  public static List<String> violations(String kind, String json) {
    JsonSchema schema = CACHE.computeIfAbsent(kind, Schemas::load);
    try {
      JsonNode node = JsonCodec.mapper().readTree(json);
      return schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonSchema load(String kind) {
    String resource = "/org/cisharing/json/schema/" + kind + ".schema.json";
    try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("no schema resource " + resource);
      }
      SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
