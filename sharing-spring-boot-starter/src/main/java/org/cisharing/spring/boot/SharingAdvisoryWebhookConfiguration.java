package org.cisharing.spring.boot;

import org.cisharing.advisory.AdvisoryFeed;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The push endpoint for advisories, with {@code sharing.advisories.webhook.enabled=true} in a
 * servlet web application with Spring MVC: a functional route, so that its path comes from {@code
 * sharing.advisories.webhook.path}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty("sharing.advisories.webhook.enabled")
class SharingAdvisoryWebhookConfiguration {
  @Bean
  @ConditionalOnMissingBean(name = "sharingAdvisoryWebhook")
  RouterFunction<ServerResponse> sharingAdvisoryWebhook(SharingProperties properties, ObjectProvider<AdvisoryFeed> feed) {
    AdvisoryFeed advisoryFeed = feed.getIfUnique();
    String path = new SharingPropertiesMapper(properties).webhookPath(advisoryFeed != null);
    return RouterFunctions.route().POST(path, new AdvisoryWebhookHandler(advisoryFeed)).build();
  }
}
