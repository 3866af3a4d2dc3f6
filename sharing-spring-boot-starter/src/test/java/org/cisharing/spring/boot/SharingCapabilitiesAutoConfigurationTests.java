package org.cisharing.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.advisory.AdvisoryRouter;
import org.cisharing.advisory.AdvisoryVerifier;
import org.cisharing.advisory.AssetInventory;
import org.cisharing.advisory.RoleAdvisory;
import org.cisharing.advisory.Severity;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.incident.ReportHook;
import org.cisharing.model.Role;
import org.cisharing.model.Tlp;
import org.cisharing.report.Handling;
import org.cisharing.report.OnwardSharing;
import org.cisharing.scope.ScopeClassifier;
import org.cisharing.spring.boot.test.MockSharingHubAutoConfiguration;
import org.cisharing.test.MockSharingHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The beans of the starter's second phase: classifier, tracker, inventory, router, feed; health and meters. */
class SharingCapabilitiesAutoConfigurationTests {
  static final String[] OPERATOR = {
    "sharing.operator.name=さくら水道企業団",
    "sharing.operator.id=WAT-0001",
    "sharing.operator.sector=WATER",
    "sharing.operator.contacts[0].name=当番",
    "sharing.operator.contacts[0].email=soc@sakura-water.example.jp",
  };

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          SslAutoConfiguration.class,
          SharingAutoConfiguration.class,
          SharingHealthAutoConfiguration.class,
          SharingMetricsAutoConfiguration.class,
          MockSharingHubAutoConfiguration.class));

  @TempDir
  Path tmp;

  // ---------------------------------------------------------------------------- classifier

  @Test
  void usesTheDefaultRulesWithoutRulesLocation() {
    runner.withPropertyValues("sharing.test.mock-hub=true")
        .run(context -> assertThat(context.getBean(ScopeClassifier.class)).isSameAs(ScopeClassifier.defaults()));
  }

  @Test
  void laysTheRulesFileOverTheDefaults() {
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.classification.rules-location=classpath:scope-rules.json")
        .run(context -> {
          assertThat(context).hasNotFailed();
          ScopeClassifier classifier = context.getBean(ScopeClassifier.class);
          assertThat(classifier.rules().ruleIds()).contains("site.plc-mode-change");
          assertThat(classifier.rules().version()).isEqualTo("sakura-water-2026.1");
        });
  }

  @Test
  void failsNamingRulesLocationWhenTheFileIsMissingOrInvalid() {
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.classification.rules-location=file:" + tmp.resolve("none.json"))
        .run(context -> assertThat(invalid(context).getMessage())
            .contains("sharing.classification.rules-location names URL [file:" + tmp.resolve("none.json") + "], which does not exist"));
    Path broken = TestAdvisories.write(tmp.resolve("rules.json"),
        "{\"schema\":\"cisharing.scope-rules/1\",\"rules\":[{\"id\":\"site.typo\",\"when\":{\"anySignals\":[\"port-scan\"]},"
            + "\"then\":{\"urgency\":\"prompt\"},\"ja\":\"誤記\",\"en\":\"typo\"}]}");
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.classification.rules-location=file:" + broken)
        .run(context -> {
          InvalidSharingPropertiesException e = invalid(context);
          assertThat(e.problems()).extracting(InvalidSharingPropertiesException.Problem::property)
              .containsExactly("sharing.classification.rules-location");
          assertThat(e.getMessage()).contains("is not a valid scope-rules file").contains("site.typo");
        });
  }

  @Test
  void backsOffForUserClassifier() {
    ScopeClassifier mine = ScopeClassifier.of(org.cisharing.scope.ScopeRules.defaults());
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.classification.rules-location=file:/nonexistent")
        .withBean(ScopeClassifier.class, () -> mine)
        .run(context -> assertThat(context).hasNotFailed().getBean(ScopeClassifier.class).isSameAs(mine));
  }

  // ------------------------------------------------------------------------------- tracker

  @Test
  void createsNoTrackerWithoutReporter() {
    runner.withPropertyValues("sharing.test.mock-hub=true")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(IncidentTracker.class));
  }

  @Test
  void trackerFilesReportsThroughTheClientToTheHub() {
    runner.withPropertyValues(props("sharing.test.mock-hub=true")).run(context -> {
      assertThat(context).hasNotFailed();
      IncidentTracker tracker = context.getBean(IncidentTracker.class);
      assertThat(tracker.observe(TestAdvisories.scadaDdos())).isTrue();
      assertThat(tracker.flush(Duration.ofSeconds(10))).isTrue();
      MockSharingHub hub = context.getBean(MockSharingHub.class);
      assertThat(hub.awaitReports(1, Duration.ofSeconds(10))).singleElement()
          .satisfies(r -> {
            assertThat(r.stage()).isEqualTo("initial");
            assertThat(r.body()).contains("WAT-0001");
          });
    });
  }

  @Test
  void bindsEveryTrackingProperty() {
    runner.withPropertyValues(props("sharing.test.mock-hub=true",
            "sharing.tracking.correlation-window=10m",
            "sharing.tracking.initial-hold=2m",
            "sharing.tracking.update-interval=5m",
            "sharing.tracking.periodic-update=20m",
            "sharing.tracking.quiet-period=45m",
            "sharing.tracking.max-open-incidents=50",
            "sharing.tracking.queue-capacity=1024",
            "sharing.tracking.approval-mode=true",
            "sharing.tracking.tlp=green",
            "sharing.tracking.onward-sharing=anonymised",
            "sharing.tracking.consent-to-national-centre=true",
            "sharing.tracking.zone=Asia/Tokyo"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          SharingPropertiesMapper.TrackingSettings settings =
              new SharingPropertiesMapper(context.getBean(SharingProperties.class)).trackingSettings();
          assertThat(settings).isEqualTo(new SharingPropertiesMapper.TrackingSettings(Duration.ofMinutes(10),
              Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(20), Duration.ofMinutes(45), 50, 1024, true,
              new Handling(Tlp.GREEN, OnwardSharing.ANONYMISED, true), ZoneId.of("Asia/Tokyo")));
        });
  }

  @Test
  void appliesHandlingApprovalModeAndZoneToTheTrackersReports() {
    runner.withPropertyValues(props("sharing.test.mock-hub=true", "sharing.tracking.approval-mode=true",
            "sharing.tracking.tlp=TLP:AMBER+STRICT", "sharing.tracking.onward-sharing=full",
            "sharing.tracking.consent-to-national-centre=true", "sharing.tracking.zone=Asia/Tokyo"))
        .run(context -> {
          IncidentTracker tracker = context.getBean(IncidentTracker.class);
          tracker.observe(TestAdvisories.scadaDdos());
          assertThat(tracker.flush(Duration.ofSeconds(10))).isTrue();
          assertThat(tracker.pendingApproval()).singleElement().satisfies(r -> {
            assertThat(r.handling()).isEqualTo(new Handling(Tlp.AMBER_STRICT, OnwardSharing.FULL, true));
            assertThat(r.reportedAt().getOffset()).hasToString("+09:00");
          });
          assertThat(context.getBean(MockSharingHub.class).reports()).isEmpty();
        });
  }

  @Test
  void runsReportHookBeansInOrderBeforeSubmit() {
    runner.withUserConfiguration(Hooks.class).withPropertyValues(props("sharing.test.mock-hub=true")).run(context -> {
      IncidentTracker tracker = context.getBean(IncidentTracker.class);
      tracker.observe(TestAdvisories.scadaDdos());
      assertThat(tracker.flush(Duration.ofSeconds(10))).isTrue();
      assertThat(context.getBean("seen", Recorded.class).items).containsExactly("first:initial", "second:initial");
      assertThat(tracker.stats().reportsVetoed()).isEqualTo(1);
      assertThat(context.getBean(MockSharingHub.class).reports()).isEmpty();
    });
  }

  @Test
  void failsFastListingEveryInvalidTrackingProperty() {
    runner.withPropertyValues(props("sharing.test.mock-hub=true",
            "sharing.tracking.correlation-window=0s",
            "sharing.tracking.initial-hold=11m",
            "sharing.tracking.max-open-incidents=0",
            "sharing.tracking.queue-capacity=-1",
            "sharing.tracking.tlp=PURPLE",
            "sharing.tracking.onward-sharing=everyone",
            "sharing.tracking.zone=Mars/Olympus"))
        .run(context -> {
          InvalidSharingPropertiesException e = invalid(context);
          assertThat(e.problems()).extracting(InvalidSharingPropertiesException.Problem::property).containsExactly(
              "sharing.tracking.correlation-window", "sharing.tracking.initial-hold", "sharing.tracking.max-open-incidents",
              "sharing.tracking.queue-capacity", "sharing.tracking.tlp", "sharing.tracking.onward-sharing",
              "sharing.tracking.zone");
          assertThat(e.getMessage())
              .contains("sharing.tracking.initial-hold must be between 0s and 10m: PT11M")
              .contains("sharing.tracking.tlp 'PURPLE' is not a TLP label")
              .contains("sharing.tracking.onward-sharing 'everyone' is not one of none, anonymised, full")
              .contains("sharing.tracking.zone 'Mars/Olympus' is not a time zone id");
        });
  }

  @Test
  void backsOffForUserTrackerAndAppliesCustomizersToItsOwn() {
    runner.withPropertyValues(props("sharing.test.mock-hub=true"))
        .withBean("myTracker", IncidentTracker.class, () -> IncidentTracker.builder()
            .reporter(TestReports.initial().reporter()).sink(r -> { }).build(), bd -> bd.setDestroyMethodName("close"))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(IncidentTracker.class).hasBean("myTracker");
          assertThat(context).doesNotHaveBean(IncidentTrackerLifecycle.class);
        });
    runner.withPropertyValues(props("sharing.test.mock-hub=true", "sharing.tracking.approval-mode=true"))
        .withBean(IncidentTrackerCustomizer.class, () -> b -> b.approvalMode(false))
        .run(context -> {
          IncidentTracker tracker = context.getBean(IncidentTracker.class);
          tracker.observe(TestAdvisories.scadaDdos());
          assertThat(tracker.flush(Duration.ofSeconds(10))).isTrue();
          assertThat(tracker.pendingApproval()).isEmpty();
          assertThat(tracker.stats().reportsFiled()).isEqualTo(1);
        });
  }

  // ------------------------------------------------------------------------------ inventory

  @Test
  void createsNoInventoryWithoutLocation() {
    runner.withPropertyValues("sharing.test.mock-hub=true")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AssetInventory.class));
  }

  @Test
  void readsTheInventoryAsJsonOrCsvByItsName() {
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.assets.location=classpath:sakura-water-inventory.json")
        .run(context -> assertThat(context.getBean(AssetInventory.class).asset("scada-01")).isPresent());
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.assets.location=classpath:sakura-water-inventory.csv")
        .run(context -> assertThat(context.getBean(AssetInventory.class).asset("hmi-02")).isPresent());
  }

  @Test
  void failsNamingTheInventoryLocationWhenItIsInvalid() {
    Path csv = TestAdvisories.write(tmp.resolve("assets.csv"), "id,name,ownerRole\ngw-01,VPN,\ngw-01,VPN,SYSTEM_ADMIN\n");
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.assets.location=file:" + csv)
        .run(context -> {
          InvalidSharingPropertiesException e = invalid(context);
          assertThat(e.problems()).extracting(InvalidSharingPropertiesException.Problem::property)
              .containsExactly("sharing.assets.location");
          assertThat(e.getMessage()).contains("is not a valid CSV inventory").contains("line 2");
        });
  }

  @Test
  void routerMatchesAdvisoriesAgainstTheInventoryBean() {
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.assets.location=classpath:sakura-water-inventory.json")
        .withUserConfiguration(SysAdminDesk.class)
        .run(context -> {
          AdvisoryRouter router = context.getBean(AdvisoryRouter.class);
          router.route(org.cisharing.json.SharingJson.read(TestAdvisories.exposedPorts(), org.cisharing.advisory.Advisory.class));
          List<RoleAdvisory> got = context.getBean(SysAdminDesk.class).received;
          assertThat(got).isNotEmpty();
          assertThat(got.get(0).assetActions()).isNotEmpty();
        });
  }

  // --------------------------------------------------------------------------------- router

  @Test
  void bindsClearancesDefaultRoleAndMaxAttempts() {
    runner.withPropertyValues("sharing.test.mock-hub=true",
            "sharing.advisories.clearances.EXECUTIVE=TLP:AMBER",
            "sharing.advisories.clearances.csirt=red",
            "sharing.advisories.clearances[SYSTEM_ADMIN]=TLP:GREEN",
            "sharing.advisories.default-clearance=TLP:AMBER",
            "sharing.advisories.default-role=SYSTEM_ADMIN",
            "sharing.advisories.max-attempts=5")
        .run(context -> {
          assertThat(context).hasNotFailed();
          AdvisoryRouter router = context.getBean(AdvisoryRouter.class);
          assertThat(router.clearance(Role.EXECUTIVE)).isEqualTo(Tlp.AMBER);
          assertThat(router.clearance(Role.CSIRT)).isEqualTo(Tlp.RED);
          assertThat(router.clearance(Role.SYSTEM_ADMIN)).isEqualTo(Tlp.GREEN);
          assertThat(router.clearance(Role.CISO)).isEqualTo(Tlp.AMBER);
          SharingPropertiesMapper.RouterSettings settings =
              new SharingPropertiesMapper(context.getBean(SharingProperties.class)).routerSettings();
          assertThat(settings.defaultRole()).isEqualTo(Role.SYSTEM_ADMIN);
          assertThat(settings.maxAttempts()).isEqualTo(5);
        });
  }

  @Test
  void failsFastListingEveryInvalidAdvisoryProperty() {
    runner.withPropertyValues("sharing.test.mock-hub=true",
            "sharing.advisories.clearances.EXECUTIVE=TOP-SECRET",
            "sharing.advisories.default-role=経営層",
            "sharing.advisories.max-attempts=11")
        .run(context -> {
          InvalidSharingPropertiesException e = invalid(context);
          assertThat(e.problems()).extracting(InvalidSharingPropertiesException.Problem::property).containsExactly(
              "sharing.advisories.clearances.EXECUTIVE", "sharing.advisories.default-role",
              "sharing.advisories.max-attempts");
          assertThat(e.getMessage())
              .contains("sharing.advisories.clearances.EXECUTIVE 'TOP-SECRET' is not a TLP label")
              .contains("sharing.advisories.default-role: it '経営層' is not a role code")
              .contains("sharing.advisories.max-attempts must be between 1 and 10: 11");
        });
  }

  @Test
  void backsOffForUserRouterAndAppliesCustomizersToItsOwn() {
    AdvisoryRouter mine = AdvisoryRouter.builder().build();
    runner.withPropertyValues("sharing.test.mock-hub=true").withBean(AdvisoryRouter.class, () -> mine)
        .run(context -> assertThat(context).hasNotFailed().getBean(AdvisoryRouter.class).isSameAs(mine));
    List<RoleAdvisory> heard = new CopyOnWriteArrayList<>();
    runner.withPropertyValues("sharing.test.mock-hub=true")
        .withBean(AdvisoryRouterCustomizer.class, () -> b -> b.handler(Role.EXECUTIVE, heard::add))
        .run(context -> {
          context.getBean(AdvisoryRouter.class).route(TestAdvisories.advisory("ADV-1", Severity.LOW, Tlp.GREEN));
          assertThat(heard).extracting(RoleAdvisory::role).containsExactly(Role.EXECUTIVE);
        });
  }

  // ----------------------------------------------------------------------------------- feed

  @Test
  void createsNoFeedWithoutTrustedKeysOrWhenDisabled() {
    runner.withPropertyValues("sharing.test.mock-hub=true")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AdvisoryFeed.class)
            .doesNotHaveBean(AdvisoryVerifier.class).hasSingleBean(AdvisoryRouter.class));
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.advisories.enabled=false",
            "sharing.advisories.trusted-keys=file:/nonexistent")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AdvisoryFeed.class));
  }

  @Test
  void createsTheFeedFromTrustedKeysWithStateNextToTheOutbox() {
    try (MockSharingHub keys = new MockSharingHub()) {
      Path jwks = TestAdvisories.write(tmp.resolve("hub.jwks.json"), keys.jwks());
      runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.outbox.directory=" + tmp.resolve("outbox"),
              "sharing.advisories.trusted-keys=file:" + jwks)
          .run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(AdvisoryFeed.class);
            assertThat(context.getBean(AdvisoryVerifier.class).keyIds()).containsExactly(keys.signer().kid());
            assertThat(tmp.resolve("outbox-advisories")).isDirectory();
            assertThat(context.getBean(AdvisoryFeedLifecycle.class).isRunning()).isTrue();
          });
    }
  }

  @Test
  void bindsEveryFeedProperty() {
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.advisories.verification=false",
            "sharing.advisories.poll-interval=30s", "sharing.advisories.reconcile-interval=6h",
            "sharing.advisories.page-limit=20", "sharing.advisories.state-directory=" + tmp.resolve("feed"))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(AdvisoryFeed.class);
          assertThat(context.getBean(AdvisoryVerifier.class).isVerifying()).isFalse();
          assertThat(new SharingPropertiesMapper(context.getBean(SharingProperties.class)).feedSettings(null))
              .isEqualTo(new SharingPropertiesMapper.FeedSettings(Duration.ofSeconds(30), Duration.ofHours(6), 20,
                  tmp.resolve("feed")));
          assertThat(tmp.resolve("feed")).isDirectory();
        });
  }

  @Test
  void failsFastWhenTheFeedCannotVerifyOrHasNoState() {
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.advisories.enabled=true")
        .run(context -> assertThat(invalid(context).getMessage()).contains("sharing.advisories.trusted-keys must be set"));
    Path notAJwks = TestAdvisories.write(tmp.resolve("keys.json"), "{\"keys\": []}");
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.advisories.trusted-keys=file:" + notAJwks)
        .run(context -> assertThat(invalid(context).getMessage())
            .contains("sharing.advisories.trusted-keys (URL [file:" + notAJwks + "]) is not a usable JWK Set: /keys: no usable key"));
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.advisories.trusted-keys=file:" + notAJwks,
            "sharing.advisories.verification=false")
        .run(context -> assertThat(invalid(context).getMessage())
            .contains("sharing.advisories.verification=false contradicts sharing.advisories.trusted-keys"));
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.advisories.verification=false",
            "sharing.advisories.poll-interval=0s", "sharing.advisories.page-limit=101")
        .run(context -> assertThat(invalid(context).problems()).extracting(InvalidSharingPropertiesException.Problem::property)
            .containsExactly("sharing.advisories.poll-interval", "sharing.advisories.page-limit"));
  }

  @Test
  void backsOffForUserFeedAndVerifier() {
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.advisories.enabled=true")
        .withBean(AdvisoryVerifier.class, () -> AdvisoryVerifier.unverified(java.time.Clock.systemUTC()))
        .withBean(AdvisoryFeed.class, () -> null)
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(AdvisoryFeedLifecycle.class));
  }

  // ------------------------------------------------------------------------ health, meters

  @Test
  void healthShowsTheFeedAndTheTracker() {
    runner.withPropertyValues(props("sharing.test.mock-hub=true", "sharing.advisories.verification=false")).run(context -> {
      HealthIndicator indicator = context.getBean("sharingHealthIndicator", HealthIndicator.class);
      AdvisoryFeed feed = context.getBean(AdvisoryFeed.class);
      assertThat(feed.pollOnce().ok()).isTrue();
      IncidentTracker tracker = context.getBean(IncidentTracker.class);
      tracker.observe(TestAdvisories.scadaDdos());
      assertThat(tracker.flush(Duration.ofSeconds(10))).isTrue();

      Health health = indicator.health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      @SuppressWarnings("unchecked")
      Map<String, Object> advisories = (Map<String, Object>) health.getDetails().get("advisories");
      assertThat(advisories).containsEntry("quarantined", 0L).containsKey("lastSuccessfulPoll");
      assertThat((String) advisories.get("lastSuccessfulPoll")).isNotEqualTo("none since start");
      @SuppressWarnings("unchecked")
      Map<String, Object> incidents = (Map<String, Object>) health.getDetails().get("incidents");
      assertThat(incidents).containsEntry("open", 1).containsEntry("deadlinesAtRisk", List.of());

      feed.accept("{\"jws\": \"not a jws\"}");
      Health quarantined = indicator.health();
      assertThat(quarantined.getStatus()).isEqualTo(SharingHealthIndicator.WARNING);
      assertThat(quarantined.getDetails()).containsEntry("reason",
          "1 advisories were quarantined (refused signature or format)");
    });
  }

  @Test
  void registersAdvisoryAndTrackerMeters() {
    runner.withBean(MeterRegistry.class, io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
        .withPropertyValues(props("sharing.test.mock-hub=true", "sharing.advisories.verification=false"))
        .run(context -> {
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          // Bound by Boot's post-processor only with its metrics auto-configuration (see the end-to-end test).
          context.getBean(SharingAdvisoryMeterBinder.class).bindTo(registry);
          context.getBean(SharingTrackerMeterBinder.class).bindTo(registry);
          AdvisoryRouter router = context.getBean(AdvisoryRouter.class);
          router.route(TestAdvisories.advisory("ADV-RED", Severity.HIGH, Tlp.RED));
          context.getBean(AdvisoryFeed.class).accept("{}");
          IncidentTracker tracker = context.getBean(IncidentTracker.class);
          tracker.observe(TestAdvisories.scadaDdos());
          tracker.observe(null);
          assertThat(tracker.flush(Duration.ofSeconds(10))).isTrue();

          assertThat(registry.get("sharing.advisories.received").functionCounter().count()).isEqualTo(1.0);
          assertThat(registry.get("sharing.advisories.withheld").functionCounter().count()).isEqualTo(2.0);
          assertThat(registry.get("sharing.advisories.quarantined").functionCounter().count()).isEqualTo(1.0);
          assertThat(registry.get("sharing.observations.shed").tag("reason", "invalid").functionCounter().count())
              .isEqualTo(1.0);
          assertThat(registry.get("sharing.observations.shed").tag("reason", "queue_full").functionCounter().count())
              .isZero();
          assertThat(registry.get("sharing.incidents.open").gauge().value()).isEqualTo(1.0);
        });
  }

  // ------------------------------------------------------------------------------ lifecycle

  @Test
  void stopsFeedThenTrackerThenClient() {
    runner.withPropertyValues(props("sharing.test.mock-hub=true", "sharing.advisories.verification=false")).run(context -> {
      assertThat(AdvisoryFeedLifecycle.PHASE).isGreaterThan(IncidentTrackerLifecycle.PHASE);
      assertThat(IncidentTrackerLifecycle.PHASE).isGreaterThan(SharingClientLifecycle.PHASE);
      IncidentTracker tracker = context.getBean(IncidentTracker.class);
      tracker.observe(TestAdvisories.scadaDdos());
      context.stop();
      // The tracker's queue was processed and its report flushed to the hub by the client's stop.
      assertThat(context.getBean(MockSharingHub.class).reports()).hasSize(1);
      assertThat(context.getBean(AdvisoryFeedLifecycle.class).isRunning()).isFalse();
      context.start();
      assertThat(context.getBean(AdvisoryFeedLifecycle.class).isRunning()).isTrue();
    });
  }

  // -------------------------------------------------------------------------------- helpers

  static String[] props(String... more) {
    String[] all = new String[OPERATOR.length + more.length];
    System.arraycopy(OPERATOR, 0, all, 0, OPERATOR.length);
    System.arraycopy(more, 0, all, OPERATOR.length, more.length);
    return all;
  }

  static InvalidSharingPropertiesException invalid(ApplicationContextAssertProvider<?> context) {
    assertThat(context).hasFailed();
    Throwable t = context.getStartupFailure();
    while (t != null && !(t instanceof InvalidSharingPropertiesException)) {
      t = t.getCause();
    }
    assertThat(t).as("cause chain of %s", context.getStartupFailure()).isInstanceOf(InvalidSharingPropertiesException.class);
    return (InvalidSharingPropertiesException) t;
  }

  static final class Recorded {
    final List<String> items = new CopyOnWriteArrayList<>();
  }

  @Configuration(proxyBeanMethods = false)
  static class Hooks {
    @Bean
    Recorded seen() {
      return new Recorded();
    }

    @Bean
    @Order(2)
    ReportHook second(Recorded seen) {
      return (report, incident) -> {
        seen.items.add("second:" + report.stage().code());
        return null; // veto
      };
    }

    @Bean
    @Order(1)
    ReportHook first(Recorded seen) {
      return (report, incident) -> {
        seen.items.add("first:" + report.stage().code());
        return report;
      };
    }
  }

  static class SysAdminDesk {
    final List<RoleAdvisory> received = new CopyOnWriteArrayList<>();

    @AdvisoryListener(roles = "SYSTEM_ADMIN")
    void onAdvisory(RoleAdvisory advisory) {
      received.add(advisory);
    }
  }
}
