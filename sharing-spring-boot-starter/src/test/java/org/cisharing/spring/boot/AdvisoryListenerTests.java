package org.cisharing.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.cisharing.advisory.AdvisoryRouter;
import org.cisharing.advisory.FailedDelivery;
import org.cisharing.advisory.RoleAdvisory;
import org.cisharing.advisory.Severity;
import org.cisharing.model.Role;
import org.cisharing.model.Tlp;
import org.cisharing.spring.boot.test.MockSharingHubAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@link AdvisoryListener} methods: registration per role, minSeverity, the router's retry rules, start-up checks. */
class AdvisoryListenerTests {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SharingAutoConfiguration.class, MockSharingHubAutoConfiguration.class))
      .withPropertyValues("sharing.test.mock-hub=true");

  @Test
  void registersEachMethodForItsRolesWithTheRoleScopedView() {
    runner.withUserConfiguration(Desks.class).run(context -> {
      assertThat(context).hasNotFailed();
      context.getBean(AdvisoryRouter.class).route(TestAdvisories.advisory("ADV-1", Severity.MEDIUM, Tlp.GREEN));
      Desk desk = context.getBean(Desk.class);
      assertThat(desk.heard).containsExactly("all:CSIRT:ADV-1", "all:EXECUTIVE:ADV-1");
      assertThat(desk.views).filteredOn(v -> v.role().equals(Role.CSIRT)).singleElement()
          .satisfies(v -> assertThat(v.actions()).extracting(a -> a.id()).containsExactly("c-1"));
      assertThat(context.getBean(AdvisoryRouter.class).counts().unhandled()).isZero();
    });
  }

  @Test
  void aMethodWithoutRolesListensForTheDefaultRole() {
    runner.withUserConfiguration(DefaultRoleDesk.class).withPropertyValues("sharing.advisories.default-role=CISO")
        .run(context -> {
          context.getBean(AdvisoryRouter.class).route(org.cisharing.advisory.Advisory.builder()
              .id("ADV-NOBODY").revision(1)
              .issuer(new org.cisharing.advisory.Issuer("NCO", org.cisharing.advisory.IssuerKind.NATIONAL_CENTRE))
              .issuedAt(java.time.OffsetDateTime.parse("2026-11-26T09:30:00+09:00"))
              .title(org.cisharing.model.LocalizedText.of("t", "t")).summary(org.cisharing.model.LocalizedText.of("s", "s"))
              .severity(Severity.INFO).tlp(Tlp.CLEAR).build());
          assertThat(context.getBean(DefaultRoleDesk.class).heard).containsExactly("CISO:ADV-NOBODY");
        });
  }

  @Test
  void skipsAdvisoriesBelowTheMethodsMinSeverity() {
    runner.withUserConfiguration(Desks.class).run(context -> {
      AdvisoryRouter router = context.getBean(AdvisoryRouter.class);
      router.route(TestAdvisories.advisory("ADV-LOW", Severity.LOW, Tlp.GREEN));
      router.route(TestAdvisories.advisory("ADV-HIGH", Severity.HIGH, Tlp.GREEN));
      router.route(TestAdvisories.advisory("ADV-CRIT", Severity.CRITICAL, Tlp.GREEN));
      assertThat(context.getBean(Desk.class).heard).filteredOn(h -> h.startsWith("urgent:"))
          .containsExactly("urgent:CSIRT:ADV-HIGH", "urgent:CSIRT:ADV-CRIT");
      assertThat(context.getBean(Desk.class).heard).filteredOn(h -> h.startsWith("all:CSIRT")).hasSize(3);
    });
  }

  @Test
  void aFailingMethodIsRetriedThenParkedWithoutStoppingTheOthers() {
    runner.withUserConfiguration(Desks.class, FailingDesk.class).withPropertyValues("sharing.advisories.max-attempts=2")
        .run(context -> {
          AdvisoryRouter router = context.getBean(AdvisoryRouter.class);
          router.route(TestAdvisories.advisory("ADV-1", Severity.HIGH, Tlp.GREEN));
          assertThat(context.getBean(FailingDesk.class).attempts).hasValue(2);
          assertThat(router.failedDeliveries()).singleElement().satisfies((FailedDelivery f) -> {
            assertThat(f.role()).isEqualTo(Role.CSIRT);
            assertThat(f.attempts()).isEqualTo(2);
            assertThat(f.error()).isInstanceOf(IllegalStateException.class).hasMessage("ticket system down");
          });
          assertThat(context.getBean(Desk.class).heard).contains("all:CSIRT:ADV-1", "urgent:CSIRT:ADV-1");
        });
  }

  @Test
  void withheldAdvisoriesDoNotReachTheMethod() {
    runner.withUserConfiguration(Desks.class).withPropertyValues("sharing.advisories.clearances.CSIRT=TLP:RED")
        .run(context -> {
          context.getBean(AdvisoryRouter.class).route(TestAdvisories.advisory("ADV-RED", Severity.HIGH, Tlp.RED));
          assertThat(context.getBean(Desk.class).heard).containsExactly("all:CSIRT:ADV-RED", "urgent:CSIRT:ADV-RED");
          assertThat(context.getBean(AdvisoryRouter.class).counts().withheld()).isEqualTo(1);
        });
  }

  @Test
  void aListenerBeanMayDependOnTheRouter() {
    runner.withUserConfiguration(RouterAwareDesk.class).run(context -> {
      assertThat(context).hasNotFailed();
      RouterAwareDesk desk = context.getBean(RouterAwareDesk.class);
      desk.router.route(TestAdvisories.advisory("ADV-1", Severity.HIGH, Tlp.GREEN));
      assertThat(desk.heard).containsExactly("ADV-1");
    });
  }

  @Test
  void failsStartupListingEveryInvalidListenerMethod() {
    runner.withUserConfiguration(BrokenDesk.class).run(context -> {
      assertThat(context).hasFailed();
      String message = rootMessage(context);
      assertThat(message).contains("Invalid @AdvisoryListener methods (4 problems)")
          .contains("@AdvisoryListener method " + BrokenDesk.class.getName()
              + ".wrongParameter(String) must take exactly one parameter of type org.cisharing.advisory.RoleAdvisory")
          .contains(".returnsSomething(RoleAdvisory) must return void (it returns java.lang.String)")
          .contains(".badRole(RoleAdvisory): role 'ciso team' is not a role code")
          .contains(".badSeverity(RoleAdvisory): minSeverity 'urgent' is not one of critical, high, medium, low, info");
    });
  }

  @Test
  void failsStartupWhenAListenerIsHiddenBehindTheDeclaredType() {
    runner.withUserConfiguration(HiddenDeskConfiguration.class).run(context -> {
      assertThat(context).hasFailed();
      assertThat(rootMessage(context)).contains(HiddenDesk.class.getName() + ".onAdvisory(RoleAdvisory) (bean 'hiddenDesk')")
          .contains("declare the @Bean method's return type as " + HiddenDesk.class.getName());
    });
  }

  @Test
  void failsStartupWhenTheApplicationsOwnRouterWouldIgnoreListeners() {
    runner.withUserConfiguration(Desks.class).withBean(AdvisoryRouter.class, () -> AdvisoryRouter.builder().build())
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(rootMessage(context)).contains("the AdvisoryRouter bean was not built by the sharing starter")
              .contains("AdvisoryRouterCustomizer");
        });
  }

  private static String rootMessage(AssertableApplicationContext context) {
    Throwable t = context.getStartupFailure();
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  static class Desk {
    final List<String> heard = new CopyOnWriteArrayList<>();
    final List<RoleAdvisory> views = new CopyOnWriteArrayList<>();

    @AdvisoryListener(roles = {"CSIRT", "executive"})
    void all(RoleAdvisory advisory) {
      heard.add("all:" + advisory.role().code() + ":" + advisory.id());
      views.add(advisory);
    }

    @AdvisoryListener(roles = "CSIRT", minSeverity = "high")
    public void urgent(RoleAdvisory advisory) {
      heard.add("urgent:" + advisory.role().code() + ":" + advisory.id());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Desks {
    @Bean
    Desk desk() {
      return new Desk();
    }
  }

  static class DefaultRoleDesk {
    final List<String> heard = new CopyOnWriteArrayList<>();

    @AdvisoryListener
    void onAdvisory(RoleAdvisory advisory) {
      heard.add(advisory.role().code() + ":" + advisory.id());
    }
  }

  static class FailingDesk {
    final AtomicInteger attempts = new AtomicInteger();

    @AdvisoryListener(roles = "CSIRT")
    void onAdvisory(RoleAdvisory advisory) {
      attempts.incrementAndGet();
      throw new IllegalStateException("ticket system down");
    }
  }

  static class RouterAwareDesk {
    final AdvisoryRouter router;
    final List<String> heard = new CopyOnWriteArrayList<>();

    RouterAwareDesk(AdvisoryRouter router) {
      this.router = router;
    }

    @AdvisoryListener(roles = "EXECUTIVE")
    void onAdvisory(RoleAdvisory advisory) {
      heard.add(advisory.id());
    }
  }

  static class BrokenDesk {
    @AdvisoryListener(roles = "CSIRT")
    void wrongParameter(String advisory) {}

    @AdvisoryListener(roles = "CSIRT")
    String returnsSomething(RoleAdvisory advisory) {
      return "";
    }

    @AdvisoryListener(roles = {"CSIRT", "ciso team"})
    void badRole(RoleAdvisory advisory) {}

    @AdvisoryListener(minSeverity = "urgent")
    void badSeverity(RoleAdvisory advisory) {}
  }

  interface Something {}

  static class HiddenDesk implements Something {
    @AdvisoryListener(roles = "CSIRT")
    void onAdvisory(RoleAdvisory advisory) {}
  }

  @Configuration(proxyBeanMethods = false)
  static class HiddenDeskConfiguration {
    /** Depends on the router, so the router is built while this bean's type is only the declared one. */
    @Bean
    Something hiddenDesk(AdvisoryRouter router) {
      return new HiddenDesk();
    }
  }
}
