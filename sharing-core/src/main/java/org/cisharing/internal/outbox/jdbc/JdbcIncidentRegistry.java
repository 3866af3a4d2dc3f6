package org.cisharing.internal.outbox.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.cisharing.SharingException;
import org.cisharing.incident.IncidentRegistry;

/**
 * {@link IncidentRegistry} in the {@code cisharing_incident_correlation} and {@code
 * cisharing_incident_count} tables. A claim runs in one transaction holding the key's advisory
 * lock: it joins the key's open incident whose {@code last_seen} is within the window, or inserts
 * one whose window starts at {@code seenAt}; the primary key (correlation key, window start) backs
 * the lock up for replicas that saw the same observation.
 */
public final class JdbcIncidentRegistry implements IncidentRegistry {
  private final DataSource dataSource;
  private final String member;
  private final int lockClass;

  public JdbcIncidentRegistry(DataSource dataSource, String member, int lockClass) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.member = Objects.requireNonNull(member, "member");
    this.lockClass = lockClass;
  }

  @Override
  public Claim claim(String correlationKey, Instant seenAt, Duration window, UUID proposedId) {
    Objects.requireNonNull(correlationKey, "correlationKey");
    Objects.requireNonNull(seenAt, "seenAt");
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(proposedId, "proposedId");
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        Claim claim = claim(c, correlationKey, seenAt, window, proposedId);
        c.commit();
        return claim;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new SharingException("incident registry: could not claim key " + correlationKey + ": " + e.getMessage(), e);
    }
  }

  private Claim claim(Connection c, String key, Instant seenAt, Duration window, UUID proposedId) throws SQLException {
    try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
      lock.setInt(1, lockClass);
      lock.setString(2, key);
      lock.execute();
    }
    OffsetDateTime seen = ts(seenAt);
    try (PreparedStatement find = c.prepareStatement(
        "SELECT incident_id, owner FROM cisharing_incident_correlation WHERE correlation_key = ? AND last_seen >= ?"
            + " AND closed_at IS NULL ORDER BY last_seen DESC LIMIT 1")) {
      find.setString(1, key);
      find.setObject(2, ts(seenAt.minus(window)));
      try (ResultSet rs = find.executeQuery()) {
        if (rs.next()) {
          UUID id = rs.getObject(1, UUID.class);
          boolean owner = member.equals(rs.getString(2));
          touch(c, id, seenAt);
          return new Claim(id, owner);
        }
      }
    }
    try (PreparedStatement insert = c.prepareStatement(
        "INSERT INTO cisharing_incident_correlation (correlation_key, window_start, incident_id, owner, last_seen)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (correlation_key, window_start)"
            + " DO UPDATE SET last_seen = greatest(cisharing_incident_correlation.last_seen, excluded.last_seen)"
            + " RETURNING incident_id, owner")) {
      insert.setString(1, key);
      insert.setObject(2, seen);
      insert.setObject(3, proposedId);
      insert.setString(4, member);
      insert.setObject(5, seen);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        UUID id = rs.getObject(1, UUID.class);
        return new Claim(id, member.equals(rs.getString(2)));
      }
    }
  }

  private static void touch(Connection c, UUID id, Instant seenAt) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE cisharing_incident_correlation SET last_seen = greatest(last_seen, ?) WHERE incident_id = ?")) {
      ps.setObject(1, ts(seenAt));
      ps.setObject(2, id);
      ps.executeUpdate();
    }
  }

  @Override
  public void contribute(UUID incidentId, long observations, Instant seenAt) {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(seenAt, "seenAt");
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO cisharing_incident_count (incident_id, member, observations, updated_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (incident_id, member) DO UPDATE SET"
                + " observations = greatest(cisharing_incident_count.observations, excluded.observations),"
                + " updated_at = excluded.updated_at")) {
          ps.setObject(1, incidentId);
          ps.setString(2, member);
          ps.setLong(3, observations);
          ps.setObject(4, ts(seenAt));
          ps.executeUpdate();
        }
        touch(c, incidentId, seenAt);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new SharingException("incident registry: could not record counts of " + incidentId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void finish(UUID incidentId, Instant at) {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(at, "at");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "UPDATE cisharing_incident_correlation SET closed_at = ? WHERE incident_id = ? AND closed_at IS NULL")) {
      ps.setObject(1, ts(at));
      ps.setObject(2, incidentId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new SharingException("incident registry: could not close " + incidentId + ": " + e.getMessage(), e);
    }
  }

  @Override
  public long othersObservations(UUID incidentId) {
    Objects.requireNonNull(incidentId, "incidentId");
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT coalesce(sum(observations), 0) FROM cisharing_incident_count WHERE incident_id = ? AND member <> ?")) {
      ps.setObject(1, incidentId);
      ps.setString(2, member);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new SharingException("incident registry: could not read counts of " + incidentId + ": " + e.getMessage(), e);
    }
  }

  private static OffsetDateTime ts(Instant instant) {
    return OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
  }

  @Override
  public String toString() {
    return "JdbcIncidentRegistry{" + member + "}";
  }
}
