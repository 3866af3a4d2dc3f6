package org.cisharing.internal.http;

/**
 * A response from the hub, its body read fully (up to the size limit).
 *
 * @param status the HTTP status
 * @param contentType the Content-Type header, or {@code null}
 * @param retryAfter the Retry-After header, or {@code null}
 * @param etag the ETag header, or {@code null}
 * @param body the body, or {@code null} when it exceeded the limit
 * @param bodyTooLarge whether the body exceeded the limit
 */
public record HubResponse(int status, String contentType, String retryAfter, String etag, byte[] body, boolean bodyTooLarge) {
  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }
}
