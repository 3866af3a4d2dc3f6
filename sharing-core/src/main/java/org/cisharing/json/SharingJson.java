package org.cisharing.json;

import org.cisharing.internal.json.JsonCodec;

/**
 * The one codec for every wire document ({@code IncidentReport}, {@code Observation}, {@code
 * Classification}, {@code Advisory}, {@code Receipt}, {@code Feedback}, ...): UTF-8 JSON with a
 * top-level {@code "schema"} field, RFC 3339 timestamps with an offset, ISO 8601 durations.
 *
 * <p>Reading ignores unknown fields (forward compatibility), refuses an unknown major version with
 * an {@link UnsupportedSchemaException}, a malformed document, a field of the wrong type or a body
 * over 1 MiB with a {@link DocumentFormatException}, and an invalid document with the type's own
 * validation exception; each names the offending fields. Thread-safe.
 *
 * <pre>{@code
 * String json = SharingJson.write(report);
 * IncidentReport back = SharingJson.read(json, IncidentReport.class);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SharingJson {
  /** The largest document read or written, in UTF-8 bytes (1 MiB), as HUB-API.md requires. */
  public static final int MAX_DOCUMENT_BYTES = 1 << 20;

  private SharingJson() {}

  /** Reads a document of the given type. */
  public static <T> T read(String json, Class<T> type) {
    return JsonCodec.read(json, type);
  }

  /** Reads a document of the given type from UTF-8 bytes. */
  public static <T> T read(byte[] json, Class<T> type) {
    return JsonCodec.read(json, type);
  }

  /** Writes a wire value as a compact JSON document. */
  public static String write(Object value) {
    return JsonCodec.write(value);
  }

  /** Writes a wire value as compact UTF-8 JSON bytes. */
  public static byte[] writeBytes(Object value) {
    return JsonCodec.writeBytes(value);
  }
}
