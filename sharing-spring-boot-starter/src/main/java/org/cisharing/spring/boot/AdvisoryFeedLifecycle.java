package org.cisharing.spring.boot;

import org.cisharing.advisory.AdvisoryFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts polling the advisory feed once the context is ready (after the client, whose transport
 * it uses) and stops polling first at shutdown. Stop and start again resume from the stored cursor.
 */
final class AdvisoryFeedLifecycle implements SmartLifecycle {
  static final int PHASE = SharingClientLifecycle.PHASE + 2;

  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryFeedLifecycle.class);

  private final AdvisoryFeed feed;
  private final boolean verifying;
  private volatile boolean running;

  AdvisoryFeedLifecycle(AdvisoryFeed feed, boolean verifying) {
    this.feed = feed;
    this.verifying = verifying;
  }

  @Override
  public void start() {
    if (!verifying) {
      LOG.warn("sharing.advisories.verification=false: advisories are accepted WITHOUT checking their signature. "
          + "Use this only against a test hub.");
    }
    feed.start();
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    feed.close();
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
