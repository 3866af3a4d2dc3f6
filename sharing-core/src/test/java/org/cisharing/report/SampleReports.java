package org.cisharing.report;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.cisharing.model.Contact;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Organization;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemEnvironment;
import org.cisharing.model.SystemKind;
import org.cisharing.model.Tlp;

/** Realistic reports modelled on public Japanese incidents (details simplified, operators fictional). */
public final class SampleReports {
  private SampleReports() {}

  static OffsetDateTime t(String s) {
    return OffsetDateTime.parse(s);
  }

  static Reporter reporter(String org, String operatorId, Sector sector) {
    return Reporter.of(
        new Organization(org, operatorId, sector, null, null, null),
        new Contact("セキュリティ統括室 当番", "csirt@example.co.jp", "+81-3-1234-5678", true));
  }

  /** A DDoS on an airline's check-in and ticketing (modelled on JAL, 2024-12-26): initial report. */
  public static IncidentReport airlineDdos() {
    return IncidentReport.builder()
        .reportId(UUID.fromString("0b9e6a4e-2f1c-4c62-9a55-4c1f6f0a0001"))
        .incidentId(UUID.fromString("6f1d3c2a-8b7e-4f10-a2d4-6c5b4a3f0001"))
        .stage(ReportStage.INITIAL)
        .reportedAt(t("2024-12-26T08:10:00+09:00"))
        .reporter(reporter("日本翼航空株式会社", "AVI-0007", Sector.AVIATION))
        .title("大量データ送付(DDoS)によるネットワーク機器の障害")
        .summary("07:24頃から社内外を結ぶネットワーク機器に大量のデータが送付され、手荷物システム及び国内線・国際線の"
            + "当日券販売が停止。一部の便に遅延が発生している。\n攻撃の遮断を実施し、復旧作業中。")
        .eventClasses(EventClass.AVAILABILITY)
        .timeline(new Timeline(Moment.around(t("2024-12-26T07:24:00+09:00")),
            Moment.exactly(t("2024-12-26T07:35:00+09:00")), null, null))
        .addAffectedSystem(new AffectedSystem(SystemKind.IT, "社外接続ルータ", null, null, null, SystemEnvironment.ON_PREMISES))
        .addAffectedSystem(new AffectedSystem(SystemKind.IT, "手荷物管理システム", null, null, null, SystemEnvironment.ON_PREMISES))
        .impact(ServiceImpact.of(ImpactLevel.DEGRADED, "国内線・国際線の運航(手荷物受付・当日券販売)")
            .withUsersAffected(24_000L)
            .withRegions(List.of("全国"))
            .withPeriod(t("2024-12-26T07:24:00+09:00"), null))
        .addCause(Cause.suspected(CauseItem.DDOS))
        .response(Response.of(ResponseStatus.ONGOING, "攻撃元からの通信を遮断", "ルータを切り替え"))
        .aspects(Aspect.CONTAINMENT_RECOVERY)
        .ddos(new DdosDetails(DdosAttackType.DIRECT_NETWORK_FLOOD, 12.5, 9_000_000L, Duration.ofMinutes(90),
            "上流ISPでのフィルタリング"))
        .handling(new Handling(Tlp.AMBER, OnwardSharing.ANONYMISED, true))
        .build();
  }

  /** Ransomware at a hospital through a contractor's VPN (modelled on Osaka, 2022): final report. */
  public static IncidentReport hospitalRansomware() {
    return IncidentReport.builder()
        .reportId(UUID.fromString("0b9e6a4e-2f1c-4c62-9a55-4c1f6f0a0002"))
        .incidentId(UUID.fromString("6f1d3c2a-8b7e-4f10-a2d4-6c5b4a3f0002"))
        .stage(ReportStage.FINAL)
        .revision(4)
        .reportedAt(t("2023-03-28T17:00:00+09:00"))
        .reporter(reporter("地方独立行政法人 さくら総合医療センター", "MED-0311", Sector.MEDICAL))
        .title("ランサムウェア感染による電子カルテシステムの停止(最終報)")
        .summary("給食委託事業者のデータセンター経由で侵入され、電子カルテを含む基幹システムがランサムウェアにより暗号化された。"
            + "救急の受入れ及び外来診療を制限した。全システムを再構築し、診療を再開した。")
        .eventClasses(EventClass.AVAILABILITY, EventClass.MALWARE_INFECTION, EventClass.INTRUSION)
        .timeline(new Timeline(Moment.around(t("2022-10-30T22:00:00+09:00")),
            Moment.exactly(t("2022-10-31T07:00:00+09:00")),
            Moment.exactly(t("2023-01-11T08:30:00+09:00")),
            Moment.exactly(t("2023-03-28T12:00:00+09:00"))))
        .addAffectedSystem(new AffectedSystem(SystemKind.IT, "電子カルテシステム", null, null, null, SystemEnvironment.ON_PREMISES))
        .addAffectedSystem(new AffectedSystem(SystemKind.IT, "委託事業者VPN装置", "Fortinet", "FortiGate", "5.6.x", SystemEnvironment.ON_PREMISES))
        .impact(ServiceImpact.of(ImpactLevel.DISRUPTED, "外来診療・救急受入れ")
            .withRegions(List.of("大阪府"))
            .withPeriod(t("2022-10-31T07:00:00+09:00"), t("2023-01-11T08:30:00+09:00")))
        .addCause(Cause.confirmed(CauseItem.MALWARE).withNote("Phobos系ランサムウェア"))
        .addCause(Cause.confirmed(CauseItem.CONTRACTOR_ERROR).withNote("委託事業者のVPN装置が未更新"))
        .addCause(Cause.confirmed(CauseItem.VULNERABILITY))
        .intrusionVector("給食委託事業者のVPN装置(脆弱性未対応)から閉域網経由で侵入")
        .exploitedCves(List.of("CVE-2018-13379"))
        .contractor(new Contractor(null, "給食業務委託先のデータセンターと閉域網で常時接続"))
        .response(new Response(ResponseStatus.CLOSED,
            List.of("外部接続の遮断", "バックアップからの復元", "全端末の初期化"),
            List.of("委託先接続の棚卸しと常時接続の廃止", "VPN装置の脆弱性管理を契約で義務化", "オフラインバックアップの整備")))
        .aspects(Aspect.PREVENTION, Aspect.RECURRENCE_PREVENTION)
        .addIndicator(new Indicator(IndicatorType.IPV4, "198.51.100.23", "RDP接続元"))
        .addIndicator(Indicator.of(IndicatorType.FILE_NAME, "info.hta"))
        .addNotification(new Notification(NotifiedParty.POLICE, t("2022-10-31T15:00:00+09:00"), "大阪府警"))
        .addNotification(Notification.of(NotifiedParty.PPC, t("2022-11-02T10:00:00+09:00")))
        .ransomware(new RansomwareDetails("Phobos", "info.hta", ".elbie", ExtortionType.ENCRYPTION,
            "委託先VPN装置の認証情報窃取", true, false))
        .handling(new Handling(Tlp.GREEN, OnwardSharing.FULL, true))
        .build();
  }

  /** A hardware failure at a stock exchange that stopped trading all day (modelled on 2020-10-01). */
  public static IncidentReport exchangeHardwareFailure() {
    return IncidentReport.builder()
        .reportId(UUID.fromString("0b9e6a4e-2f1c-4c62-9a55-4c1f6f0a0003"))
        .incidentId(UUID.fromString("6f1d3c2a-8b7e-4f10-a2d4-6c5b4a3f0003"))
        .stage(ReportStage.UPDATE)
        .revision(2)
        .reportedAt(t("2020-10-01T16:00:00+09:00"))
        .reporter(reporter("株式会社さくら証券取引所", "FIN-0001", Sector.FINANCE))
        .title("売買システムの共有ディスク装置故障による終日売買停止(続報)")
        .summary("共有ディスク装置の1号機でメモリ故障が発生し、2号機への自動切替えが設定の不備により機能しなかった。"
            + "全銘柄の売買を終日停止した。翌営業日の再開に向け準備中。")
        .eventClasses(EventClass.AVAILABILITY)
        .timeline(new Timeline(Moment.exactly(t("2020-10-01T07:04:00+09:00")),
            Moment.exactly(t("2020-10-01T07:04:00+09:00")), null, null))
        .addAffectedSystem(new AffectedSystem(SystemKind.IT, "株式売買システム 共有ディスク装置", "Fujitsu", "ETERNUS", null,
            SystemEnvironment.CLOSED_NETWORK))
        .impact(ServiceImpact.of(ImpactLevel.DISRUPTED, "株式等の売買")
            .withRegions(List.of("全国"))
            .withPeriod(t("2020-10-01T09:00:00+09:00"), null))
        .addCause(Cause.confirmed(CauseItem.EQUIPMENT_FAILURE).withNote("共有ディスク装置1号機のメモリ故障"))
        .addCause(Cause.suspected(CauseItem.CONFIGURATION_ERROR).withNote("自動切替えに係る設定値"))
        .response(Response.of(ResponseStatus.CONTAINED, "1号機の交換", "翌営業日の取引再開判断"))
        .aspects(Aspect.CONTAINMENT_RECOVERY, Aspect.RECURRENCE_PREVENTION)
        .notifications(List.of(Notification.of(NotifiedParty.REGULATOR, t("2020-10-01T08:00:00+09:00"))))
        .handling(Handling.of(Tlp.CLEAR))
        .build();
  }

  /** A mobile network outage after a router change, spilling over to logistics and banking (2022-07-02). */
  public static IncidentReport telecomMisconfiguration() {
    return IncidentReport.builder()
        .reportId(UUID.fromString("0b9e6a4e-2f1c-4c62-9a55-4c1f6f0a0004"))
        .incidentId(UUID.fromString("6f1d3c2a-8b7e-4f10-a2d4-6c5b4a3f0004"))
        .stage(ReportStage.INITIAL)
        .reportedAt(t("2022-07-02T03:30:00+09:00"))
        .reporter(Reporter.of(
            new Organization("さくら通信株式会社", "ICT-0042", Sector.INFO_COMM, "電気通信", "情報通信分野セプター", "総務省"),
            new Contact("ネットワーク運用センター", "noc@sakura-tel.example.jp", "0120-000-000", true),
            new Contact("広報部", "pr@sakura-tel.example.jp", null, false)))
        .title("音声・データ通信サービスの全国的な障害")
        .summary("コアネットワークのルータ交換作業後、音声通話が輻輳し、全国で音声・データ通信が利用しづらい状況。"
            + "物流事業者の車両運行管理、銀行ATMの一部、気象観測装置の通信にも影響が波及している。")
        .eventClasses(EventClass.AVAILABILITY)
        .timeline(new Timeline(Moment.exactly(t("2022-07-02T01:35:00+09:00")),
            Moment.exactly(t("2022-07-02T01:50:00+09:00")), null, null))
        .addAffectedSystem(new AffectedSystem(SystemKind.IT, "音声交換ノード(VoLTE)", null, null, null, SystemEnvironment.CLOSED_NETWORK))
        .impact(ServiceImpact.of(ImpactLevel.DISRUPTED, "携帯電話の音声通話及びデータ通信(緊急通報を含む)")
            .withUsersAffected(39_150_000L)
            .withRegions(List.of("全国"))
            .withPeriod(t("2022-07-02T01:35:00+09:00"), null)
            .withSpilloverTo(List.of(Sector.LOGISTICS, Sector.FINANCE, Sector.GOVERNMENT)))
        .addCause(Cause.suspected(CauseItem.CONFIGURATION_ERROR).withNote("ルータ交換作業時の経路設定"))
        .addCause(Cause.suspected(CauseItem.OPERATION_ERROR))
        .response(Response.of(ResponseStatus.ONGOING, "旧ルータへの切り戻し", "通信規制の実施"))
        .aspects(Aspect.CONTAINMENT_RECOVERY)
        .addNotification(Notification.of(NotifiedParty.REGULATOR, t("2022-07-02T02:30:00+09:00")))
        .handling(new Handling(Tlp.AMBER, OnwardSharing.FULL, true))
        .build();
  }

  /** An earthquake leading to an area-wide blackout (modelled on Hokkaido, 2018-09-06): final report. */
  public static IncidentReport earthquakeBlackout() {
    return IncidentReport.builder()
        .reportId(UUID.fromString("0b9e6a4e-2f1c-4c62-9a55-4c1f6f0a0005"))
        .incidentId(UUID.fromString("6f1d3c2a-8b7e-4f10-a2d4-6c5b4a3f0005"))
        .stage(ReportStage.FINAL)
        .revision(6)
        .reportedAt(t("2018-12-19T10:00:00+09:00"))
        .reporter(reporter("さくら電力株式会社", "ELE-0005", Sector.ELECTRICITY))
        .title("地震に伴う供給区域全域の停電(ブラックアウト)(最終報)")
        .summary("震度7の地震により主要火力発電所が停止し、需給バランスが崩れて周波数が低下、供給区域全域が停電した。")
        .eventClasses(EventClass.AVAILABILITY)
        .timeline(new Timeline(Moment.exactly(t("2018-09-06T03:07:00+09:00")),
            Moment.exactly(t("2018-09-06T03:08:00+09:00")),
            Moment.around(t("2018-09-08T00:00:00+09:00")),
            Moment.exactly(t("2018-09-08T00:00:00+09:00"))))
        .addAffectedSystem(new AffectedSystem(SystemKind.ICS, "火力発電所 制御システム", null, null, null, SystemEnvironment.CLOSED_NETWORK))
        .addAffectedSystem(new AffectedSystem(SystemKind.ICS, "中央給電指令所 需給制御システム", null, null, null, SystemEnvironment.CLOSED_NETWORK))
        .impact(ServiceImpact.of(ImpactLevel.DISRUPTED, "電力供給")
            .withUsersAffected(2_950_000L)
            .withRegions(List.of("北海道"))
            .withPeriod(t("2018-09-06T03:25:00+09:00"), t("2018-09-08T00:00:00+09:00"))
            .withSpilloverTo(List.of(Sector.WATER, Sector.INFO_COMM, Sector.MEDICAL, Sector.RAILWAY)))
        .addCause(Cause.confirmed(CauseItem.NATURAL_DISASTER).withNote("平成30年北海道胆振東部地震"))
        .response(new Response(ResponseStatus.CLOSED, List.of("ブラックスタートによる段階的復旧"),
            List.of("負荷遮断量の見直し", "地域間連系設備の増強", "ブラックスタート手順の訓練")))
        .aspects(Aspect.RECURRENCE_PREVENTION)
        .handling(new Handling(Tlp.CLEAR, OnwardSharing.FULL, true))
        .build();
  }

  /** A blocked exploit attempt against a port operator's VPN: a near miss. */
  public static IncidentReport portNearMiss() {
    return IncidentReport.builder()
        .reportId(UUID.fromString("0b9e6a4e-2f1c-4c62-9a55-4c1f6f0a0006"))
        .incidentId(UUID.fromString("6f1d3c2a-8b7e-4f10-a2d4-6c5b4a3f0006"))
        .stage(ReportStage.INITIAL)
        .reportedAt(t("2026-11-26T09:30:00+09:00"))
        .reporter(reporter("さくら港運協会", "PRT-0023", Sector.PORT))
        .title("リモート保守用VPN装置への脆弱性攻撃の試行(遮断済み)")
        .summary("ターミナル運営システムのリモート保守用VPN装置に対し、既知の脆弱性を狙った通信をIPSが検知・遮断した。侵入の痕跡はない。")
        .eventClasses(EventClass.NEAR_MISS)
        .timeline(Timeline.detectedAt(Moment.exactly(t("2026-11-26T09:12:00+09:00"))))
        .addAffectedSystem(new AffectedSystem(SystemKind.IT, "保守用VPN装置", "Fortinet", "FortiGate", "7.2.4", SystemEnvironment.ON_PREMISES))
        .impact(ServiceImpact.none())
        .addCause(Cause.suspected(CauseItem.UNAUTHORIZED_ACCESS))
        .exploitedCves(List.of("CVE-2023-27997"))
        .aspects(Aspect.PREVENTION)
        .addIndicator(new Indicator(IndicatorType.IPV4, "203.0.113.77", "攻撃元"))
        .addIndicator(Indicator.of(IndicatorType.SHA256, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"))
        .handling(new Handling(Tlp.AMBER_STRICT, OnwardSharing.ANONYMISED, false))
        .build();
  }

  public static List<IncidentReport> all() {
    return List.of(airlineDdos(), hospitalRansomware(), exchangeHardwareFailure(), telecomMisconfiguration(),
        earthquakeBlackout(), portNearMiss());
  }
}
