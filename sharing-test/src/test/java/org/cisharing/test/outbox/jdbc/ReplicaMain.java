package org.cisharing.test.outbox.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.cisharing.RetryPolicy;
import org.cisharing.SharingClient;
import org.cisharing.incident.Incident;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.incident.TrackerListener;
import org.cisharing.model.Contact;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Organization;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.outbox.JdbcOutbox;
import org.cisharing.outbox.JdbcOutboxConfig;
import org.cisharing.report.IncidentReport;
import org.cisharing.report.Reporter;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ObservedSystem;

/**
 * One replica of a monitored application for {@link JdbcReplicasTest}, in its own JVM: a tracker
 * correlating through the JDBC registry and a client delivering from the shared JDBC outbox. Args:
 * hub URL, schema, owner name, lease and quiet period in milliseconds. Reads {@code observe <system> <epochMillis>
 * <impact>} lines from stdin; prints {@code FILED <reportId> <incidentId> <stage>} once a report is
 * durably in the outbox.
 */
public final class ReplicaMain {
  private ReplicaMain() {}

  public static void main(String[] args) throws Exception {
    URI hub = URI.create(args[0]);
    String schema = args[1];
    String owner = args[2];
    Duration lease = Duration.ofMillis(Long.parseLong(args[3]));
    Duration quiet = Duration.ofMillis(Long.parseLong(args[4]));
    Clock clock = Clock.systemUTC();
    HikariDataSource dataSource = PostgresTestDatabase.pool(schema, 4);
    JdbcOutbox outbox = JdbcOutbox.create(dataSource, JdbcOutboxConfig.defaults().withOwner(owner), clock);
    SharingClient client = SharingClient.builder()
        .hubUrl(hub)
        .allowInsecureLoopback(true)
        .outbox(outbox)
        .lease(lease)
        .deliveryConcurrency(2)
        .readTimeout(Duration.ofSeconds(60))
        .callTimeout(Duration.ofSeconds(120))
        .retryPolicy(RetryPolicy.defaults().withInitialBackoff(Duration.ofMillis(20)).withMaxBackoff(Duration.ofMillis(200)))
        .build();
    IncidentTracker tracker = IncidentTracker.builder()
        .reporter(Reporter.of(Organization.of("さくら水道企業団", "WAT-0001", Sector.WATER),
            new Contact("当番", "soc@sakura-water.example.jp", null, true)))
        .client(client)
        .registry(outbox.incidentRegistry())
        .clock(clock)
        .updateInterval(Duration.ofMillis(1))
        .quietPeriod(quiet)
        .evaluationInterval(Duration.ofMillis(100))
        .listener(new TrackerListener() {
          @Override
          public void reportFiled(IncidentReport report, Incident incident) {
            synchronized (System.out) {
              System.out.println("FILED " + report.reportId() + " " + report.incidentId() + " " + report.stage().code());
              System.out.flush();
            }
          }
        })
        .build();
    System.out.println("READY");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String[] f = line.trim().split(" ");
      if (f[0].equals("observe")) {
        tracker.observe(Observation.builder()
            .observedAt(OffsetDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(f[2])), ZoneOffset.UTC))
            .source("zabbix@dc1")
            .sector(Sector.WATER)
            .system(new ObservedSystem(SystemKind.IT, f[1], null, null, null))
            .signals("ddos-traffic")
            .serviceImpact(ImpactLevel.valueOf(f[3]))
            .build());
      } else if (f[0].equals("flush")) {
        tracker.flush(Duration.ofSeconds(10));
        System.out.println("FLUSHED");
        System.out.flush();
      }
    }
    Thread.currentThread().join(); // stdin closed: keep delivering until killed
  }
}
