package org.cisharing.spring.boot;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.advisory.PushResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Takes a pushed advisory ({@code {"jws": ...}}) and answers what the feed made of it, as the hub
 * API says: 202 once it is durably recorded and handed over (or was already), 400 for a malformed
 * body, 401 for a refused signature, 413 for a body over 1 MiB. Errors carry an RFC 9457 {@code
 * application/problem+json} body that does not echo the request.
 */
final class AdvisoryWebhookHandler implements HandlerFunction<ServerResponse> {
  /** The hub API's body limit. */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryWebhookHandler.class);
  private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

  private final AdvisoryFeed feed;

  AdvisoryWebhookHandler(AdvisoryFeed feed) {
    this.feed = feed;
  }

  @Override
  public ServerResponse handle(ServerRequest request) throws IOException {
    HttpServletRequest servlet = request.servletRequest();
    long declared = servlet.getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      return tooLarge();
    }
    byte[] body;
    try (InputStream in = servlet.getInputStream()) {
      body = in.readNBytes(MAX_BODY_BYTES + 1);
    }
    if (body.length > MAX_BODY_BYTES) {
      return tooLarge();
    }
    PushResult result = feed.accept(new String(body, StandardCharsets.UTF_8));
    return switch (result) {
      case ACCEPTED, DUPLICATE -> ServerResponse.status(result.httpStatus()).build();
      case MALFORMED -> problem(result.httpStatus(), "Malformed advisory",
          "The body is not a {\"jws\": \"<compact JWS>\"} envelope of a readable advisory.");
      case UNAUTHORIZED -> problem(result.httpStatus(), "Advisory refused",
          "The advisory's signature, key or content was refused; it was quarantined.");
    };
  }

  private static ServerResponse tooLarge() {
    LOG.warn("pushed advisory refused: body over {} bytes", MAX_BODY_BYTES);
    return problem(413, "Advisory too large", "The body is over " + MAX_BODY_BYTES + " bytes (1 MiB).");
  }

  private static ServerResponse problem(int status, String title, String detail) {
    String json = "{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status + ",\"detail\":"
        + quote(detail) + "}";
    return ServerResponse.status(status).contentType(PROBLEM).body(json);
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
