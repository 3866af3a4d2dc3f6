package org.cisharing.test.outbox.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database the JDBC tests run against: {@code CISHARING_PG_URL} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/cisharing_test}), {@code CISHARING_PG_USER} and {@code
 * CISHARING_PG_PASSWORD} (default {@code cisharing}). As an extension it checks the database before
 * a test class: unreachable fails the class when {@code CI=true}, and otherwise skips it with a
 * loud message (a WARN log line, and the class reported as skipped with the reason), never
 * silently.
 */
public final class PostgresTestDatabase implements ExecutionCondition {
  private static final Logger LOG = LoggerFactory.getLogger(PostgresTestDatabase.class);

  static final String URL = env("CISHARING_PG_URL", "jdbc:postgresql://127.0.0.1:5432/cisharing_test");
  static final String USER = env("CISHARING_PG_USER", "cisharing");
  static final String PASSWORD = env("CISHARING_PG_PASSWORD", "cisharing");

  private static volatile String problem;
  private static volatile boolean checked;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!checked) {
      problem = unreachable();
      checked = true;
    }
    if (problem == null) {
      return ConditionEvaluationResult.enabled("PostgreSQL reachable at " + URL);
    }
    String message = "PostgreSQL is not reachable at " + URL + " as " + USER + " (" + problem + "): "
        + context.getDisplayName() + " NOT RUN. Start PostgreSQL or run .ci/run, which installs and starts it"
        + " (see README, 'Contributing').";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true and " + message);
    }
    if (context.getTestMethod().isEmpty()) {
      LOG.warn("!!! SKIPPING JDBC TESTS !!! {}", message);
    }
    return ConditionEvaluationResult.disabled("!!! SKIPPED: " + message);
  }

  /** Null when a connection can be opened, else why not. */
  static String unreachable() {
    Properties p = properties();
    p.setProperty("connectTimeout", "3");
    try (Connection c = DriverManager.getConnection(URL, p)) {
      return c.isValid(3) ? null : "connection not valid";
    } catch (SQLException e) {
      return e.getMessage();
    }
  }

  /** Drops and recreates {@code schema}, empty. */
  static void recreateSchema(String schema) {
    try (Connection c = DriverManager.getConnection(URL, properties());
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot recreate schema " + schema + ": " + e.getMessage(), e);
    }
  }

  /** Empties the outbox and registry tables of {@code schema} (which must exist). */
  static void truncate(HikariDataSource dataSource) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("TRUNCATE cisharing_outbox_entry, cisharing_outbox_dead, cisharing_incident_correlation,"
          + " cisharing_incident_count RESTART IDENTITY");
      s.execute("UPDATE cisharing_outbox_counter SET entries = 0, bytes = 0");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the outbox tables: " + e.getMessage(), e);
    }
  }

  /** A connection pool whose connections use {@code schema}. Close it after use. */
  static HikariDataSource pool(String schema, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema);
    config.setUsername(USER);
    config.setPassword(PASSWORD);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(1);
    config.setPoolName("pg-" + schema);
    config.setConnectionTimeout(10_000);
    return new HikariDataSource(config);
  }

  private static Properties properties() {
    Properties p = new Properties();
    p.setProperty("user", USER);
    p.setProperty("password", PASSWORD);
    return p;
  }

  private static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
