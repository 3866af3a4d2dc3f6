package org.cisharing.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cisharing.Violation;
import org.cisharing.model.Role;
import org.cisharing.model.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsafAdvisoriesTest {
  private static final String[] DOCS = {"icsa-24-004-02", "icsa-24-116-01", "icsa-24-151-02", "icsa-24-172-01"};

  private static Path csaf(String name) {
    return Fixtures.RESOURCES.resolve("csaf/" + name + ".json");
  }

  @Test
  void importsTheYokogawaAdvisory() {
    Advisory a = CsafAdvisories.read(csaf("icsa-24-172-01"));
    assertThat(a.id()).isEqualTo("ICSA-24-172-01");
    assertThat(a.revision()).isEqualTo(1);
    assertThat(a.title().en()).isEqualTo("Yokogawa CENTUM");
    assertThat(a.issuer()).isEqualTo(new Issuer("CISA", IssuerKind.OTHER));
    assertThat(a.issuedAt().toString()).isEqualTo("2024-06-20T06:00Z");
    assertThat(a.tlp()).isEqualTo(Tlp.CLEAR);
    assertThat(a.summary().en()).isNotBlank();
    assertThat(a.references()).contains(Reference.cve("CVE-2024-5650"));
    assertThat(a.affects().products()).extracting(AffectedProduct::id, AffectedProduct::product, p -> p.ranges().toString())
        .contains(tuple("CSAFPID-0004", "CENTUM VP (Including CENTUM VP Entry Class)", "[>=R6.01.00|<=R6.11.10]"));
    assertThat(a.addressees()).singleElement().satisfies(ad -> {
      assertThat(ad.role()).isEqualTo(Role.CONTROL_SYSTEM);
      assertThat(ad.actions()).isNotEmpty();
      assertThat(ad.actions().get(0).text().en()).startsWith("Mitigation: Yokogawa recommends");
    });
  }

  @Test
  void mergesRemediationsRepeatedAcrossVulnerabilities() {
    Advisory a = CsafAdvisories.read(csaf("icsa-24-151-02"));
    assertThat(a.revision()).isEqualTo(2);
    assertThat(a.references()).filteredOn(r -> r.type() == ReferenceType.CVE).hasSize(3);
    assertThat(a.addressees().get(0).actions()).singleElement().satisfies(action -> {
      assertThat(action.priority()).isEqualTo(ActionPriority.HIGH);
      assertThat(action.text().en()).startsWith("Vendor fix: Fuji Electric recommends");
      assertThat(action.appliesTo()).containsExactly("CSAFPID-0001");
    });
    assertThat(CsafAdvisories.read(Fixtures.resource("csaf/icsa-24-151-02.json"), Role.SYSTEM_ADMIN)
        .addressees().get(0).role()).isEqualTo(Role.SYSTEM_ADMIN);
  }

  @Test
  void theRealDocumentsMatchExactlyTheAssetsTheInventorySays() {
    AssetMatcher matcher = AssetMatcher.of(Fixtures.sakuraWater());
    List<String> found = new ArrayList<>();
    for (String name : DOCS) {
      for (Match m : matcher.match(CsafAdvisories.read(csaf(name))).matches()) {
        found.add(name + " " + m.asset().id() + " " + m.certainty().code());
      }
    }
    assertThat(found).containsExactly(
        "icsa-24-004-02 opc-01 exact",
        "icsa-24-116-01 rtu-07 exact",
        "icsa-24-151-02 hmi-01 exact",
        "icsa-24-172-01 scada-01 exact");
  }

  @Test
  void explainsEachMatchInBothLanguages() {
    Match m = AssetMatcher.of(Fixtures.sakuraWater()).match(CsafAdvisories.read(csaf("icsa-24-172-01"))).matches().get(0);
    assertThat(m.reason().en()).isEqualTo("runs Yokogawa CENTUM VP R6.09.00: version R6.09.00 is within >=R6.01.00|<=R6.11.10");
    assertThat(m.reason().ja()).isEqualTo("Yokogawa CENTUM VP R6.09.00 を使用: バージョン R6.09.00 は範囲 >=R6.01.00|<=R6.11.10 に含まれる");
  }

  @Test
  void bindsTheRemediationsOfTheMatchedProductToItsOwner() {
    MatchResult r = AssetMatcher.of(Fixtures.sakuraWater()).match(CsafAdvisories.read(csaf("icsa-24-004-02")));
    assertThat(r.actions()).allSatisfy(a -> {
      assertThat(a.asset().id()).isEqualTo("opc-01");
      assertThat(a.role()).isEqualTo(Role.CONTROL_SYSTEM);
    });
    assertThat(r.actions()).extracting(a -> a.action().text().en())
        .anyMatch(t -> t.contains("OPC UA data collector: 1.05F or later"))
        .noneMatch(t -> t.startsWith("Vendor fix: FX5-OPC"));
  }

  @Test
  void readsVersionsFullProductNamesRelationshipsAndGroups() {
    Advisory a = CsafAdvisories.read(Fixtures.RESOURCES.resolve("csaf-synthetic/jp-vendor-advisory.json"));
    assertThat(a.id()).isEqualTo("EXC-2026/001");
    assertThat(a.revision()).isEqualTo(2);
    assertThat(a.issuer()).isEqualTo(new Issuer("Example Controls K.K.", IssuerKind.VENDOR));
    assertThat(a.tlp()).isEqualTo(Tlp.GREEN);
    assertThat(a.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(a.summary().en()).isEqualTo("ExampleGateway firmware passes a parameter to a shell.");
    assertThat(a.background()).isEmpty();
    assertThat(a.references()).contains(Reference.cve("CVE-2026-12345"),
        new Reference(ReferenceType.JVN, "JVNVU#99999999", null),
        new Reference(ReferenceType.CSAF, null, java.net.URI.create("https://example.co.jp/csaf/2026/exc-2026-001.json")));
    assertThat(a.affects().products()).extracting(AffectedProduct::toString).containsExactly(
        "Example Controls ExampleGateway =2.1.0",
        "Example Controls ExampleGateway =2.2.0",
        "cpe:2.3:h:example:hmi_panel:3.0:*:*:*:*:*:*:*",
        "Example Controls ExampleAgent vers:generic/>=1.0.0|!=1.2.0");
    assertThat(a.addressees().get(0).role()).isEqualTo(Role.SYSTEM_ADMIN);
    assertThat(a.addressees().get(0).actions()).extracting(ActionItem::appliesTo).containsExactly(
        List.of("GW-210-ON-HOST", "GW-220"), List.of("HMI"), List.of("AG"));

    AssetInventory inv = AssetInventory.builder()
        .add(Asset.builder("gw-a").product("Example Controls", "ExampleGateway", "2.1.0").owner(Role.CONTROL_SYSTEM).build())
        .add(Asset.builder("gw-b").product("Example Controls", "ExampleGateway", "2.3.0").owner(Role.CONTROL_SYSTEM).build())
        .add(Asset.builder("hmi").cpe("cpe:2.3:h:example:hmi_panel:3.0:*:*:*:*:*:*:*").owner(Role.CONTROL_SYSTEM).build())
        .add(Asset.builder("agent").product("Example Controls", "ExampleAgent", "1.2.0").owner(Role.SYSTEM_ADMIN).build())
        .build();
    MatchResult r = AssetMatcher.of(inv).match(a);
    assertThat(r.matches()).extracting(m -> m.asset().id(), Match::certainty).containsExactly(
        tuple("gw-a", MatchCertainty.EXACT), tuple("hmi", MatchCertainty.EXACT), tuple("agent", MatchCertainty.POSSIBLE));
    assertThat(r.actionsFor(Role.SYSTEM_ADMIN)).extracting(x -> x.asset().id() + ":" + x.action().text().en()).containsExactly(
        "gw-a:Vendor fix: Update ExampleGateway to 2.3.0. (https://example.co.jp/dl)",
        "hmi:Workaround: Disable the web console.",
        "agent:No fix planned: ExampleAgent is end of life.");
  }

  @Test
  void verifiesTheSha512Files(@TempDir Path dir) throws Exception {
    for (String name : DOCS) {
      assertThat(CsafAdvisories.verifySha512(csaf(name), Fixtures.RESOURCES.resolve("csaf/" + name + ".json.sha512")))
          .as(name).isTrue();
    }
    Path tampered = dir.resolve("icsa-24-172-01.json");
    Files.writeString(tampered, Files.readString(csaf("icsa-24-172-01")).replace("R6.11.10", "R6.11.99"));
    assertThat(CsafAdvisories.verifySha512(tampered, Fixtures.RESOURCES.resolve("csaf/icsa-24-172-01.json.sha512"))).isFalse();
    Path badHash = dir.resolve("bad.sha512");
    Files.writeString(badHash, "not-a-digest  icsa-24-172-01.json\n");
    assertThatThrownBy(() -> CsafAdvisories.verifySha512(tampered, badHash)).isInstanceOf(CsafFormatException.class);
  }

  @Test
  void malformedCsafNamesTheFields() throws Exception {
    String good = Fixtures.resource("csaf/icsa-24-172-01.json");
    String broken = good
        .replace("\"current_release_date\": \"2024-06-20T06:00:00.000000Z\"", "\"current_release_date\": \"yesterday\"")
        .replace("\"label\": \"WHITE\"", "\"label\": \"AMBER+STRICT\"")
        .replace("\"title\": \"Yokogawa CENTUM\"", "\"title\": 42");
    assertThat(broken).isNotEqualTo(good);
    assertThatThrownBy(() -> CsafAdvisories.read(broken))
        .isInstanceOf(CsafFormatException.class)
        .satisfies(e -> assertThat(((CsafFormatException) e).violations()).extracting(Violation::pointer)
            .contains("/document/title", "/document/tracking/current_release_date", "/document/distribution/tlp/label"));
    assertThatThrownBy(() -> CsafAdvisories.read("{\"vulnerabilities\":[]}"))
        .isInstanceOf(CsafFormatException.class).hasMessageContaining("/document");
    assertThatThrownBy(() -> CsafAdvisories.read("{\"document\":{"))
        .isInstanceOf(CsafFormatException.class).hasMessageContaining("malformed JSON");
    String longTitle = good.replace("\"title\": \"Yokogawa CENTUM\"", "\"title\": \"" + "T".repeat(600) + "\"");
    assertThatThrownBy(() -> CsafAdvisories.read(longTitle))
        .isInstanceOf(CsafFormatException.class).hasMessageContaining("/title/en");
    String unknownProduct = good.replace("\"known_affected\": [\n          \"CSAFPID-0001\"", "\"known_affected\": [\n          \"CSAFPID-9999\"");
    assertThat(unknownProduct).isNotEqualTo(good);
    assertThatThrownBy(() -> CsafAdvisories.read(unknownProduct))
        .isInstanceOf(CsafFormatException.class).hasMessageContaining("CSAFPID-9999")
        .hasMessageContaining("/vulnerabilities/0/product_status/known_affected/0");
  }
}
