package org.cisharing.outbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.cisharing.SharingException;
import org.cisharing.incident.IncidentRegistry;
import org.cisharing.internal.outbox.Caps;
import org.cisharing.internal.outbox.jdbc.JdbcIncidentRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Outbox} in PostgreSQL tables, shared by every replica of an application that uses the
 * same database: any replica may deliver any entry, and an entry submitted by a replica that then
 * dies for good is delivered by the others. An {@link #append} is durable when its transaction
 * commits; {@link #append(OutboxEntry, Connection)} joins the caller's transaction instead.
 *
 * <pre>{@code
 * JdbcOutbox outbox = JdbcOutbox.create(dataSource,
 *     JdbcOutboxConfig.defaults().withOwner("web-2"), Clock.systemUTC());
 * SharingClient client = SharingClient.builder().hubUrl(hub).outbox(outbox).build();
 * }</pre>
 *
 * <p>Claims take, per ordering key, only the first pending entry and only when no entry of that key
 * is leased, with {@code FOR UPDATE SKIP LOCKED} and a per-key transaction-scoped advisory lock, so
 * two replicas never hold two entries of one key at once. A lease is a timestamp from the injected
 * clock: replicas need synchronised clocks (NTP) and a lease longer than a delivery attempt. Caps
 * are exact across replicas: two counter rows, updated in the same transactions as the entries.
 * The tables ({@code V1__outbox.sql}, see {@link #schemaSql()}) are found through the connection's
 * search path. Rows cannot be unreadable, so {@link #quarantined()} is always empty.
 *
 * <p>Thread-safe; each call borrows one connection from the data source (use a pool). Database
 * failures throw {@link SharingException}; every method except {@link #close} throws {@link
 * IllegalStateException} once closed. See {@code docs/design/outbox.md}, "JDBC store".
 *
 * @since 0.1.0
 */
public final class JdbcOutbox implements Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcOutbox.class);

  /** The classpath location of the schema script. */
  public static final String SCHEMA_RESOURCE = "/org/cisharing/outbox/jdbc/V1__outbox.sql";

  /** The first key of the two-key advisory locks this outbox takes ("CIS" + 1). */
  static final int LOCK_CLASS = 0x43495301;

  private static final String COLUMNS = "seq, id, kind, path, order_key, sequence, enqueued_at, enqueued_nano, payload";

  private static final String INSERT =
      "INSERT INTO cisharing_outbox_entry (id, kind, path, order_key, sequence, enqueued_at, enqueued_nano, payload,"
          + " payload_bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
  private static final String RESERVE =
      "UPDATE cisharing_outbox_counter a SET entries = a.entries + 1, bytes = a.bytes + ?"
          + " FROM cisharing_outbox_counter r WHERE a.name = 'appended' AND r.name = 'removed'"
          + " AND a.entries - r.entries + 1 <= ? AND a.bytes - r.bytes + ? <= ?";
  private static final String TOTALS =
      "SELECT a.entries - r.entries, a.bytes - r.bytes FROM cisharing_outbox_counter a, cisharing_outbox_counter r"
          + " WHERE a.name = 'appended' AND r.name = 'removed'";
  /** A head of its key (nothing earlier pending) and no entry of its key leased now. */
  private static final String READY =
      " (e.claimed_until IS NULL OR e.claimed_until <= ?)"
          + " AND NOT EXISTS (SELECT 1 FROM cisharing_outbox_entry p WHERE p.order_key = e.order_key"
          + " AND (p.sequence < e.sequence OR (p.sequence = e.sequence AND p.seq < e.seq)))"
          + " AND NOT EXISTS (SELECT 1 FROM cisharing_outbox_entry l WHERE l.order_key = e.order_key"
          + " AND l.claimed_until > ?)";
  private static final String CANDIDATES =
      "SELECT e.seq, e.order_key FROM cisharing_outbox_entry e WHERE" + READY
          + " ORDER BY e.seq LIMIT ? FOR UPDATE OF e SKIP LOCKED";
  private static final String LOCK_KEYS =
      "SELECT k FROM unnest(?::varchar[]) AS k WHERE pg_try_advisory_xact_lock(" + LOCK_CLASS + ", hashtext(k))";
  private static final String CLAIM =
      "UPDATE cisharing_outbox_entry e SET claimed_until = ?, claimed_by = ? WHERE e.seq = ANY(?) AND" + READY
          + " RETURNING " + prefixed("e.", COLUMNS);
  private static final String REMOVED =
      " UPDATE cisharing_outbox_counter SET entries = entries + (SELECT count(*) FROM d),"
          + " bytes = bytes + (SELECT coalesce(sum(payload_bytes), 0) FROM d)"
          + " WHERE name = 'removed' AND EXISTS (SELECT 1 FROM d)";
  private static final String ACKNOWLEDGE =
      "WITH d AS (DELETE FROM cisharing_outbox_entry WHERE id = ? RETURNING payload_bytes)" + REMOVED;
  private static final String DEAD_LETTER =
      "WITH d AS (DELETE FROM cisharing_outbox_entry WHERE id = ? RETURNING *),"
          + " ins AS (INSERT INTO cisharing_outbox_dead (" + COLUMNS + ", status, reason, problem, dead_at, dead_nano)"
          + " SELECT " + COLUMNS + ", ?, ?, ?, ?, ? FROM d)" + REMOVED;

  private final DataSource dataSource;
  private final JdbcOutboxConfig config;
  private final Clock clock;
  private volatile boolean closed;

  private JdbcOutbox(DataSource dataSource, JdbcOutboxConfig config, Clock clock) {
    this.dataSource = dataSource;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Opens the outbox over the tables reachable through {@code dataSource}, creating them first
   * when {@link JdbcOutboxConfig#autoCreateSchema()} is set.
   *
   * @throws SharingException when the database cannot be reached or the tables are missing
   */
  public static JdbcOutbox create(DataSource dataSource, JdbcOutboxConfig config, Clock clock) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    JdbcOutbox outbox = new JdbcOutbox(dataSource, config, clock);
    try (Connection c = dataSource.getConnection()) {
      if (config.autoCreateSchema()) {
        createSchema(c);
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(TOTALS)) {
        if (!rs.next()) {
          throw new SharingException("The JDBC outbox's counter rows are missing: run " + SCHEMA_RESOURCE + " again");
        }
        LOG.info("Opened JDBC outbox as {}: {} pending ({} bytes)", config.owner(), rs.getLong(1), rs.getLong(2));
      }
    } catch (SQLException e) {
      throw new SharingException("Cannot open the JDBC outbox: " + e.getMessage() + " (are the tables of "
          + SCHEMA_RESOURCE + " created? set JdbcOutboxConfig.withAutoCreateSchema(true) or run the script)", e);
    }
    return outbox;
  }

  /** {@link #create(DataSource, JdbcOutboxConfig, Clock)} with these caps and otherwise default settings. */
  public static JdbcOutbox create(DataSource dataSource, OutboxConfig caps, Clock clock) {
    return create(dataSource, JdbcOutboxConfig.defaults().withCaps(caps), clock);
  }

  /** The text of the schema script {@code V1__outbox.sql}, for a migration tool or a DBA. */
  public static String schemaSql() {
    try (InputStream in = JdbcOutbox.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SharingException("Cannot read " + SCHEMA_RESOURCE + ": " + e, e);
    }
  }

  /** Runs the schema script on {@code connection} in one transaction; idempotent, safe to run from several replicas at once. */
  public static void createSchema(Connection connection) throws SQLException {
    Objects.requireNonNull(connection, "connection");
    boolean auto = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (Statement s = connection.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + LOCK_CLASS + ", 0)"); // one creator at a time
      for (String sql : statements(schemaSql())) {
        s.execute(sql);
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(auto);
    }
  }

  /** The settings this outbox was created with. */
  public JdbcOutboxConfig config() {
    return config;
  }

  /**
   * An {@link IncidentRegistry} over the same database, under this outbox's owner name: give it to
   * every replica's {@link org.cisharing.incident.IncidentTracker} so that replicas observing the
   * same events file one incident.
   */
  public IncidentRegistry incidentRegistry() {
    return new JdbcIncidentRegistry(dataSource, config.owner(), LOCK_CLASS + 1);
  }

  @Override
  public void append(OutboxEntry entry) {
    Objects.requireNonNull(entry, "entry");
    ensureOpen();
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        store(c, entry);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw failure("store entry " + entry.id(), e);
    }
  }

  /**
   * Stores an entry within the caller's transaction on {@code connection}: it is durable, and
   * visible to delivery, when the caller commits, and gone if the caller rolls back. The counter row
   * of the caps stays locked until then: keep such transactions short. On a connection in
   * auto-commit mode the entry is committed at once. Appending a pending id again is a no-op.
   *
   * @throws OutboxFullException when a cap is reached (the caller's transaction is left usable)
   * @throws SharingException when a statement fails (the caller should roll back)
   */
  public void append(OutboxEntry entry, Connection connection) {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(connection, "connection");
    ensureOpen();
    try {
      if (connection.getAutoCommit()) {
        connection.setAutoCommit(false);
        try {
          store(connection, entry);
          connection.commit();
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(connection, e);
          throw e;
        } finally {
          connection.setAutoCommit(true);
        }
      } else {
        store(connection, entry);
      }
    } catch (SQLException e) {
      throw failure("store entry " + entry.id(), e);
    }
  }

  /** The column widths of {@code V1__outbox.sql}: an entry that does not fit is a programming error. */
  private static void checkFits(OutboxEntry entry) {
    if (entry.kind().length() > 64) {
      throw new IllegalArgumentException("entry.kind is longer than 64 characters: " + entry.kind());
    }
    if (entry.path().length() > 2048) {
      throw new IllegalArgumentException("entry.path is longer than 2048 characters");
    }
    if (entry.orderKey().length() > 512) {
      throw new IllegalArgumentException("entry.orderKey is longer than 512 characters");
    }
  }

  /** Inserts the entry and reserves its room under the caps, on a connection in a transaction. */
  private void store(Connection c, OutboxEntry entry) throws SQLException {
    checkFits(entry);
    int size = entry.payload().length;
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      insert.setObject(1, entry.id());
      insert.setString(2, entry.kind());
      insert.setString(3, entry.path());
      insert.setString(4, entry.orderKey());
      insert.setLong(5, entry.sequence());
      insert.setObject(6, timestamp(entry.enqueuedAt()));
      insert.setInt(7, entry.enqueuedAt().getNano());
      insert.setBytes(8, entry.payload());
      insert.setInt(9, size);
      if (insert.executeUpdate() == 0) {
        return; // already pending: a no-op, whatever the caps say
      }
    }
    OutboxConfig caps = config.caps();
    try (PreparedStatement reserve = c.prepareStatement(RESERVE)) {
      reserve.setLong(1, size);
      reserve.setLong(2, caps.maxEntries());
      reserve.setLong(3, size);
      reserve.setLong(4, caps.maxBytes());
      if (reserve.executeUpdate() == 1) {
        return;
      }
    }
    // Full: take the row back (the caller's transaction stays usable) and say which cap.
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM cisharing_outbox_entry WHERE id = ?")) {
      delete.setObject(1, entry.id());
      delete.executeUpdate();
    }
    long entries;
    long bytes;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(TOTALS)) {
      rs.next();
      entries = rs.getLong(1);
      bytes = rs.getLong(2);
    }
    Caps.check("(JDBC)", caps, entries, bytes, entry.id(), size);
    // Another replica removed entries since the insert was refused: the cap was reached then.
    throw new OutboxFullException("Outbox (JDBC) is full: refused entry " + entry.id()
        + " (a cap was reached when it was stored), nothing was evicted");
  }

  @Override
  public List<OutboxEntry> claimReady(int max, Duration lease) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1: " + max);
    }
    Objects.requireNonNull(lease, "lease");
    if (lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive: " + lease);
    }
    ensureOpen();
    Instant now = clock.instant();
    OffsetDateTime nowTs = timestamp(now);
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        asyncCommit(c);
        List<OutboxEntry> claimed = claim(c, max, nowTs, timestamp(now.plus(lease)));
        c.commit();
        return claimed;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw failure("claim entries", e);
    }
  }

  /**
   * 1. Candidate heads, row-locked, skipping rows another claimer has locked. 2. The advisory lock
   * of each candidate's key, skipping keys another claimer holds. 3. A fresh statement (a new
   * snapshot, taken while this transaction holds the keys) checks again and sets the lease.
   */
  private List<OutboxEntry> claim(Connection c, int max, OffsetDateTime now, OffsetDateTime until) throws SQLException {
    List<Long> seqs = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(CANDIDATES)) {
      ps.setObject(1, now);
      ps.setObject(2, now);
      ps.setInt(3, max);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          seqs.add(rs.getLong(1));
          keys.add(rs.getString(2));
        }
      }
    }
    if (seqs.isEmpty()) {
      return List.of();
    }
    List<String> lockedKeys = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(LOCK_KEYS)) {
      Array array = c.createArrayOf("varchar", keys.toArray());
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          lockedKeys.add(rs.getString(1));
        }
      }
      array.free();
    }
    List<Long> mine = new ArrayList<>();
    for (int i = 0; i < seqs.size(); i++) {
      if (lockedKeys.contains(keys.get(i))) {
        mine.add(seqs.get(i));
      }
    }
    if (mine.isEmpty()) {
      return List.of();
    }
    List<Stored> claimed = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
      Array array = c.createArrayOf("bigint", mine.toArray());
      ps.setObject(1, until);
      ps.setString(2, config.owner());
      ps.setArray(3, array);
      ps.setObject(4, now);
      ps.setObject(5, now);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          claimed.add(read(rs));
        }
      }
      array.free();
    }
    claimed.sort(Comparator.comparingLong(Stored::seq));
    List<OutboxEntry> out = new ArrayList<>(claimed.size());
    for (Stored s : claimed) {
      out.add(s.entry());
    }
    return List.copyOf(out);
  }

  @Override
  public void acknowledge(UUID id) {
    Objects.requireNonNull(id, "id");
    ensureOpen();
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(ACKNOWLEDGE)) {
        asyncCommit(c);
        ps.setObject(1, id);
        ps.executeUpdate();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw failure("remove acknowledged entry " + id + " (it will be delivered again, which the hub answers as a replay)", e);
    }
  }

  @Override
  public void release(UUID id) {
    Objects.requireNonNull(id, "id");
    ensureOpen();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE cisharing_outbox_entry SET claimed_until = NULL, claimed_by = NULL WHERE id = ? AND claimed_by = ?")) {
      ps.setObject(1, id);
      ps.setString(2, config.owner());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failure("release entry " + id, e);
    }
  }

  @Override
  public void deadLetter(UUID id, int status, String reason, String problem) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(reason, "reason");
    ensureOpen();
    Instant at = clock.instant();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(DEAD_LETTER)) {
      ps.setObject(1, id);
      ps.setInt(2, status);
      ps.setString(3, reason);
      ps.setString(4, problem);
      ps.setObject(5, timestamp(at));
      ps.setInt(6, at.getNano());
      ps.executeUpdate();
    } catch (SQLException e) {
      throw failure("dead-letter entry " + id, e);
    }
  }

  @Override
  public boolean removeDeadLetter(UUID id) {
    Objects.requireNonNull(id, "id");
    ensureOpen();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("DELETE FROM cisharing_outbox_dead WHERE id = ?")) {
      ps.setObject(1, id);
      return ps.executeUpdate() > 0;
    } catch (SQLException e) {
      throw failure("remove dead letter " + id, e);
    }
  }

  @Override
  public List<OutboxEntry> pending() {
    ensureOpen();
    List<OutboxEntry> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM cisharing_outbox_entry ORDER BY seq")) {
      while (rs.next()) {
        out.add(read(rs).entry());
      }
    } catch (SQLException e) {
      throw failure("list pending entries", e);
    }
    return List.copyOf(out);
  }

  @Override
  public int pendingCount() {
    return (int) totals()[0];
  }

  @Override
  public long pendingBytes() {
    return totals()[1];
  }

  private long[] totals() {
    ensureOpen();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(TOTALS)) {
      if (!rs.next()) {
        throw new SharingException("The JDBC outbox's counter rows are missing: run " + SCHEMA_RESOURCE + " again");
      }
      return new long[] {rs.getLong(1), rs.getLong(2)};
    } catch (SQLException e) {
      throw failure("count pending entries", e);
    }
  }

  @Override
  public Optional<Instant> oldestPending() {
    ensureOpen();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT enqueued_at, enqueued_nano FROM cisharing_outbox_entry"
            + " ORDER BY enqueued_at, enqueued_nano LIMIT 1")) {
      return rs.next() ? Optional.of(instant(rs, 1, 2)) : Optional.empty();
    } catch (SQLException e) {
      throw failure("find the oldest pending entry", e);
    }
  }

  @Override
  public List<DeadLetter> deadLetters() {
    ensureOpen();
    List<DeadLetter> out = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT " + COLUMNS + ", status, reason, problem, dead_at, dead_nano"
            + " FROM cisharing_outbox_dead ORDER BY dead_at, dead_nano, seq")) {
      while (rs.next()) {
        OutboxEntry entry = read(rs).entry();
        out.add(new DeadLetter(entry, rs.getInt(10), rs.getString(11), rs.getString(12), instant(rs, 13, 14)));
      }
    } catch (SQLException e) {
      throw failure("list dead letters", e);
    }
    return List.copyOf(out);
  }

  /** Always empty: the database checks every row's types, so nothing is set aside as unreadable. */
  @Override
  public List<Quarantined> quarantined() {
    ensureOpen();
    return List.of();
  }

  /**
   * Gives back this instance's claims (so that other replicas take them at once instead of after
   * the lease) and stops using the data source, which the caller still owns. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE cisharing_outbox_entry SET claimed_until = NULL, claimed_by = NULL WHERE claimed_by = ?")) {
      ps.setString(1, config.owner());
      int released = ps.executeUpdate();
      LOG.debug("Closed JDBC outbox {}: released {} claims", config.owner(), released);
    } catch (SQLException e) {
      LOG.warn("Closed JDBC outbox {} without releasing its claims (they expire with their leases): {}",
          config.owner(), e.toString());
    }
  }

  @Override
  public String toString() {
    return "JdbcOutbox{" + config.owner() + "}";
  }

  // ---------------------------------------------------------------------------------------------

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The JDBC outbox " + config.owner() + " is closed");
    }
  }

  /**
   * Claims and acknowledgements do not wait for the WAL flush: a database crash may forget the last
   * fraction of a second of them, and those entries are then claimed and delivered again, which
   * the hub answers as a replay. Appends and dead letters always wait for it.
   */
  private static void asyncCommit(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET LOCAL synchronous_commit TO OFF");
    }
  }

  private record Stored(long seq, OutboxEntry entry) {}

  /** Reads the {@link #COLUMNS} at positions 1..9. */
  private static Stored read(ResultSet rs) throws SQLException {
    long seq = rs.getLong(1);
    OutboxEntry entry = new OutboxEntry(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getLong(6), instant(rs, 7, 8), rs.getBytes(9));
    return new Stored(seq, entry);
  }

  private static Instant instant(ResultSet rs, int timestampColumn, int nanoColumn) throws SQLException {
    OffsetDateTime at = rs.getObject(timestampColumn, OffsetDateTime.class);
    return Instant.ofEpochSecond(at.toEpochSecond(), rs.getInt(nanoColumn));
  }

  /** Microseconds, truncated: the nano-of-second is stored beside it. */
  private static OffsetDateTime timestamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  private static String prefixed(String prefix, String columns) {
    StringBuilder out = new StringBuilder();
    for (String column : columns.split(",\\s*")) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(prefix).append(column);
    }
    return out.toString();
  }

  /** The script's statements: comment lines dropped, split at semicolons ending a line. */
  static List<String> statements(String script) {
    StringBuilder text = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("--")) {
        int comment = line.indexOf(" -- ");
        text.append(comment >= 0 ? line.substring(0, comment) : line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String statement : text.toString().split(";\\s*\n")) {
      if (!statement.isBlank()) {
        out.add(statement.strip());
      }
    }
    return out;
  }

  private static void rollbackQuietly(Connection c, Exception failure) {
    try {
      c.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static SharingException failure(String what, SQLException e) {
    return new SharingException("JDBC outbox: could not " + what + ": " + e.getMessage()
        + (e.getSQLState() == null ? "" : " (SQLState " + e.getSQLState() + ")"), e);
  }
}
