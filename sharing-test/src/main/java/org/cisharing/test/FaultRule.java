package org.cisharing.test;

import java.util.function.BiFunction;

/**
 * One armed fault: how many more matching requests it applies to, and whether the request is
 * processed (and so stored) before the reply is replaced.
 */
final class FaultRule {
  enum Mode {
    /** Reply without processing: nothing is stored. */
    INSTEAD,
    /** Process (store), then replace the reply: a lost acknowledgement. */
    AFTER,
  }

  private final HubEndpoint target;
  private final Mode mode;
  private final BiFunction<HubEndpoint, Reply, Reply> reply;
  private int remaining;

  FaultRule(HubEndpoint target, int times, Mode mode, BiFunction<HubEndpoint, Reply, Reply> reply) {
    this.target = target;
    this.remaining = times;
    this.mode = mode;
    this.reply = reply;
  }

  boolean takeFor(HubEndpoint actual) {
    if (remaining > 0 && target.matches(actual)) {
      remaining--;
      return true;
    }
    return false;
  }

  boolean exhausted() {
    return remaining == 0;
  }

  Mode mode() {
    return mode;
  }

  /**
   * The reply to send.
   *
   * @param actual the endpoint the request went to
   * @param processed the normal reply when {@link #mode()} is AFTER, otherwise null
   */
  Reply reply(HubEndpoint actual, Reply processed) {
    return reply.apply(actual, processed);
  }
}
