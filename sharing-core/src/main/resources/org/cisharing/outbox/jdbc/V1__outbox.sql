-- sharing: JDBC outbox schema, version 1 (PostgreSQL 12 or later).
-- Run it once per database (or schema) before the first JdbcOutbox opens, e.g. with Flyway or
-- Liquibase, or let JdbcOutboxConfig.autoCreateSchema(true) run it. Every statement is idempotent.
-- Tables are found through the connection's search_path (pgjdbc: currentSchema=...).

-- Pending entries. seq is the append order; a claim is a lease (claimed_until, claimed_by).
CREATE TABLE IF NOT EXISTS cisharing_outbox_entry (
  seq            BIGSERIAL     PRIMARY KEY,
  id             UUID          NOT NULL UNIQUE,
  kind           VARCHAR(64)   NOT NULL,
  path           VARCHAR(2048) NOT NULL,
  order_key      VARCHAR(512)  NOT NULL,
  sequence       BIGINT        NOT NULL,
  enqueued_at    TIMESTAMPTZ   NOT NULL,  -- microsecond precision
  enqueued_nano  INTEGER       NOT NULL,  -- the exact nano-of-second of enqueued_at
  payload        BYTEA         NOT NULL,
  payload_bytes  INTEGER       NOT NULL,
  claimed_until  TIMESTAMPTZ,             -- null: not claimed; past: the lease expired
  claimed_by     VARCHAR(128)
);
-- The head of each ordering key, and the claimed entries of a key.
CREATE INDEX IF NOT EXISTS cisharing_outbox_entry_key ON cisharing_outbox_entry (order_key, sequence, seq);
CREATE INDEX IF NOT EXISTS cisharing_outbox_entry_claimed ON cisharing_outbox_entry (order_key) WHERE claimed_until IS NOT NULL;
CREATE INDEX IF NOT EXISTS cisharing_outbox_entry_enqueued ON cisharing_outbox_entry (enqueued_at, enqueued_nano);

-- Entries the hub refused for good.
CREATE TABLE IF NOT EXISTS cisharing_outbox_dead (
  seq            BIGINT        PRIMARY KEY,
  id             UUID          NOT NULL,
  kind           VARCHAR(64)   NOT NULL,
  path           VARCHAR(2048) NOT NULL,
  order_key      VARCHAR(512)  NOT NULL,
  sequence       BIGINT        NOT NULL,
  enqueued_at    TIMESTAMPTZ   NOT NULL,
  enqueued_nano  INTEGER       NOT NULL,
  payload        BYTEA         NOT NULL,
  status         INTEGER       NOT NULL,
  reason         TEXT          NOT NULL,
  problem        TEXT,
  dead_at        TIMESTAMPTZ   NOT NULL,
  dead_nano      INTEGER       NOT NULL
);

-- Running totals for the caps, updated in the same transaction as the rows they count.
-- 'appended' counts every entry ever stored, 'removed' every entry acknowledged or dead-lettered;
-- pending = appended - removed. Two rows so that submits and acknowledgements do not wait for
-- each other's row lock.
CREATE TABLE IF NOT EXISTS cisharing_outbox_counter (
  name     VARCHAR(16) PRIMARY KEY,
  entries  BIGINT      NOT NULL,
  bytes    BIGINT      NOT NULL
);
INSERT INTO cisharing_outbox_counter (name, entries, bytes) VALUES ('appended', 0, 0) ON CONFLICT (name) DO NOTHING;
INSERT INTO cisharing_outbox_counter (name, entries, bytes) VALUES ('removed', 0, 0) ON CONFLICT (name) DO NOTHING;

-- Incident correlation shared by replicas: one incident per correlation key and window. A window
-- starts with the observation that opened the incident and stays open while observations keep
-- coming within the correlation window of last_seen, until the owner files the final report.
CREATE TABLE IF NOT EXISTS cisharing_incident_correlation (
  correlation_key  VARCHAR(512) NOT NULL,
  window_start     TIMESTAMPTZ  NOT NULL,
  incident_id      UUID         NOT NULL UNIQUE,
  owner            VARCHAR(128) NOT NULL,  -- the replica that files the reports
  last_seen        TIMESTAMPTZ  NOT NULL,
  closed_at        TIMESTAMPTZ,            -- set when the owner filed the final report
  PRIMARY KEY (correlation_key, window_start)
);
CREATE INDEX IF NOT EXISTS cisharing_incident_correlation_open ON cisharing_incident_correlation (correlation_key, last_seen)
  WHERE closed_at IS NULL;

-- Observations each replica counted for a shared incident; the owner reads the others' rows.
CREATE TABLE IF NOT EXISTS cisharing_incident_count (
  incident_id   UUID         NOT NULL,
  member        VARCHAR(128) NOT NULL,
  observations  BIGINT       NOT NULL,
  updated_at    TIMESTAMPTZ  NOT NULL,
  PRIMARY KEY (incident_id, member)
);
