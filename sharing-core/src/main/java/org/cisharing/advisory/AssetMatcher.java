package org.cisharing.advisory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cisharing.internal.advisory.Identifiers;
import org.cisharing.internal.advisory.Names;
import org.cisharing.internal.advisory.ProductMatching;
import org.cisharing.internal.advisory.ProductMatching.Verdict;
import org.cisharing.model.LocalizedText;
import org.cisharing.model.Role;

/**
 * Matches advisories against an asset inventory and binds the advisory's actions to the matched
 * assets. The inventory is indexed once (by normalised vendor and product, by CPE vendor:product,
 * by purl type/namespace/name, by port and protocol), so matching costs grow with the advisory's
 * items and their candidates, not with the inventory size.
 *
 * <p>Product matches compare the asset's vendor version with the advisory's versions and ranges
 * token by token ({@code R6.11.10}, {@code 1.04E}); when a version cannot be compared with
 * certainty, when the asset's version is unknown, or when the product or vendor names only share a
 * word prefix ({@code CENTUM VP} and {@code CENTUM VP Entry Class}, {@code Yokogawa} and {@code
 * Yokogawa Electric}), the match is {@link MatchCertainty#POSSIBLE} with the
 * reason: never a silent miss. Exposure matches need the same port and protocol, an asset
 * reachability at least as wide as the advisory's, and, when both name the service, the same
 * service; an asset that does not name its service is a possible match.
 *
 * <p>Actions are bound as follows: the actions whose {@code appliesTo} names the matched item go
 * to their role; when no action names the item, the general actions (empty {@code appliesTo}) of
 * the asset owner's role apply; when the owner's role has none either, the owner is asked to check
 * the asset (action id {@code <advisory id>/check}).
 *
 * <p>Immutable and thread-safe once built.
 *
 * @since 0.1.0
 */
public final class AssetMatcher {
  private final AssetInventory inventory;
  private final Map<String, List<Asset>> byProduct = new HashMap<>();
  // Assets under each proper word prefix of their product name (vendor + prefix) and of their
  // vendor name (prefix + product), so that partial names are found by lookup, not by scanning.
  private final Map<String, List<Asset>> byProductPrefix = new HashMap<>();
  private final Map<String, List<Asset>> byVendorPrefix = new HashMap<>();
  private final Map<String, List<Asset>> byCpe = new HashMap<>();
  private final Map<String, List<Asset>> byPurl = new HashMap<>();
  private final Map<String, List<Service>> byPort = new HashMap<>();

  private record Service(Asset asset, ExposedService service, String normalisedName) {}

  private AssetMatcher(AssetInventory inventory) {
    this.inventory = inventory;
    for (Asset a : inventory.assets()) {
      if (a.vendor() != null && a.product() != null) {
        String v = Names.vendor(a.vendor());
        String p = Names.product(v, a.product());
        byProduct.computeIfAbsent(v + '\u0000' + p, k -> new ArrayList<>()).add(a);
        for (String prefix : Names.wordPrefixes(p)) {
          byProductPrefix.computeIfAbsent(v + '\u0000' + prefix, k -> new ArrayList<>()).add(a);
        }
        for (String prefix : Names.wordPrefixes(v)) {
          byVendorPrefix.computeIfAbsent(prefix + '\u0000' + p, k -> new ArrayList<>()).add(a);
        }
      }
      String cpe = Identifiers.cpeKey(a.cpe());
      if (cpe != null) {
        byCpe.computeIfAbsent(cpe, k -> new ArrayList<>()).add(a);
      }
      String purl = Identifiers.purlKey(a.purl());
      if (purl != null) {
        byPurl.computeIfAbsent(purl, k -> new ArrayList<>()).add(a);
      }
      for (ExposedService s : a.exposedServices()) {
        byPort
            .computeIfAbsent(s.port() + "/" + s.protocol().code(), k -> new ArrayList<>())
            .add(new Service(a, s, s.service() == null ? null : Names.service(s.service())));
      }
    }
  }

  /** A matcher over this inventory; indexing costs one pass over the assets. */
  public static AssetMatcher of(AssetInventory inventory) {
    return new AssetMatcher(Objects.requireNonNull(inventory, "inventory"));
  }

  public AssetInventory inventory() {
    return inventory;
  }

  /** Matches one advisory: every match and the actions bound to the matched assets. */
  public MatchResult match(Advisory advisory) {
    Objects.requireNonNull(advisory, "advisory");
    List<Match> matches = new ArrayList<>();
    for (AffectedProduct p : advisory.affects().products()) {
      matchProduct(p, matches);
    }
    for (Exposure e : advisory.affects().exposures()) {
      matchExposure(e, matches);
    }
    return new MatchResult(advisory, matches, bind(advisory, matches));
  }

  private void matchProduct(AffectedProduct p, List<Match> out) {
    // Candidates keyed by identity, in discovery order, with a reason prefix when only possible.
    Map<Asset, String[]> candidates = new IdentityHashMap<>();
    List<Asset> order = new ArrayList<>();
    String cpe = Identifiers.cpeKey(p.cpe());
    if (cpe != null) {
      add(byCpe.get(cpe), null, candidates, order);
    }
    String purl = Identifiers.purlKey(p.purl());
    if (purl != null) {
      add(byPurl.get(purl), null, candidates, order);
    }
    if (p.vendor() != null && p.product() != null) {
      String v = Names.vendor(p.vendor());
      String name = Names.product(v, p.product());
      add(byProduct.get(v + '\u0000' + name), null, candidates, order);
      List<List<Asset>> partialProduct = new ArrayList<>(2);
      addIfFound(partialProduct, byProductPrefix.get(v + '\u0000' + name));
      for (String q : Names.wordPrefixes(name)) {
        addIfFound(partialProduct, byProduct.get(v + '\u0000' + q));
      }
      if (!partialProduct.isEmpty()) {
        String[] why = {
          "the product name only partly matches '" + name + "'", "製品名が '" + name + "' と部分的にしか一致しない"};
        for (List<Asset> assets : partialProduct) {
          add(assets, why, candidates, order);
        }
      }
      List<List<Asset>> partialVendor = new ArrayList<>(2);
      addIfFound(partialVendor, byVendorPrefix.get(v + '\u0000' + name));
      for (String u : Names.wordPrefixes(v)) {
        addIfFound(partialVendor, byProduct.get(u + '\u0000' + name));
      }
      if (!partialVendor.isEmpty()) {
        String[] why = {
          "the vendor name only partly matches '" + v + "'", "ベンダー名が '" + v + "' と部分的にしか一致しない"};
        for (List<Asset> assets : partialVendor) {
          add(assets, why, candidates, order);
        }
      }
    }
    ProductMatching versions = order.isEmpty() ? null : ProductMatching.prepare(p);
    for (Asset a : order) {
      String version = a.version();
      if (version == null) {
        version = Identifiers.cpeVersion(a.cpe());
      }
      if (version == null) {
        version = Identifiers.purlVersion(a.purl());
      }
      Verdict verdict = versions.evaluate(version);
      if (verdict.outcome() == ProductMatching.Outcome.NOT_AFFECTED) {
        continue;
      }
      String[] partial = candidates.get(a);
      String name = productName(a, version);
      String en = "runs " + name + ": " + (partial == null ? "" : partial[0] + "; ") + verdict.reason();
      String ja = name + " を使用: " + (partial == null ? "" : partial[1] + "。") + verdict.reasonJa();
      boolean exact = verdict.outcome() == ProductMatching.Outcome.AFFECTED && partial == null;
      out.add(new Match(a, p, null, exact ? MatchCertainty.EXACT : MatchCertainty.POSSIBLE, LocalizedText.of(ja, en)));
    }
  }

  private static String productName(Asset a, String version) {
    String name = a.vendor() != null && a.product() != null ? a.vendor() + " " + a.product()
        : a.cpe() != null ? a.cpe() : a.purl();
    return version == null || name.endsWith(version) ? name : name + " " + version;
  }

  private static void addIfFound(List<List<Asset>> lists, List<Asset> assets) {
    if (assets != null) {
      lists.add(assets);
    }
  }

  private static void add(List<Asset> assets, String[] partial, Map<Asset, String[]> candidates, List<Asset> order) {
    if (assets == null) {
      return;
    }
    for (Asset a : assets) {
      if (!candidates.containsKey(a)) {
        candidates.put(a, partial);
        order.add(a);
      }
    }
  }

  private void matchExposure(Exposure e, List<Match> out) {
    List<Service> services = byPort.get(e.port() + "/" + e.protocol().code());
    if (services == null) {
      return;
    }
    String wanted = e.service() == null ? null : Names.service(e.service());
    Map<Asset, Boolean> seen = new IdentityHashMap<>();
    for (Service s : services) {
      if (s.service().reachability().compareTo(e.reachability()) < 0 || seen.containsKey(s.asset())) {
        continue;
      }
      ExposedService svc = s.service();
      String port = svc.port() + "/" + svc.protocol().code() + (svc.service() == null ? "" : " (" + svc.service() + ")");
      String en = "exposes " + port + " " + where(svc.reachability());
      String ja = port + " を" + whereJa(svc.reachability()) + "に公開";
      if (wanted == null || wanted.equals(s.normalisedName())) {
        seen.put(s.asset(), Boolean.TRUE);
        out.add(new Match(s.asset(), null, e, MatchCertainty.EXACT, LocalizedText.of(ja, en)));
      } else if (s.normalisedName() == null) {
        seen.put(s.asset(), Boolean.TRUE);
        out.add(new Match(s.asset(), null, e, MatchCertainty.POSSIBLE, LocalizedText.of(
            ja + "(資産台帳にサービス名の記載がない。本情報提供の対象は " + e.service() + ")",
            en + "; the inventory does not name the service, the advisory is about " + e.service())));
      }
    }
  }

  private static String whereJa(Reachability r) {
    switch (r) {
      case INTERNET:
        return "インターネット";
      case PARTNER:
        return "取引先・保守事業者網";
      default:
        return "組織内部";
    }
  }

  private static String where(Reachability r) {
    switch (r) {
      case INTERNET:
        return "to the internet";
      case PARTNER:
        return "to partner networks";
      default:
        return "on the internal network";
    }
  }

  private static List<AssetAction> bind(Advisory advisory, List<Match> matches) {
    Map<String, List<Bound>> byItem = new HashMap<>();
    Map<Role, List<ActionItem>> general = new HashMap<>();
    for (Addressee ad : advisory.addressees()) {
      for (ActionItem action : ad.actions()) {
        if (action.appliesTo().isEmpty()) {
          general.computeIfAbsent(ad.role(), k -> new ArrayList<>()).add(action);
        }
        for (String item : action.appliesTo()) {
          byItem.computeIfAbsent(item, k -> new ArrayList<>()).add(new Bound(ad.role(), action));
        }
      }
    }
    Map<String, Builder> out = new LinkedHashMap<>();
    for (Match m : matches) {
      List<Bound> targeted = m.itemId().map(byItem::get).orElse(null);
      if (targeted != null) {
        for (Bound b : targeted) {
          put(out, m, b.role, b.action);
        }
        continue;
      }
      Role owner = m.asset().ownerRole();
      List<ActionItem> own = general.get(owner);
      if (own != null) {
        for (ActionItem action : own) {
          put(out, m, owner, action);
        }
      } else {
        put(out, m, owner, check(advisory, m.asset()));
      }
    }
    List<AssetAction> actions = new ArrayList<>();
    for (Builder b : out.values()) {
      actions.add(new AssetAction(b.asset, b.role, b.action,
          b.exact ? MatchCertainty.EXACT : MatchCertainty.POSSIBLE, b.matches));
    }
    return actions;
  }

  private record Bound(Role role, ActionItem action) {}

  private static final class Builder {
    final Asset asset;
    final Role role;
    final ActionItem action;
    final List<Match> matches = new ArrayList<>();
    boolean exact;

    Builder(Asset asset, Role role, ActionItem action) {
      this.asset = asset;
      this.role = role;
      this.action = action;
    }
  }

  private static void put(Map<String, Builder> out, Match m, Role role, ActionItem action) {
    String key = m.asset().id() + '\u0000' + role.code() + '\u0000' + action.id();
    Builder b = out.computeIfAbsent(key, k -> new Builder(m.asset(), role, action));
    b.matches.add(m);
    b.exact |= m.isExact();
  }

  private static ActionItem check(Advisory advisory, Asset asset) {
    ActionPriority priority;
    switch (advisory.severity()) {
      case CRITICAL:
        priority = ActionPriority.IMMEDIATE;
        break;
      case HIGH:
        priority = ActionPriority.HIGH;
        break;
      case MEDIUM:
        priority = ActionPriority.MEDIUM;
        break;
      default:
        priority = ActionPriority.LOW;
        break;
    }
    return ActionItem.of(advisory.id() + "/check",
        LocalizedText.of("資産 " + asset.id() + " が本情報提供の対象に該当するか確認し、必要な対策を講じる",
            "Check whether asset " + asset.id() + " is affected by this advisory and take the measures needed"),
        priority);
  }
}
