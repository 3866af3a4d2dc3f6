package org.cisharing.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.security.cert.X509Certificate;
import org.cisharing.RetryPolicy;
import org.cisharing.SharingClient;
import org.cisharing.SharingListener;
import org.cisharing.model.Contact;
import org.cisharing.model.Organization;
import org.cisharing.model.Sector;
import org.cisharing.outbox.FileOutbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.report.Receipt;
import org.cisharing.report.Reporter;
import org.cisharing.spring.boot.test.MockSharingHubAutoConfiguration;
import org.cisharing.test.MockSharingHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

class SharingAutoConfigurationTests {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(
          SslAutoConfiguration.class,
          SharingAutoConfiguration.class,
          SharingHealthAutoConfiguration.class,
          SharingMetricsAutoConfiguration.class,
          MockSharingHubAutoConfiguration.class));

  @TempDir
  Path tmp;

  // ------------------------------------------------------------------------------ on and off

  @Test
  void backsOffWithoutHubUrl() {
    runner.withPropertyValues("sharing.outbox.directory=" + tmp).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean(SharingClient.class);
      assertThat(context).doesNotHaveBean(SharingProperties.class);
      assertThat(context).doesNotHaveBean(HealthIndicator.class);
    });
  }

  @Test
  void backsOffForUserDefinedClient() {
    try (MockSharingHub hub = new MockSharingHub().start()) {
      runner.withPropertyValues("sharing.hub.url=https://hub.example.go.jp", "sharing.outbox.directory=" + tmp.resolve("ignored"))
          .withBean("myClient", SharingClient.class, () -> SharingClient.builder().hubUrl(hub.baseUrl())
              .allowInsecureLoopback(true).outboxDirectory(tmp.resolve("mine")).build())
          .run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(SharingClient.class).hasBean("myClient");
            assertThat(context).doesNotHaveBean(SharingClientLifecycle.class);
            assertThat(context.getBean(SharingClient.class).outbox())
                .isInstanceOfSatisfying(FileOutbox.class, o -> assertThat(o.directory()).isEqualTo(tmp.resolve("mine")));
            assertThat(tmp.resolve("ignored")).doesNotExist();
          });
    }
  }

  @Test
  void turnsOnForConnectionDetailsBeanWithoutHubUrl() {
    try (MockSharingHub hub = new MockSharingHub().token("t0ken").start()) {
      runner.withPropertyValues("sharing.outbox.directory=" + tmp)
          .withBean(SharingHubConnectionDetails.class, () -> new SharingHubConnectionDetails() {
            @Override
            public java.net.URI url() {
              return hub.baseUrl();
            }

            @Override
            public java.util.Optional<String> bearerToken() {
              return java.util.Optional.of("t0ken");
            }

            @Override
            public boolean allowInsecureLoopback() {
              return true;
            }
          })
          .run(context -> {
            assertThat(context).hasNotFailed();
            SharingClient client = context.getBean(SharingClient.class);
            client.submit(TestReports.initial());
            assertThat(client.flush(Duration.ofSeconds(10))).isZero();
            assertThat(hub.reports()).hasSize(1);
          });
    }
  }

  // --------------------------------------------------------------------------------- binding

  @Test
  void bindsEveryPropertyGroup() {
    runner.withPropertyValues(
            "sharing.hub.url=https://hub.example.go.jp/base",
            "sharing.hub.token=s3cret",
            "sharing.hub.connect-timeout=3s",
            "sharing.hub.read-timeout=7s",
            "sharing.hub.call-timeout=11s",
            "sharing.operator.name=さくら水道企業団",
            "sharing.operator.id=WAT-0001",
            "sharing.operator.sector=water",
            "sharing.operator.sub-sector=上水道",
            "sharing.operator.ceptoar=水道セプター",
            "sharing.operator.ministry=国土交通省",
            "sharing.operator.contacts[0].name=当番",
            "sharing.operator.contacts[0].email=soc@sakura-water.example.jp",
            "sharing.operator.contacts[0].available24h=true",
            "sharing.operator.contacts[1].name=情報システム課",
            "sharing.operator.contacts[1].phone=+81-3-1234-5678",
            "sharing.outbox.directory=" + tmp,
            "sharing.outbox.max-entries=500",
            "sharing.outbox.max-bytes=20MB",
            "sharing.outbox.close-timeout=2s",
            "sharing.outbox.delivery-concurrency=2",
            "sharing.retry.initial-backoff=250ms",
            "sharing.retry.max-backoff=1m",
            "sharing.retry.max-retry-after=10m",
            "sharing.retry.jitter=false")
        .run(context -> {
          assertThat(context).hasNotFailed();
          SharingClient client = context.getBean(SharingClient.class);
          assertThat(client.outbox()).isInstanceOfSatisfying(FileOutbox.class, o -> {
            assertThat(o.directory()).isEqualTo(tmp);
            assertThat(o.config()).isEqualTo(new OutboxConfig(500, 20L * 1024 * 1024));
          });
          assertThat(client.toString()).contains("https://hub.example.go.jp/base").doesNotContain("s3cret");

          SharingPropertiesMapper.ClientSettings settings = settings(context);
          assertThat(settings.hubUrl()).hasToString("https://hub.example.go.jp/base");
          assertThat(settings.token()).isEqualTo("s3cret");
          assertThat(settings.toString()).doesNotContain("s3cret");
          assertThat(settings.allowInsecureLoopback()).isFalse();
          assertThat(settings.sslContext()).isNull();
          assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
          assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(7));
          assertThat(settings.callTimeout()).isEqualTo(Duration.ofSeconds(11));
          assertThat(settings.closeTimeout()).isEqualTo(Duration.ofSeconds(2));
          assertThat(settings.deliveryConcurrency()).isEqualTo(2);
          assertThat(settings.retryPolicy()).isEqualTo(
              new RetryPolicy(Duration.ofMillis(250), Duration.ofMinutes(1), Duration.ofMinutes(10), false));

          assertThat(context.getBean(Reporter.class)).isEqualTo(new Reporter(
              new Organization("さくら水道企業団", "WAT-0001", Sector.WATER, "上水道", "水道セプター", "国土交通省"),
              List.of(new Contact("当番", "soc@sakura-water.example.jp", null, true),
                  new Contact("情報システム課", null, "+81-3-1234-5678", false))));
        });
  }

  @Test
  void usesCoreDefaultsWhenOnlyUrlAndDirectoryAreSet() {
    runner.withPropertyValues("sharing.hub.url=https://hub.example.go.jp", "sharing.outbox.directory=" + tmp)
        .run(context -> {
          assertThat(context).hasNotFailed();
          SharingPropertiesMapper.ClientSettings settings = settings(context);
          assertThat(settings.retryPolicy()).isEqualTo(RetryPolicy.defaults());
          assertThat(settings.outboxConfig()).isEqualTo(OutboxConfig.defaults());
          assertThat(settings.token()).isNull();
          assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
          assertThat(settings.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
          assertThat(context).doesNotHaveBean(Reporter.class);
          assertThat(context.getBean(SharingClientLifecycle.class).getPhase()).isEqualTo(SharingClientLifecycle.PHASE);
        });
  }

  @Test
  void mapsSslBundleToClientTls() {
    runner.withPropertyValues("sharing.hub.url=https://hub.example.go.jp", "sharing.outbox.directory=" + tmp,
            "sharing.hub.ssl.bundle=hub",
            "spring.ssl.bundle.pem.hub.keystore.certificate=classpath:hub-client.crt",
            "spring.ssl.bundle.pem.hub.keystore.private-key=classpath:hub-client.key",
            "spring.ssl.bundle.pem.hub.truststore.certificate=classpath:hub-client.crt")
        .run(context -> {
          assertThat(context).hasNotFailed();
          SharingPropertiesMapper.ClientSettings settings = settings(context);
          assertThat(settings.sslContext()).isNotNull();
          assertThat(settings.trustManager().getAcceptedIssuers()).extracting(X509Certificate::getSubjectX500Principal)
              .extracting(Object::toString).containsExactly("CN=sharing-test-client");
        });
  }

  // ------------------------------------------------------------------------------ validation

  @Test
  void failsFastListingEveryInvalidPropertyByName() {
    runner.withPropertyValues(
            "sharing.hub.url=http://hub.example.go.jp",
            "sharing.hub.token= ",
            "sharing.hub.read-timeout=0s",
            "sharing.outbox.directory=" + tmp,
            "sharing.outbox.max-entries=0",
            "sharing.outbox.delivery-concurrency=65",
            "sharing.retry.initial-backoff=10s",
            "sharing.retry.max-backoff=1s")
        .run(context -> {
          assertThat(context).hasFailed();
          InvalidSharingPropertiesException e = invalid(context);
          assertThat(e.problems()).extracting(InvalidSharingPropertiesException.Problem::property).containsExactly(
              "sharing.hub.url", "sharing.hub.token", "sharing.hub.read-timeout", "sharing.outbox.max-entries",
              "sharing.outbox.delivery-concurrency", "sharing.retry.max-backoff");
          assertThat(e.getMessage())
              .contains("sharing.hub.url must be https (or http to a loopback host with sharing.hub.allow-insecure-loopback=true)")
              .contains("sharing.outbox.max-entries must be positive: 0")
              .contains("sharing.outbox.delivery-concurrency must be between 1 and 64: 65")
              .doesNotContain("s3cret");
          FailureAnalysis analysis = new InvalidSharingPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
          assertThat(analysis).isNotNull();
          assertThat(analysis.getDescription()).contains("- sharing.outbox.max-entries must be positive: 0");
          assertThat(analysis.getAction()).contains("docs/configuration.md");
        });
  }

  @Test
  void registersFailureAnalyzerForSpringBootStartupReports() {
    // Other analyzers need constructor arguments that only a running application supplies: skip them.
    assertThat(org.springframework.core.io.support.SpringFactoriesLoader.forDefaultResourceLocation()
        .load(org.springframework.boot.diagnostics.FailureAnalyzer.class, null,
            org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> { })))
        .hasAtLeastOneElementOfType(InvalidSharingPropertiesFailureAnalyzer.class);
  }

  @Test
  void refusesPlainHttpToLoopbackWithoutOptIn() {
    runner.withPropertyValues("sharing.hub.url=http://127.0.0.1:8080", "sharing.outbox.directory=" + tmp)
        .run(context -> assertThat(invalid(context).getMessage())
            .contains("sharing.hub.url must be https (or http to a loopback host with sharing.hub.allow-insecure-loopback=true): http://127.0.0.1:8080"));
    runner.withPropertyValues("sharing.hub.url=http://127.0.0.1:8080", "sharing.hub.allow-insecure-loopback=true",
            "sharing.outbox.directory=" + tmp)
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(SharingClient.class));
  }

  @Test
  void requiresOutboxDirectoryOrForJdbcADataSource() {
    runner.withPropertyValues("sharing.hub.url=https://hub.example.go.jp")
        .run(context -> assertThat(invalid(context).problems()).extracting(InvalidSharingPropertiesException.Problem::message)
            .containsExactly("sharing.outbox.directory must be set: the directory where reports wait durably for the hub "
                + "(it must survive restarts)"));
    runner.withPropertyValues("sharing.hub.url=https://hub.example.go.jp", "sharing.outbox.store=jdbc")
        .run(context -> assertThat(invalid(context).getMessage()).contains("sharing.outbox.store=jdbc needs a DataSource bean"));
  }

  @Test
  void segmentStoreKeepsItsLogInTheOutboxDirectoryAndDelivers() {
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.outbox.store=segment",
            "sharing.outbox.directory=" + tmp.resolve("segments"), "sharing.outbox.max-entries=500")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(org.cisharing.outbox.Outbox.class);
          org.cisharing.outbox.SegmentOutbox outbox = context.getBean(org.cisharing.outbox.SegmentOutbox.class);
          assertThat(outbox.config().maxEntries()).isEqualTo(500);
          SharingClient client = context.getBean(SharingClient.class);
          client.submit(TestReports.initial());
          assertThat(client.flush(Duration.ofSeconds(10))).isZero();
          assertThat(context.getBean(MockSharingHub.class).reports()).hasSize(1);
        });
    assertThat(tmp.resolve("segments").resolve("segment.lock")).exists();
    assertThat(tmp.resolve("segments").resolve("segments")).isDirectoryContaining("glob:**.log");
  }

  @Test
  void segmentStoreNeedsADirectory() {
    runner.withPropertyValues("sharing.hub.url=https://hub.example.go.jp", "sharing.outbox.store=segment")
        .run(context -> assertThat(invalid(context).problems()).extracting(InvalidSharingPropertiesException.Problem::property)
            .containsExactly("sharing.outbox.directory"));
  }

  @Test
  void refusesUnknownSslBundle() {
    runner.withPropertyValues("sharing.hub.url=https://hub.example.go.jp", "sharing.outbox.directory=" + tmp,
            "sharing.hub.ssl.bundle=nope")
        .run(context -> assertThat(invalid(context).getMessage())
            .contains("sharing.hub.ssl.bundle=nope names no SSL bundle: define spring.ssl.bundle.jks.nope.*"));
  }

  @Test
  void refusesPartialOperatorNamingWhatIsMissing() {
    runner.withPropertyValues("sharing.hub.url=https://hub.example.go.jp", "sharing.outbox.directory=" + tmp,
            "sharing.operator.id=WAT-0001", "sharing.operator.sector=not a code",
            "sharing.operator.contacts[0].name=当番")
        .run(context -> assertThat(invalid(context).problems()).extracting(InvalidSharingPropertiesException.Problem::property)
            .containsExactly("sharing.operator.name", "sharing.operator.sector", "sharing.operator.contacts[0].email"));
  }

  // ------------------------------------------------------------------- optional dependencies

  @Test
  void worksWithoutActuatorMicrometerOrTestKit() {
    // Hides whole libraries (packages), as when the jars are absent.
    runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health", "io.micrometer", "org.cisharing.test"))
        .withPropertyValues("sharing.hub.url=https://hub.example.go.jp", "sharing.outbox.directory=" + tmp,
            "sharing.test.mock-hub=true")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(SharingClient.class);
          assertThat(context).doesNotHaveBean("sharingHealthIndicator");
          assertThat(context).doesNotHaveBean(SharingListenerContribution.class);
          assertThat(context).doesNotHaveBean("mockSharingHub");
        });
  }

  // ------------------------------------------------------------------ customizers, listeners

  @Test
  void appliesCustomizersInOrderAfterProperties() {
    try (MockSharingHub hub = new MockSharingHub().token("from-customizer").start()) {
      runner.withUserConfiguration(Customizers.class)
          .withPropertyValues("sharing.hub.url=" + hub.baseUrl(), "sharing.hub.allow-insecure-loopback=true",
              "sharing.hub.token=from-properties", "sharing.outbox.directory=" + tmp)
          .run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("calls", Recorded.class).items).containsExactly("first", "second");
            SharingClient client = context.getBean(SharingClient.class);
            client.submit(TestReports.initial());
            assertThat(client.flush(Duration.ofSeconds(10))).isZero();
            assertThat(client.deadLetters()).isEmpty();
            assertThat(hub.reports()).hasSize(1);
          });
    }
  }

  @Test
  void composesEveryListenerBeanWithTheStartersOwn() {
    runner.withUserConfiguration(Listeners.class)
        .withBean(MeterRegistry.class, io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
        .withPropertyValues("sharing.test.mock-hub=true")
        .run(context -> {
          assertThat(context).hasNotFailed();
          SharingClient client = context.getBean(SharingClient.class);
          client.submit(TestReports.initial());
          assertThat(client.flush(Duration.ofSeconds(10))).isZero();
          awaitCount(context.getBean(MeterRegistry.class), SharingMetricsListener.DELIVERED, 1.0);
          assertThat(context.getBean("heard", Recorded.class).items).containsExactly("a:submitted", "b:submitted", "a:delivered", "b:delivered");
          assertThat(context.getBean(MeterRegistry.class).get(SharingMetricsListener.DELIVERED).counter().count())
              .isEqualTo(1.0);
        });
  }

  // ------------------------------------------------------------------------- health, metrics

  @Test
  void reportsHealthUpWithOutboxDetailsThenWarningForDeadLetters() {
    runner.withPropertyValues("sharing.test.mock-hub=true").run(context -> {
      assertThat(context).hasNotFailed();
      SharingClient client = context.getBean(SharingClient.class);
      MockSharingHub hub = context.getBean(MockSharingHub.class);
      HealthIndicator indicator = context.getBean("sharingHealthIndicator", HealthIndicator.class);

      Health idle = indicator.health();
      assertThat(idle.getStatus()).isEqualTo(Status.UP);
      assertThat(idle.getDetails()).containsEntry("pending", 0).containsEntry("deadLetters", 0)
          .containsEntry("lastDelivery", "none since start").containsEntry("maxEntries", OutboxConfig.DEFAULT_MAX_ENTRIES)
          .doesNotContainKey("oldestPending");

      client.submit(TestReports.initial());
      assertThat(client.flush(Duration.ofSeconds(10))).isZero();
      await(() -> client.stats().lastDelivery().isPresent());
      Health delivered = indicator.health();
      assertThat(delivered.getStatus()).isEqualTo(Status.UP);
      assertThat(delivered.getDetails()).containsEntry("delivered", 1L).containsKey("lastDelivery");
      assertThat((String) delivered.getDetails().get("lastDelivery")).isNotEqualTo("none since start");

      hub.failNext(1, 422);
      client.submit(TestReports.initial());
      assertThat(client.flush(Duration.ofSeconds(10))).isZero();
      Health refused = indicator.health();
      assertThat(refused.getStatus()).isEqualTo(SharingHealthIndicator.WARNING);
      assertThat(refused.getDetails()).containsEntry("deadLetters", 1)
          .containsEntry("reason", "1 reports were refused by the hub for good");
    });
  }

  @Test
  void reportsHealthDownWhenOutboxIsNearItsCap() {
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.outbox.directory=" + tmp,
        "sharing.outbox.max-entries=2", "sharing.outbox.close-timeout=0s").run(context -> {
          MockSharingHub hub = context.getBean(MockSharingHub.class);
          hub.down();
          SharingClient client = context.getBean(SharingClient.class);
          HealthIndicator indicator = context.getBean("sharingHealthIndicator", HealthIndicator.class);
          client.submit(TestReports.initial());
          assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
          client.submit(TestReports.initial());
          Health full = indicator.health();
          assertThat(full.getStatus()).isEqualTo(Status.DOWN);
          assertThat(full.getDetails()).containsEntry("pending", 2).containsKey("oldestPendingAge")
              .containsEntry("reason", "outbox holds 2 of at most 2 entries; new reports will soon be refused");
        });
  }

  @Test
  void keepsHealthIndicatorOutOfTheLivenessGroup() {
    runner.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
            HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
            HealthEndpointAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
            AvailabilityProbesAutoConfiguration.class))
        .withPropertyValues("sharing.test.mock-hub=true", "management.endpoint.health.probes.enabled=true")
        .run(context -> {
          assertThat(context).hasNotFailed();
          HealthEndpointGroups groups = context.getBean(HealthEndpointGroups.class);
          assertThat(groups.getPrimary().isMember("sharing")).isTrue();
          assertThat(groups.get("liveness").isMember("sharing")).isFalse();
          assertThat(groups.get("liveness").isMember("livenessState")).isTrue();
          assertThat(groups.get("readiness").isMember("sharing")).isFalse();
        });
  }

  @Test
  void canTurnHealthIndicatorOff() {
    runner.withPropertyValues("sharing.test.mock-hub=true", "management.health.sharing.enabled=false")
        .run(context -> assertThat(context).hasSingleBean(SharingClient.class).doesNotHaveBean("sharingHealthIndicator"));
  }

  @Test
  void registersMetersAndCountsAgainstMockHub() {
    runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
            CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
        .withPropertyValues("sharing.test.mock-hub=true", "sharing.retry.initial-backoff=10ms",
            "sharing.retry.max-backoff=10ms")
        .run(context -> {
          assertThat(context).hasNotFailed();
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.get("sharing.reports.submitted").tag("kind", "report").counter().count()).isZero();
          assertThat(registry.get("sharing.outbox.depth").gauge().value()).isZero();
          assertThat(registry.get("sharing.outbox.oldest.age").gauge().value()).isZero();
          assertThat(registry.get("sharing.outbox.quarantined").gauge().value()).isZero();

          MockSharingHub hub = context.getBean(MockSharingHub.class);
          SharingClient client = context.getBean(SharingClient.class);
          hub.failNext(1, 503);
          client.submit(TestReports.initial());
          assertThat(client.flush(Duration.ofSeconds(10))).isZero();
          hub.failNext(1, 400);
          client.submit(TestReports.initial());
          assertThat(client.flush(Duration.ofSeconds(10))).isZero();

          // Listeners hear an outcome just after the outbox recorded it, so flush() may return first.
          awaitCount(registry, "sharing.reports.dead_lettered", 1.0);
          assertThat(registry.get("sharing.reports.submitted").counter().count()).isEqualTo(2.0);
          assertThat(registry.get("sharing.reports.delivered").counter().count()).isEqualTo(1.0);
          assertThat(registry.get("sharing.reports.deferred").counter().count()).isEqualTo(1.0);
          assertThat(registry.get("sharing.reports.dead_lettered").counter().count()).isEqualTo(1.0);
          assertThat(registry.get("sharing.outbox.depth").gauge().value()).isZero();
        });
  }

  @Test
  void gaugesShowWaitingReportsWhileTheHubIsDown() {
    runner.withBean(MeterRegistry.class, io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
        .withPropertyValues("sharing.test.mock-hub=true", "sharing.outbox.close-timeout=0s")
        .run(context -> {
          context.getBean(MockSharingHub.class).down();
          SharingClient client = context.getBean(SharingClient.class);
          client.submit(TestReports.initial());
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          // The binder is bound by Boot's post-processor only with its metrics auto-configuration.
          context.getBean(SharingOutboxMeterBinder.class).bindTo(registry);
          assertThat(registry.get("sharing.outbox.depth").gauge().value()).isEqualTo(1.0);
          assertThat(registry.get("sharing.outbox.oldest.age").gauge().value()).isGreaterThanOrEqualTo(0.0);
        });
  }

  // ------------------------------------------------------------------------------- lifecycle

  @Test
  void stopsWithinCloseTimeoutKeepingPendingReportsInTheOutbox() {
    List<Long> stopMillis = new ArrayList<>();
    runner.withPropertyValues("sharing.test.mock-hub=true", "sharing.outbox.directory=" + tmp,
            "sharing.outbox.close-timeout=300ms")
        .run(context -> {
          context.getBean(MockSharingHub.class).down();
          context.getBean(SharingClient.class).submit(TestReports.initial());
          long start = System.nanoTime();
          context.close();
          stopMillis.add((System.nanoTime() - start) / 1_000_000);
        });
    assertThat(stopMillis.get(0)).isBetween(250L, 5_000L);
    try (FileOutbox reopened = FileOutbox.open(tmp, OutboxConfig.defaults(), Clock.systemUTC())) {
      assertThat(reopened.pendingCount()).isEqualTo(1);
    }
  }

  @Test
  void keepsDeliveringAfterTheContextIsStoppedAndRestarted() {
    runner.withPropertyValues("sharing.test.mock-hub=true").run(context -> {
      SharingClientLifecycle lifecycle = context.getBean(SharingClientLifecycle.class);
      assertThat(lifecycle.isRunning()).isTrue();
      context.stop();
      assertThat(lifecycle.isRunning()).isFalse();
      context.start();
      assertThat(lifecycle.isRunning()).isTrue();
      SharingClient client = context.getBean(SharingClient.class);
      client.submit(TestReports.initial());
      assertThat(client.flush(Duration.ofSeconds(10))).isZero();
      assertThat(context.getBean(MockSharingHub.class).reports()).hasSize(1);
    });
  }

  @Test
  void listenerThatThrowsDoesNotSilenceTheOthers() {
    List<String> heard = new CopyOnWriteArrayList<>();
    SharingListener throwing = new SharingListener() {
      @Override
      public void submitted(OutboxEntry entry) {
        throw new IllegalStateException("listener bug");
      }
    };
    SharingListener recording = new SharingListener() {
      @Override
      public void submitted(OutboxEntry entry) {
        heard.add(entry.kind());
      }
    };
    SharingListener composite = CompositeSharingListener.of(List.of(throwing, recording));
    composite.submitted(new OutboxEntry(java.util.UUID.randomUUID(), "report", "/v1/reports", "k", 1,
        java.time.Instant.EPOCH, new byte[] {'{', '}'}));
    assertThat(heard).containsExactly("report");
    assertThat(CompositeSharingListener.of(List.of())).isSameAs(SharingListener.NONE);
    assertThat(CompositeSharingListener.of(List.of(recording))).isSameAs(recording);
  }

  @Test
  void mockHubModeUsesTemporaryOutboxRemovedOnClose() {
    List<Path> dirs = new ArrayList<>();
    runner.withPropertyValues("sharing.test.mock-hub=true").run(context -> {
      SharingClient client = context.getBean(SharingClient.class);
      assertThat(client.outbox()).isInstanceOfSatisfying(FileOutbox.class, o -> dirs.add(o.directory()));
      client.submit(TestReports.initial());
      assertThat(client.flush(Duration.ofSeconds(10))).isZero();
      assertThat(context.getBean(MockSharingHub.class).reports()).hasSize(1);
    });
    assertThat(dirs.get(0)).doesNotExist();
  }

  // ------------------------------------------------------------------------------- helpers

  private static SharingPropertiesMapper.ClientSettings settings(AssertableApplicationContext context) {
    return new SharingPropertiesMapper(context.getBean(SharingProperties.class)).clientSettings(
        context.getBean(SharingHubConnectionDetails.class), context.getBeanProvider(SslBundles.class).getIfAvailable(), false);
  }

  /** Bounded polling: listener callbacks run on delivery threads just after the outbox changed. */
  private static void awaitCount(MeterRegistry registry, String name, double expected) throws InterruptedException {
    await(() -> registry.get(name).counter().count() >= expected);
  }

  private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  private static InvalidSharingPropertiesException invalid(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable t = context.getStartupFailure();
    while (t != null && !(t instanceof InvalidSharingPropertiesException)) {
      t = t.getCause();
    }
    assertThat(t).as("cause chain of %s", context.getStartupFailure()).isInstanceOf(InvalidSharingPropertiesException.class);
    return (InvalidSharingPropertiesException) t;
  }

  @Configuration(proxyBeanMethods = false)
  static class Customizers {
    @Bean
    Recorded calls() {
      return new Recorded();
    }

    @Bean
    @Order(2)
    SharingClientCustomizer second(Recorded calls) {
      return builder -> {
        calls.items.add("second");
        builder.bearerToken("from-customizer");
      };
    }

    @Bean
    @Order(1)
    SharingClientCustomizer first(Recorded calls) {
      return builder -> {
        calls.items.add("first");
        builder.bearerToken("overridden-by-second");
      };
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Listeners {
    @Bean
    Recorded heard() {
      return new Recorded();
    }

    @Bean
    @Order(1)
    SharingListener a(Recorded heard) {
      return recording("a", heard);
    }

    @Bean
    @Order(2)
    SharingListener b(Recorded heard) {
      return recording("b", heard);
    }

    private static SharingListener recording(String name, Recorded heard) {
      return new SharingListener() {
        @Override
        public void submitted(OutboxEntry entry) {
          heard.items.add(name + ":submitted");
        }

        @Override
        public void delivered(OutboxEntry entry, Receipt receipt) {
          heard.items.add(name + ":delivered");
        }
      };
    }
  }

  static final class Recorded {
    final List<String> items = new CopyOnWriteArrayList<>();
  }
}
