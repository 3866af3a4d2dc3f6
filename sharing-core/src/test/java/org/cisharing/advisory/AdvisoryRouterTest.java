package org.cisharing.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.cisharing.model.Role;
import org.cisharing.model.Tlp;
import org.junit.jupiter.api.Test;

class AdvisoryRouterTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:30:00Z"), ZoneOffset.UTC);

  private final List<RoleAdvisory> got = Collections.synchronizedList(new ArrayList<>());

  private AdvisoryRouter.Builder allRoles() {
    AdvisoryRouter.Builder b = AdvisoryRouter.builder().clock(CLOCK);
    for (Role r : Role.defaults()) {
      b.handler(r, got::add);
    }
    return b;
  }

  private static Advisory withTlp(Tlp tlp) {
    return Fixtures.exposedPorts().newBuilder().tlp(tlp).build();
  }

  @Test
  void eachRoleReceivesItsOwnActionsAndItsAssetActions() {
    AdvisoryRouter router = allRoles().matcher(AssetMatcher.of(Fixtures.sakuraWater())).build();
    router.route(Fixtures.exposedPorts());

    assertThat(got).extracting(RoleAdvisory::role).containsExactlyElementsOf(Role.defaults());
    RoleAdvisory admin = got.get(3);
    assertThat(admin.role()).isEqualTo(Role.SYSTEM_ADMIN);
    assertThat(admin.addressed()).isTrue();
    assertThat(admin.background()).isPresent();
    assertThat(admin.expectedUse()).isPresent();
    assertThat(admin.actions()).extracting(ActionItem::id).containsExactly("sysadmin-close", "sysadmin-patch");
    assertThat(admin.assetActions()).extracting(a -> a.asset().id() + ":" + a.action().id())
        .containsExactly("jump-01:sysadmin-close", "jump-01:sysadmin-patch", "vpn-01:sysadmin-patch");
    RoleAdvisory exec = got.get(0);
    assertThat(exec.actions()).extracting(ActionItem::id).containsExactly("exec-1");
    assertThat(exec.assetActions()).isEmpty();
    assertThat(got.get(4).assetActions()).extracting(a -> a.asset().id()).containsExactly("vpn-01", "cam-03");
    assertThat(router.counts()).isEqualTo(new RoutingCounts(1, 5, 0, 0, 0));
  }

  @Test
  void withholdsAnAdvisoryAboveARolesClearance() {
    AdvisoryRouter router = allRoles().clearance(Role.EXECUTIVE, Tlp.GREEN).build();
    router.route(withTlp(Tlp.AMBER));
    assertThat(got).extracting(RoleAdvisory::role).doesNotContain(Role.EXECUTIVE).hasSize(4);
    assertThat(router.counts().withheld()).isEqualTo(1);
    assertThat(router.clearance(Role.CSIRT)).isEqualTo(Tlp.AMBER_STRICT);
  }

  @Test
  void redGoesOnlyToRolesExplicitlyCleared() {
    AdvisoryRouter router = allRoles().clearance(Role.CSIRT, Tlp.RED).clearance(Role.CISO, Tlp.RED).build();
    router.route(withTlp(Tlp.RED));
    assertThat(got).extracting(RoleAdvisory::role).containsExactly(Role.CISO, Role.CSIRT);
    assertThat(router.counts().withheld()).isEqualTo(3);
    got.clear();
    router.route(withTlp(Tlp.AMBER_STRICT));
    assertThat(got).hasSize(5);
  }

  @Test
  void aFailingHandlerIsRetriedThenParkedWithoutStoppingTheOthers() {
    AtomicInteger calls = new AtomicInteger();
    AdvisoryRouter router = allRoles()
        .handler(Role.CSIRT, view -> {
          calls.incrementAndGet();
          throw new IllegalStateException("ticket system down");
        })
        .maxAttempts(3)
        .build();
    router.route(Fixtures.exposedPorts());

    assertThat(calls).hasValue(3);
    assertThat(got).hasSize(5);
    assertThat(router.counts()).isEqualTo(new RoutingCounts(1, 5, 0, 1, 0));
    assertThat(router.failedDeliveries()).singleElement().satisfies(f -> {
      assertThat(f.role()).isEqualTo(Role.CSIRT);
      assertThat(f.handlerIndex()).isEqualTo(1);
      assertThat(f.attempts()).isEqualTo(3);
      assertThat(f.error()).hasMessage("ticket system down");
      assertThat(f.at()).isEqualTo(CLOCK.instant());
    });
  }

  @Test
  void aHandlerThatRecoversWithinTheRetriesDelivers() {
    AtomicInteger calls = new AtomicInteger();
    AdvisoryRouter router = AdvisoryRouter.builder()
        .handler(Role.CSIRT, view -> {
          if (calls.incrementAndGet() < 2) {
            throw new java.io.IOException("flaky");
          }
        })
        .build();
    router.route(Fixtures.exposedPorts().newBuilder().addressees(List.of()).build());
    assertThat(calls).hasValue(2);
    assertThat(router.counts().delivered()).isEqualTo(1);
    assertThat(router.failedDeliveries()).isEmpty();
  }

  @Test
  void parkedDeliveriesCanBeRedelivered() {
    AtomicInteger calls = new AtomicInteger();
    AdvisoryRouter router = AdvisoryRouter.builder()
        .handler(Role.CSIRT, view -> {
          if (calls.incrementAndGet() <= 2) {
            throw new IllegalStateException("down");
          }
        })
        .maxAttempts(2)
        .build();
    router.route(Fixtures.exposedPorts());
    assertThat(router.failedDeliveries()).hasSize(1);
    assertThat(router.redeliverFailed()).isEqualTo(1);
    assertThat(router.failedDeliveries()).isEmpty();
  }

  @Test
  void keepsOnlyTheNewestParkedDeliveries() {
    AdvisoryRouter router = allRoles().maxAttempts(1).handler(Role.CSIRT, view -> {
      throw new IllegalStateException("down " + view.revision());
    }).build();
    for (int i = 1; i <= AdvisoryRouter.MAX_PARKED + 5; i++) {
      router.route(Fixtures.exposedPorts().newBuilder().revision(i).build());
    }
    assertThat(router.failedDeliveries()).hasSize(AdvisoryRouter.MAX_PARKED);
    assertThat(router.failedDeliveries().get(0).delivery().revision()).isEqualTo(6);
    assertThat(router.counts().failed()).isEqualTo(AdvisoryRouter.MAX_PARKED + 5);
  }

  @Test
  void refusesMatchesOfAnotherAdvisory() {
    MatchResult other = AssetMatcher.of(Fixtures.sakuraWater()).match(Fixtures.full("X-1", Tlp.GREEN));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> allRoles().build().route(Fixtures.exposedPorts(), other))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-1");
  }

  @Test
  void anAdvisoryWithoutAddresseesGoesToTheDefaultRole() {
    Advisory none = Fixtures.exposedPorts().newBuilder().addressees(List.of()).build();
    allRoles().build().route(none);
    assertThat(got).singleElement().satisfies(v -> {
      assertThat(v.role()).isEqualTo(Role.CSIRT);
      assertThat(v.addressed()).isFalse();
      assertThat(v.actions()).isEmpty();
    });
    got.clear();
    allRoles().defaultRole(Role.CISO).build().route(none);
    assertThat(got).extracting(RoleAdvisory::role).containsExactly(Role.CISO);
  }

  @Test
  void ownersOfMatchedAssetsReceiveTheirAssetActionsEvenWhenNotAddressed() {
    Advisory csaf = CsafAdvisories.read(Fixtures.resource("csaf/icsa-24-172-01.json"), Role.SYSTEM_ADMIN);
    AdvisoryRouter router = allRoles().matcher(AssetMatcher.of(Fixtures.sakuraWater())).build();
    router.route(csaf);
    // Every action names its products, so the asset's bound actions go to the addressed role.
    assertThat(got).extracting(RoleAdvisory::role).containsExactly(Role.SYSTEM_ADMIN);
    assertThat(got.get(0).assetActions()).extracting(a -> a.asset().id()).containsOnly("scada-01");

    got.clear();
    Advisory unaddressed = csaf.newBuilder().addressees(List.of()).build();
    router.route(unaddressed);
    assertThat(got).extracting(RoleAdvisory::role).containsExactly(Role.CSIRT, Role.CONTROL_SYSTEM);
    assertThat(got.get(1).addressed()).isFalse();
    assertThat(got.get(1).assetActions()).singleElement()
        .satisfies(a -> assertThat(a.action().id()).isEqualTo("ICSA-24-172-01/check"));
  }

  @Test
  void customRolesAndRolesWithoutHandlers() {
    Role plant = Role.custom("PLANT_MANAGER", "工場長", "Plant manager");
    AdvisoryRouter router = AdvisoryRouter.builder().handler(plant, got::add).clearance(plant, Tlp.AMBER).build();
    router.route(Fixtures.full("X-1", Tlp.AMBER));
    assertThat(got).extracting(RoleAdvisory::role).containsExactly(plant);
    assertThat(got.get(0).actions()).extracting(ActionItem::id).containsExactly("a3");
    assertThat(router.counts().unhandled()).isEqualTo(1);
  }

  @Test
  void runsDeliveriesOnAnInjectedExecutor() {
    Queue<Runnable> tasks = new ArrayDeque<>();
    Executor queued = tasks::add;
    AdvisoryRouter router = allRoles().executor(queued).build();
    router.route(Fixtures.exposedPorts());
    assertThat(got).isEmpty();
    assertThat(tasks).hasSize(5);
    while (!tasks.isEmpty()) {
      tasks.poll().run();
    }
    assertThat(got).hasSize(5);
    assertThat(router.counts().delivered()).isEqualTo(5);
  }

  @Test
  void anExecutorThatRefusesParksTheDelivery() {
    AdvisoryRouter router = allRoles().executor(task -> {
      throw new java.util.concurrent.RejectedExecutionException("full");
    }).build();
    router.route(Fixtures.exposedPorts());
    assertThat(router.counts().failed()).isEqualTo(5);
    assertThat(router.failedDeliveries()).hasSize(5);
  }
}
