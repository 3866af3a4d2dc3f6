package org.cisharing.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.cisharing.Violation;
import org.cisharing.model.LocalizedText;
import org.cisharing.model.Role;
import org.cisharing.model.SystemKind;
import org.cisharing.model.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetMatcherTest {
  private static Advisory about(AffectedProduct... products) {
    return Advisory.builder().id("T-1").revision(1).issuer(new Issuer("vendor", IssuerKind.VENDOR))
        .issuedAt(OffsetDateTime.parse("2026-11-26T00:00:00Z")).title(LocalizedText.en("t"))
        .summary(LocalizedText.en("s")).severity(Severity.HIGH).tlp(Tlp.CLEAR)
        .affects(new Affects(List.of(products), List.of())).build();
  }

  private static AssetMatcher one(String vendor, String product, String version) {
    return AssetMatcher.of(AssetInventory.builder()
        .add(Asset.builder("a-1").product(vendor, product, version).owner(Role.CONTROL_SYSTEM).build()).build());
  }

  private static MatchCertainty certainty(AssetMatcher m, AffectedProduct p) {
    List<Match> matches = m.match(about(p)).matches();
    return matches.isEmpty() ? null : matches.get(0).certainty();
  }

  @Test
  void exposedPortsAdvisoryYieldsTheConcretePerAssetActions() {
    MatchResult result = AssetMatcher.of(Fixtures.sakuraWater()).match(Fixtures.exposedPorts());

    assertThat(result.actions())
        .extracting(a -> a.asset().id(), a -> a.role().code(), a -> a.action().id(), AssetAction::certainty)
        .containsExactly(
            tuple("jump-01", "SYSTEM_ADMIN", "sysadmin-close", MatchCertainty.EXACT),
            tuple("jump-01", "SYSTEM_ADMIN", "sysadmin-patch", MatchCertainty.EXACT),
            tuple("vpn-01", "SYSTEM_ADMIN", "sysadmin-patch", MatchCertainty.EXACT),
            tuple("vpn-01", "CONTROL_SYSTEM", "ics-maintenance", MatchCertainty.EXACT),
            tuple("cam-03", "CONTROL_SYSTEM", "ics-offline", MatchCertainty.EXACT));
    // nas-01 exposes 445/tcp only internally; web-01 and mail-01 serve https, not a VPN, on 443.
    assertThat(result.matchesOf("nas-01")).isEmpty();
    assertThat(result.matchesOf("web-01")).isEmpty();
    assertThat(result.matchesOf("mail-01")).isEmpty();

    AssetAction vpn = result.actionsFor(Role.SYSTEM_ADMIN).get(2);
    assertThat(vpn.matches()).hasSize(2);
    assertThat(vpn.describe(Locale.ENGLISH)).isEqualTo(
        "vpn-01 (リモート保守VPN装置) exposes 443/tcp (vpn) to the internet; exposes 10443/tcp (vpn) to the internet: "
            + "Patch VPN gateways and remote-desktop hosts, and enable MFA (SYSTEM_ADMIN)");
    assertThat(result.actionsFor(Role.SYSTEM_ADMIN).get(0).describe(Locale.JAPANESE)).isEqualTo(
        "jump-01 (保守用踏み台サーバ): 3389/tcp (rdp) をインターネットに公開 → 不要な公開ポートを閉塞し、残すポートは接続元を制限する (情報システム担当)");
    assertThat(vpn.describe(Locale.JAPANESE)).isEqualTo(
        "vpn-01 (リモート保守VPN装置): 443/tcp (vpn) をインターネットに公開、10443/tcp (vpn) をインターネットに公開 → "
            + "VPN装置とリモートデスクトップに最新の修正を適用し、多要素認証を有効にする (情報システム担当)");
    assertThat(result.actionsFor(Role.CONTROL_SYSTEM)).extracting(a -> a.asset().id()).containsExactly("vpn-01", "cam-03");
    assertThat(result.actionsFor(Role.EXECUTIVE)).isEmpty();
  }

  @Test
  void anAssetThatDoesNotNameItsServiceIsAPossibleExposureMatch() {
    AssetInventory inv = AssetInventory.builder()
        .add(Asset.builder("gw-01").owner(Role.SYSTEM_ADMIN).expose(ExposedService.tcp(443, null, Reachability.INTERNET)).build())
        .add(Asset.builder("gw-02").owner(Role.SYSTEM_ADMIN).expose(ExposedService.tcp(443, "https", Reachability.PARTNER)).build())
        .build();
    MatchResult r = AssetMatcher.of(inv).match(Fixtures.exposedPorts());
    assertThat(r.matches()).extracting(m -> m.asset().id(), Match::certainty)
        .containsExactly(tuple("gw-01", MatchCertainty.POSSIBLE));
    assertThat(r.matches().get(0).reason().en()).contains("does not name the service");
    assertThat(r.matches().get(0).reason().ja()).contains("サービス名の記載がない");
    assertThat(r.actions()).extracting(a -> a.action().id(), AssetAction::certainty)
        .containsExactly(tuple("sysadmin-patch", MatchCertainty.POSSIBLE), tuple("ics-maintenance", MatchCertainty.POSSIBLE));
  }

  @Test
  void anInternetServiceMatchesAPartnerExposureButNotTheReverse() {
    Advisory partner = about().newBuilder().affects(new Affects(List.of(),
        List.of(new Exposure("e", 2404, Protocol.TCP, null, Reachability.PARTNER)))).build();
    AssetInventory inv = AssetInventory.builder()
        .add(Asset.builder("rtu-1").owner(Role.CONTROL_SYSTEM).expose(ExposedService.tcp(2404, "iec-104", Reachability.INTERNET)).build())
        .add(Asset.builder("rtu-2").owner(Role.CONTROL_SYSTEM).expose(ExposedService.tcp(2404, "iec-104", Reachability.INTERNAL)).build())
        .add(Asset.builder("rtu-3").owner(Role.CONTROL_SYSTEM).expose(new ExposedService(2404, Protocol.UDP, null, Reachability.INTERNET)).build())
        .build();
    assertThat(AssetMatcher.of(inv).match(partner).matches()).extracting(m -> m.asset().id()).containsExactly("rtu-1");
  }

  @Test
  void comparesVendorVersionsTokenByToken() {
    AffectedProduct centum = AffectedProduct.builder().vendor("Yokogawa").product("CENTUM VP (Including CENTUM VP Entry Class)")
        .addRange(">=R6.01.00|<=R6.11.10").build();
    assertThat(certainty(one("Yokogawa", "CENTUM VP", "R6.09.00"), centum)).isEqualTo(MatchCertainty.EXACT);
    assertThat(certainty(one("Yokogawa", "CENTUM VP", "R6.11.10"), centum)).isEqualTo(MatchCertainty.EXACT);
    assertThat(certainty(one("Yokogawa", "CENTUM VP", "R6.11.12"), centum)).isNull();
    assertThat(certainty(one("YOKOGAWA Electric Corporation", "centum-vp", "R5.04.20"), centum)).isNull();

    AffectedProduct mitsubishi = AffectedProduct.builder().vendor("Mitsubishi Electric").product("OPC UA Data Collector")
        .addRange("<=1.04E").build();
    assertThat(certainty(one("Mitsubishi Electric", "OPC UA Data Collector", "1.04E"), mitsubishi)).isEqualTo(MatchCertainty.EXACT);
    assertThat(certainty(one("Mitsubishi Electric", "OPC UA Data Collector", "1.04D"), mitsubishi)).isEqualTo(MatchCertainty.EXACT);
    assertThat(certainty(one("Mitsubishi Electric", "OPC UA Data Collector", "1.05F"), mitsubishi)).isNull();
    // 1.04 against 1.04E: does a letter suffix come before or after? Unknown, so possible.
    assertThat(certainty(one("Mitsubishi Electric", "OPC UA Data Collector", "1.04"), mitsubishi)).isEqualTo(MatchCertainty.POSSIBLE);

    AffectedProduct fuji = AffectedProduct.builder().vendor("Fuji Electric").product("Monitouch V-SFT").addRange("<6.2.3.0").build();
    assertThat(certainty(one("Fuji Electric", "Monitouch V-SFT", "6.1.9.0"), fuji)).isEqualTo(MatchCertainty.EXACT);
    assertThat(certainty(one("Fuji Electric", "Monitouch V-SFT", "v6.2.3"), fuji)).isNull();
    assertThat(certainty(one("Fuji Electric", "Monitouch V-SFT", "6.2.3.0"), fuji)).isNull();
    // A letter where the range has a number: cannot compare, so possible.
    assertThat(certainty(one("Fuji Electric", "Monitouch V-SFT", "V6.2.x"), fuji)).isEqualTo(MatchCertainty.POSSIBLE);

    AffectedProduct hitachi = AffectedProduct.builder().vendor("Hitachi Energy").product("RTU500 series CMU Firmware")
        .addRange(">=12.7.1|<=12.7.6").addRange(">=13.5.1|<=13.5.3").build();
    assertThat(certainty(one("Hitachi Energy", "RTU500 series CMU Firmware", "12.7.4"), hitachi)).isEqualTo(MatchCertainty.EXACT);
    assertThat(certainty(one("Hitachi Energy", "RTU500 series CMU Firmware", "13.6.1"), hitachi)).isNull();
  }

  @Test
  void unknownVersionsAndPartialNamesArePossibleMatchesNeverMisses() {
    AffectedProduct p = AffectedProduct.builder().vendor("Yokogawa").product("CENTUM VP").addRange("<=R6.11.10").build();
    MatchResult noVersion = one("Yokogawa", "CENTUM VP", null).match(about(p));
    assertThat(noVersion.matches()).singleElement().satisfies(m -> {
      assertThat(m.certainty()).isEqualTo(MatchCertainty.POSSIBLE);
      assertThat(m.reason().en()).contains("no version");
      assertThat(m.reason().ja()).contains("バージョンの記載がない");
    });
    MatchResult longer = one("Yokogawa", "CENTUM VP Entry Class", "R6.01.00").match(about(p));
    assertThat(longer.matches()).singleElement().satisfies(m -> {
      assertThat(m.certainty()).isEqualTo(MatchCertainty.POSSIBLE);
      assertThat(m.reason().en()).contains("only partly matches");
    });
    MatchResult vendor = one("Yokogawa Electric", "CENTUM VP", "R6.01.00").match(about(p));
    assertThat(vendor.matches()).singleElement().satisfies(m -> {
      assertThat(m.certainty()).isEqualTo(MatchCertainty.POSSIBLE);
      assertThat(m.reason().en()).contains("the vendor name only partly matches 'yokogawa'");
    });
    assertThat(one("Yokogawa Electric", "CENTUM VP", "R6.12.00").match(about(p)).matches()).isEmpty();
    AffectedProduct longerNames = AffectedProduct.builder().vendor("Yokogawa Electric").product("CENTUM VP Entry Class")
        .addRange("<=R6.11.10").build();
    assertThat(one("Yokogawa", "CENTUM VP Entry Class", "R6.01.00").match(about(longerNames)).matches())
        .extracting(Match::certainty).containsExactly(MatchCertainty.POSSIBLE);
    assertThat(one("Yokogawa Electric", "CENTUM VP", "R6.01.00").match(about(longerNames)).matches())
        .extracting(Match::certainty).containsExactly(MatchCertainty.POSSIBLE);
    assertThat(one("Yokogawaelectric", "CENTUM VP", "R6.01.00").match(about(p)).matches()).isEmpty();
    AffectedProduct unparsed = AffectedProduct.builder().vendor("Mitsubishi Electric").product("MX OPC Server UA")
        .addRange(">=3.05F_Packaged_with_MC_Works64_4.03D").build();
    assertThat(certainty(one("Mitsubishi Electric", "MX OPC Server UA", "3.05F"), unparsed)).isEqualTo(MatchCertainty.POSSIBLE);
    AffectedProduct verbatim = AffectedProduct.builder().vendor("X").product("Y").addUnparsedRange("!=2.0").build();
    assertThat(certainty(one("X", "Y", "1.0"), verbatim)).isEqualTo(MatchCertainty.POSSIBLE);
  }

  @Test
  void matchesByCpeAndPurl() {
    AssetInventory inv = AssetInventory.builder()
        .add(Asset.builder("web-01").cpe("cpe:2.3:a:f5:nginx:1.24.0:*:*:*:*:*:*:*").owner(Role.SYSTEM_ADMIN).build())
        .add(Asset.builder("app-01").purl("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1").owner(Role.SYSTEM_ADMIN).build())
        .add(Asset.builder("app-02").purl("pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1").owner(Role.SYSTEM_ADMIN).build())
        .build();
    AssetMatcher m = AssetMatcher.of(inv);
    Advisory a = about(
        AffectedProduct.builder().id("nginx").cpe("cpe:2.3:a:f5:nginx:*:*:*:*:*:*:*:*").addRange(">=1.20.0|<1.25.3").build(),
        AffectedProduct.builder().id("log4j").purl("pkg:maven/org.apache.logging.log4j/log4j-core").fixedIn("2.15.0").build());
    MatchResult r = m.match(a);
    assertThat(r.matches()).extracting(x -> x.asset().id(), Match::certainty)
        .containsExactly(tuple("web-01", MatchCertainty.EXACT), tuple("app-01", MatchCertainty.EXACT));
    // No action names the items and SYSTEM_ADMIN is not addressed: the owner is asked to check.
    assertThat(r.actions()).extracting(x -> x.role(), x -> x.action().id())
        .containsExactly(tuple(Role.SYSTEM_ADMIN, "T-1/check"), tuple(Role.SYSTEM_ADMIN, "T-1/check"));
  }

  @Test
  void generalActionsOfTheOwnerRoleApplyWhenNoActionNamesTheItem() {
    Advisory a = about(AffectedProduct.builder().id("p").vendor("Yokogawa").product("CENTUM VP").build()).newBuilder()
        .addAddressee(Addressee.of(Role.CONTROL_SYSTEM, ActionItem.of("update", LocalizedText.en("Update"), ActionPriority.HIGH)))
        .addAddressee(Addressee.of(Role.CISO, ActionItem.of("steer", LocalizedText.en("Steer"), ActionPriority.LOW)))
        .build();
    MatchResult r = one("Yokogawa", "CENTUM VP", "R1").match(a);
    assertThat(r.actions()).extracting(x -> x.role(), x -> x.action().id())
        .containsExactly(tuple(Role.CONTROL_SYSTEM, "update"));
  }

  @Test
  void readsAndWritesTheInventoryFormat(@TempDir Path dir) throws Exception {
    AssetInventory inv = Fixtures.sakuraWater();
    assertThat(inv.size()).isEqualTo(14);
    Asset vpn = inv.asset("vpn-01").orElseThrow();
    assertThat(vpn.kind()).isEqualTo(SystemKind.IT);
    assertThat(vpn.exposedServices()).containsExactly(
        ExposedService.tcp(443, "vpn", Reachability.INTERNET), ExposedService.tcp(10443, "vpn", Reachability.INTERNET));
    Path copy = dir.resolve("inventory.json");
    Files.writeString(copy, inv.toJson());
    assertThat(AssetInventory.read(copy).assets()).isEqualTo(inv.assets());
  }

  @Test
  void readsTheCsvFormLikeTheJsonForm() {
    AssetInventory csv = AssetInventory.readCsv(Fixtures.RESOURCES.resolve("advisory/sakura-water-inventory.csv"));
    assertThat(csv.assets()).isEqualTo(Fixtures.sakuraWater().assets());
    AssetInventory quoted = AssetInventory.parseCsv("ownerRole,id,name,exposedServices,extra\n"
        + "SYSTEM_ADMIN,gw-01,\"Gateway, \"\"main\"\"\",\"443/tcp internet vpn; 10443/tcp partner\",x\n");
    assertThat(quoted.assets()).singleElement().satisfies(a -> {
      assertThat(a.name()).isEqualTo("Gateway, \"main\"");
      assertThat(a.exposedServices()).containsExactly(ExposedService.tcp(443, "vpn", Reachability.INTERNET),
          ExposedService.tcp(10443, null, Reachability.PARTNER));
    });
  }

  @Test
  void aBrokenCsvLineIsNamed() {
    String csv = "id,kind,ownerRole,exposedServices\r\n"
        + "ok-1,it,CSIRT,\r\n"
        + "gw-01,it,SYSTEM_ADMIN,443/tcp everywhere\r\n"
        + "plc-1,scada,CONTROL_SYSTEM,\r\n"
        + ",it,CSIRT,\r\n"
        + "ok-1,it,CSIRT,\r\n"
        + "nobody,it,,\r\n";
    assertThatThrownBy(() -> AssetInventory.parseCsv(csv))
        .isInstanceOf(InventoryFormatException.class)
        .satisfies(e -> assertThat(((InventoryFormatException) e).violations()).extracting(Violation::pointer)
            .containsExactly("line 3", "line 4", "line 5", "line 7", "line 6"))
        .hasMessageContaining("line 3: exposedServices '443/tcp everywhere'")
        .hasMessageContaining("(asset 'gw-01')")
        .hasMessageContaining("line 4: kind: unknown system kind 'scada'")
        .hasMessageContaining("line 6: duplicate asset id 'ok-1', first on line 2");
    assertThatThrownBy(() -> AssetInventory.parseCsv("id,name\nx,y\n"))
        .isInstanceOf(InventoryFormatException.class).hasMessageContaining("no 'ownerRole' column");
    assertThatThrownBy(() -> AssetInventory.parseCsv("id,ownerRole\nx,\"CSIRT\n"))
        .isInstanceOf(InventoryFormatException.class).hasMessageContaining("line 2: a quoted field is not closed");
  }

  @Test
  void aBrokenInventoryEntryIsNamed() {
    String json = "{\"schema\":\"cisharing.inventory/1\",\"assets\":["
        + "{\"id\":\"ok-1\",\"ownerRole\":\"CSIRT\"},"
        + "{\"id\":\"gw-01\",\"ownerRole\":\"SYSTEM_ADMIN\",\"exposedServices\":[{\"port\":99999,\"protocol\":\"tcp\",\"reachability\":\"internet\"}]},"
        + "{\"id\":\"plc-1\",\"kind\":\"scada\",\"ownerRole\":\"CONTROL_SYSTEM\"},"
        + "{\"id\":\"ok-1\",\"ownerRole\":\"CSIRT\"},"
        + "{\"name\":\"no id\",\"ownerRole\":\"CSIRT\"}]}";
    assertThatThrownBy(() -> AssetInventory.parse(json))
        .isInstanceOf(InventoryFormatException.class)
        .satisfies(e -> assertThat(((InventoryFormatException) e).violations()).extracting(Violation::pointer)
            .containsExactly("/assets/1/exposedServices/0", "/assets/2/kind", "/assets/3/id", "/assets/4"))
        .hasMessageContaining("gw-01")
        .hasMessageContaining("port must be 1 to 65535")
        .hasMessageContaining("plc-1")
        .hasMessageContaining("duplicate asset id 'ok-1'");
    assertThatThrownBy(() -> AssetInventory.parse("{\"schema\":\"cisharing.inventory/1\",\"assets\":[}"))
        .isInstanceOf(InventoryFormatException.class).hasMessageContaining("line 1");
    assertThatThrownBy(() -> AssetInventory.parse("{\"assets\":[]}"))
        .isInstanceOf(InventoryFormatException.class).hasMessageContaining("/schema");
  }
}
