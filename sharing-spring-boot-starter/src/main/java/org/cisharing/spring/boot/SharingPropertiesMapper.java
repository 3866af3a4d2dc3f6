package org.cisharing.spring.boot;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cisharing.RetryPolicy;
import org.cisharing.ValidationException;
import org.cisharing.Violation;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.advisory.AdvisoryRouter;
import org.cisharing.advisory.AdvisoryVerifier;
import org.cisharing.advisory.AssetInventory;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.model.Role;
import org.cisharing.model.Tlp;
import org.cisharing.report.Handling;
import org.cisharing.report.OnwardSharing;
import org.cisharing.scope.ScopeClassifier;
import org.cisharing.scope.ScopeRules;
import org.springframework.core.io.Resource;
import org.cisharing.SharingClient;
import org.cisharing.model.Contact;
import org.cisharing.model.Organization;
import org.cisharing.model.Sector;
import org.cisharing.outbox.OutboxConfig;
import org.cisharing.report.Reporter;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Maps the mutable {@link SharingProperties} into the core's immutable configuration, checking
 * every rule first and reporting every broken one at once, each naming its property.
 */
final class SharingPropertiesMapper {
  private final SharingProperties properties;

  SharingPropertiesMapper(SharingProperties properties) {
    this.properties = properties;
  }

  /**
   * The client's settings: hub, TLS, timeouts, outbox, retry.
   *
   * @param hub where the hub is (from the properties or a connection-details bean)
   * @param sslBundles the context's SSL bundles, or null when there are none
   * @param outboxBean whether an {@code Outbox} bean replaces the file outbox
   * @throws InvalidSharingPropertiesException listing every problem
   */
  ClientSettings clientSettings(SharingHubConnectionDetails hub, SslBundles sslBundles, boolean outboxBean) {
    Problems problems = new Problems();
    SharingProperties.Hub h = properties.getHub();
    boolean fromProperties = hub instanceof PropertiesSharingHubConnectionDetails;
    String urlName = fromProperties ? "sharing.hub.url" : "the hub url of " + hub.getClass().getName();
    URI url = hub.url();
    boolean insecureOk = hub.allowInsecureLoopback();
    checkUrl(problems, urlName, url, insecureOk);
    Optional<String> token = hub.bearerToken();
    if (token.isPresent() && token.get().isBlank()) {
      problems.add("sharing.hub.token", "sharing.hub.token must not be blank when set (leave it unset when the hub needs no token)");
    }
    positive(problems, "sharing.hub.connect-timeout", h.getConnectTimeout());
    positive(problems, "sharing.hub.read-timeout", h.getReadTimeout());
    positive(problems, "sharing.hub.call-timeout", h.getCallTimeout());
    Tls tls = tls(problems, h.getSsl().getBundle(), sslBundles);

    SharingProperties.Outbox o = properties.getOutbox();
    Path directory = o.getDirectory();
    if (o.getStore() == SharingProperties.Store.JDBC) {
      if (!outboxBean) {
        problems.add("sharing.outbox.store", "sharing.outbox.store=jdbc needs a DataSource bean (PostgreSQL; e.g. "
            + "spring-boot-starter-jdbc with spring.datasource.*), or an Outbox bean of your own");
      }
    } else if (!outboxBean && directory == null) {
      problems.add("sharing.outbox.directory", "sharing.outbox.directory must be set: the directory where reports wait "
          + "durably for the hub (it must survive restarts)");
    }
    if (o.getMaxEntries() < 1) {
      problems.add("sharing.outbox.max-entries", "sharing.outbox.max-entries must be positive: " + o.getMaxEntries());
    }
    long maxBytes = o.getMaxBytes() == null ? 0 : o.getMaxBytes().toBytes();
    if (maxBytes < 1) {
      problems.add("sharing.outbox.max-bytes", "sharing.outbox.max-bytes must be positive: " + o.getMaxBytes());
    }
    if (o.getCloseTimeout() == null || o.getCloseTimeout().isNegative()) {
      problems.add("sharing.outbox.close-timeout", "sharing.outbox.close-timeout must not be negative: " + o.getCloseTimeout());
    }
    if (o.getDeliveryConcurrency() < 1 || o.getDeliveryConcurrency() > 64) {
      problems.add("sharing.outbox.delivery-concurrency",
          "sharing.outbox.delivery-concurrency must be between 1 and 64: " + o.getDeliveryConcurrency());
    }

    SharingProperties.Retry r = properties.getRetry();
    positive(problems, "sharing.retry.initial-backoff", r.getInitialBackoff());
    positive(problems, "sharing.retry.max-backoff", r.getMaxBackoff());
    if (r.getInitialBackoff() != null && r.getMaxBackoff() != null
        && r.getMaxBackoff().compareTo(r.getInitialBackoff()) < 0) {
      problems.add("sharing.retry.max-backoff", "sharing.retry.max-backoff (" + r.getMaxBackoff()
          + ") must not be below sharing.retry.initial-backoff (" + r.getInitialBackoff() + ")");
    }
    if (r.getMaxRetryAfter() == null || r.getMaxRetryAfter().isNegative()) {
      problems.add("sharing.retry.max-retry-after", "sharing.retry.max-retry-after must not be negative: " + r.getMaxRetryAfter());
    }
    problems.throwIfAny();

    return new ClientSettings(url, token.orElse(null), insecureOk, tls.context, tls.trustManager,
        h.getConnectTimeout(), h.getReadTimeout(), h.getCallTimeout(),
        outboxBean ? null : directory,
        new OutboxConfig(o.getMaxEntries(), maxBytes), o.getCloseTimeout(), o.getDeliveryConcurrency(),
        new RetryPolicy(r.getInitialBackoff(), r.getMaxBackoff(), r.getMaxRetryAfter(), r.isJitter()));
  }

  /**
   * The reporter from {@code sharing.operator.*}, or empty when no operator property is set.
   *
   * @throws InvalidSharingPropertiesException listing every problem
   */
  Optional<Reporter> reporter() {
    SharingProperties.Operator op = properties.getOperator();
    boolean any = op.getName() != null || op.getId() != null || op.getSector() != null || op.getSubSector() != null
        || op.getCeptoar() != null || op.getMinistry() != null || !op.getContacts().isEmpty();
    if (!any) {
      return Optional.empty();
    }
    Problems problems = new Problems();
    required(problems, "sharing.operator.name", op.getName());
    required(problems, "sharing.operator.id", op.getId());
    Sector sector = null;
    if (required(problems, "sharing.operator.sector", op.getSector())) {
      try {
        sector = Sector.of(op.getSector());
      } catch (IllegalArgumentException e) {
        problems.add("sharing.operator.sector", "sharing.operator.sector '" + op.getSector()
            + "' is not a sector code: expected one of " + knownSectors() + ", or another upper-case code");
      }
    }
    if (op.getContacts().isEmpty()) {
      problems.add("sharing.operator.contacts", "sharing.operator.contacts must list at least one contact "
          + "(sharing.operator.contacts[0].name and .email or .phone)");
    }
    List<Contact> contacts = new ArrayList<>();
    for (int i = 0; i < op.getContacts().size(); i++) {
      SharingProperties.Contact c = op.getContacts().get(i);
      String prefix = "sharing.operator.contacts[" + i + "]";
      required(problems, prefix + ".name", c.getName());
      if (isBlank(c.getEmail()) && isBlank(c.getPhone())) {
        problems.add(prefix + ".email", prefix + " needs an email or a phone");
      }
      contacts.add(new Contact(c.getName(), emptyToNull(c.getEmail()), emptyToNull(c.getPhone()), c.isAvailable24h()));
    }
    problems.throwIfAny();
    Organization organization = new Organization(op.getName(), op.getId(), sector,
        emptyToNull(op.getSubSector()), emptyToNull(op.getCeptoar()), emptyToNull(op.getMinistry()));
    return Optional.of(new Reporter(organization, contacts));
  }

  /**
   * The classifier: the default rules, with {@code sharing.classification.rules-location} laid over
   * them when set.
   *
   * @throws InvalidSharingPropertiesException when the file cannot be read or is invalid
   */
  ScopeClassifier classifier() {
    Resource location = properties.getClassification().getRulesLocation();
    if (location == null) {
      return ScopeClassifier.defaults();
    }
    Problems problems = new Problems();
    String name = "sharing.classification.rules-location";
    String json = read(problems, name, location);
    ScopeClassifier classifier = null;
    if (json != null) {
      try {
        classifier = ScopeClassifier.of(ScopeRules.defaults().with(json, location.getDescription()));
      } catch (ValidationException e) {
        problems.add(name, name + " (" + location.getDescription() + ") is not a valid scope-rules file: "
            + violations(e));
      }
    }
    problems.throwIfAny();
    return classifier;
  }

  /**
   * The tracker's settings from {@code sharing.tracking.*}.
   *
   * @throws InvalidSharingPropertiesException listing every problem
   */
  TrackingSettings trackingSettings() {
    SharingProperties.Tracking t = properties.getTracking();
    Problems problems = new Problems();
    positive(problems, "sharing.tracking.correlation-window", t.getCorrelationWindow());
    if (t.getInitialHold() == null || t.getInitialHold().isNegative()
        || t.getInitialHold().compareTo(Duration.ofMinutes(10)) > 0) {
      problems.add("sharing.tracking.initial-hold", "sharing.tracking.initial-hold must be between 0s and 10m: "
          + t.getInitialHold());
    }
    positive(problems, "sharing.tracking.update-interval", t.getUpdateInterval());
    positive(problems, "sharing.tracking.periodic-update", t.getPeriodicUpdate());
    positive(problems, "sharing.tracking.quiet-period", t.getQuietPeriod());
    if (t.getMaxOpenIncidents() < 1) {
      problems.add("sharing.tracking.max-open-incidents", "sharing.tracking.max-open-incidents must be positive: "
          + t.getMaxOpenIncidents());
    }
    if (t.getQueueCapacity() < 1) {
      problems.add("sharing.tracking.queue-capacity", "sharing.tracking.queue-capacity must be positive: "
          + t.getQueueCapacity());
    }
    Tlp tlp = tlp(problems, "sharing.tracking.tlp", t.getTlp());
    OnwardSharing onward = null;
    try {
      onward = OnwardSharing.of(t.getOnwardSharing());
    } catch (IllegalArgumentException | NullPointerException e) {
      problems.add("sharing.tracking.onward-sharing", "sharing.tracking.onward-sharing '" + t.getOnwardSharing()
          + "' is not one of none, anonymised, full");
    }
    ZoneId zone = null;
    if (!isBlank(t.getZone())) {
      try {
        zone = ZoneId.of(t.getZone().trim());
      } catch (DateTimeException e) {
        problems.add("sharing.tracking.zone", "sharing.tracking.zone '" + t.getZone()
            + "' is not a time zone id, e.g. Asia/Tokyo");
      }
    }
    problems.throwIfAny();
    return new TrackingSettings(t.getCorrelationWindow(), t.getInitialHold(), t.getUpdateInterval(),
        t.getPeriodicUpdate(), t.getQuietPeriod(), t.getMaxOpenIncidents(), t.getQueueCapacity(), t.isApprovalMode(),
        new Handling(tlp, onward, t.isConsentToNationalCentre()), zone);
  }

  /**
   * The inventory named by {@code sharing.assets.location}, or empty when it is not set.
   *
   * @throws InvalidSharingPropertiesException when the file cannot be read or is invalid
   */
  Optional<AssetInventory> assetInventory() {
    Resource location = properties.getAssets().getLocation();
    if (location == null) {
      return Optional.empty();
    }
    Problems problems = new Problems();
    String name = "sharing.assets.location";
    String text = read(problems, name, location);
    AssetInventory inventory = null;
    if (text != null) {
      String file = location.getFilename() == null ? "" : location.getFilename().toLowerCase(Locale.ROOT);
      try {
        inventory = file.endsWith(".csv") ? AssetInventory.parseCsv(text) : AssetInventory.parse(text);
      } catch (ValidationException e) {
        problems.add(name, name + " (" + location.getDescription() + ") is not a valid "
            + (file.endsWith(".csv") ? "CSV" : "cisharing.inventory/1 JSON") + " inventory: " + violations(e));
      }
    }
    problems.throwIfAny();
    return Optional.of(inventory);
  }

  /** The router's settings from {@code sharing.advisories.*}. */
  RouterSettings routerSettings() {
    SharingProperties.Advisories a = properties.getAdvisories();
    Problems problems = new Problems();
    Map<Role, Tlp> clearances = new LinkedHashMap<>();
    a.getClearances().forEach((code, label) -> {
      String name = "sharing.advisories.clearances." + code;
      Role role = role(problems, name, code, "its key");
      Tlp tlp = tlp(problems, name, label);
      if (role != null && tlp != null) {
        clearances.put(role, tlp);
      }
    });
    Tlp defaultClearance = tlp(problems, "sharing.advisories.default-clearance", a.getDefaultClearance());
    Role defaultRole = role(problems, "sharing.advisories.default-role", a.getDefaultRole(), "it");
    if (a.getMaxAttempts() < 1 || a.getMaxAttempts() > 10) {
      problems.add("sharing.advisories.max-attempts", "sharing.advisories.max-attempts must be between 1 and 10: "
          + a.getMaxAttempts());
    }
    problems.throwIfAny();
    return new RouterSettings(clearances, defaultClearance, defaultRole, a.getMaxAttempts());
  }

  /**
   * Whether the advisory feed is on: {@code sharing.advisories.enabled}, or when unset, whether
   * trusted keys are configured or verification was turned off.
   */
  static boolean advisoriesEnabled(Boolean enabled, boolean trustedKeys, boolean verification) {
    return enabled != null ? enabled : trustedKeys || !verification;
  }

  /**
   * The verifier from {@code sharing.advisories.trusted-keys} and {@code .verification}.
   *
   * @throws InvalidSharingPropertiesException when neither is usable
   */
  AdvisoryVerifier verifier(Clock clock) {
    SharingProperties.Advisories a = properties.getAdvisories();
    Problems problems = new Problems();
    Resource keys = a.getTrustedKeys();
    AdvisoryVerifier verifier = null;
    if (!a.isVerification()) {
      if (keys != null) {
        problems.add("sharing.advisories.verification", "sharing.advisories.verification=false contradicts "
            + "sharing.advisories.trusted-keys: remove one of them (verification=false is for a test hub only)");
      } else {
        verifier = AdvisoryVerifier.unverified(clock);
      }
    } else if (keys == null) {
      problems.add("sharing.advisories.trusted-keys", "sharing.advisories.trusted-keys must be set: the hub's JWK Set, "
          + "against which every advisory's signature is verified (or sharing.advisories.enabled=false)");
    } else {
      String json = read(problems, "sharing.advisories.trusted-keys", keys);
      if (json != null) {
        try {
          verifier = AdvisoryVerifier.fromJwks(json, clock);
        } catch (ValidationException e) {
          problems.add("sharing.advisories.trusted-keys", "sharing.advisories.trusted-keys (" + keys.getDescription()
              + ") is not a usable JWK Set: " + violations(e));
        }
      }
    }
    problems.throwIfAny();
    return verifier;
  }

  /**
   * The feed's settings from {@code sharing.advisories.*}.
   *
   * @param defaultStateDirectory where the state goes when {@code state-directory} is not set, or
   *     null when there is no default (the outbox is not a file outbox)
   * @throws InvalidSharingPropertiesException listing every problem
   */
  FeedSettings feedSettings(Path defaultStateDirectory) {
    SharingProperties.Advisories a = properties.getAdvisories();
    Problems problems = new Problems();
    positive(problems, "sharing.advisories.poll-interval", a.getPollInterval());
    positive(problems, "sharing.advisories.reconcile-interval", a.getReconcileInterval());
    if (a.getPageLimit() < 1 || a.getPageLimit() > 100) {
      problems.add("sharing.advisories.page-limit", "sharing.advisories.page-limit must be between 1 and 100: "
          + a.getPageLimit());
    }
    Path state = a.getStateDirectory() != null ? a.getStateDirectory() : defaultStateDirectory;
    if (state == null) {
      problems.add("sharing.advisories.state-directory", "sharing.advisories.state-directory must be set: the outbox "
          + "is not a file outbox, so there is no directory to keep the feed's state next to");
    }
    problems.throwIfAny();
    return new FeedSettings(a.getPollInterval(), a.getReconcileInterval(), a.getPageLimit(), state);
  }

  /**
   * Checks {@code sharing.advisories.webhook.*}.
   *
   * @param feed whether an AdvisoryFeed bean exists
   * @throws InvalidSharingPropertiesException listing every problem
   */
  String webhookPath(boolean feed) {
    SharingProperties.Webhook w = properties.getAdvisories().getWebhook();
    Problems problems = new Problems();
    if (!feed) {
      problems.add("sharing.advisories.webhook.enabled", "sharing.advisories.webhook.enabled=true needs the advisory "
          + "feed: set sharing.advisories.trusted-keys (or define an AdvisoryFeed bean)");
    }
    String path = w.getPath();
    if (isBlank(path) || !path.startsWith("/") || path.contains("*") || path.contains("{") || path.contains("?")) {
      problems.add("sharing.advisories.webhook.path", "sharing.advisories.webhook.path must be a literal path starting "
          + "with '/': " + path);
    }
    problems.throwIfAny();
    return path;
  }

  private static Role role(Problems problems, String name, String code, String what) {
    try {
      return Role.of(code);
    } catch (IllegalArgumentException | NullPointerException e) {
      problems.add(name, name + ": " + what + " '" + code + "' is not a role code (upper-case letters, digits and '_', "
          + "e.g. CSIRT, EXECUTIVE, SYSTEM_ADMIN)");
      return null;
    }
  }

  private static Tlp tlp(Problems problems, String name, String label) {
    try {
      return Tlp.parse(label);
    } catch (IllegalArgumentException e) {
      problems.add(name, name + " '" + label + "' is not a TLP label: expected one of TLP:CLEAR, TLP:GREEN, "
          + "TLP:AMBER, TLP:AMBER+STRICT, TLP:RED");
      return null;
    }
  }

  private static String read(Problems problems, String name, Resource resource) {
    if (!resource.exists()) {
      problems.add(name, name + " names " + resource.getDescription() + ", which does not exist");
      return null;
    }
    try (InputStream in = resource.getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      problems.add(name, name + " names " + resource.getDescription() + ", which cannot be read: " + e.getMessage());
      return null;
    }
  }

  private static String violations(ValidationException e) {
    StringBuilder sb = new StringBuilder();
    int shown = 0;
    for (Violation v : e.violations()) {
      if (shown == 10) {
        sb.append("; and ").append(e.violations().size() - shown).append(" more");
        break;
      }
      sb.append(shown == 0 ? "" : "; ").append(v);
      shown++;
    }
    return sb.toString();
  }

  private static String knownSectors() {
    StringBuilder sb = new StringBuilder();
    for (Sector s : Sector.known()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(s.code());
    }
    return sb.toString();
  }

  private static void checkUrl(Problems problems, String name, URI url, boolean insecureOk) {
    String rule = " must be https (or http to a loopback host with sharing.hub.allow-insecure-loopback=true)";
    if (url == null) {
      problems.add("sharing.hub.url", name + " must be set");
      return;
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (url.getHost() == null) {
      problems.add("sharing.hub.url", name + " has no host: " + url);
    } else if (scheme.equals("http")) {
      if (!isLoopback(url.getHost())) {
        problems.add("sharing.hub.url", name + rule + "; plain http to " + url.getHost() + " is refused");
      } else if (!insecureOk) {
        problems.add("sharing.hub.url", name + rule + ": " + url);
      }
    } else if (!scheme.equals("https")) {
      problems.add("sharing.hub.url", name + rule + ": " + url);
    }
  }

  /** Loopback by literal only, as the core decides: no name is resolved. */
  private static boolean isLoopback(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return h.equalsIgnoreCase("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")
        || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
  }

  private static Tls tls(Problems problems, String bundleName, SslBundles bundles) {
    if (bundleName == null || bundleName.isBlank()) {
      return new Tls(null, null);
    }
    if (bundles == null) {
      problems.add("sharing.hub.ssl.bundle", "sharing.hub.ssl.bundle=" + bundleName
          + " needs Spring Boot's SSL bundles (spring.ssl.bundle.*), which this application does not have");
      return new Tls(null, null);
    }
    SslBundle bundle;
    try {
      bundle = bundles.getBundle(bundleName);
    } catch (NoSuchSslBundleException e) {
      problems.add("sharing.hub.ssl.bundle", "sharing.hub.ssl.bundle=" + bundleName + " names no SSL bundle: define "
          + "spring.ssl.bundle.jks." + bundleName + ".* or spring.ssl.bundle.pem." + bundleName + ".*");
      return new Tls(null, null);
    }
    X509TrustManager trustManager = null;
    for (TrustManager tm : bundle.getManagers().getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        trustManager = x;
        break;
      }
    }
    if (trustManager == null) {
      problems.add("sharing.hub.ssl.bundle", "sharing.hub.ssl.bundle=" + bundleName + " has no X.509 trust manager");
      return new Tls(null, null);
    }
    return new Tls(bundle.createSslContext(), trustManager);
  }

  private static void positive(Problems problems, String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      problems.add(name, name + " must be positive: " + d);
    }
  }

  private static boolean required(Problems problems, String name, String value) {
    if (isBlank(value)) {
      problems.add(name, name + " must be set");
      return false;
    }
    return true;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String emptyToNull(String s) {
    return isBlank(s) ? null : s;
  }

  private record Tls(SSLContext context, X509TrustManager trustManager) {}

  private static final class Problems {
    private final List<InvalidSharingPropertiesException.Problem> list = new ArrayList<>();

    void add(String property, String message) {
      list.add(new InvalidSharingPropertiesException.Problem(property, message));
    }

    void throwIfAny() {
      if (!list.isEmpty()) {
        throw new InvalidSharingPropertiesException(list);
      }
    }
  }

  /** The tracker's settings, validated. */
  record TrackingSettings(
      Duration correlationWindow,
      Duration initialHold,
      Duration updateInterval,
      Duration periodicUpdate,
      Duration quietPeriod,
      int maxOpenIncidents,
      int queueCapacity,
      boolean approvalMode,
      Handling handling,
      ZoneId zone) {

    void applyTo(IncidentTracker.Builder builder) {
      builder.correlationWindow(correlationWindow).initialHold(initialHold).updateInterval(updateInterval)
          .periodicUpdate(periodicUpdate).quietPeriod(quietPeriod).maxOpenIncidents(maxOpenIncidents)
          .queueCapacity(queueCapacity).approvalMode(approvalMode).handling(handling);
      if (zone != null) {
        builder.zone(zone);
      }
    }
  }

  /** The feed's settings, validated. */
  record FeedSettings(Duration pollInterval, Duration reconcileInterval, int pageLimit, Path stateDirectory) {
    void applyTo(AdvisoryFeed.Builder builder) {
      builder.pollInterval(pollInterval).reconcileInterval(reconcileInterval).pageLimit(pageLimit)
          .stateDirectory(stateDirectory);
    }
  }

  /** The router's settings, validated. */
  record RouterSettings(Map<Role, Tlp> clearances, Tlp defaultClearance, Role defaultRole, int maxAttempts) {
    RouterSettings {
      clearances = Map.copyOf(clearances);
    }

    void applyTo(AdvisoryRouter.Builder builder) {
      clearances.forEach(builder::clearance);
      builder.defaultClearance(defaultClearance).defaultRole(defaultRole).maxAttempts(maxAttempts);
    }
  }

  /**
   * What the properties say about the client, validated. The token is never shown by {@link
   * #toString()}.
   */
  record ClientSettings(
      URI hubUrl,
      String token,
      boolean allowInsecureLoopback,
      SSLContext sslContext,
      X509TrustManager trustManager,
      Duration connectTimeout,
      Duration readTimeout,
      Duration callTimeout,
      Path outboxDirectory,
      OutboxConfig outboxConfig,
      Duration closeTimeout,
      int deliveryConcurrency,
      RetryPolicy retryPolicy) {

    /**
     * Applies these settings. The client's own close timeout is set to zero: the lifecycle flushes
     * for {@link #closeTimeout} at shutdown, so that closing afterwards does not wait again.
     * Delivery is not started by {@code build()}: the lifecycle starts it once the context is ready.
     */
    void applyTo(SharingClient.Builder builder) {
      builder.hubUrl(hubUrl).allowInsecureLoopback(allowInsecureLoopback)
          .connectTimeout(connectTimeout).readTimeout(readTimeout).callTimeout(callTimeout)
          .outboxConfig(outboxConfig).closeTimeout(Duration.ZERO).startDelivery(false)
          .deliveryConcurrency(deliveryConcurrency).retryPolicy(retryPolicy);
      if (token != null) {
        builder.bearerToken(token);
      }
      if (sslContext != null) {
        builder.sslContext(sslContext, trustManager);
      }
      if (outboxDirectory != null) {
        builder.outboxDirectory(outboxDirectory);
      }
    }

    @Override
    public String toString() {
      return "ClientSettings{hubUrl=" + hubUrl + ", token=" + (token == null ? "none" : "(hidden)")
          + ", allowInsecureLoopback=" + allowInsecureLoopback + ", tls=" + (sslContext != null)
          + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + ", callTimeout=" + callTimeout
          + ", outboxDirectory=" + outboxDirectory + ", outboxConfig=" + outboxConfig
          + ", closeTimeout=" + closeTimeout + ", deliveryConcurrency=" + deliveryConcurrency
          + ", retryPolicy=" + retryPolicy + "}";
    }
  }
}
