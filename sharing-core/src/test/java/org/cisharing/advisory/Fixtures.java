package org.cisharing.advisory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.cisharing.json.SharingJson;
import org.cisharing.model.LocalizedText;
import org.cisharing.model.Role;
import org.cisharing.model.Sector;
import org.cisharing.model.Tlp;

/** Test data shared by the advisory tests. */
final class Fixtures {
  static final Path RESOURCES = Path.of("src/test/resources");
  static final Path DOCS = Path.of("..", "docs");

  private Fixtures() {}

  static String resource(String name) {
    try {
      return Files.readString(RESOURCES.resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Advisory exposedPorts() {
    return SharingJson.read(resource("advisory/exposed-ports-advisory.json"), Advisory.class);
  }

  static AssetInventory sakuraWater() {
    return AssetInventory.read(RESOURCES.resolve("advisory/sakura-water-inventory.json"));
  }

  /** A small advisory with every field set. */
  static Advisory full(String id, Tlp tlp) {
    return Advisory.builder()
        .id(id)
        .revision(2)
        .issuer(new Issuer("JPCERT/CC", IssuerKind.JPCERT))
        .issuedAt(OffsetDateTime.parse("2026-11-26T09:30:00+09:00"))
        .title(LocalizedText.of("テスト", "Test"))
        .summary(LocalizedText.en("Summary"))
        .background(LocalizedText.ja("背景"))
        .expectedUse(LocalizedText.of("活用", "Use"))
        .severity(Severity.CRITICAL)
        .tlp(tlp)
        .targetSectors(List.of(Sector.WATER, Sector.of("SPACE")))
        .addAddressee(Addressee.of(Role.CONTROL_SYSTEM,
            new ActionItem("a1", LocalizedText.en("Update"), ActionPriority.IMMEDIATE, Duration.ofHours(72),
                List.of("p1")),
            ActionItem.of("a2", LocalizedText.ja("確認"), ActionPriority.LOW)))
        .addAddressee(Addressee.of(Role.custom("PLANT_MANAGER", "工場長", "Plant manager"),
            ActionItem.of("a3", LocalizedText.en("Inform staff"), ActionPriority.MEDIUM)))
        .affects(new Affects(
            List.of(AffectedProduct.builder().id("p1").vendor("Yokogawa").product("CENTUM VP")
                    .addRange(">=R6.01.00|<=R6.11.10").addVersion("R5.04.20").fixedIn("R6.12.00")
                    .addUnparsedRange("!=R6.05.00").cpe("cpe:2.3:a:yokogawa:centum_vp:*:*:*:*:*:*:*:*")
                    .build(),
                AffectedProduct.builder().purl("pkg:maven/org.example/lib@1.2.3").build()),
            List.of(new Exposure("e1", 502, Protocol.TCP, "modbus", Reachability.PARTNER))))
        .addReference(Reference.cve("CVE-2024-5650"))
        .addReference(Reference.url("https://www.cisa.gov/news-events/ics-advisories/icsa-24-172-01"))
        .addReference(new Reference(ReferenceType.JVN, "JVNVU#98765432", null))
        .build();
  }
}
