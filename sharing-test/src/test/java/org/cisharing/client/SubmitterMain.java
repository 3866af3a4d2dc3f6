package org.cisharing.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.cisharing.RetryPolicy;
import org.cisharing.SharingClient;
import org.cisharing.report.IncidentReport;

/**
 * Child process of the crash test: submits reports in a loop and prints each report id only after
 * {@code submit} returned (the durability promise), until it is killed.
 */
public final class SubmitterMain {
  private SubmitterMain() {}

  public static void main(String[] args) throws Exception {
    URI hub = URI.create(args[0]);
    Path outbox = Path.of(args[1]);
    int max = Integer.parseInt(args[2]);
    try (SharingClient client = SharingClient.builder()
        .hubUrl(hub)
        .allowInsecureLoopback(true)
        .outboxDirectory(outbox)
        .retryPolicy(RetryPolicy.defaults().withInitialBackoff(Duration.ofMillis(5)).withMaxBackoff(Duration.ofMillis(50)))
        .build()) {
      System.out.println("READY");
      System.out.flush();
      for (int i = 0; i < max; i++) {
        IncidentReport initial = Reports.initial(UUID.randomUUID());
        client.submit(initial);
        System.out.println("SUBMITTED " + initial.reportId());
        IncidentReport update = Reports.update(initial);
        client.submit(update);
        System.out.println("SUBMITTED " + update.reportId());
        System.out.flush();
      }
      client.flush(Duration.ofSeconds(30));
    }
  }
}
