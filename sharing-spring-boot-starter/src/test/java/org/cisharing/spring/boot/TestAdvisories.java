package org.cisharing.spring.boot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.cisharing.advisory.ActionItem;
import org.cisharing.advisory.ActionPriority;
import org.cisharing.advisory.Addressee;
import org.cisharing.advisory.Advisory;
import org.cisharing.advisory.Issuer;
import org.cisharing.advisory.IssuerKind;
import org.cisharing.advisory.Severity;
import org.cisharing.json.SharingJson;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.LocalizedText;
import org.cisharing.model.Role;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.model.Tlp;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ObservedSystem;

/** Advisories, observations and files for the starter's tests. */
public final class TestAdvisories {
  private TestAdvisories() {}

  /** An advisory addressed to CSIRT and EXECUTIVE. */
  public static Advisory advisory(String id, Severity severity, Tlp tlp) {
    return Advisory.builder()
        .id(id).revision(1)
        .issuer(new Issuer("国家サイバー統括室", IssuerKind.NATIONAL_CENTRE))
        .issuedAt(OffsetDateTime.parse("2026-11-26T09:30:00+09:00"))
        .title(LocalizedText.of("注意喚起 " + id, "Alert " + id))
        .summary(LocalizedText.of("概要", "Summary"))
        .severity(severity)
        .tlp(tlp)
        .addAddressee(Addressee.of(Role.CSIRT,
            ActionItem.of("c-1", LocalizedText.of("検知ルールを更新", "Update detection rules"), ActionPriority.HIGH)))
        .addAddressee(Addressee.of(Role.EXECUTIVE,
            ActionItem.of("e-1", LocalizedText.of("対応を指示", "Direct the response"), ActionPriority.MEDIUM)))
        .build();
  }

  public static String json(Advisory advisory) {
    return SharingJson.write(advisory);
  }

  /** The exposed-ports advisory of the handbook's demo (matches the sakura-water inventory). */
  public static String exposedPorts() {
    return resource("/exposed-ports-advisory.json");
  }

  /** An in-scope observation: the water distribution SCADA is degraded by DDoS traffic. */
  public static Observation scadaDdos() {
    return Observation.builder()
        .observedAt(OffsetDateTime.now(ZoneOffset.UTC))
        .source("zabbix@dc1")
        .sector(Sector.WATER)
        .system(new ObservedSystem(SystemKind.IT, "配水監視SCADA", null, null, null))
        .signals("ddos-traffic")
        .serviceImpact(ImpactLevel.DEGRADED)
        .build();
  }

  public static String resource(String name) {
    try (var in = TestAdvisories.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
