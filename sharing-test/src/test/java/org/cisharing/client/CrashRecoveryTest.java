package org.cisharing.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.cisharing.SharingClient;
import org.cisharing.test.HubEndpoint;
import org.cisharing.test.MockSharingHub;
import org.cisharing.test.MockSharingHubExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a submitting child JVM with SIGKILL at random points, several times, then restarts: every
 * report whose {@code submit} returned must reach the hub exactly once.
 */
class CrashRecoveryTest {
  @RegisterExtension final MockSharingHubExtension hubs = new MockSharingHubExtension();
  @TempDir Path dir;

  @Test
  void everyReportWhoseSubmitReturnedReachesTheHubExactlyOnceAfterKillMinus9() throws Exception {
    MockSharingHub hub = hubs.hub();
    Path outbox = dir.resolve("outbox");
    Set<String> submitted = ConcurrentHashMap.newKeySet();
    Random random = new Random();
    for (int round = 0; round < 3; round++) {
      // Make the hub flaky so that kills land mid-request, mid-retry and mid-acknowledgement.
      hub.on(HubEndpoint.SUBMIT_REPORT).loseResponseNext(3).failNext(3, 503).slowNext(2, Duration.ofMillis(300));
      Process child = new ProcessBuilder(
              javaBin(), "-cp", System.getProperty("java.class.path"), SubmitterMain.class.getName(),
              hub.baseUrl().toString(), outbox.toString(), "100000")
          .redirectErrorStream(false)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            if (line.startsWith("SUBMITTED ")) {
              submitted.add(line.substring("SUBMITTED ".length()).trim());
            }
          }
        } catch (java.io.IOException ignored) {
          // the child was killed
        }
      });
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      int before = submitted.size();
      while (submitted.size() < before + 5 && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(20);
      }
      TimeUnit.MILLISECONDS.sleep(100 + random.nextInt(700));
      child.destroyForcibly();  // SIGKILL on Linux
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      reader.join(5_000);
      assertThat(submitted.size()).as("round %d submitted something", round).isGreaterThan(before);
    }
    hub.clearFaults();
    try (SharingClient client = SharingClient.builder()
        .hubUrl(hub.baseUrl()).allowInsecureLoopback(true).outboxDirectory(outbox).build()) {
      assertThat(client.flush(Duration.ofSeconds(60))).isZero();
      assertThat(client.outbox().quarantined()).isEmpty();
    }
    List<String> missing = new ArrayList<>();
    for (String id : submitted) {
      if (hub.report(id).isEmpty()) {
        missing.add(id);
      }
    }
    assertThat(missing).as("reports whose submit returned but never reached the hub").isEmpty();
    for (String id : submitted) {
      hub.assertReceivedExactlyOnce(id);
    }
    // Each incident's update came after its initial report.
    hub.reports().stream().map(r -> r.incidentId()).distinct().forEach(hub::assertStageOrder);
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
