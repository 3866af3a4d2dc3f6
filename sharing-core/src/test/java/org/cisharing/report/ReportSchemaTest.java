package org.cisharing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.cisharing.json.Schemas;
import org.cisharing.json.SharingJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReportSchemaTest {
  static List<IncidentReport> reports() {
    return SampleReports.all();
  }

  @ParameterizedTest
  @MethodSource("reports")
  void everyWrittenReportConformsToThePublishedSchema(IncidentReport report) {
    assertThat(Schemas.violations("report", SharingJson.write(report))).isEmpty();
  }

  @Test
  void schemaRefusesAFinalReportWithoutCauses() {
    String json = SharingJson.write(SampleReports.earthquakeBlackout()).replaceFirst("\"causes\":\\[[^\\]]*\\],", "");
    assertThat(json).doesNotContain("\"causes\"");
    assertThat(Schemas.violations("report", json)).isNotEmpty();
  }

  @Test
  void schemaRefusesANearMissWithAServiceImpact() {
    String json = SharingJson.write(SampleReports.portNearMiss()).replace("\"level\":\"none\"", "\"level\":\"degraded\"");
    assertThat(Schemas.violations("report", json)).isNotEmpty();
  }

  @Test
  void receiptConformsToItsSchema() {
    Receipt receipt = new Receipt("R-1", UUID.randomUUID(), UUID.randomUUID(),
        OffsetDateTime.parse("2026-11-26T09:30:00+09:00"), ReportStatus.UNDER_REVIEW,
        List.of(new Question("q1", "侵入経路は特定できましたか", OffsetDateTime.parse("2026-11-26T10:00:00+09:00"))));
    String json = SharingJson.write(receipt);
    assertThat(Schemas.violations("receipt", json)).isEmpty();
    assertThat(SharingJson.read(json, Receipt.class)).isEqualTo(receipt);
  }
}
