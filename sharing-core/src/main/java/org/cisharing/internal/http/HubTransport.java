package org.cisharing.internal.http;

import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.cisharing.internal.Version;
import org.cisharing.json.SharingJson;

/** Sends requests to the hub with the headers HUB-API.md requires. Thread-safe. */
public final class HubTransport {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final HttpUrl base;
  private final Supplier<String> token;
  private final String userAgent = Version.userAgent();
  private volatile Resolved lastResolved;
  private volatile Authorization lastAuthorization;

  public HubTransport(OkHttpClient http, URI hubUrl, Supplier<String> token) {
    this.http = Objects.requireNonNull(http, "http");
    HttpUrl parsed = HttpUrl.get(hubUrl.toString());
    this.base = parsed;
    this.token = token;
  }

  /** POSTs a JSON body with an idempotency key. */
  public HubResponse post(String path, String idempotencyKey, byte[] body) throws IOException {
    Request.Builder request = request(path).post(RequestBody.create(body, JSON));
    request.header("Idempotency-Key", idempotencyKey);
    return execute(request.build());
  }

  /** GETs a resource. */
  public HubResponse get(String path) throws IOException {
    return execute(request(path).get().build());
  }

  /** GETs a resource with extra headers (e.g. If-None-Match). */
  public HubResponse get(String path, String headerName, String headerValue) throws IOException {
    Request.Builder b = request(path).get();
    if (headerName != null && headerValue != null) {
      b.header(headerName, headerValue);
    }
    return execute(b.build());
  }

  /** The hub's base URL, for messages. */
  public String baseUrl() {
    return base.toString();
  }

  private Request.Builder request(String path) {
    HttpUrl url = resolve(path);
    Request.Builder b = new Request.Builder().url(url).header("User-Agent", userAgent).header("Accept", "application/json, application/problem+json");
    if (token != null) {
      String t = token.get();
      if (t != null && !t.isEmpty()) {
        b.header("Authorization", authorization(t));
      }
    }
    return b;
  }

  /** {@code Bearer <token>}, built again only when the supplier answers another token. */
  private String authorization(String t) {
    Authorization last = lastAuthorization;
    if (last == null || !last.token.equals(t)) {
      last = new Authorization(t, "Bearer " + t);
      lastAuthorization = last;
    }
    return last.header;
  }

  private HttpUrl resolve(String path) {
    // Reports all go to one path: keep the last URL rather than building it per request.
    Resolved last = lastResolved;
    if (last != null && last.path.equals(path)) {
      return last.url;
    }
    String query = null;
    String rawPath = path;
    int q = rawPath.indexOf('?');
    if (q >= 0) {
      query = rawPath.substring(q + 1);
      rawPath = rawPath.substring(0, q);
    }
    String basePath = base.encodedPath();
    String joined = (basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath) + rawPath;
    HttpUrl url = base.newBuilder().encodedPath(joined).encodedQuery(query).build();
    lastResolved = new Resolved(path, url);
    return url;
  }

  private HubResponse execute(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      byte[] bytes = null;
      boolean tooLarge = false;
      if (body != null) {
        long declared = body.contentLength();
        if (declared > SharingJson.MAX_DOCUMENT_BYTES) {
          tooLarge = true;
        } else {
          bytes = readLimited(body.source(), SharingJson.MAX_DOCUMENT_BYTES);
          tooLarge = bytes == null;
        }
      }
      return new HubResponse(response.code(), response.headers(), bytes, tooLarge);
    }
  }

  /**
   * Reads the rest of {@code source} when it holds at most {@code limit} bytes; {@code null} when
   * it holds more (then at most {@code limit + 1} bytes were read).
   */
  static byte[] readLimited(BufferedSource source, int limit) throws IOException {
    if (source.request(limit + 1L)) {
      return null;
    }
    return source.getBuffer().readByteArray();
  }

  private record Resolved(String path, HttpUrl url) {}

  private record Authorization(String token, String header) {}
}
