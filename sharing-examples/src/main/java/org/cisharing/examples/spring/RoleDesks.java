package org.cisharing.examples.spring;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cisharing.advisory.ActionItem;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.advisory.AssetAction;
import org.cisharing.advisory.FeedbackStatus;
import org.cisharing.advisory.RoleAdvisory;
import org.cisharing.model.Role;
import org.cisharing.spring.boot.AdvisoryListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * One {@code @AdvisoryListener} per role of the organisation (名宛人). Each receives only its own
 * actions and the actions bound to the assets it owns, and only advisories its TLP clearance
 * allows. Here every desk records what it was asked to do (a real application would open a ticket,
 * page the on-call engineer or e-mail the executive) and tells the hub it received it.
 */
@Component
public class RoleDesks {
  private static final Logger LOG = LoggerFactory.getLogger(RoleDesks.class);

  private final ObjectProvider<AdvisoryFeed> feed;
  private final Map<Role, List<String>> tasks = new ConcurrentHashMap<>();

  public RoleDesks(ObjectProvider<AdvisoryFeed> feed) {
    this.feed = feed;
  }

  @AdvisoryListener(roles = "EXECUTIVE", minSeverity = "high")
  void executive(RoleAdvisory advisory) {
    record(advisory);
  }

  @AdvisoryListener(roles = "CISO")
  void ciso(RoleAdvisory advisory) {
    record(advisory);
  }

  @AdvisoryListener(roles = "CSIRT")
  void csirt(RoleAdvisory advisory) {
    record(advisory);
  }

  @AdvisoryListener(roles = "SYSTEM_ADMIN")
  void systemAdmin(RoleAdvisory advisory) {
    record(advisory);
  }

  @AdvisoryListener(roles = "CONTROL_SYSTEM")
  void controlSystem(RoleAdvisory advisory) {
    record(advisory);
  }

  /** What each role was asked to do so far, one line per action. */
  public Map<Role, List<String>> tasks() {
    return tasks;
  }

  private void record(RoleAdvisory advisory) {
    List<String> mine = tasks.computeIfAbsent(advisory.role(), r -> new CopyOnWriteArrayList<>());
    for (ActionItem action : advisory.actions()) {
      mine.add(advisory.id() + ": " + action.text().text(Locale.JAPANESE));
    }
    for (AssetAction action : advisory.assetActions()) {
      mine.add(advisory.id() + ": " + action.asset().id() + " — " + action.describe(Locale.JAPANESE));
    }
    LOG.info("{} received {} ({} actions, {} on our assets)", advisory.role(), advisory.id(),
        advisory.actions().size(), advisory.assetActions().size());
    feed.ifAvailable(f -> f.acknowledge(advisory.id(), advisory.revision(), advisory.role(), FeedbackStatus.RECEIVED,
        null, null));
  }
}
