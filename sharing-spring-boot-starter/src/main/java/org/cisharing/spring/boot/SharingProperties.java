package org.cisharing.spring.boot;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties under {@code sharing.*}: the hub, the reporting operator, the outbox and
 * the retry policy. A mutable JavaBean for Spring Boot's binder only; it is validated and mapped
 * into the core's immutable configuration when the {@code SharingClient} is built, and a value
 * that breaks a rule fails start-up with a message naming the property.
 *
 * <p>Defaults are the core's defaults. The full list is in {@code docs/configuration.md}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("sharing")
public class SharingProperties {
  private final Hub hub = new Hub();
  private final Operator operator = new Operator();
  private final Outbox outbox = new Outbox();
  private final Retry retry = new Retry();

  public Hub getHub() {
    return hub;
  }

  public Operator getOperator() {
    return operator;
  }

  public Outbox getOutbox() {
    return outbox;
  }

  public Retry getRetry() {
    return retry;
  }

  /**
   * The information-sharing hub and how to reach it.
   *
   * @since 0.1.0
   */
  public static class Hub {
    /**
     * Base URL of the hub, e.g. https://hub.example.go.jp. HTTPS only; plain http is accepted
     * only to a loopback host with allow-insecure-loopback. Setting it turns the starter on.
     */
    private URI url;

    /** Bearer token sent to the hub. Never logged; prefer an environment variable or a secret store. */
    private String token;

    /** Whether plain http to a loopback host (127.0.0.0/8, ::1, localhost) is allowed: tests and demos only. */
    private boolean allowInsecureLoopback;

    /** Timeout for establishing a connection to the hub. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** Timeout for reading (and writing) on an established connection. */
    private Duration readTimeout = Duration.ofSeconds(30);

    /** Bound on one whole delivery attempt: connect, send and receive. */
    private Duration callTimeout = Duration.ofSeconds(60);

    private final Ssl ssl = new Ssl();

    public URI getUrl() {
      return url;
    }

    public void setUrl(URI url) {
      this.url = url;
    }

    public String getToken() {
      return token;
    }

    public void setToken(String token) {
      this.token = token;
    }

    public boolean isAllowInsecureLoopback() {
      return allowInsecureLoopback;
    }

    public void setAllowInsecureLoopback(boolean allowInsecureLoopback) {
      this.allowInsecureLoopback = allowInsecureLoopback;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getReadTimeout() {
      return readTimeout;
    }

    public void setReadTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
    }

    public Duration getCallTimeout() {
      return callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
      this.callTimeout = callTimeout;
    }

    public Ssl getSsl() {
      return ssl;
    }
  }

  /**
   * TLS settings towards the hub.
   *
   * @since 0.1.0
   */
  public static class Ssl {
    /**
     * Name of a Spring Boot SSL bundle (spring.ssl.bundle.jks.* or spring.ssl.bundle.pem.*) with
     * the client certificate for mutual TLS and/or the trust store of a private CA.
     */
    private String bundle;

    public String getBundle() {
      return bundle;
    }

    public void setBundle(String bundle) {
      this.bundle = bundle;
    }
  }

  /**
   * The reporting organisation (報告主体) and its contacts, used as the reporter of reports the
   * application builds.
   *
   * @since 0.1.0
   */
  public static class Operator {
    /** Name of the reporting organisation, e.g. さくら水道企業団. */
    private String name;

    /** The operator's identifier at the hub. */
    private String id;

    /** Critical-infrastructure sector code, e.g. WATER, ELECTRICITY, FINANCE (see Sector). */
    private String sector;

    /** Sub-sector, e.g. 電気通信. */
    private String subSector;

    /** The sector's CEPTOAR. */
    private String ceptoar;

    /** The responsible ministry (所管省庁). */
    private String ministry;

    /** Persons or desks the hub can reach about a report; at least one when the operator is set. */
    private List<Contact> contacts = new ArrayList<>();

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public String getSector() {
      return sector;
    }

    public void setSector(String sector) {
      this.sector = sector;
    }

    public String getSubSector() {
      return subSector;
    }

    public void setSubSector(String subSector) {
      this.subSector = subSector;
    }

    public String getCeptoar() {
      return ceptoar;
    }

    public void setCeptoar(String ceptoar) {
      this.ceptoar = ceptoar;
    }

    public String getMinistry() {
      return ministry;
    }

    public void setMinistry(String ministry) {
      this.ministry = ministry;
    }

    public List<Contact> getContacts() {
      return contacts;
    }

    public void setContacts(List<Contact> contacts) {
      this.contacts = contacts;
    }
  }

  /**
   * A person or desk the hub can reach.
   *
   * @since 0.1.0
   */
  public static class Contact {
    /** Person or desk name. */
    private String name;

    /** E-mail address. */
    private String email;

    /** Phone number. */
    private String phone;

    /** Whether the contact is reachable around the clock (24時間連絡先). */
    private boolean available24h;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getEmail() {
      return email;
    }

    public void setEmail(String email) {
      this.email = email;
    }

    public String getPhone() {
      return phone;
    }

    public void setPhone(String phone) {
      this.phone = phone;
    }

    public boolean isAvailable24h() {
      return available24h;
    }

    public void setAvailable24h(boolean available24h) {
      this.available24h = available24h;
    }
  }

  /**
   * Where reports wait durably until the hub acknowledged them.
   *
   * @since 0.1.0
   */
  public static class Outbox {
    /** Which store keeps the outbox: file (a local directory); jdbc is reserved for a later version. */
    private Store store = Store.FILE;

    /**
     * Directory of the file outbox (created if absent). Required unless an Outbox bean is
     * defined: it must survive restarts, so not a temporary directory.
     */
    private Path directory;

    /** Most pending entries; past it, submit fails with OutboxFullException (nothing is evicted). */
    private int maxEntries = 100000;

    /** Most bytes of pending payloads; past it, submit fails with OutboxFullException. */
    private DataSize maxBytes = DataSize.ofGigabytes(1);

    /**
     * How long shutdown waits for pending reports to be delivered; what is still pending then stays
     * in the outbox for the next start.
     */
    private Duration closeTimeout = Duration.ofSeconds(5);

    /** How many deliveries may be in flight at once (1..64); an incident's reports stay in order regardless. */
    private int deliveryConcurrency = 4;

    public Store getStore() {
      return store;
    }

    public void setStore(Store store) {
      this.store = store;
    }

    public Path getDirectory() {
      return directory;
    }

    public void setDirectory(Path directory) {
      this.directory = directory;
    }

    public int getMaxEntries() {
      return maxEntries;
    }

    public void setMaxEntries(int maxEntries) {
      this.maxEntries = maxEntries;
    }

    public DataSize getMaxBytes() {
      return maxBytes;
    }

    public void setMaxBytes(DataSize maxBytes) {
      this.maxBytes = maxBytes;
    }

    public Duration getCloseTimeout() {
      return closeTimeout;
    }

    public void setCloseTimeout(Duration closeTimeout) {
      this.closeTimeout = closeTimeout;
    }

    public int getDeliveryConcurrency() {
      return deliveryConcurrency;
    }

    public void setDeliveryConcurrency(int deliveryConcurrency) {
      this.deliveryConcurrency = deliveryConcurrency;
    }
  }

  /**
   * Outbox stores.
   *
   * @since 0.1.0
   */
  public enum Store {
    /** One file per entry in a local directory (one JVM at a time). */
    FILE,
    /** A shared database table for several replicas: not available yet. */
    JDBC
  }

  /**
   * How failed deliveries are retried: exponential backoff with full jitter, and the hub's
   * Retry-After honoured. Reports are retried without an attempt cap.
   *
   * @since 0.1.0
   */
  public static class Retry {
    /** Backoff ceiling after the first failed attempt. */
    private Duration initialBackoff = Duration.ofSeconds(1);

    /** Cap of the backoff ceiling. */
    private Duration maxBackoff = Duration.ofMinutes(5);

    /** Longest Retry-After honoured; longer values are cut to it. */
    private Duration maxRetryAfter = Duration.ofHours(1);

    /** Whether to randomise backoff (full jitter); turn off only in tests that need exact times. */
    private boolean jitter = true;

    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    public Duration getMaxRetryAfter() {
      return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = maxRetryAfter;
    }

    public boolean isJitter() {
      return jitter;
    }

    public void setJitter(boolean jitter) {
      this.jitter = jitter;
    }
  }
}
