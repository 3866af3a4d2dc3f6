package org.cisharing.test.outbox.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.cisharing.outbox.JdbcOutbox;
import org.cisharing.outbox.JdbcOutboxConfig;
import org.cisharing.test.MockSharingHub;
import org.cisharing.test.MockSharingHubExtension;
import org.cisharing.test.ReceivedReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three replicas (three JVMs, one PostgreSQL) observe the same events; one is killed with SIGKILL
 * while two of its reports are in flight (the hub stored them, the answers never came back). The hub
 * must get one incident per event source, every filed report exactly once, in stage order, with
 * the replicas' observation counts merged.
 */
@ExtendWith(PostgresTestDatabase.class)
class JdbcReplicasTest {
  private static final String SCHEMA = "outbox_replicas";
  private static final long LEASE_MILLIS = 3_000;

  @RegisterExtension final MockSharingHubExtension hubs = new MockSharingHubExtension();
  /** The replicas' logs stay here after the run, for diagnosis. */
  private final Path dir = Path.of("target", "jdbc-replicas");

  private final List<Replica> replicas = new ArrayList<>();
  private HikariDataSource dataSource;
  private SwallowingProxy proxy;

  @AfterEach
  void stopEverything() throws Exception {
    for (Replica r : replicas) {
      r.process.destroyForcibly();
      r.process.waitFor(10, TimeUnit.SECONDS);
    }
    if (proxy != null) {
      proxy.close();
    }
    if (dataSource != null) {
      dataSource.close();
    }
  }

  @Test
  void replicasFileEachIncidentOnceAndEveryReportReachesTheHubOnceInOrderDespiteAKilledReplica() throws Exception {
    MockSharingHub hub = hubs.hub();
    java.nio.file.Files.createDirectories(dir);
    PostgresTestDatabase.recreateSchema(SCHEMA);
    dataSource = PostgresTestDatabase.pool(SCHEMA, 2);
    JdbcOutbox outbox = JdbcOutbox.create(dataSource, JdbcOutboxConfig.defaults().withAutoCreateSchema(true), Clock.systemUTC());
    proxy = new SwallowingProxy(hub.port());
    long t0 = System.currentTimeMillis();

    // The victim sees incidents A and B first and owns them; its two delivery loops send both
    // initial reports through a proxy that passes requests to the hub and swallows the answers.
    Replica victim = start("victim", proxy.url(), 600_000); // it dies before its incidents go quiet
    for (String system : List.of("A", "B")) {
      victim.send("observe " + system + " " + t0 + " DEGRADED");
    }
    await("the victim filed A and B", () -> victim.filed.size() == 2);
    await("both reports in flight through the proxy", () -> proxy.posts.get() >= 2);

    Replica one = start("one", hub.baseUrl(), 3_000);
    Replica two = start("two", hub.baseUrl(), 3_000);
    victim.process.destroyForcibly(); // SIGKILL mid-delivery: its claims stay until their leases expire
    assertThat(victim.process.waitFor(10, TimeUnit.SECONDS)).isTrue();

    // The survivors see the same events: A and B again, then C and D, whose impact escalates.
    int perIncident = 5;
    for (Replica r : List.of(one, two)) {
      for (String system : List.of("A", "B")) {
        r.send("observe " + system + " " + t0 + " DEGRADED");
      }
      for (int i = 0; i < perIncident; i++) {
        String impact = i < 3 ? "DEGRADED" : "DISRUPTED";
        for (String system : List.of("C", "D")) {
          r.send("observe " + system + " " + (t0 + 1_000 + i) + " " + impact);
        }
      }
    }

    // A, B: initial (from the dead victim); C, D: initial, update (escalation), final (quiet).
    hub.awaitReports(8, Duration.ofSeconds(60));
    assertThat(victim.filed).as("the victim filed A and B only").hasSize(2);
    await("C and D final", () -> hub.reports().stream().filter(r -> r.stage().equals("final")).count() >= 2);
    await("the outbox drained", () -> outbox.pendingCount() == 0);

    List<Filed> filed = new ArrayList<>();
    for (Replica r : replicas) {
      filed.addAll(r.filed);
    }
    List<ReceivedReport> received = hub.reports();
    assertThat(received).as("hub reports vs filed %s", filed).hasSameSizeAs(filed).hasSize(8);
    for (Filed f : filed) {
      hub.assertReceivedExactlyOnce(f.reportId);
    }
    Map<String, List<ReceivedReport>> byIncident =
        received.stream().collect(Collectors.groupingBy(ReceivedReport::incidentId));
    assertThat(byIncident).as("one incident per system").hasSize(4);
    for (String incident : byIncident.keySet()) {
      hub.assertStageOrder(incident);
    }
    List<String> victimIncidents = victim.filed.stream().map(Filed::incidentId).toList();
    for (Map.Entry<String, List<ReceivedReport>> e : byIncident.entrySet()) {
      List<String> stages = e.getValue().stream().map(ReceivedReport::stage).toList();
      assertThat(stages).as("incident %s", e.getKey())
          .isEqualTo(victimIncidents.contains(e.getKey()) ? List.of("initial") : List.of("initial", "update", "final"));
    }
    // The victim's reports went out twice: once before it died (answer lost), once by a survivor.
    for (Filed f : victim.filed) {
      assertThat(hub.attempts(f.reportId)).as("attempts of %s ", f.reportId).isGreaterThanOrEqualTo(2);
    }
    // C and D were observed perIncident times by each survivor: the final reports carry the union.
    for (ReceivedReport r : received) {
      if (r.stage().equals("final")) {
        assertThat(r.json().at("/observations/total").asLong()).as("final of %s", r.incidentId()).isEqualTo(2L * perIncident);
      }
    }
    assertThat(outbox.deadLetters()).isEmpty();
    outbox.close();
  }

  // ---------------------------------------------------------------------------------------------

  private record Filed(String reportId, String incidentId, String stage) {}

  private final class Replica {
    final String name;
    final Process process;
    final PrintWriter stdin;
    final List<Filed> filed = new CopyOnWriteArrayList<>();
    volatile boolean ready;

    Replica(String name, Process process) {
      this.name = name;
      this.process = process;
      this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = in.readLine()) != null) {
            if (line.equals("READY")) {
              ready = true;
            } else if (line.startsWith("FILED ")) {
              String[] f = line.split(" ");
              filed.add(new Filed(f[1], f[2], f[3]));
            }
          }
        } catch (IOException e) {
          // killed
        }
      }, "replica-" + name + "-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    void send(String line) {
      stdin.println(line);
    }

    @Override
    public String toString() {
      return name + " filed " + filed;
    }
  }

  private Replica start(String name, URI hubUrl, long quietMillis) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ReplicaMain.class.getName(),
            hubUrl.toString(), SCHEMA, name, String.valueOf(LEASE_MILLIS), String.valueOf(quietMillis))
        .redirectError(ProcessBuilder.Redirect.to(dir.resolve(name + ".log").toFile()))
        .start();
    Replica replica = new Replica(name, process);
    replicas.add(replica);
    await("replica " + name + " ready (log: " + dir.resolve(name + ".log") + ")", () -> replica.ready);
    return replica;
  }

  private void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what + "; replicas: " + replicas);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  /** Passes requests to the hub and throws its answers away, counting report submissions. */
  private static final class SwallowingProxy implements AutoCloseable {
    final ServerSocket server;
    final AtomicInteger posts = new AtomicInteger();
    final List<Socket> sockets = new CopyOnWriteArrayList<>();

    SwallowingProxy(int hubPort) throws IOException {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            Socket client = server.accept();
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), hubPort);
            sockets.add(client);
            sockets.add(upstream);
            pump(client.getInputStream(), upstream.getOutputStream(), true);
            pump(upstream.getInputStream(), OutputStream.nullOutputStream(), false);
          } catch (IOException e) {
            return; // closed
          }
        }
      }, "swallowing-proxy");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void pump(InputStream in, OutputStream out, boolean count) {
      Thread t = new Thread(() -> {
        byte[] buffer = new byte[16384];
        try {
          int n;
          while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            out.flush();
            if (count && new String(buffer, 0, n, StandardCharsets.ISO_8859_1).contains("POST /v1/reports")) {
              posts.incrementAndGet();
            }
          }
        } catch (IOException e) {
          // closed
        }
      }, "swallowing-proxy-pump");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
