package org.cisharing.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cisharing.json.SharingJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ReportRoundTripTest {
  static List<IncidentReport> reports() {
    return SampleReports.all();
  }

  @ParameterizedTest
  @MethodSource("reports")
  void writesAndReadsBackAnEqualReport(IncidentReport report) {
    String json = SharingJson.write(report);
    IncidentReport back = SharingJson.read(json, IncidentReport.class);
    assertThat(back).isEqualTo(report);
    assertThat(SharingJson.write(back)).isEqualTo(json);
    assertThat(json).startsWith("{\"schema\":\"cisharing.report/1\",\"reportId\":\"" + report.reportId() + "\"");
  }
}
