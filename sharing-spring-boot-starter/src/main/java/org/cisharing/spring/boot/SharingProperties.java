package org.cisharing.spring.boot;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties under {@code sharing.*}: the hub, the reporting operator, the outbox,
 * the retry policy, scope classification, incident tracking, the asset inventory and advisories. A mutable JavaBean for Spring Boot's binder only; it is validated and mapped
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
  private final Classification classification = new Classification();
  private final Tracking tracking = new Tracking();
  private final Assets assets = new Assets();
  private final Advisories advisories = new Advisories();

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

  public Classification getClassification() {
    return classification;
  }

  public Tracking getTracking() {
    return tracking;
  }

  public Assets getAssets() {
    return assets;
  }

  public Advisories getAdvisories() {
    return advisories;
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
    /**
     * Which store keeps the outbox: file (a local directory, one file per report, one instance),
     * segment (an append-only log in a local directory, one instance; for sustained high submit
     * rates) or jdbc (the application's PostgreSQL DataSource, shared by several replicas). When
     * switching between file and segment, use a new directory: neither store opens the other's.
     */
    private Store store = Store.FILE;

    /** Settings of the JDBC store (sharing.outbox.store=jdbc). */
    private final Jdbc jdbc = new Jdbc();

    /**
     * Directory of the file or segment outbox (created if absent). Required unless an Outbox bean
     * is defined: it must survive restarts, so not a temporary directory.
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

    public Jdbc getJdbc() {
      return jdbc;
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
   * The JDBC outbox store.
   *
   * @since 0.1.0
   */
  public static class Jdbc {
    /**
     * Whether to create the outbox tables at start-up when they are absent (V1__outbox.sql).
     * Off by default: production databases usually get their schema from a migration tool.
     */
    private boolean initializeSchema;

    /**
     * This replica's name in claims and leases (default: random per start). Use a stable,
     * unique name per replica, e.g. the pod name.
     */
    private String owner;

    public boolean isInitializeSchema() {
      return initializeSchema;
    }

    public void setInitializeSchema(boolean initializeSchema) {
      this.initializeSchema = initializeSchema;
    }

    public String getOwner() {
      return owner;
    }

    public void setOwner(String owner) {
      this.owner = owner;
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
    /** An append-only segment log in a local directory (one JVM at a time). */
    SEGMENT,
    /** The outbox tables in the application's PostgreSQL DataSource, shared by several replicas. */
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
  /**
   * How observations are classified into the sharing scope.
   *
   * @since 0.1.0
   */
  public static class Classification {
    /**
     * A scope-rules file (cisharing.scope-rules/1) laid over the default rules, e.g.
     * file:/etc/myapp/scope-rules.json or classpath:scope-rules.json. Unset: the default rules only.
     */
    private Resource rulesLocation;

    public Resource getRulesLocation() {
      return rulesLocation;
    }

    public void setRulesLocation(Resource rulesLocation) {
      this.rulesLocation = rulesLocation;
    }
  }

  /**
   * How the IncidentTracker bean (created when a Reporter bean exists) turns observations into
   * incidents and staged reports.
   *
   * @since 0.1.0
   */
  public static class Tracking {
    /** The largest gap between two observations of one incident. */
    private Duration correlationWindow = Duration.ofMinutes(30);

    /** How long to gather context before the initial report (0 to 10m). */
    private Duration initialHold = Duration.ZERO;

    /** The least time between two reports of one incident. */
    private Duration updateInterval = Duration.ofMinutes(15);

    /** An update is filed this often while observations keep coming. */
    private Duration periodicUpdate = Duration.ofHours(1);

    /** An incident without observations for this long gets its final report. */
    private Duration quietPeriod = Duration.ofHours(1);

    /** The cap on open incidents; beyond it observations are counted into an overflow incident. */
    private int maxOpenIncidents = 1000;

    /** Capacity of the hand-off queue; when it is full, observations are shed and counted. */
    private int queueCapacity = 65536;

    /** Whether reports wait in IncidentTracker.pendingApproval() until a person approves them. */
    private boolean approvalMode;

    /** TLP label of every report, e.g. TLP:AMBER, TLP:AMBER+STRICT, TLP:GREEN. */
    private String tlp = "TLP:AMBER";

    /** Whether and how the hub may share reports onward: none, anonymised or full. */
    private String onwardSharing = "none";

    /** Whether the operator consents to reports being passed to the national centre. */
    private boolean consentToNationalCentre;

    /** Time zone of report timestamps, e.g. Asia/Tokyo. Unset: the system's. */
    private String zone;

    public Duration getCorrelationWindow() {
      return correlationWindow;
    }

    public void setCorrelationWindow(Duration correlationWindow) {
      this.correlationWindow = correlationWindow;
    }

    public Duration getInitialHold() {
      return initialHold;
    }

    public void setInitialHold(Duration initialHold) {
      this.initialHold = initialHold;
    }

    public Duration getUpdateInterval() {
      return updateInterval;
    }

    public void setUpdateInterval(Duration updateInterval) {
      this.updateInterval = updateInterval;
    }

    public Duration getPeriodicUpdate() {
      return periodicUpdate;
    }

    public void setPeriodicUpdate(Duration periodicUpdate) {
      this.periodicUpdate = periodicUpdate;
    }

    public Duration getQuietPeriod() {
      return quietPeriod;
    }

    public void setQuietPeriod(Duration quietPeriod) {
      this.quietPeriod = quietPeriod;
    }

    public int getMaxOpenIncidents() {
      return maxOpenIncidents;
    }

    public void setMaxOpenIncidents(int maxOpenIncidents) {
      this.maxOpenIncidents = maxOpenIncidents;
    }

    public int getQueueCapacity() {
      return queueCapacity;
    }

    public void setQueueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
    }

    public boolean isApprovalMode() {
      return approvalMode;
    }

    public void setApprovalMode(boolean approvalMode) {
      this.approvalMode = approvalMode;
    }

    public String getTlp() {
      return tlp;
    }

    public void setTlp(String tlp) {
      this.tlp = tlp;
    }

    public String getOnwardSharing() {
      return onwardSharing;
    }

    public void setOnwardSharing(String onwardSharing) {
      this.onwardSharing = onwardSharing;
    }

    public boolean isConsentToNationalCentre() {
      return consentToNationalCentre;
    }

    public void setConsentToNationalCentre(boolean consentToNationalCentre) {
      this.consentToNationalCentre = consentToNationalCentre;
    }

    public String getZone() {
      return zone;
    }

    public void setZone(String zone) {
      this.zone = zone;
    }
  }

  /**
   * The operator's asset inventory, against which advisories are matched.
   *
   * @since 0.1.0
   */
  public static class Assets {
    /**
     * The inventory file: cisharing.inventory/1 JSON, or CSV when the name ends in .csv. Setting
     * it creates the AssetInventory bean, and the advisory router then matches every advisory
     * against it.
     */
    private Resource location;

    public Resource getLocation() {
      return location;
    }

    public void setLocation(Resource location) {
      this.location = location;
    }
  }

  /**
   * Receiving the hub's advisories: the feed, signature verification, routing to roles and the
   * optional push endpoint.
   *
   * @since 0.1.0
   */
  public static class Advisories {
    /**
     * Whether to poll the hub's advisory feed. Unset: on when trusted-keys is set (or
     * verification=false).
     */
    private Boolean enabled;

    /** The hub's public keys (a JWK Set file), e.g. file:/etc/myapp/hub-keys.jwks.json. */
    private Resource trustedKeys;

    /**
     * Whether advisory signatures are verified. false accepts unsigned advisories: only against a
     * test hub, and logged at start.
     */
    private boolean verification = true;

    /** How often the feed is polled. */
    private Duration pollInterval = Duration.ofMinutes(5);

    /** How often a poll starts from the beginning of the feed to catch advisories inserted behind the cursor. */
    private Duration reconcileInterval = Duration.ofHours(24);

    /** Advisories per page (1..100). */
    private int pageLimit = 50;

    /**
     * Where the feed keeps its cursor, the delivered set and quarantined advisories. Unset: a
     * sibling of the file outbox directory named after it with -advisories appended.
     */
    private Path stateDirectory;

    /**
     * The highest TLP each role may receive, by role code, e.g. EXECUTIVE=TLP:AMBER,
     * CSIRT=TLP:RED. Roles not listed get default-clearance.
     */
    private Map<String, String> clearances = new LinkedHashMap<>();

    /** The clearance of roles not listed in clearances. */
    private String defaultClearance = "TLP:AMBER+STRICT";

    /** The role that receives advisories addressing no role; also of @AdvisoryListener methods without roles. */
    private String defaultRole = "CSIRT";

    /** Attempts per delivery to a handler (1..10) before the delivery is parked as failed. */
    private int maxAttempts = 3;

    private final Webhook webhook = new Webhook();

    public Boolean getEnabled() {
      return enabled;
    }

    public void setEnabled(Boolean enabled) {
      this.enabled = enabled;
    }

    public Resource getTrustedKeys() {
      return trustedKeys;
    }

    public void setTrustedKeys(Resource trustedKeys) {
      this.trustedKeys = trustedKeys;
    }

    public boolean isVerification() {
      return verification;
    }

    public void setVerification(boolean verification) {
      this.verification = verification;
    }

    public Duration getPollInterval() {
      return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    public Duration getReconcileInterval() {
      return reconcileInterval;
    }

    public void setReconcileInterval(Duration reconcileInterval) {
      this.reconcileInterval = reconcileInterval;
    }

    public int getPageLimit() {
      return pageLimit;
    }

    public void setPageLimit(int pageLimit) {
      this.pageLimit = pageLimit;
    }

    public Path getStateDirectory() {
      return stateDirectory;
    }

    public void setStateDirectory(Path stateDirectory) {
      this.stateDirectory = stateDirectory;
    }

    public Map<String, String> getClearances() {
      return clearances;
    }

    public void setClearances(Map<String, String> clearances) {
      this.clearances = clearances;
    }

    public String getDefaultClearance() {
      return defaultClearance;
    }

    public void setDefaultClearance(String defaultClearance) {
      this.defaultClearance = defaultClearance;
    }

    public String getDefaultRole() {
      return defaultRole;
    }

    public void setDefaultRole(String defaultRole) {
      this.defaultRole = defaultRole;
    }

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Webhook getWebhook() {
      return webhook;
    }
  }

  /**
   * The optional endpoint to which the hub pushes advisories (servlet web applications with Spring
   * MVC only).
   *
   * @since 0.1.0
   */
  public static class Webhook {
    /** Whether to expose the POST endpoint for pushed advisories; it needs the advisory feed. */
    private boolean enabled;

    /** Path of the endpoint. */
    private String path = "/sharing/advisories";

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }
  }
}
