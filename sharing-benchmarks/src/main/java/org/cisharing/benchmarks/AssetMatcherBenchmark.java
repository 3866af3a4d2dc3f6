package org.cisharing.benchmarks;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.cisharing.advisory.Advisory;
import org.cisharing.advisory.AffectedProduct;
import org.cisharing.advisory.Affects;
import org.cisharing.advisory.Asset;
import org.cisharing.advisory.AssetInventory;
import org.cisharing.advisory.AssetMatcher;
import org.cisharing.advisory.ExposedService;
import org.cisharing.advisory.Exposure;
import org.cisharing.advisory.Issuer;
import org.cisharing.advisory.IssuerKind;
import org.cisharing.advisory.Protocol;
import org.cisharing.advisory.Reachability;
import org.cisharing.advisory.Severity;
import org.cisharing.internal.advisory.Names;
import org.cisharing.internal.advisory.ProductMatching;
import org.cisharing.model.LocalizedText;
import org.cisharing.model.Role;
import org.cisharing.model.Tlp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Matching 1,000 generated advisories (3 products each, a quarter also with an exposure) against an
 * inventory of 100,000 generated assets (500 vendors x 20 products, vendor version strings, one in
 * ten assets exposing a service), with the indexed {@link AssetMatcher} and with a naive nested loop
 * that does the same work per advisory item and asset. One operation = all 1,000 advisories.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class AssetMatcherBenchmark {
  static final int ASSETS = 100_000;
  static final int ADVISORIES = 1_000;
  static final int VENDORS = 500;
  static final int PRODUCTS_PER_VENDOR = 20;
  static final int PORTS = 200;

  AssetInventory inventory;
  AssetMatcher matcher;
  List<Advisory> advisories;
  // The naive loop gets pre-normalised names, so it is only slower for the loop itself.
  String[] assetVendor;
  String[] assetProduct;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    List<Asset> assets = new ArrayList<>(ASSETS);
    for (int i = 0; i < ASSETS; i++) {
      int vendor = random.nextInt(VENDORS);
      int product = random.nextInt(PRODUCTS_PER_VENDOR);
      Asset.Builder b = Asset.builder("asset-" + i)
          .product("Vendor " + vendor + " Corporation", "Product " + product + " Series", version(random))
          .owner(i % 3 == 0 ? Role.SYSTEM_ADMIN : Role.CONTROL_SYSTEM);
      if (i % 10 == 0) {
        b.expose(new ExposedService(10_000 + random.nextInt(PORTS), Protocol.TCP, null,
            Reachability.values()[random.nextInt(3)]));
      }
      assets.add(b.build());
    }
    inventory = AssetInventory.of(assets);
    matcher = AssetMatcher.of(inventory);
    assetVendor = new String[ASSETS];
    assetProduct = new String[ASSETS];
    for (int i = 0; i < ASSETS; i++) {
      Asset a = inventory.assets().get(i);
      assetVendor[i] = Names.vendor(a.vendor());
      assetProduct[i] = Names.product(assetVendor[i], a.product());
    }
    advisories = new ArrayList<>(ADVISORIES);
    for (int i = 0; i < ADVISORIES; i++) {
      List<AffectedProduct> products = new ArrayList<>();
      for (int p = 0; p < 3; p++) {
        products.add(AffectedProduct.builder().id("p" + p)
            .vendor("Vendor " + random.nextInt(VENDORS)).product("Product " + random.nextInt(PRODUCTS_PER_VENDOR) + " Series")
            .addRange(">=R" + random.nextInt(3) + ".01.00|<=R" + (3 + random.nextInt(3)) + ".11.10")
            .build());
      }
      List<Exposure> exposures = i % 4 == 0
          ? List.of(new Exposure("e", 10_000 + random.nextInt(PORTS), Protocol.TCP, null, Reachability.INTERNET))
          : List.of();
      advisories.add(Advisory.builder().id("GEN-" + i).revision(1)
          .issuer(new Issuer("bench", IssuerKind.OTHER))
          .issuedAt(OffsetDateTime.parse("2026-11-26T09:30:00+09:00"))
          .title(LocalizedText.en("generated " + i)).summary(LocalizedText.en("generated"))
          .severity(Severity.HIGH).tlp(Tlp.GREEN)
          .affects(new Affects(products, exposures))
          .build());
    }
  }

  private static String version(SplittableRandom random) {
    return "R" + random.nextInt(7) + "." + String.format("%02d", random.nextInt(12)) + "."
        + String.format("%02d", random.nextInt(20));
  }

  /** Indexed matching of every advisory, including the binding of actions. */
  @Benchmark
  public int indexed() {
    int n = 0;
    for (Advisory a : advisories) {
      n += matcher.match(a).matches().size();
    }
    return n;
  }

  /** Building the matcher's index over the 100,000 assets. */
  @Benchmark
  public AssetMatcher buildIndex() {
    return AssetMatcher.of(inventory);
  }

  /** The nested loop: every advisory item against every asset. */
  @Benchmark
  public int naiveNestedLoop() {
    int n = 0;
    List<Asset> assets = inventory.assets();
    for (Advisory a : advisories) {
      for (AffectedProduct p : a.affects().products()) {
        String v = Names.vendor(p.vendor());
        String name = Names.product(v, p.product());
        ProductMatching versions = ProductMatching.prepare(p);
        for (int i = 0; i < assets.size(); i++) {
          if (assetVendor[i].equals(v) && assetProduct[i].equals(name)
              && versions.evaluate(assets.get(i).version()).outcome()
                  != ProductMatching.Outcome.NOT_AFFECTED) {
            n++;
          }
        }
      }
      for (Exposure e : a.affects().exposures()) {
        for (Asset asset : assets) {
          for (ExposedService s : asset.exposedServices()) {
            if (s.port() == e.port() && s.protocol() == e.protocol()
                && s.reachability().compareTo(e.reachability()) >= 0) {
              n++;
            }
          }
        }
      }
    }
    return n;
  }
}
