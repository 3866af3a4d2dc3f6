package org.cisharing.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.advisory.QuarantineReason;
import org.cisharing.advisory.RoleAdvisory;
import org.cisharing.advisory.Severity;
import org.cisharing.model.Tlp;
import org.cisharing.spring.boot.test.MockSharingHubAutoConfiguration;
import org.cisharing.test.HubSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.context.servlet.AnnotationConfigServletWebApplicationContext;
import org.springframework.http.MediaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.function.RouterFunction;

/** The push endpoint, through Spring MVC's dispatcher (MockMvc). */
class AdvisoryWebhookTests {
  private static final HubSigner HUB_KEY = HubSigner.ed25519("hub-key-1");

  @TempDir
  Path tmp;

  private final WebApplicationContextRunner runner = new WebApplicationContextRunner(
      WebApplicationContextRunner.withMockServletContext(AnnotationConfigServletWebApplicationContext::new))
      .withConfiguration(AutoConfigurations.of(SharingAutoConfiguration.class, MockSharingHubAutoConfiguration.class))
      .withPropertyValues("sharing.test.mock-hub=true");

  private String[] webhookOn(String... more) {
    Path jwks = TestAdvisories.write(tmp.resolve("hub.jwks.json"), HubSigner.jwkSet(HUB_KEY));
    List<String> all = new java.util.ArrayList<>(List.of("sharing.advisories.trusted-keys=file:" + jwks,
        "sharing.advisories.poll-interval=1h", "sharing.advisories.webhook.enabled=true"));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static String envelope(String jws) {
    return "{\"jws\":\"" + jws + "\"}";
  }

  private static MockHttpServletResponse send(WebApplicationContext context, RequestBuilder request) throws Exception {
    MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
    return mvc.perform(request).andReturn().getResponse();
  }

  /** Checks a problem+json answer and returns its body. */
  private static JsonNode problem(MockHttpServletResponse response, int status) throws Exception {
    assertThat(response.getStatus()).isEqualTo(status);
    assertThat(MediaType.parseMediaType(response.getContentType())).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    JsonNode body = new ObjectMapper().readTree(response.getContentAsString());
    assertThat(body.get("status").asInt()).isEqualTo(status);
    return body;
  }

  @Test
  void acceptsASignedAdvisoryWith202AndHandsItToListeners() {
    runner.withPropertyValues(webhookOn()).withBean(Inbox.class).run(context -> {
      assertThat(context).hasNotFailed();
      String jws = HUB_KEY.sign(TestAdvisories.json(TestAdvisories.advisory("ADV-PUSH", Severity.HIGH, Tlp.GREEN)));
      assertThat(send(context, post("/sharing/advisories").contentType(MediaType.APPLICATION_JSON).content(envelope(jws)))
          .getStatus()).isEqualTo(202);
      assertThat(context.getBean(Inbox.class).received).extracting(RoleAdvisory::id).containsExactly("ADV-PUSH");
      // The same advisory again: already delivered, still 202, not handed over twice.
      assertThat(send(context, post("/sharing/advisories").contentType(MediaType.APPLICATION_JSON).content(envelope(jws)))
          .getStatus()).isEqualTo(202);
      assertThat(context.getBean(Inbox.class).received).hasSize(1);
      assertThat(context.getBean(AdvisoryFeed.class).stats().duplicates()).isEqualTo(1);
    });
  }

  @Test
  void answers400WithProblemJsonForAMalformedBody() {
    runner.withPropertyValues(webhookOn()).run(context -> {
      JsonNode problem = problem(send(context,
          post("/sharing/advisories").contentType(MediaType.APPLICATION_JSON).content(envelope("garbage"))), 400);
      assertThat(problem.get("title").asText()).isEqualTo("Malformed advisory");
      assertThat(context.getBean(AdvisoryFeed.class).quarantined()).singleElement()
          .satisfies(q -> assertThat(q.reason()).isEqualTo(QuarantineReason.NOT_COMPACT_JWS));
    });
  }

  @Test
  void answers401WithProblemJsonForAnAdvisorySignedByAnUnknownKey() {
    runner.withPropertyValues(webhookOn()).withBean(Inbox.class).run(context -> {
      String forged = HubSigner.ed25519("stranger")
          .sign(TestAdvisories.json(TestAdvisories.advisory("ADV-FORGED", Severity.CRITICAL, Tlp.GREEN)));
      JsonNode problem = problem(send(context,
          post("/sharing/advisories").contentType(MediaType.APPLICATION_JSON).content(envelope(forged))), 401);
      assertThat(problem.get("detail").asText())
          .isEqualTo("The advisory's signature, key or content was refused; it was quarantined.");
      assertThat(context.getBean(Inbox.class).received).isEmpty();
    });
  }

  @Test
  void answers413ForABodyOverOneMebibyte() {
    runner.withPropertyValues(webhookOn()).run(context -> {
      byte[] big = new byte[AdvisoryWebhookHandler.MAX_BODY_BYTES + 1];
      java.util.Arrays.fill(big, (byte) 'a');
      problem(send(context, post("/sharing/advisories").contentType(MediaType.APPLICATION_JSON).content(big)), 413);
      assertThat(context.getBean(AdvisoryFeed.class).quarantined()).isEmpty();
    });
  }

  @Test
  void servesTheConfiguredPathOnly() {
    runner.withPropertyValues(webhookOn("sharing.advisories.webhook.path=/hooks/hub")).run(context -> {
      assertThat(send(context, post("/hooks/hub").content(envelope("garbage"))).getStatus()).isEqualTo(400);
      assertThat(send(context, post("/sharing/advisories").content(envelope("garbage"))).getStatus()).isEqualTo(404);
    });
  }

  @Test
  void isOffByDefault() {
    runner.withPropertyValues(webhookOn("sharing.advisories.webhook.enabled=false")).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean("sharingAdvisoryWebhook");
      assertThat(send(context, post("/sharing/advisories").content(envelope("garbage"))).getStatus()).isEqualTo(404);
    });
  }

  @Test
  void needsTheFeedAndALiteralPath() {
    runner.withPropertyValues("sharing.advisories.webhook.enabled=true", "sharing.advisories.webhook.path=hooks/*")
        .run(context -> assertThat(SharingCapabilitiesAutoConfigurationTests.invalid(context).problems())
            .extracting(InvalidSharingPropertiesException.Problem::property)
            .containsExactly("sharing.advisories.webhook.enabled", "sharing.advisories.webhook.path"));
  }

  @Test
  void backsOffOutsideServletWebApplicationsAndWithoutSpringMvc() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SharingAutoConfiguration.class, MockSharingHubAutoConfiguration.class))
        .withPropertyValues("sharing.test.mock-hub=true")
        .withPropertyValues(webhookOn())
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(AdvisoryFeed.class)
            .doesNotHaveBean("sharingAdvisoryWebhook"));
    runner.withPropertyValues(webhookOn()).withClassLoader(new FilteredClassLoader(RouterFunction.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("sharingAdvisoryWebhook"));
  }

  static class Inbox {
    final List<RoleAdvisory> received = new CopyOnWriteArrayList<>();

    @AdvisoryListener(roles = "CSIRT")
    void onAdvisory(RoleAdvisory advisory) {
      received.add(advisory);
    }
  }
}
