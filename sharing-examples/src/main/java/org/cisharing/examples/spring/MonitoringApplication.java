package org.cisharing.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot monitoring application of a water utility with the {@code sharing} starter: its
 * alert intake ({@link AlertIntake}) turns monitoring alerts into observations for the starter's
 * {@code IncidentTracker}, which files staged reports through the durable outbox; its role desks
 * ({@link RoleDesks}) receive each role's share of the hub's advisories through
 * {@code @AdvisoryListener} methods and acknowledge them.
 *
 * <p>Configuration: {@code src/main/resources/application-example.properties} (run with
 * {@code --spring.profiles.active=example}); the test runs it against a {@code MockSharingHub}.
 */
@SpringBootApplication
public class MonitoringApplication {
  public static void main(String[] args) {
    SpringApplication.run(MonitoringApplication.class, args);
  }
}
