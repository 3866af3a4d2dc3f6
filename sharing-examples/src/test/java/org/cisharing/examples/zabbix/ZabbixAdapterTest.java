package org.cisharing.examples.zabbix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.cisharing.json.DocumentFormatException;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.scope.Category;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ScopeClassifier;
import org.junit.jupiter.api.Test;

class ZabbixAdapterTest {
  private final ZabbixAdapter adapter = ZabbixAdapter.of(Sector.WATER, SystemKind.IT, ZoneId.of("Asia/Tokyo"));

  /** What the media type's script posts for a problem on a Zabbix 7.0 server (tags as a string, as Zabbix passes them). */
  private static final String FAILOVER_PROBLEM = """
      {"event_id":"184467","event_value":"1","event_update_status":"0",
       "event_name":"配水監視SCADA: redundancy failover failed","event_severity":"High",
       "event_date":"2026.11.26","event_time":"09:05:12",
       "event_tags":"[{\\"tag\\":\\"signal\\",\\"value\\":\\"failover-failed\\"},{\\"tag\\":\\"signal\\",\\"value\\":\\"hardware-failure\\"},{\\"tag\\":\\"system_kind\\",\\"value\\":\\"ics\\"},{\\"tag\\":\\"impact\\",\\"value\\":\\"degraded\\"},{\\"tag\\":\\"scope\\",\\"value\\":\\"availability\\"}]",
       "host_name":"scada-02","host_ip":"10.20.1.12","trigger_id":"23061"}
      """;

  @Test
  void readsAProblemWithSignalTags() {
    Observation o = adapter.observation(FAILOVER_PROBLEM).orElseThrow();

    assertThat(o.signals()).containsExactly("failover-failed", "hardware-failure");
    assertThat(o.systemKind()).isSameAs(SystemKind.ICS);
    assertThat(o.system().name()).isEqualTo("scada-02");
    assertThat(o.serviceImpact()).isSameAs(ImpactLevel.DEGRADED);
    assertThat(o.observedAt()).isEqualTo(OffsetDateTime.parse("2026-11-26T09:05:12+09:00"));
    assertThat(o.attributes()).containsEntry("event_severity", "High").containsEntry("event_id", "184467");
    assertThat(ScopeClassifier.defaults().classify(o).category()).isSameAs(Category.SERVICE_OUTAGE);
  }

  @Test
  void mapsAStockTemplateTriggerNameWhenThereIsNoSignalTag() {
    String json = """
        {"event_id":"9","event_value":"1","event_name":"Unavailable by ICMP ping","event_severity":"High",
         "event_date":"2026.11.26","event_time":"08:00:00","event_tags":[{"tag":"class","value":"network"}],
         "host_name":"web-01"}
        """;

    Observation o = adapter.observation(json).orElseThrow();

    assertThat(o.signals()).containsExactly("service-down");
    assertThat(o.systemKind()).isSameAs(SystemKind.IT);
  }

  @Test
  void anUnknownTriggerNameBecomesAnUnknownKebabCaseSignal() {
    String json = """
        {"event_value":"1","event_name":"ChlorineResidualDrift","event_tags":[]}
        """;

    Observation o = adapter.observation(json).orElseThrow();

    assertThat(o.signals()).containsExactly("chlorine-residual-drift");
    assertThat(ScopeClassifier.defaults().classify(o).fired("input.unknown-signal")).isTrue();
  }

  @Test
  void recoveriesAndAcknowledgementsGiveNothing() {
    assertThat(adapter.observation(FAILOVER_PROBLEM.replace("\"event_value\":\"1\"", "\"event_value\":\"0\""))).isEmpty();
    assertThat(adapter.observation(FAILOVER_PROBLEM.replace("\"event_update_status\":\"0\"", "\"event_update_status\":\"1\""))).isEmpty();
  }

  @Test
  void refusesUnexpandedMacrosAndBrokenTagsNamingEachField() {
    String json = """
        {"event_value":"{EVENT.VALUE}","event_tags":"[{not json"}
        """;

    assertThatThrownBy(() -> adapter.observation(json))
        .isInstanceOf(DocumentFormatException.class)
        .hasMessageContaining("/event_value")
        .hasMessageContaining("/event_name")
        .hasMessageContaining("/event_tags");
  }
}
