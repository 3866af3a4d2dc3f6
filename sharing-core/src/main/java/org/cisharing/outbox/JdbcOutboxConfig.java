package org.cisharing.outbox;

import java.util.Objects;
import java.util.UUID;

/**
 * Settings of a {@link JdbcOutbox}: its caps, whether it creates its tables, and the name under
 * which it claims entries.
 *
 * <p>Example: {@code JdbcOutboxConfig.defaults().withAutoCreateSchema(true).withOwner("web-2")}.
 *
 * @param caps the caps on pending entries and bytes, shared by every replica using the tables
 * @param autoCreateSchema whether {@link JdbcOutbox#create} runs the shipped schema script (default
 *     false: run {@code V1__outbox.sql} with your migration tool)
 * @param owner this instance's name in the {@code claimed_by} column and the incident registry,
 *     at most 128 characters; unique per running instance (default: a random name)
 * @since 0.1.0
 */
public record JdbcOutboxConfig(OutboxConfig caps, boolean autoCreateSchema, String owner) {
  public JdbcOutboxConfig {
    Objects.requireNonNull(caps, "caps");
    Objects.requireNonNull(owner, "owner");
    if (owner.isBlank() || owner.length() > 128) {
      throw new IllegalArgumentException("owner must be 1..128 characters: '" + owner + "'");
    }
  }

  /** Default caps, no automatic schema creation, a random owner name. */
  public static JdbcOutboxConfig defaults() {
    return new JdbcOutboxConfig(OutboxConfig.defaults(), false, randomOwner());
  }

  /** A copy with other caps. */
  public JdbcOutboxConfig withCaps(OutboxConfig caps) {
    return new JdbcOutboxConfig(caps, autoCreateSchema, owner);
  }

  /** A copy that creates the tables (if absent) when the outbox is created. */
  public JdbcOutboxConfig withAutoCreateSchema(boolean autoCreateSchema) {
    return new JdbcOutboxConfig(caps, autoCreateSchema, owner);
  }

  /** A copy with another owner name, e.g. the host name of the replica. */
  public JdbcOutboxConfig withOwner(String owner) {
    return new JdbcOutboxConfig(caps, autoCreateSchema, owner);
  }

  static String randomOwner() {
    return "pid" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
