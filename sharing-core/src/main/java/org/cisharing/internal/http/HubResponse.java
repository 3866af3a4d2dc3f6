package org.cisharing.internal.http;

import okhttp3.Headers;

/**
 * A response from the hub, its body read fully (up to the size limit). Header values are looked up
 * when asked for: the delivery of a report needs none of them when it succeeds.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body, or {@code null} when it exceeded the limit
 * @param bodyTooLarge whether the body exceeded the limit
 */
public record HubResponse(int status, Headers headers, byte[] body, boolean bodyTooLarge) {
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  /** The Content-Type header, or {@code null}. */
  public String contentType() {
    return headers.get("Content-Type");
  }

  /** The Retry-After header, or {@code null}. */
  public String retryAfter() {
    return headers.get("Retry-After");
  }

  /** The ETag header, or {@code null}. */
  public String etag() {
    return headers.get("ETag");
  }
}
