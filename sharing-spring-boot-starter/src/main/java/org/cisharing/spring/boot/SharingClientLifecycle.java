package org.cisharing.spring.boot;

import java.time.Duration;
import org.cisharing.SharingClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Gives pending reports a bounded chance to reach the hub when the application stops.
 *
 * <p>The core client starts delivering as soon as it is built (reports left from the previous run
 * go out while the context starts); this lifecycle does not delay that, since the bean must exist
 * for injection anyway. On stop it flushes for at most {@code sharing.outbox.close-timeout}; the
 * client is closed afterwards by the bean's destroy method, without waiting again. Whatever is
 * still pending stays in the outbox for the next start.
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
