package org.cisharing.spring.boot;

import java.time.Duration;
import org.cisharing.SharingClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts delivery once the context is ready, and gives pending reports a bounded chance to reach
 * the hub when the application stops.
 *
 * <p>The client is built with {@code startDelivery(false)}: reports can be submitted (durably)
 * while the context starts, and delivery, including reports left from the previous run, begins
 * when this lifecycle starts, after every singleton was created. On stop it flushes for at most
 * {@code sharing.outbox.close-timeout}; delivery goes on (a stopped context may be started again),
 * and the client is closed by the bean's destroy method without waiting again. Whatever is still
 * pending stays in the outbox for the next start.
 *
 * <p>Phase: Spring stops phases from the highest down. This one sits below the web server's
 * graceful shutdown ({@code DEFAULT_PHASE - 1024}) and its stop ({@code DEFAULT_PHASE - 2048}) and
 * below executors and message listener containers ({@code DEFAULT_PHASE} and just below), so that
 * reports submitted by requests and jobs that were still finishing are flushed too.
 */
final class SharingClientLifecycle implements SmartLifecycle {
  /** Stops after the web server and the task executors. */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private static final Logger LOG = LoggerFactory.getLogger(SharingClientLifecycle.class);

  private final SharingClient client;
  private final Duration flushTimeout;
  private volatile boolean running;

  SharingClientLifecycle(SharingClient client, Duration flushTimeout) {
    this.client = client;
    this.flushTimeout = flushTimeout;
  }

  @Override
  public void start() {
    client.start();
    running = true;
  }

  @Override
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    int left = client.flush(flushTimeout);
    if (left > 0) {
      LOG.info("{} reports still pending after flushing for {}; they stay in the outbox and are delivered after the next start",
          left, flushTimeout);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }
}
