package org.cisharing.internal.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.cisharing.SharingException;
import org.cisharing.ValidationException;
import org.cisharing.Violation;
import org.cisharing.json.DocumentFormatException;
import org.cisharing.json.SharingJson;
import org.cisharing.json.UnsupportedSchemaException;
import org.cisharing.json.WireDocument;
import org.cisharing.report.Receipt;

/** Jackson configuration and error translation for every wire document. */
public final class JsonCodec {
  private static final ObjectMapper MAPPER = newMapper();
  private static final ConcurrentHashMap<Class<?>, SchemaName> SCHEMAS = new ConcurrentHashMap<>();

  private JsonCodec() {}

  /** The shared, fully configured mapper. Do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  static ObjectMapper newMapper() {
    SimpleModule time = new SimpleModule("cisharing-time");
    addScalar(time, OffsetDateTime.class, v -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(v),
        s -> {
          OffsetDateTime fast = Rfc3339.offsetDateTime(s);
          return fast != null ? fast : OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        },
        "an RFC 3339 timestamp with an offset, e.g. 2026-11-26T09:30:00+09:00");
    addScalar(time, Instant.class, Instant::toString, s -> {
          OffsetDateTime fast = Rfc3339.offsetDateTime(s);
          return (fast != null ? fast : OffsetDateTime.parse(s)).toInstant();
        },
        "an RFC 3339 timestamp with an offset, e.g. 2026-11-26T00:30:00Z");
    addScalar(time, Duration.class, Duration::toString, Duration::parse,
        "an ISO 8601 duration, e.g. PT24H");
    addScalar(time, LocalDate.class, LocalDate::toString, LocalDate::parse,
        "a date, e.g. 2026-11-26");
    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(time)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_EMPTY))
            .build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxStringLength(SharingJson.MAX_DOCUMENT_BYTES)
                .maxNestingDepth(64)
                .build());
    return mapper;
  }

  private static <T> void addScalar(
      SimpleModule module,
      Class<T> type,
      Function<T, String> print,
      Function<String, T> parse,
      String expected) {
    module.addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator gen, SerializerProvider serializers)
              throws IOException {
            gen.writeString(print.apply(value));
          }
        });
    module.addDeserializer(
        type,
        new JsonDeserializer<T>() {
          @Override
          public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(com.fasterxml.jackson.core.JsonToken.VALUE_STRING)) {
              return type.cast(ctxt.handleUnexpectedToken(type, p));
            }
            String text = p.getText();
            try {
              return parse.apply(text);
            } catch (DateTimeParseException | ArithmeticException e) {
              return type.cast(
                  ctxt.handleWeirdStringValue(type, text, "expected %s", expected));
            }
          }
        });
  }

  public static <T> T read(String json, Class<T> type) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(type, "type");
    if (json.length() > SharingJson.MAX_DOCUMENT_BYTES
        || utf8Length(json) > SharingJson.MAX_DOCUMENT_BYTES) {
      throw tooLarge();
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw malformed(e);
    }
    return fromTree(tree, type);
  }

  public static <T> T read(byte[] json, Class<T> type) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(type, "type");
    if (json.length > SharingJson.MAX_DOCUMENT_BYTES) {
      throw tooLarge();
    }
    if (type == Receipt.class) {
      // One per delivered report: bound in one streaming pass when it has the plain shape of a
      // valid receipt; anything else goes the general way below, for the same result or error.
      Receipt receipt = ReceiptReader.tryRead(json, schemaOf(Receipt.class));
      if (receipt != null) {
        return type.cast(receipt);
      }
    }
    return readGeneral(json, type);
  }

  /** Reads through a tree, then binds: every document type, every error. */
  static <T> T readGeneral(byte[] json, Class<T> type) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (IOException e) {
      throw malformed(e);
    }
    return fromTree(tree, type);
  }

  /** Binds an already parsed tree, checking its schema field when the type is a document. */
  public static <T> T fromTree(JsonNode tree, Class<T> type) {
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      throw new DocumentFormatException(
          "document", List.of(new Violation("", "empty document, expected a JSON object")));
    }
    SchemaName expected = schemaOf(type);
    if (expected != null) {
      if (!tree.isObject()) {
        throw new DocumentFormatException(
            "document", List.of(new Violation("", "expected a JSON object, found " + tree.getNodeType())));
      }
      JsonNode schema = tree.get("schema");
      if (schema == null || !schema.isTextual()) {
        throw new DocumentFormatException(
            expected.kind,
            List.of(new Violation("/schema", "missing schema field, expected '" + expected + "'")));
      }
      SchemaName declared = SchemaName.parse(schema.asText());
      if (declared == null
          || !declared.kind.equals(expected.kind)
          || declared.major != expected.major) {
        throw new UnsupportedSchemaException(schema.asText(), expected.toString());
      }
    }
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw translate(e, expected == null ? type.getSimpleName() : expected.kind);
    } catch (IllegalArgumentException e) {
      throw new DocumentFormatException(
          expected == null ? type.getSimpleName() : expected.kind,
          List.of(new Violation("", String.valueOf(e.getMessage()))));
    }
  }

  public static String write(Object value) {
    return new String(writeBytes(value), StandardCharsets.UTF_8);
  }

  public static byte[] writeBytes(Object value) {
    byte[] bytes = writeBytesUnchecked(value);
    if (bytes.length > SharingJson.MAX_DOCUMENT_BYTES) {
      throw new DocumentFormatException(
          value.getClass().getSimpleName(),
          List.of(new Violation("", "encoded size " + bytes.length + " bytes exceeds the limit of "
              + SharingJson.MAX_DOCUMENT_BYTES + " bytes")));
    }
    return bytes;
  }

  /** Encodes without the size limit (used to measure a document's size). */
  public static byte[] writeBytesUnchecked(Object value) {
    Objects.requireNonNull(value, "value");
    byte[] bytes;
    try {
      SchemaName schema = schemaOf(value.getClass());
      if (schema == null) {
        bytes = MAPPER.writeValueAsBytes(value);
      } else {
        JsonNode body = MAPPER.valueToTree(value);
        ObjectNode doc = MAPPER.createObjectNode();
        doc.put("schema", schema.toString());
        if (body instanceof ObjectNode) {
          body.properties().forEach(f -> {
            if (!f.getKey().equals("schema")) {
              doc.set(f.getKey(), f.getValue());
            }
          });
        }
        bytes = MAPPER.writeValueAsBytes(doc);
      }
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new SharingException("cannot write " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
    return bytes;
  }

  /** The UTF-8 length of a string without encoding it. */
  public static int utf8Length(CharSequence s) {
    int n = 0;
    for (int i = 0, len = s.length(); i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** The JSON pointer of a Jackson path, e.g. {@code /causes/0/item}. */
  public static String pointer(List<JsonMappingException.Reference> path) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      sb.append('/');
      if (ref.getFieldName() != null) {
        sb.append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else if (ref.getIndex() >= 0) {
        sb.append(ref.getIndex());
      } else {
        sb.append('-');
      }
    }
    return sb.toString();
  }

  private static SharingException translate(JsonProcessingException e, String what) {
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause instanceof ValidationException) {
        ValidationException ve = (ValidationException) cause;
        if (e instanceof JsonMappingException) {
          String prefix = pointer(((JsonMappingException) e).getPath());
          if (!prefix.isEmpty()) {
            List<Violation> shifted = new ArrayList<>();
            for (Violation v : ve.violations()) {
              shifted.add(new Violation(prefix + v.pointer(), v.message()));
            }
            return new DocumentFormatException(what, shifted);
          }
        }
        return ve;
      }
      cause = cause.getCause();
    }
    String pointer = e instanceof JsonMappingException ? pointer(((JsonMappingException) e).getPath()) : "";
    String message = e.getOriginalMessage();
    if (e.getCause() != null && e.getCause().getMessage() != null
        && (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof NullPointerException)) {
      message = e.getCause() instanceof NullPointerException
          ? "required field missing: " + e.getCause().getMessage()
          : e.getCause().getMessage();
    }
    return new DocumentFormatException(what, List.of(new Violation(pointer, clean(message))));
  }

  private static String clean(String message) {
    if (message == null) {
      return "invalid value";
    }
    // Jackson's messages name Java classes; keep the first line, which says what was wrong.
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static DocumentFormatException malformed(IOException e) {
    String where = "";
    if (e instanceof JsonProcessingException && ((JsonProcessingException) e).getLocation() != null) {
      var loc = ((JsonProcessingException) e).getLocation();
      where = " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }
    String msg = e instanceof JsonProcessingException
        ? ((JsonProcessingException) e).getOriginalMessage()
        : e.getMessage();
    return new DocumentFormatException(
        "document", List.of(new Violation("", "malformed JSON" + where + ": " + clean(msg))));
  }

  private static DocumentFormatException tooLarge() {
    return new DocumentFormatException(
        "document",
        List.of(new Violation("", "document exceeds the limit of " + SharingJson.MAX_DOCUMENT_BYTES + " bytes")));
  }

  private static SchemaName schemaOf(Class<?> type) {
    SchemaName cached = SCHEMAS.get(type);
    if (cached != null) {
      return cached == SchemaName.NONE ? null : cached;
    }
    WireDocument doc = type.getAnnotation(WireDocument.class);
    SchemaName name = doc == null ? SchemaName.NONE : SchemaName.parse(doc.value());
    if (name == null) {
      throw new IllegalStateException("bad @WireDocument on " + type.getName() + ": " + doc.value());
    }
    SCHEMAS.put(type, name);
    return name == SchemaName.NONE ? null : name;
  }

  /** {@code cisharing.<kind>/<major>[.<minor>]}. */
  static final class SchemaName {
    static final SchemaName NONE = new SchemaName("", 0);
    final String kind;
    final int major;
    private final String text;

    SchemaName(String kind, int major) {
      this.kind = kind;
      this.major = major;
      this.text = kind + "/" + major;
    }

    static SchemaName parse(String s) {
      int slash = s.lastIndexOf('/');
      if (slash <= 0 || slash == s.length() - 1) {
        return null;
      }
      String version = s.substring(slash + 1);
      int dot = version.indexOf('.');
      String majorText = dot < 0 ? version : version.substring(0, dot);
      try {
        int major = Integer.parseInt(majorText);
        return major < 0 ? null : new SchemaName(s.substring(0, slash), major);
      } catch (NumberFormatException e) {
        return null;
      }
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
