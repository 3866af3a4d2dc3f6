package org.cisharing.test.outbox.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cisharing.SharingException;
import org.cisharing.incident.IncidentRegistry;
import org.cisharing.outbox.JdbcOutbox;
import org.cisharing.outbox.JdbcOutboxConfig;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.outbox.OutboxFullException;
import org.cisharing.test.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the JDBC store adds to the outbox contract: joined transactions, replicas, the registry. */
@ExtendWith(PostgresTestDatabase.class)
class JdbcOutboxTest {
  private static final String SCHEMA = "outbox_jdbc";
  private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static HikariDataSource dataSource;

  private final MutableClock clock = MutableClock.at(T0);
  private final List<JdbcOutbox> opened = new ArrayList<>();

  @BeforeAll
  static void createSchema() {
    PostgresTestDatabase.recreateSchema(SCHEMA);
    dataSource = PostgresTestDatabase.pool(SCHEMA, 12);
    JdbcOutbox.create(dataSource, JdbcOutboxConfig.defaults().withAutoCreateSchema(true), Clock.systemUTC()).close();
  }

  @AfterAll
  static void closePool() {
    if (dataSource != null) {
      dataSource.close();
    }
  }

  @BeforeEach
  void empty() {
    PostgresTestDatabase.truncate(dataSource);
  }

  @AfterEach
  void closeOutboxes() {
    opened.forEach(JdbcOutbox::close);
  }

  private JdbcOutbox replica(String name) {
    return replica(name, OutboxConfig.defaults());
  }

  private JdbcOutbox replica(String name, OutboxConfig caps) {
    JdbcOutbox outbox = JdbcOutbox.create(dataSource, JdbcOutboxConfig.defaults().withCaps(caps).withOwner(name), clock);
    opened.add(outbox);
    return outbox;
  }

  private OutboxEntry entry(String key, long sequence) {
    UUID id = UUID.randomUUID();
    byte[] payload = ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
    return new OutboxEntry(id, "report", "/v1/reports", key, sequence, clock.instant(), payload);
  }

  @Test
  void anEntryAppendedInTheCallersTransactionExistsOnlyIfTheCallerCommits() throws Exception {
    JdbcOutbox outbox = replica("a");
    OutboxEntry rolledBack = entry("k", 1);
    OutboxEntry committed = entry("k", 2);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      outbox.append(rolledBack, c);
      c.rollback();
      outbox.append(committed, c);
      assertThat(outbox.pending()).as("not visible before the commit").isEmpty();
      c.commit();
      c.setAutoCommit(true);
    }
    assertThat(outbox.pending()).containsExactly(committed);
    assertThat(outbox.pendingCount()).isEqualTo(1);
    assertThat(outbox.pendingBytes()).isEqualTo(committed.payload().length);
  }

  @Test
  void theCallersOwnStatementsAndTheEntryCommitTogether() throws Exception {
    JdbcOutbox outbox = replica("a");
    OutboxEntry e = entry("k", 1);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("CREATE TABLE IF NOT EXISTS app_event (id UUID PRIMARY KEY)")) {
        ps.execute();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_event (id) VALUES (?)")) {
        ps.setObject(1, e.id());
        ps.executeUpdate();
      }
      outbox.append(e, c);
      c.commit();
      c.setAutoCommit(true);
    }
    assertThat(outbox.pending()).containsExactly(e);
  }

  @Test
  void aFullOutboxLeavesTheCallersTransactionUsable() throws Exception {
    JdbcOutbox outbox = replica("a", OutboxConfig.defaults().withMaxEntries(1));
    OutboxEntry first = entry("k", 1);
    outbox.append(first);
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      assertThatThrownBy(() -> outbox.append(entry("k", 2), c)).isInstanceOf(OutboxFullException.class);
      try (PreparedStatement ps = c.prepareStatement("SELECT 1")) {
        assertThat(ps.executeQuery().next()).isTrue();
      }
      c.commit();
      c.setAutoCommit(true);
    }
    assertThat(outbox.pending()).containsExactly(first);
  }

  @Test
  void capsHoldAcrossReplicas() {
    JdbcOutbox a = replica("a", OutboxConfig.defaults().withMaxEntries(2));
    JdbcOutbox b = replica("b", OutboxConfig.defaults().withMaxEntries(2));
    a.append(entry("k1", 1));
    b.append(entry("k2", 1));
    assertThatThrownBy(() -> a.append(entry("k3", 1))).isInstanceOf(OutboxFullException.class);
    assertThatThrownBy(() -> b.append(entry("k3", 1))).isInstanceOf(OutboxFullException.class);
  }

  @Test
  void anEntrySubmittedByOneReplicaIsDeliveredByAnother() {
    JdbcOutbox a = replica("a");
    JdbcOutbox b = replica("b");
    OutboxEntry e = entry("k", 1);
    a.append(e);
    assertThat(b.claimReady(10, LEASE)).containsExactly(e);
    assertThat(a.claimReady(10, LEASE)).as("claimed by b").isEmpty();
    b.acknowledge(e.id());
    assertThat(a.pending()).isEmpty();
  }

  @Test
  void aDeadReplicasLeaseExpiresAndItsLateReleaseDoesNotFreeTheNewClaim() {
    JdbcOutbox dead = replica("dead");
    JdbcOutbox alive = replica("alive");
    OutboxEntry first = entry("k", 1);
    OutboxEntry second = entry("k", 2);
    dead.append(first);
    dead.append(second);
    assertThat(dead.claimReady(10, LEASE)).containsExactly(first);
    assertThat(alive.claimReady(10, LEASE)).as("the key is leased").isEmpty();

    clock.advance(LEASE);
    assertThat(alive.claimReady(10, LEASE)).as("same entry, not the next").containsExactly(first);
    dead.release(first.id()); // the presumed-dead replica wakes up: its claim is gone
    assertThat(dead.claimReady(10, LEASE)).isEmpty();
    alive.acknowledge(first.id());
    assertThat(dead.claimReady(10, LEASE)).containsExactly(second);
  }

  @Test
  void closeGivesBackTheReplicasClaimsAtOnce() {
    JdbcOutbox leaving = JdbcOutbox.create(dataSource, JdbcOutboxConfig.defaults().withOwner("leaving"), clock);
    JdbcOutbox staying = replica("staying");
    OutboxEntry e = entry("k", 1);
    leaving.append(e);
    leaving.claimReady(10, LEASE);
    leaving.close();
    assertThat(staying.claimReady(10, LEASE)).containsExactly(e);
    assertThatThrownBy(() -> leaving.append(entry("k", 2))).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void replicasDeliveringConcurrentlyNeverHoldTwoEntriesOfAKeyAndKeepItsOrder() throws Exception {
    List<JdbcOutbox> outboxes = List.of(replica("r1"), replica("r2"), replica("r3"));
    int keys = 5;
    int perKey = 20;
    Map<String, List<Long>> expected = new HashMap<>();
    for (int s = 0; s < perKey; s++) {
      for (int k = 0; k < keys; k++) {
        outboxes.get((s + k) % 3).append(entry("incident-" + k, s));
        expected.computeIfAbsent("incident-" + k, x -> new ArrayList<>()).add((long) s);
      }
    }
    Map<String, List<Long>> delivered = new ConcurrentHashMap<>();
    Set<String> held = ConcurrentHashMap.newKeySet();
    List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        JdbcOutbox outbox = outboxes.get(t % 3);
        futures.add(pool.submit(() -> {
          start.await();
          for (int round = 0; round < 5_000 && outbox.pendingCount() > 0; round++) {
            for (OutboxEntry e : outbox.claimReady(2, LEASE)) {
              if (!held.add(e.orderKey())) {
                overlaps.add(e.orderKey() + "#" + e.sequence());
              }
              delivered.computeIfAbsent(e.orderKey(), x -> Collections.synchronizedList(new ArrayList<>())).add(e.sequence());
              held.remove(e.orderKey());
              outbox.acknowledge(e.id());
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(overlaps).isEmpty();
    assertThat(delivered).isEqualTo(expected);
    assertThat(outboxes.get(0).pendingCount()).isZero();
  }

  @Test
  void refusesEntriesThatDoNotFitTheColumns() {
    JdbcOutbox outbox = replica("a");
    OutboxEntry longKey = new OutboxEntry(UUID.randomUUID(), "report", "/v1/reports", "k".repeat(513), 1, T0, new byte[1]);
    assertThatThrownBy(() -> outbox.append(longKey)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orderKey");
    assertThat(outbox.pendingCount()).isZero();
  }

  @Test
  void missingTablesAreReportedWithTheWayToCreateThem() {
    PostgresTestDatabase.recreateSchema("outbox_empty");
    try (HikariDataSource empty = PostgresTestDatabase.pool("outbox_empty", 1)) {
      assertThatThrownBy(() -> JdbcOutbox.create(empty, OutboxConfig.defaults(), clock))
          .isInstanceOf(SharingException.class)
          .hasMessageContaining("V1__outbox.sql")
          .hasMessageContaining("withAutoCreateSchema");
    }
  }

  @Test
  void theShippedSchemaCanBeRunAgain() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      JdbcOutbox.createSchema(c);
      JdbcOutbox.createSchema(c);
    }
    assertThat(JdbcOutbox.schemaSql()).contains("cisharing_outbox_entry").contains("cisharing_incident_correlation");
  }

  // ---------------------------------------------------------------------------------------------
  // Incident registry

  @Test
  void replicasClaimingOneKeyShareOneIncidentWithOneOwner() {
    IncidentRegistry a = replica("a").incidentRegistry();
    IncidentRegistry b = replica("b").incidentRegistry();
    UUID proposedA = UUID.randomUUID();
    IncidentRegistry.Claim first = a.claim("water|it:scada", T0, Duration.ofMinutes(30), proposedA);
    IncidentRegistry.Claim second = b.claim("water|it:scada", T0.plusSeconds(60), Duration.ofMinutes(30), UUID.randomUUID());
    assertThat(first).isEqualTo(new IncidentRegistry.Claim(proposedA, true));
    assertThat(second).isEqualTo(new IncidentRegistry.Claim(proposedA, false));
    assertThat(a.claim("water|it:other", T0, Duration.ofMinutes(30), UUID.randomUUID()).incidentId()).isNotEqualTo(proposedA);
  }

  @Test
  void concurrentClaimsOfTheSameObservationYieldOneIncident() throws Exception {
    List<IncidentRegistry> registries = List.of(replica("a").incidentRegistry(), replica("b").incidentRegistry(),
        replica("c").incidentRegistry());
    for (int round = 0; round < 20; round++) {
      String key = "water|it:scada-" + round;
      Set<UUID> ids = ConcurrentHashMap.newKeySet();
      List<Boolean> owners = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (IncidentRegistry r : registries) {
          futures.add(pool.submit(() -> {
            start.await();
            IncidentRegistry.Claim claim = r.claim(key, T0, Duration.ofMinutes(30), UUID.randomUUID());
            ids.add(claim.incidentId());
            owners.add(claim.owner());
            return null;
          }));
        }
        start.countDown();
        for (Future<?> f : futures) {
          f.get(30, TimeUnit.SECONDS);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(ids).as("round %d", round).hasSize(1);
      assertThat(owners).as("round %d", round).containsExactlyInAnyOrder(true, false, false);
    }
  }

  @Test
  void theOwnerReadsTheOtherReplicasCounts() {
    IncidentRegistry a = replica("a").incidentRegistry();
    IncidentRegistry b = replica("b").incidentRegistry();
    IncidentRegistry c = replica("c").incidentRegistry();
    UUID id = a.claim("k", T0, Duration.ofMinutes(30), UUID.randomUUID()).incidentId();
    b.claim("k", T0, Duration.ofMinutes(30), UUID.randomUUID());
    a.contribute(id, 7, T0);
    b.contribute(id, 5, T0);
    b.contribute(id, 9, T0.plusSeconds(1));
    c.contribute(id, 4, T0.plusSeconds(2));
    assertThat(a.othersObservations(id)).isEqualTo(13);
    assertThat(b.othersObservations(id)).isEqualTo(11);
  }

  @Test
  void aKeySeenAgainAfterTheFinalReportOrAfterTheWindowOpensANewIncident() {
    IncidentRegistry a = replica("a").incidentRegistry();
    IncidentRegistry b = replica("b").incidentRegistry();
    Duration window = Duration.ofMinutes(30);
    UUID first = a.claim("k", T0, window, UUID.randomUUID()).incidentId();
    a.finish(first, T0.plusSeconds(10));
    IncidentRegistry.Claim afterFinal = b.claim("k", T0.plusSeconds(20), window, UUID.randomUUID());
    assertThat(afterFinal.incidentId()).isNotEqualTo(first);
    assertThat(afterFinal.owner()).isTrue();
    IncidentRegistry.Claim afterWindow = a.claim("k", T0.plusSeconds(20).plus(window).plusSeconds(1), window, UUID.randomUUID());
    assertThat(afterWindow.incidentId()).isNotIn(first, afterFinal.incidentId());
  }
}
