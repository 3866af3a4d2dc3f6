package org.cisharing.test;

import com.github.tomakehurst.wiremock.http.Fault;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Fault injection aimed at one {@link HubEndpoint} (or {@link HubEndpoint#ANY}), obtained from
 * {@link MockSharingHub#on(HubEndpoint)}. Each call arms a fault for the next {@code n} matching
 * requests, after the faults armed before it; then the hub behaves normally again. Unless a method
 * says otherwise, a faulted request is not processed: nothing is stored. Thread-safe.
 *
 * @since 0.1.0
 */
public final class HubFaults {
  // RFC 9110 IMF-fixdate; RFC_1123_DATE_TIME would drop the leading zero of the day.
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH);

  private final HubState state;
  private final HubEndpoint target;

  HubFaults(HubState state, HubEndpoint target) {
    this.state = state;
    this.target = Objects.requireNonNull(target, "endpoint");
  }

  /**
   * Answers the next {@code n} requests with an HTTP error and a problem document, then
   * succeeds: "a fixed number of failures before success".
   *
   * @param n how many requests, at least 1
   * @param status an HTTP status within 400..599, typically 500, 502, 503 or 504
   * @return this, for chaining
   */
  public HubFaults failNext(int n, int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be within 400..599: " + status);
    }
    return arm(n, FaultRule.Mode.INSTEAD, (endpoint, processed) -> HubState.statusProblem(status));
  }

  /**
   * Answers the next {@code n} requests with {@code 429 Too Many Requests} and {@code
   * Retry-After: <seconds>}.
   *
   * @param n how many requests, at least 1
   * @param retryAfterSeconds the delay to announce, 0 or more
   * @return this, for chaining
   */
  public HubFaults rateLimitNext(int n, long retryAfterSeconds) {
    return withRetryAfter(n, 429, seconds(retryAfterSeconds));
  }

  /**
   * Answers the next {@code n} requests with {@code 429} and {@code Retry-After} as an HTTP date
   * (RFC 9110 IMF-fixdate).
   *
   * @param n how many requests, at least 1
   * @param retryAt the instant to announce
   * @return this, for chaining
   */
  public HubFaults rateLimitNextUntil(int n, Instant retryAt) {
    return withRetryAfter(n, 429, httpDate(retryAt));
  }

  /**
   * Answers the next {@code n} requests with {@code 503 Service Unavailable} and {@code
   * Retry-After: <seconds>}.
   *
   * @param n how many requests, at least 1
   * @param retryAfter the delay to announce, whole seconds are sent
   * @return this, for chaining
   */
  public HubFaults serviceUnavailableNext(int n, Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    return withRetryAfter(n, 503, seconds(retryAfter.toSeconds()));
  }

  /**
   * Answers the next {@code n} requests with {@code 503} and {@code Retry-After} as an HTTP date.
   *
   * @param n how many requests, at least 1
   * @param retryAt the instant to announce
   * @return this, for chaining
   */
  public HubFaults serviceUnavailableNextUntil(int n, Instant retryAt) {
    return withRetryAfter(n, 503, httpDate(retryAt));
  }

  /**
   * Resets the connection (TCP RST) instead of answering the next {@code n} requests.
   *
   * @param n how many requests, at least 1
   * @return this, for chaining
   */
  public HubFaults resetConnectionNext(int n) {
    return socketFault(n, Fault.CONNECTION_RESET_BY_PEER);
  }

  /**
   * Closes the connection without any response to the next {@code n} requests.
   *
   * @param n how many requests, at least 1
   * @return this, for chaining
   */
  public HubFaults emptyResponseNext(int n) {
    return socketFault(n, Fault.EMPTY_RESPONSE);
  }

  /**
   * Sends a {@code 200} status line, then a malformed chunk, then closes, to the next {@code n}
   * requests.
   *
   * @param n how many requests, at least 1
   * @return this, for chaining
   */
  public HubFaults malformedResponseNext(int n) {
    return socketFault(n, Fault.MALFORMED_RESPONSE_CHUNK);
  }

  /**
   * Answers the next {@code n} requests with a success status ({@code 201} for a report, {@code
   * 202} for feedback, {@code 200} otherwise) whose body is not JSON. Nothing is stored, so a
   * client that trusts the status alone loses the report.
   *
   * @param n how many requests, at least 1
   * @return this, for chaining
   */
  public HubFaults garbageResponseNext(int n) {
    return arm(
        n,
        FaultRule.Mode.INSTEAD,
        (endpoint, processed) ->
            Reply.of(
                endpoint == HubEndpoint.SUBMIT_REPORT
                    ? 201
                    : endpoint == HubEndpoint.FEEDBACK ? 202 : 200,
                Map.of("Content-Type", "application/json"),
                "<html>\u0000not json".getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Processes the next {@code n} requests normally (a report is stored) but delays the response
   * by {@code delay}, so a client's read timeout fires while the hub did its work.
   *
   * @param n how many requests, at least 1
   * @param delay the delay, positive
   * @return this, for chaining
   */
  public HubFaults slowNext(int n, Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative() || delay.isZero() || delay.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("delay must be positive and at most ~24 days: " + delay);
    }
    int millis = (int) delay.toMillis();
    return arm(n, FaultRule.Mode.AFTER, (endpoint, processed) -> processed.withDelay(millis));
  }

  /**
   * Processes the next {@code n} requests normally (a report is stored and would be
   * acknowledged), then resets the connection instead of answering: the lost acknowledgement
   * that idempotency keys exist for. A correct client retries and gets {@code 200} (replay).
   *
   * @param n how many requests, at least 1
   * @return this, for chaining
   */
  public HubFaults loseResponseNext(int n) {
    return arm(
        n,
        FaultRule.Mode.AFTER,
        (endpoint, processed) -> Reply.fault(Fault.CONNECTION_RESET_BY_PEER));
  }

  private HubFaults socketFault(int n, Fault fault) {
    return arm(n, FaultRule.Mode.INSTEAD, (endpoint, processed) -> Reply.fault(fault));
  }

  private HubFaults withRetryAfter(int n, int status, String retryAfter) {
    return arm(
        n,
        FaultRule.Mode.INSTEAD,
        (endpoint, processed) -> HubState.statusProblem(status).withHeader("Retry-After", retryAfter));
  }

  private HubFaults arm(
      int n,
      FaultRule.Mode mode,
      BiFunction<HubEndpoint, Reply, Reply> reply) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + n);
    }
    state.addFault(new FaultRule(target, n, mode, reply));
    return this;
  }

  private static String seconds(long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("retryAfter must not be negative: " + seconds);
    }
    return Long.toString(seconds);
  }

  static String httpDate(Instant instant) {
    Objects.requireNonNull(instant, "retryAt");
    return IMF_FIXDATE.format(instant.atOffset(ZoneOffset.UTC));
  }
}
