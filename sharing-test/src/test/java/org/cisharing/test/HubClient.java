package org.cisharing.test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A bare OkHttp client for the hub tests; transparent retries are off so counts are exact. */
final class HubClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final MediaType APPLICATION_JSON = MediaType.get("application/json");

  /** A status, headers and body text read from one exchange. */
  record Answer(int code, Headers headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }

    String header(String name) {
      return headers.get(name);
    }
  }

  private final MockSharingHub hub;
  private final OkHttpClient http;

  HubClient(MockSharingHub hub) {
    this(hub, Duration.ofSeconds(10));
  }

  HubClient(MockSharingHub hub, Duration readTimeout) {
    this.hub = hub;
    this.http =
        new OkHttpClient.Builder()
            .retryOnConnectionFailure(false)
            .connectTimeout(Duration.ofSeconds(5))
            .readTimeout(readTimeout)
            .callTimeout(readTimeout.plusSeconds(5))
            .build();
  }

  static String report(String reportId, String incidentId, String stage, int revision) {
    ObjectNode report = JSON.createObjectNode();
    report.put("schema", "cisharing.report/1");
    report.put("reportId", reportId);
    report.put("incidentId", incidentId);
    report.put("stage", stage);
    report.put("revision", revision);
    report.put("summary", "浄水場の監視端末でランサムウェアを検知");
    return report.toString();
  }

  static String newId() {
    return UUID.randomUUID().toString();
  }

  Answer submit(String body, String key) throws IOException {
    return post("/v1/reports", body, key, APPLICATION_JSON, Map.of());
  }

  Answer post(
      String path, String body, String key, MediaType type, Map<String, String> headers)
      throws IOException {
    Request.Builder request =
        new Request.Builder()
            .url(hub.baseUrl() + path)
            .post(RequestBody.create(body, type));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    headers.forEach(request::header);
    return execute(request.build());
  }

  Answer get(String pathAndQuery) throws IOException {
    return get(pathAndQuery, Map.of());
  }

  Answer get(String pathAndQuery, Map<String, String> headers) throws IOException {
    Request.Builder request = new Request.Builder().url(hub.baseUrl() + pathAndQuery);
    headers.forEach(request::header);
    return execute(request.build());
  }

  private Answer execute(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      return new Answer(response.code(), response.headers(), response.body().string());
    }
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
