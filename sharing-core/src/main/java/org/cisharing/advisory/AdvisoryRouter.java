package org.cisharing.advisory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.cisharing.model.Role;
import org.cisharing.model.Tlp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each advisory to the handlers registered for the roles it concerns, each with its
 * role-scoped view ({@link RoleAdvisory}).
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>Recipients are the roles the advisory addresses, plus the owner roles of matched assets
 *       (when an {@link AssetMatcher} is set). An advisory that addresses no role also goes to the
 *       default role ({@link Role#CSIRT} unless configured).
 *   <li>TLP: each role has a clearance, by default {@link Tlp#AMBER_STRICT} (everyone inside the
 *       organisation), so a {@code TLP:RED} advisory (named recipients only) reaches only roles
 *       explicitly cleared for RED. A delivery above a role's clearance is withheld, logged and
 *       counted.
 *   <li>A handler that throws is retried up to {@code maxAttempts} times in a row (default 3); the
 *       delivery is then parked as a {@link FailedDelivery} (the newest 1,000 are kept) and counted.
 *       It never stops the other handlers.
 *   <li>A recipient role without any handler is logged at WARN and counted as unhandled.
 * </ul>
 *
 * <p>Deliveries run on the calling thread unless an executor is given (one task per role
 * delivery). Thread-safe; never throws into the caller for a failing handler.
 *
 * <pre>{@code
 * AdvisoryRouter router = AdvisoryRouter.builder()
 *     .matcher(AssetMatcher.of(AssetInventory.read(Path.of("inventory.json"))))
 *     .handler(Role.SYSTEM_ADMIN, view -> ticketSystem.open(view.assetActions()))
 *     .handler(Role.EXECUTIVE, view -> mail.send(view.title(), view.background()))
 *     .clearance(Role.EXECUTIVE, Tlp.AMBER)
 *     .build();
 * router.route(verified.advisory());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class AdvisoryRouter {
  /** How many parked failed deliveries are kept; older ones are dropped (and logged). */
  public static final int MAX_PARKED = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryRouter.class);

  private final Map<Role, List<AdvisoryHandler>> handlers;
  private final Map<Role, Tlp> clearances;
  private final Tlp defaultClearance;
  private final Role defaultRole;
  private final AssetMatcher matcher;
  private final int maxAttempts;
  private final Executor executor;
  private final Clock clock;
  private final AtomicLong received = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong withheld = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong unhandled = new AtomicLong();
  private final Deque<FailedDelivery> parked = new ArrayDeque<>();

  private AdvisoryRouter(Builder b) {
    Map<Role, List<AdvisoryHandler>> h = new LinkedHashMap<>();
    b.handlers.forEach((role, list) -> h.put(role, List.copyOf(list)));
    this.handlers = h;
    this.clearances = Map.copyOf(b.clearances);
    this.defaultClearance = b.defaultClearance;
    this.defaultRole = b.defaultRole;
    this.matcher = b.matcher;
    this.maxAttempts = b.maxAttempts;
    this.executor = b.executor;
    this.clock = b.clock;
  }

  /** A builder with the defaults described above. */
  public static Builder builder() {
    return new Builder();
  }

  /** Routes an advisory, matching it against the inventory first when a matcher is set. */
  public void route(Advisory advisory) {
    Objects.requireNonNull(advisory, "advisory");
    route(advisory, matcher == null ? null : matcher.match(advisory));
  }

  /**
   * Routes an advisory with an already computed match result (or {@code null} for none).
   *
   * @throws IllegalArgumentException when the match result is of another advisory
   */
  public void route(Advisory advisory, MatchResult matches) {
    Objects.requireNonNull(advisory, "advisory");
    if (matches != null && !matches.advisory().equals(advisory)) {
      throw new IllegalArgumentException("matches are of advisory " + matches.advisory().id() + " revision "
          + matches.advisory().revision() + ", not of " + advisory.id() + " revision " + advisory.revision());
    }
    received.incrementAndGet();
    Set<Role> roles = new LinkedHashSet<>();
    for (Addressee a : advisory.addressees()) {
      roles.add(a.role());
    }
    boolean noAddressee = roles.isEmpty();
    if (noAddressee) {
      roles.add(defaultRole);
    }
    if (matches != null) {
      for (AssetAction a : matches.actions()) {
        roles.add(a.role());
      }
    }
    for (Role role : roles) {
      Tlp clearance = clearance(role);
      if (!advisory.tlp().isWithin(clearance)) {
        withheld.incrementAndGet();
        LOG.info("Advisory {} revision {} ({}) withheld from role {}: cleared only up to {}",
            advisory.id(), advisory.revision(), advisory.tlp(), role, clearance);
        continue;
      }
      List<ActionItem> actions = advisory.addressee(role).map(Addressee::actions).orElse(List.of());
      List<AssetAction> assetActions = matches == null ? List.of() : matches.actionsFor(role);
      boolean addressed = advisory.addressee(role).isPresent();
      RoleAdvisory view = new RoleAdvisory(advisory, role, actions, assetActions, addressed);
      List<AdvisoryHandler> list = handlers.get(role);
      if (list == null || list.isEmpty()) {
        unhandled.incrementAndGet();
        LOG.warn("Advisory {} revision {} concerns role {}, but no handler is registered for it",
            advisory.id(), advisory.revision(), role);
        continue;
      }
      for (int i = 0; i < list.size(); i++) {
        int index = i;
        AdvisoryHandler handler = list.get(i);
        if (executor == null) {
          deliver(view, handler, index);
        } else {
          try {
            executor.execute(() -> deliver(view, handler, index));
          } catch (RuntimeException e) {
            park(new FailedDelivery(view, index, 0, e, clock.instant()));
          }
        }
      }
    }
  }

  private void deliver(RoleAdvisory view, AdvisoryHandler handler, int index) {
    Throwable last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      try {
        handler.handle(view);
        delivered.incrementAndGet();
        return;
      } catch (Exception | LinkageError | AssertionError e) {
        last = e;
        LOG.warn("Handler {} of role {} failed on advisory {} (attempt {} of {}): {}",
            index, view.role(), view.id(), attempt, maxAttempts, e.toString());
      }
    }
    park(new FailedDelivery(view, index, maxAttempts, last, clock.instant()));
  }

  private void park(FailedDelivery f) {
    failed.incrementAndGet();
    LOG.error("Delivery of advisory {} revision {} to role {} parked as failed after {} attempts",
        f.delivery().id(), f.delivery().revision(), f.role(), f.attempts(), f.error());
    synchronized (parked) {
      if (parked.size() == MAX_PARKED) {
        FailedDelivery dropped = parked.removeFirst();
        LOG.error("Dropped the oldest parked delivery (advisory {} to role {}): more than {} parked",
            dropped.delivery().id(), dropped.role(), MAX_PARKED);
      }
      parked.addLast(f);
    }
  }

  /** The parked failed deliveries, oldest first. */
  public List<FailedDelivery> failedDeliveries() {
    synchronized (parked) {
      return List.copyOf(parked);
    }
  }

  /**
   * Tries every parked delivery again (with the same retry bound); those that fail again are parked
   * again. Runs on the calling thread.
   *
   * @return how many were delivered
   */
  public int redeliverFailed() {
    List<FailedDelivery> again;
    synchronized (parked) {
      again = List.copyOf(parked);
      parked.clear();
    }
    long before = delivered.get();
    for (FailedDelivery f : again) {
      deliver(f.delivery(), handlers.get(f.role()).get(f.handlerIndex()), f.handlerIndex());
    }
    return (int) (delivered.get() - before);
  }

  /** The TLP clearance of a role. */
  public Tlp clearance(Role role) {
    return clearances.getOrDefault(role, defaultClearance);
  }

  /** A snapshot of the counters. */
  public RoutingCounts counts() {
    return new RoutingCounts(received.get(), delivered.get(), withheld.get(), failed.get(), unhandled.get());
  }

  /** Collects the router's configuration; not thread-safe. */
  public static final class Builder {
    private final Map<Role, List<AdvisoryHandler>> handlers = new LinkedHashMap<>();
    private final Map<Role, Tlp> clearances = new HashMap<>();
    private Tlp defaultClearance = Tlp.AMBER_STRICT;
    private Role defaultRole = Role.CSIRT;
    private AssetMatcher matcher;
    private int maxAttempts = 3;
    private Executor executor;
    private Clock clock = Clock.systemUTC();

    Builder() {}

    /** Adds a handler for a role (several per role are allowed, called in registration order). */
    public Builder handler(Role role, AdvisoryHandler handler) {
      handlers.computeIfAbsent(Objects.requireNonNull(role, "role"), r -> new ArrayList<>())
          .add(Objects.requireNonNull(handler, "handler"));
      return this;
    }

    /** The highest TLP a role may receive. */
    public Builder clearance(Role role, Tlp clearance) {
      clearances.put(Objects.requireNonNull(role, "role"), Objects.requireNonNull(clearance, "clearance"));
      return this;
    }

    /** The clearance of roles without their own (default {@link Tlp#AMBER_STRICT}). */
    public Builder defaultClearance(Tlp clearance) {
      this.defaultClearance = Objects.requireNonNull(clearance, "clearance");
      return this;
    }

    /** Where advisories that address no role go (default {@link Role#CSIRT}). */
    public Builder defaultRole(Role role) {
      this.defaultRole = Objects.requireNonNull(role, "role");
      return this;
    }

    /** Matches each advisory against the inventory and delivers asset-bound actions. */
    public Builder matcher(AssetMatcher matcher) {
      this.matcher = matcher;
      return this;
    }

    /** Attempts per delivery before it is parked (1 to 10, default 3). */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 10) {
        throw new IllegalArgumentException("maxAttempts must be 1 to 10, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Runs deliveries on this executor instead of the calling thread. */
    public Builder executor(Executor executor) {
      this.executor = executor;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public AdvisoryRouter build() {
      return new AdvisoryRouter(this);
    }
  }
}
