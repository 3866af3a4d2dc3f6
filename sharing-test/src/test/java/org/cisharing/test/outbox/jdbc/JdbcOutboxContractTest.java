package org.cisharing.test.outbox.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import org.cisharing.outbox.JdbcOutbox;
import org.cisharing.outbox.JdbcOutboxConfig;
import org.cisharing.outbox.Outbox;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.test.outbox.OutboxContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/** The outbox contract on real PostgreSQL; each test starts from empty tables. */
@ExtendWith(PostgresTestDatabase.class)
class JdbcOutboxContractTest extends OutboxContractTest {
  private static final String SCHEMA = "outbox_contract";
  private static HikariDataSource dataSource;

  @BeforeAll
  static void createSchema() {
    PostgresTestDatabase.recreateSchema(SCHEMA);
    dataSource = PostgresTestDatabase.pool(SCHEMA, 12);
    // The first open creates the tables: the opt-in automatic creation is exercised here.
    JdbcOutbox.create(dataSource, JdbcOutboxConfig.defaults().withAutoCreateSchema(true), Clock.systemUTC()).close();
  }

  @AfterAll
  static void closePool() {
    if (dataSource != null) {
      dataSource.close();
    }
  }

  @Override
  protected Outbox newOutbox(OutboxConfig config, Clock clock) {
    PostgresTestDatabase.truncate(dataSource);
    return JdbcOutbox.create(dataSource, config, clock);
  }

  @Override
  protected Outbox reopen(OutboxConfig config, Clock clock) {
    return JdbcOutbox.create(dataSource, config, clock);
  }
}
