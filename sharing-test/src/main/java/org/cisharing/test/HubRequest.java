package org.cisharing.test;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request as it reached {@link MockSharingHub}, faulted or not, for assertions on what
 * the client sent ({@code User-Agent}, {@code Idempotency-Key}, ...). The value of an {@code
 * Authorization} header is replaced by its scheme followed by {@code <redacted>}.
 *
 * @param method the HTTP method
 * @param url the path and query as sent
 * @param headers the first value of each header, names as sent
 * @since 0.1.0
 */
public record HubRequest(String method, String url, Map<String, String> headers) {
  /** Validates and copies. */
  public HubRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(url, "url");
    headers = Map.copyOf(headers);
  }

  /**
   * A header's value, by case-insensitive name.
   *
   * @param name the header name
   * @return its first value, or empty when absent
   */
  public Optional<String> header(String name) {
    Objects.requireNonNull(name, "name");
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase(name))
        .map(Map.Entry::getValue)
        .findFirst();
  }
}
