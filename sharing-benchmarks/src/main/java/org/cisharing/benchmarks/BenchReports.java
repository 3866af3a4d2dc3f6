package org.cisharing.benchmarks;

import java.time.OffsetDateTime;
import java.util.UUID;
import org.cisharing.model.Contact;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Organization;
import org.cisharing.model.Sector;
import org.cisharing.model.Tlp;
import org.cisharing.report.Cause;
import org.cisharing.report.CauseItem;
import org.cisharing.report.EventClass;
import org.cisharing.report.Handling;
import org.cisharing.report.IncidentReport;
import org.cisharing.report.Reporter;
import org.cisharing.report.ReportStage;
import org.cisharing.report.ServiceImpact;

/** Small valid initial reports, each for its own incident (so that no ordering key serializes delivery). */
final class BenchReports {
  private BenchReports() {}

  static IncidentReport initial(int n) {
    return IncidentReport.builder()
        .incidentId(UUID.randomUUID())
        .stage(ReportStage.INITIAL)
        .reportedAt(OffsetDateTime.parse("2026-11-26T09:30:00+09:00"))
        .reporter(Reporter.of(Organization.of("さくら水道企業団", "WAT-0001", Sector.WATER),
            new Contact("当番", "soc@sakura-water.example.jp", "+81-3-1234-5678", true)))
        .title("配水監視SCADAの応答停止 #" + n)
        .summary("配水監視SCADAが応答を停止。現地で手動監視中。ベンチマーク用の報告 " + n + "。")
        .eventClasses(EventClass.AVAILABILITY)
        .impact(ServiceImpact.of(ImpactLevel.DEGRADED, "配水監視"))
        .addCause(Cause.suspected(CauseItem.SOFTWARE_DEFECT))
        .handling(Handling.of(Tlp.AMBER))
        .build();
  }
}
