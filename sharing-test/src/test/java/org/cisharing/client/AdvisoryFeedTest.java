package org.cisharing.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.cisharing.SharingClient;
import org.cisharing.advisory.ActionItem;
import org.cisharing.advisory.ActionPriority;
import org.cisharing.advisory.Addressee;
import org.cisharing.advisory.Advisory;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.advisory.AdvisoryRouter;
import org.cisharing.advisory.AdvisoryVerifier;
import org.cisharing.advisory.Feedback;
import org.cisharing.advisory.FeedbackStatus;
import org.cisharing.advisory.Issuer;
import org.cisharing.advisory.IssuerKind;
import org.cisharing.advisory.PushResult;
import org.cisharing.advisory.QuarantineReason;
import org.cisharing.advisory.QuarantinedAdvisory;
import org.cisharing.advisory.RoleAdvisory;
import org.cisharing.advisory.Severity;
import org.cisharing.json.SharingJson;
import org.cisharing.model.LocalizedText;
import org.cisharing.model.Role;
import org.cisharing.model.Tlp;
import org.cisharing.test.HubSigner;
import org.cisharing.test.MockSharingHub;
import org.cisharing.test.MutableClock;
import org.cisharing.test.MockSharingHubExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class AdvisoryFeedTest {
  @RegisterExtension final MockSharingHubExtension hubs = new MockSharingHubExtension();
  @TempDir Path dir;

  private MockSharingHub hub;
  private SharingClient client;
  private final List<RoleAdvisory> csirt = new CopyOnWriteArrayList<>();
  private final List<RoleAdvisory> executive = new CopyOnWriteArrayList<>();
  private final List<RoleAdvisory> sysadmin = new CopyOnWriteArrayList<>();
  private AdvisoryRouter router;

  @BeforeEach
  void setUp() {
    hub = hubs.hub();
    client = SharingClient.builder().hubUrl(hub.baseUrl()).allowInsecureLoopback(true)
        .outboxDirectory(dir.resolve("outbox")).build();
    router = AdvisoryRouter.builder()
        .handler(Role.CSIRT, csirt::add)
        .handler(Role.EXECUTIVE, executive::add)
        .handler(Role.SYSTEM_ADMIN, sysadmin::add)
        .clearance(Role.EXECUTIVE, Tlp.AMBER)
        .build();
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private AdvisoryFeed feed() {
    return AdvisoryFeed.builder().client(client).verifier(AdvisoryVerifier.fromJwks(hub.jwks())).router(router)
        .stateDirectory(dir.resolve("feed")).pageLimit(2).build();
  }

  static String advisory(String id, int revision, Tlp tlp) {
    return SharingJson.write(Advisory.builder()
        .id(id).revision(revision)
        .issuer(new Issuer("国家サイバー統括室", IssuerKind.NATIONAL_CENTRE))
        .issuedAt(OffsetDateTime.parse("2026-11-26T09:30:00+09:00"))
        .title(LocalizedText.of("注意喚起 " + id, "Alert " + id))
        .summary(LocalizedText.of("概要", "Summary"))
        .severity(Severity.HIGH)
        .tlp(tlp)
        .addAddressee(Addressee.of(Role.CSIRT, ActionItem.of("c-1", LocalizedText.of("検知ルールを更新", "Update detection rules"), ActionPriority.HIGH)))
        .addAddressee(Addressee.of(Role.EXECUTIVE, ActionItem.of("e-1", LocalizedText.of("対応を指示", "Direct the response"), ActionPriority.MEDIUM)))
        .build());
  }

  @Test
  void pollsEveryPageAndRoutesEachAdvisoryToItsRoles() {
    for (int i = 1; i <= 5; i++) {
      hub.publishAdvisory(advisory("ADV-" + i, 1, Tlp.GREEN));
    }
    try (AdvisoryFeed feed = feed()) {
      AdvisoryFeed.PollResult r = feed.pollOnce();
      assertThat(r.ok()).isTrue();
      assertThat(r.delivered()).isEqualTo(5);
    }
    assertThat(csirt).extracting(RoleAdvisory::id).containsExactly("ADV-1", "ADV-2", "ADV-3", "ADV-4", "ADV-5");
    assertThat(executive).hasSize(5);
    assertThat(csirt.get(0).actions()).extracting(ActionItem::id).containsExactly("c-1");
  }

  @Test
  void aRestartNeitherSkipsNorRedelivers() {
    hub.publishAdvisory(advisory("ADV-1", 1, Tlp.GREEN));
    hub.publishAdvisory(advisory("ADV-2", 1, Tlp.GREEN));
    hub.publishAdvisory(advisory("ADV-3", 1, Tlp.GREEN));
    try (AdvisoryFeed feed = feed()) {
      feed.pollOnce();
    }
    hub.publishAdvisory(advisory("ADV-4", 1, Tlp.GREEN));
    try (AdvisoryFeed feed = feed()) {
      AdvisoryFeed.PollResult r = feed.pollOnce();
      assertThat(r.delivered()).isEqualTo(1);
      assertThat(feed.pollOnce().delivered()).isZero();
    }
    assertThat(csirt).extracting(RoleAdvisory::id).containsExactly("ADV-1", "ADV-2", "ADV-3", "ADV-4");
  }

  @Test
  void aNewRevisionIsDeliveredAsARevisionAndARepeatIsNot() {
    hub.publishAdvisory(advisory("ADV-1", 1, Tlp.GREEN));
    try (AdvisoryFeed feed = feed()) {
      feed.pollOnce();
      hub.publishAdvisory(advisory("ADV-1", 2, Tlp.GREEN));
      hub.publishAdvisory(advisory("ADV-1", 1, Tlp.GREEN));
      AdvisoryFeed.PollResult r = feed.pollOnce();
      assertThat(r.delivered()).isEqualTo(1);
      assertThat(r.duplicates()).isEqualTo(1);
    }
    assertThat(csirt).extracting(RoleAdvisory::revision).containsExactly(1, 2);
  }

  @Test
  void quarantinesEveryKindOfBadSignatureAndGoesOn() {
    String good = advisory("ADV-OK", 1, Tlp.GREEN);
    HubSigner stranger = HubSigner.ed25519("stranger");
    hub.publishRaw(HubSigner.unsecured(advisory("ADV-NONE", 1, Tlp.GREEN)));
    hub.publishRaw(HubSigner.hs256(advisory("ADV-HS", 1, Tlp.GREEN), new byte[32], hub.signer().kid()));
    hub.publishRaw(stranger.sign(advisory("ADV-STRANGER", 1, Tlp.GREEN)));
    hub.publishRaw(HubSigner.tamper(hub.signer().sign(advisory("ADV-T", 1, Tlp.GREEN)), advisory("ADV-T2", 1, Tlp.RED)));
    hub.publishRaw("not a jws at all");
    hub.publishRaw(hub.signer().sign("{\"schema\":\"cisharing.advisory/1\",\"id\":\"\"}"));
    hub.publishAdvisory(good);
    try (AdvisoryFeed feed = feed()) {
      AdvisoryFeed.PollResult r = feed.pollOnce();
      assertThat(r.ok()).isTrue();
      assertThat(r.delivered()).isEqualTo(1);
      assertThat(feed.quarantined()).extracting(QuarantinedAdvisory::reason).containsExactly(
          QuarantineReason.UNSUPPORTED_ALGORITHM, QuarantineReason.UNSUPPORTED_ALGORITHM, QuarantineReason.UNKNOWN_KID,
          QuarantineReason.BAD_SIGNATURE, QuarantineReason.NOT_COMPACT_JWS, QuarantineReason.INVALID_PAYLOAD);
      assertThat(feed.stats().quarantined()).isEqualTo(6);
    }
    assertThat(csirt).extracting(RoleAdvisory::id).containsExactly("ADV-OK");
    assertThat(dir.resolve("feed").resolve("quarantine").toFile().list()).hasSize(6);
  }

  @Test
  void withholdsAnAdvisoryAboveARolesClearance() {
    hub.publishAdvisory(advisory("ADV-RED", 1, Tlp.AMBER_STRICT));
    try (AdvisoryFeed feed = feed()) {
      feed.pollOnce();
    }
    assertThat(csirt).extracting(RoleAdvisory::id).containsExactly("ADV-RED");
    assertThat(executive).isEmpty();
    assertThat(router.counts().withheld()).isEqualTo(1);
  }

  @Test
  void aFailingHandlerDoesNotStopTheOthers() {
    router = AdvisoryRouter.builder()
        .handler(Role.EXECUTIVE, a -> {
          throw new IllegalStateException("mail server down");
        })
        .handler(Role.CSIRT, csirt::add)
        .maxAttempts(2)
        .build();
    hub.publishAdvisory(advisory("ADV-1", 1, Tlp.GREEN));
    try (AdvisoryFeed feed = feed()) {
      assertThat(feed.pollOnce().delivered()).isEqualTo(1);
    }
    assertThat(csirt).hasSize(1);
    assertThat(router.failedDeliveries()).singleElement().satisfies(f -> assertThat(f.toString()).contains("mail server down"));
  }

  @Test
  void acceptsPushedAdvisoriesWithTheStatusesOfTheHubApi() {
    try (AdvisoryFeed feed = feed()) {
      String jws = hub.signer().sign(advisory("ADV-PUSH", 1, Tlp.GREEN));
      assertThat(feed.accept("{\"jws\":\"" + jws + "\"}")).isEqualTo(PushResult.ACCEPTED);
      assertThat(feed.accept("{\"jws\":\"" + jws + "\"}")).isEqualTo(PushResult.DUPLICATE);
      assertThat(feed.accept("{\"nope\":1}")).extracting(PushResult::httpStatus).isEqualTo(400);
      assertThat(feed.accept("{\"jws\":\"" + HubSigner.ed25519("x").sign(advisory("ADV-X", 1, Tlp.GREEN)) + "\"}"))
          .extracting(PushResult::httpStatus).isEqualTo(401);
    }
    assertThat(csirt).extracting(RoleAdvisory::id).containsExactly("ADV-PUSH");
  }

  @Test
  void deliversFeedbackThroughTheDurableOutbox() throws Exception {
    hub.publishAdvisory(advisory("ADV-1", 1, Tlp.GREEN));
    hub.failNext(2, 503);
    try (AdvisoryFeed feed = feed()) {
      feed.pollOnce();
      feed.acknowledge(Feedback.builder().advisoryId("ADV-1").revision(1).role(Role.CSIRT).status(FeedbackStatus.DONE)
          .usefulness(4).comment("検知ルールを更新済み").at(OffsetDateTime.parse("2026-11-26T12:00:00+09:00")).build())
          .get(20, TimeUnit.SECONDS);
    }
    assertThat(hub.feedback()).singleElement().satisfies(f -> assertThat(f.toString()).contains("ADV-1"));
  }

  @Test
  void aGarbagePageIsAFailedPollNotACrash() {
    hub.publishAdvisory(advisory("ADV-1", 1, Tlp.GREEN));
    hub.on(org.cisharing.test.HubEndpoint.ADVISORIES).garbageResponseNext(1);
    try (AdvisoryFeed feed = feed()) {
      AdvisoryFeed.PollResult bad = feed.pollOnce();
      assertThat(bad.ok()).isFalse();
      assertThat(bad.failure()).contains("unreadable");
      assertThat(feed.pollOnce().delivered()).isEqualTo(1);
    }
  }

  @Test
  void aNotModifiedPageCostsNothing() {
    hub.publishAdvisory(advisory("ADV-1", 1, Tlp.GREEN));
    try (AdvisoryFeed feed = feed()) {
      feed.pollOnce();
      int before = hub.requestCount(org.cisharing.test.HubEndpoint.ADVISORIES);
      AdvisoryFeed.PollResult again = feed.pollOnce();
      assertThat(again.ok()).isTrue();
      assertThat(again.delivered()).isZero();
      assertThat(hub.requestCount(org.cisharing.test.HubEndpoint.ADVISORIES) - before).isLessThanOrEqualTo(2);
    }
  }

  @Test
  void reconcileCatchesAnAdvisoryInsertedBehindTheCursor() {
    hub.publishAdvisory(advisory("ADV-1", 1, Tlp.GREEN));
    hub.publishAdvisory(advisory("ADV-2", 1, Tlp.GREEN));
    hub.publishAdvisory(advisory("ADV-3", 1, Tlp.GREEN));
    TestClockHolder clock = new TestClockHolder();
    try (AdvisoryFeed feed = AdvisoryFeed.builder().client(client).verifier(AdvisoryVerifier.fromJwks(hub.jwks()))
        .router(router).stateDirectory(dir.resolve("feed")).pageLimit(2).clock(clock.clock)
        .reconcileInterval(Duration.ofHours(24)).build()) {
      feed.pollOnce();
      hub.insertBehindCursor(0, advisory("ADV-0", 1, Tlp.GREEN));
      assertThat(feed.pollOnce().delivered()).isZero();
      clock.clock.advance(Duration.ofHours(25));
      assertThat(feed.pollOnce().delivered()).isEqualTo(1);
    }
    assertThat(csirt).extracting(RoleAdvisory::id).containsExactly("ADV-1", "ADV-2", "ADV-3", "ADV-0");
  }

  private static final class TestClockHolder {
    final MutableClock clock = MutableClock.at(java.time.Instant.parse("2026-11-26T00:00:00Z"));
  }
}
