package org.cisharing.examples.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.cisharing.RetryPolicy;
import org.cisharing.SharingClient;
import org.cisharing.SharingListener;
import org.cisharing.advisory.ActionItem;
import org.cisharing.advisory.Advisory;
import org.cisharing.advisory.AdvisoryFeed;
import org.cisharing.advisory.AdvisoryRouter;
import org.cisharing.advisory.AdvisoryVerifier;
import org.cisharing.advisory.Asset;
import org.cisharing.advisory.AssetAction;
import org.cisharing.advisory.AssetInventory;
import org.cisharing.advisory.AssetMatcher;
import org.cisharing.advisory.CsafAdvisories;
import org.cisharing.advisory.Exposure;
import org.cisharing.advisory.FeedbackStatus;
import org.cisharing.advisory.Match;
import org.cisharing.advisory.MatchCertainty;
import org.cisharing.advisory.MatchResult;
import org.cisharing.advisory.RoleAdvisory;
import org.cisharing.advisory.VerifiedAdvisory;
import org.cisharing.incident.IncidentTracker;
import org.cisharing.incident.Resolution;
import org.cisharing.model.Contact;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Labelled;
import org.cisharing.model.LocalizedText;
import org.cisharing.model.Organization;
import org.cisharing.model.Role;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.cisharing.outbox.OutboxEntry;
import org.cisharing.report.Cause;
import org.cisharing.report.CauseItem;
import org.cisharing.report.IncidentReport;
import org.cisharing.report.Receipt;
import org.cisharing.report.Reporter;
import org.cisharing.report.ResponseStatus;
import org.cisharing.scope.Classification;
import org.cisharing.scope.Observation;
import org.cisharing.scope.ObservedSystem;
import org.cisharing.scope.Rationale;
import org.cisharing.scope.ScopeClassifier;
import org.cisharing.test.MockSharingHub;
import org.cisharing.test.ReceivedReport;

/**
 * The README's demo: a fictional water utility (さくら水道企業団, sector WATER) goes through a
 * morning with a DDoS on its public web site, a SCADA setpoint written from an unknown station and
 * a failed failover; its monitoring and ICS gateway feed observations to an {@link
 * IncidentTracker}, whose reports go through a {@link SharingClient}'s durable outbox to an
 * embedded {@link MockSharingHub} on 127.0.0.1 — through a hub outage, without losing one. The hub
 * then publishes a signed advisory, which an {@link AdvisoryFeed} verifies, matches against the
 * utility's inventory and routes role by role, together with a real CSAF advisory; each role's
 * feedback goes back to the hub.
 *
 * <p>Run it with {@code java -jar sharing-examples/target/sharing-demo.jar [--lang ja|en]}. The
 * story's hours pass on a virtual clock; the whole run takes a few seconds. Exit code 0 only when
 * every report and every feedback was acknowledged exactly once.
 *
 * @since 0.1.0
 */
public final class Demo {
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  static final LocalDate DAY = LocalDate.of(2026, 11, 26);
  static final Reporter REPORTER = Reporter.of(
      Organization.of("さくら水道企業団", "WAT-0001", Sector.WATER),
      new Contact("水道SOC当番", "soc@sakura-water.example.jp", "+81-3-0000-0000", true));
  private static final int STEPS = 7;
  /** Long CSAF remediations are cut for the console; the advisory keeps the full text. */
  private static final int MAX_ACTION_TEXT = 180;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm");

  private final Locale locale;
  private final Console c;
  private final Path work;
  private final DemoClock clock = new DemoClock(DAY.atTime(7, 55).atZone(TOKYO).toInstant(), TOKYO);
  private final ScopeClassifier classifier = ScopeClassifier.defaults();
  private final Consumer<MockSharingHub> hubSetup;

  // What happened, for the checks and the summary.
  private final List<IncidentReport> filed = new CopyOnWriteArrayList<>();
  private final Set<UUID> acknowledged = ConcurrentHashMap.newKeySet();
  private final AtomicInteger deferred = new AtomicInteger();
  private final Map<UUID, String> incidentNames = new LinkedHashMap<>();
  private final Map<Role, List<RoleAdvisory>> inbox = new LinkedHashMap<>();
  private int printedReports;
  private int maxWaiting;
  private int inventorySize;

  private Demo(Locale locale, PrintStream out, boolean interactive, Path work, Consumer<MockSharingHub> hubSetup) {
    this.locale = locale;
    this.hubSetup = hubSetup;
    this.c = new Console(out, interactive);
    this.work = work;
    for (Role r : Role.defaults()) {
      inbox.put(r, new CopyOnWriteArrayList<>());
    }
  }

  /**
   * Runs the demo: {@code --lang ja|en} (default {@code en}). Exits with the code of {@link #run}.
   */
  public static void main(String[] args) {
    String lang = "en";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--lang") && i + 1 < args.length) {
        lang = args[++i];
      } else if (a.startsWith("--lang=")) {
        lang = a.substring("--lang=".length());
      } else if (a.equals("-h") || a.equals("--help")) {
        System.out.println("usage: java -jar sharing-demo.jar [--lang ja|en]");
        return;
      } else {
        System.err.println("unknown argument: " + a + "\nusage: java -jar sharing-demo.jar [--lang ja|en]");
        System.exit(2);
      }
    }
    if (!lang.equals("ja") && !lang.equals("en")) {
      System.err.println("--lang must be ja or en, was " + lang);
      System.exit(2);
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.exit(run(lang, out, isTerminal()));
  }

  /** Whether stdout is a terminal: JDK 22+ returns a console even when redirected, so ask it. */
  private static boolean isTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 17 to 21: a console exists only for a terminal
    }
  }

  /**
   * Plays the story, printing to {@code out}.
   *
   * @param lang {@code ja} or {@code en}
   * @return 0 when every report and feedback was acknowledged exactly once, 1 otherwise
   * @throws IllegalArgumentException for another language
   */
  public static int run(String lang, PrintStream out) {
    return run(lang, out, false);
  }

  static int run(String lang, PrintStream out, boolean interactive) {
    return run(lang, out, interactive, hub -> {});
  }

  /** With {@code hubSetup} applied to the mock hub once started (tests use it to inject faults). */
  static int run(String lang, PrintStream out, boolean interactive, Consumer<MockSharingHub> hubSetup) {
    Locale locale;
    if ("ja".equals(lang)) {
      locale = Locale.JAPANESE;
    } else if ("en".equals(lang)) {
      locale = Locale.ENGLISH;
    } else {
      throw new IllegalArgumentException("lang must be ja or en, was " + lang);
    }
    Path work;
    try {
      work = Files.createTempDirectory("sharing-demo");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory", e);
    }
    try {
      return new Demo(locale, out, interactive, work, hubSetup).play();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(work);
    }
  }

  // ------------------------------------------------------------------------------ the story

  private int play() throws IOException {
    long started = System.nanoTime();
    c.section(t("さくら水道企業団 — 情報共有デモ", "Sakura Water Supply Authority — information-sharing demo"));
    c.text(1, t("架空の水道事業者の朝。時刻は仮想時計で進み、数秒で終わります。",
        "A morning at a fictional water utility. The story's hours pass on a virtual clock."));

    AssetInventory inventory = AssetInventory.parse(resource("demo/sakura-water-inventory.json"));
    AssetMatcher matcher = AssetMatcher.of(inventory);
    inventorySize = inventory.size();
    SharingListener listener = new SharingListener() {
      @Override
      public void delivered(OutboxEntry entry, Receipt receipt) {
        acknowledged.add(entry.id());
      }

      @Override
      public void deferred(OutboxEntry entry, int attempt, String reason, Instant nextAttempt) {
        deferred.incrementAndGet();
      }
    };

    step(1, t("組込みモックハブ、送信箱、追跡器を起動", "starting the embedded mock hub, the outbox and the tracker"));
    try (MockSharingHub hub = new MockSharingHub().clock(clock).start();
        SharingClient client = SharingClient.builder()
            .hubUrl(hub.baseUrl())
            .allowInsecureLoopback(true)
            .outboxDirectory(work.resolve("outbox"))
            .retryPolicy(RetryPolicy.defaults().withInitialBackoff(Duration.ofMillis(100)).withMaxBackoff(Duration.ofMillis(400)))
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(5))
            .callTimeout(Duration.ofSeconds(10))
            .closeTimeout(Duration.ofSeconds(2))
            .listener(listener)
            .build();
        IncidentTracker tracker = IncidentTracker.builder()
            .reporter(REPORTER)
            .sink(report -> {
              client.submit(report);
              filed.add(report);
            })
            .clock(clock)
            .zone(TOKYO)
            .updateInterval(Duration.ofMinutes(15))
            .correlationWindow(Duration.ofHours(2))
            .quietPeriod(Duration.ofHours(8))
            .evaluationInterval(Duration.ofDays(1))
            .build()) {
      hubSetup.accept(hub);
      c.line(t("モックハブ", "mock hub"), hub.baseUrl() + t("  (ループバックのみ)", "  (loopback only)"));
      c.line(t("送信箱", "outbox"), work.resolve("outbox") + t("  (fsync 済みファイル)", "  (fsynced files)"));
      c.line(t("資産台帳", "asset inventory"), inventory.size() + t(" 資産 (SCADA, RTU, HMI, VPN, Web, カメラ …)",
          " assets (SCADA, RTUs, HMIs, VPN, web, cameras …)"));
      c.line(t("報告者", "reporter"), REPORTER.organization().name() + " · " + Sector.WATER.label(locale));

      // ----------------------------------------------------------------- 2: observations
      step(2, t("監視システムと ICS ゲートウェイからの観測", "observations from monitoring and the ICS gateway"));
      at(LocalTime.of(8, 0));
      observe(tracker, t("監視 (Zabbix)", "monitoring (Zabbix)"), ddos(ImpactLevel.DEGRADED, null),
          t("料金・断水情報サイトに大量の通信、応答が遅延", "flood of traffic on the billing & outage-notice site, responses slow"));
      deliver(client);
      at(LocalTime.of(8, 20));
      observe(tracker, t("監視 (Zabbix)", "monitoring (Zabbix)"), ddos(ImpactLevel.DISRUPTED, 41_000L),
          t("サイトが応答停止 — 断水情報を確認できない", "the site stops answering — outage notices unreachable"));
      deliver(client);
      at(LocalTime.of(8, 35));
      observe(tracker, t("ICS ゲートウェイ", "ICS gateway"), setpointWrite(),
          t("次亜塩素酸注入の設定値が未登録の端末から 0.8→2.4 mg/L に変更", "chlorine dosing setpoint changed 0.8→2.4 mg/L from an unregistered station"));
      deliver(client);

      // ----------------------------------------------------------------- 3: hub outage
      step(3, t("ハブ障害 — 報告は送信箱で待機", "hub outage — reports wait in the outbox"));
      at(LocalTime.of(8, 50));
      hub.down();
      c.wrapped(1, hhmm() + "  ", t("ハブに接続できない (接続リセット)。報告は送信箱に保持され再送される。",
          "the hub is unreachable (connection reset); reports stay in the outbox and are retried."));
      at(LocalTime.of(9, 5));
      observe(tracker, t("監視 (Zabbix)", "monitoring (Zabbix)"), failover(),
          t("配水監視 SCADA の二重化切替に失敗、予備機の電源ユニット故障", "distribution SCADA failover failed: standby power supply unit faulty"));
      waitForDeferral(client);
      at(LocalTime.of(9, 40));
      UUID ddos = incidentOf(0);
      tracker.resolve(ddos, new Resolution(List.of(Cause.confirmed(CauseItem.DDOS)), ResponseStatus.RECOVERED,
          List.of(t("ISP の DDoS 緩和サービスを有効化", "ISP DDoS scrubbing enabled"),
              t("CDN 経由の配信に切替", "site moved behind the CDN")),
          List.of(t("DDoS 緩和の常時有効化と断水情報の SNS 代替掲載手順を整備", "keep DDoS scrubbing always on; publish outage notices on social media as a fallback")),
          t("サイトは 09:35 に復旧", "site back at 09:35"))).join();
      c.wrapped(1, hhmm() + "  ", t("DDoS は ISP の緩和で収束 — 最終報を作成", "the DDoS subsides under ISP scrubbing — final report composed"));
      flushTracker(tracker);
      printNewReports();
      waitForDeferral(client);
      int waiting = client.pending();
      maxWaiting = Math.max(maxWaiting, waiting);
      c.line(t("送信箱で待機中", "waiting in the outbox"), waiting + t(" 件", " reports")
          + t(" (再送の延期 " + deferred.get() + " 回)", " (" + deferred.get() + " attempts deferred so far)"));

      // ----------------------------------------------------------------- 4: hub back
      step(4, t("ハブ復旧 — 送信箱から配送", "the hub is back — the outbox drains"));
      at(LocalTime.of(10, 30));
      hub.up();
      c.wrapped(1, hhmm() + "  ", t("ハブが復旧。", "the hub is back up."));
      deliverWithProgress(client, 4, t("報告を配送中", "delivering reports"));
      c.line(t("送信箱", "outbox"), client.pending() + t(" 件待機", " pending"));

      // ----------------------------------------------------------------- 5: closing
      step(5, t("インシデントの終結 — 最終報", "closing the incidents — final reports"));
      at(LocalTime.of(11, 0));
      c.wrapped(1, hhmm() + "  ", t("原因を確認し復旧 — 残る 2 件のインシデントを終結",
          "causes confirmed, service restored — the two remaining incidents are closed"));
      tracker.resolve(incidentOf(1), new Resolution(
          List.of(Cause.confirmed(CauseItem.UNAUTHORIZED_ACCESS).withNote(t("保守用 VPN 経由で未登録端末が接続", "unregistered station connected through the maintenance VPN"))),
          ResponseStatus.RECOVERED,
          List.of(t("設定値を 0.8 mg/L に戻し残留塩素を確認", "setpoint restored to 0.8 mg/L, residual chlorine checked"),
              t("保守 VPN アカウントを停止", "maintenance VPN account disabled")),
          List.of(t("設定値変更を登録端末に限定し、変更時に警報", "restrict setpoint writes to registered stations and alarm on change")),
          null)).join();
      tracker.resolve(incidentOf(2), new Resolution(
          List.of(Cause.confirmed(CauseItem.EQUIPMENT_FAILURE)), ResponseStatus.RECOVERED,
          List.of(t("電源ユニットを交換し切替試験を実施", "power supply unit replaced, failover tested")),
          List.of(t("切替試験を月次化", "monthly failover tests")), null)).join();
      flushTracker(tracker);
      printNewReports();
      deliverWithProgress(client, 5, t("最終報を配送中", "delivering final reports"));

      // ----------------------------------------------------------------- checks
      int lost = 0;
      for (IncidentReport r : filed) {
        try {
          hub.assertReceivedExactlyOnce(r.reportId().toString());
        } catch (AssertionError e) {
          lost++;
          c.wrapped(1, "✗ ", firstLine(e.getMessage()));
        }
      }
      int outOfOrder = 0;
      for (UUID incident : incidentNames.keySet()) {
        try {
          hub.assertStageOrder(incident.toString());
        } catch (AssertionError e) {
          outOfOrder++;
          c.wrapped(1, "✗ ", firstLine(e.getMessage()));
        }
      }
      c.blank();
      c.subsection(t("ハブが受領した報告", "reports the hub holds"));
      for (UUID incident : incidentNames.keySet()) {
        List<String> stages = new ArrayList<>();
        for (ReceivedReport r : hub.reportsFor(incident.toString())) {
          stages.add(stageLabel(r.stage()) + " r" + r.revision() + " @" + HHMM.format(r.receivedAt().atZoneSameInstant(TOKYO)));
        }
        c.line(incidentNames.get(incident), String.join(" → ", stages));
      }

      // ----------------------------------------------------------------- 6: advisories
      step(6, t("注意喚起の受信・検証・照合・振り分け", "advisories: receive, verify, match, route"));
      at(LocalTime.of(11, 30));
      AdvisoryRouter router = AdvisoryRouter.builder().matcher(matcher).clock(clock)
          .handler(Role.EXECUTIVE, view -> inbox.get(Role.EXECUTIVE).add(view))
          .handler(Role.CISO, view -> inbox.get(Role.CISO).add(view))
          .handler(Role.CSIRT, view -> inbox.get(Role.CSIRT).add(view))
          .handler(Role.SYSTEM_ADMIN, view -> inbox.get(Role.SYSTEM_ADMIN).add(view))
          .handler(Role.CONTROL_SYSTEM, view -> inbox.get(Role.CONTROL_SYSTEM).add(view))
          .build();
      String advisoryJson = resource("demo/exposed-ports-advisory.json");
      hub.publishAdvisory(advisoryJson);
      c.wrapped(1, hhmm() + "  ", t("ハブが署名付き注意喚起を公開 (JWS, Ed25519)", "the hub publishes a signed advisory (JWS, Ed25519)"));
      List<VerifiedAdvisory> verified = new CopyOnWriteArrayList<>();
      Advisory exposedPorts;
      try (AdvisoryFeed feed = AdvisoryFeed.builder()
          .client(client)
          .verifier(AdvisoryVerifier.fromJwks(hub.jwks(), clock))
          .consumer(v -> {
            verified.add(v);
            router.route(v.advisory());
          })
          .stateDirectory(work.resolve("advisory-feed"))
          .clock(clock)
          .build()) {
        AdvisoryFeed.PollResult poll = feed.pollOnce();
        c.line(t("フィード取得", "feed poll"), (poll.ok() ? "ok" : "failed: " + poll.failure())
            + t("、受信 " + poll.delivered() + " 件、隔離 " + poll.quarantined() + " 件",
                ", " + poll.delivered() + " delivered, " + poll.quarantined() + " quarantined"));
        if (verified.isEmpty()) {
          c.text(1, "✗ " + t("注意喚起を受信できなかった", "no advisory was received"));
          return 1;
        }
        VerifiedAdvisory v = verified.get(0);
        exposedPorts = v.advisory();
        c.line(t("署名", "signature"), v.algorithm() + " kid=" + v.keyId()
            + (v.signatureVerified() ? t(" — 検証成功", " — verified") : t(" — 未検証", " — NOT verified")));
        printAdvisory(exposedPorts, matcher.match(exposedPorts));

        Path csafFile = work.resolve("icsa-24-172-01.json");
        Path csafHash = work.resolve("icsa-24-172-01.json.sha512");
        Files.writeString(csafFile, resource("demo/icsa-24-172-01.json"), StandardCharsets.UTF_8);
        Files.writeString(csafHash, resource("demo/icsa-24-172-01.json.sha512"), StandardCharsets.US_ASCII);
        boolean hashOk = CsafAdvisories.verifySha512(csafFile, csafHash);
        Advisory csaf = CsafAdvisories.read(csafFile);
        c.blank();
        c.text(1, t("CSAF 2.0 文書を取り込み (CISA ICS アドバイザリ、実データ)", "importing a CSAF 2.0 document (a real CISA ICS advisory)"));
        c.line("SHA-512", hashOk ? t("一致", "matches") : t("不一致 — 取り込み中止", "MISMATCH — not imported"));
        if (!hashOk) {
          return 1;
        }
        printAdvisory(csaf, matcher.match(csaf));
        router.route(csaf);

        // ----------------------------------------------------------------- 7: roles
        step(7, t("役割ごとの対応事項とフィードバック", "what each role is asked to do, and feedback"));
        printRoles();
        at(LocalTime.of(12, 0));
        int feedbackSent = 0;
        for (Role role : Role.defaults()) {
          for (RoleAdvisory view : inbox.get(role)) {
            if (!view.id().equals(exposedPorts.id())) {
              continue; // the CSAF document did not come from the hub: no feedback to send there
            }
            FeedbackStatus status = role.equals(Role.EXECUTIVE) ? FeedbackStatus.RECEIVED : FeedbackStatus.IN_PROGRESS;
            feed.acknowledge(view.id(), view.revision(), role, status, 5,
                t(role.ja() + ": 対応を開始しました", role.en() + ": on it"));
            feedbackSent++;
          }
        }
        int feedbackAcked = awaitFeedback(client, hub, feedbackSent);
        c.line(t("フィードバック", "feedback"), t(feedbackSent + " 件送信、ハブが " + feedbackAcked + " 件受領",
            feedbackSent + " sent, " + feedbackAcked + " acknowledged by the hub"));

        // ----------------------------------------------------------------- summary
        int reports = filed.size();
        int acked = (int) filed.stream().filter(r -> acknowledged.contains(r.reportId())).count();
        int unacked = reports - acked;
        lost = Math.max(lost, unacked);
        Set<Role> reached = new LinkedHashSet<>();
        int assetActions = 0;
        for (Map.Entry<Role, List<RoleAdvisory>> e : inbox.entrySet()) {
          if (!e.getValue().isEmpty()) {
            reached.add(e.getKey());
          }
          for (RoleAdvisory view : e.getValue()) {
            assetActions += view.assetActions().size();
          }
        }
        int advisories = (int) router.counts().received();
        boolean ok = lost == 0 && outOfOrder == 0 && client.pending() == 0 && client.deadLetters().isEmpty()
            && feedbackAcked == feedbackSent && reports > 0;
        c.section(t("まとめ", "Summary"));
        c.line(t("インシデント", "incidents"), incidentNames.size() + t(" 件 (第1報 → 続報 → 最終報)", " (initial → update → final)"));
        c.line(t("ハブ障害", "hub outage"), t("最大" + maxWaiting + "件が送信箱で待機、再送延期" + deferred.get() + "回、"
                + (lost == 0 ? "すべて復旧後に配送" : lost + "件が未着"),
            "up to " + maxWaiting + " reports waited in the outbox, " + deferred.get() + " attempts deferred, "
                + (lost == 0 ? "all delivered after recovery" : lost + " never arrived")));
        c.line(t("資産別の対応", "asset-bound actions"), String.valueOf(assetActions));
        c.line(t("所要時間", "wall-clock time"), String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9));
        c.blank();
        c.text(1, t("報告 " + acked + " 件を受領確認、欠落 " + lost + " 件; 注意喚起 " + advisories + " 件を " + reached.size() + " 役割へ振り分け",
            acked + " reports acknowledged, " + lost + " lost; " + advisories + " advisories routed to " + reached.size() + " roles"));
        c.text(1, ok ? t("結果: OK (終了コード 0)", "result: OK (exit code 0)") : t("結果: 失敗 (終了コード 1)", "result: FAILED (exit code 1)"));
        return ok ? 0 : 1;
      }
    }
  }

  // ------------------------------------------------------------------------------ observations

  private Observation ddos(ImpactLevel impact, Long users) {
    Observation.Builder b = Observation.builder()
        .observedAt(now())
        .source("zabbix@sakura-dc1")
        .sector(Sector.WATER)
        .system(new ObservedSystem(SystemKind.IT, "web-01 料金・断水情報サイト", "nginx", "nginx", "1.24.0"))
        .signals("ddos-traffic")
        .serviceImpact(impact)
        .attribute("target", "https://www.sakura-water.example.jp/")
        .attribute("peak", impact == ImpactLevel.DISRUPTED ? "38 Gbit/s" : "4 Gbit/s");
    if (users != null) {
      b.usersAffected(users);
    }
    return b.build();
  }

  private Observation setpointWrite() {
    return Observation.builder()
        .observedAt(now())
        .source("ics-gw-01 (OPC UA)")
        .sector(Sector.WATER)
        .system(new ObservedSystem(SystemKind.ICS, "scada-01 浄水場SCADAサーバ", "Yokogawa", "CENTUM VP", "R6.09.00"))
        .signals("unauthorized-command", "process-value-out-of-range")
        .serviceImpact(ImpactLevel.NONE)
        .attribute("point", "CL2-DOSE.SP")
        .attribute("change", "0.8 → 2.4 mg/L")
        .attribute("station", "10.20.0.77 (unregistered)")
        .build();
  }

  private Observation failover() {
    return Observation.builder()
        .observedAt(now())
        .source("zabbix@sakura-dc1")
        .sector(Sector.WATER)
        .system(new ObservedSystem(SystemKind.ICS, "scada-02 配水監視SCADA", "Yokogawa", "CENTUM VP", "R6.11.12"))
        .signals("failover-failed", "hardware-failure")
        .serviceImpact(ImpactLevel.DEGRADED)
        .attribute("detail", "standby PSU fault; manual monitoring on site")
        .build();
  }

  private void observe(IncidentTracker tracker, String who, Observation o, String what) {
    Classification k = classifier.classify(o);
    c.blank();
    c.wrapped(1, hhmm() + "  ", who + " → " + o.system().name());
    c.line("  " + t("状況", "what"), what);
    c.line("  " + t("信号", "signals"), String.join(", ", o.signals()) + " · " + o.impact().label(locale));
    c.line("  " + t("分類", "classified"), k.inScope()
        ? k.category().label(locale) + " · " + t("緊急度 ", "urgency ") + k.urgency().label(locale)
        : t("共有範囲外", "out of scope"));
    Rationale why = rationale(k);
    if (why != null) {
      c.line("  " + t("理由", "because"), why.label(locale));
    }
    tracker.observe(o);
    flushTracker(tracker);
    printNewReports();
  }

  /** The most telling reason: about the system kind, then the service impact, then the signal. */
  private static Rationale rationale(Classification k) {
    for (String prefix : List.of("ics.", "iot.", "impact.", "failure.", "attack.", "precursor.", "cause.")) {
      for (Rationale r : k.rationale()) {
        if (r.rule().startsWith(prefix)) {
          return r;
        }
      }
    }
    return k.rationale().isEmpty() ? null : k.rationale().get(0);
  }

  private void flushTracker(IncidentTracker tracker) {
    if (!tracker.flush(WAIT)) {
      throw new IllegalStateException("the tracker did not catch up within " + WAIT);
    }
  }

  private void printNewReports() {
    while (printedReports < filed.size()) {
      IncidentReport r = filed.get(printedReports++);
      String name = incidentNames.computeIfAbsent(r.incidentId(),
          id -> "INC-" + (incidentNames.size() + 1) + " " + shortName(r));
      c.line("  " + t("報告", "report"), r.stage().label(locale) + " r" + r.revision() + " · " + name
          + t(" → 送信箱へ", " → outbox"));
    }
  }

  private String shortName(IncidentReport r) {
    String system = r.affectedSystems().isEmpty() ? "" : r.affectedSystems().get(0).toString();
    String title = r.title();
    if (title.contains("DDoS") || system.contains("web-01")) {
      return "DDoS web-01";
    }
    if (title.contains("scada-01") || system.contains("scada-01")) {
      return "SCADA scada-01";
    }
    if (title.contains("scada-02") || system.contains("scada-02")) {
      return t("切替失敗 scada-02", "failover scada-02");
    }
    return title.length() > 24 ? title.substring(0, 24) : title;
  }

  private UUID incidentOf(int index) {
    List<UUID> ids = new ArrayList<>(incidentNames.keySet());
    if (index >= ids.size()) {
      throw new IllegalStateException("the story expected incident #" + (index + 1) + ", the tracker opened " + ids.size());
    }
    return ids.get(index);
  }

  // ------------------------------------------------------------------------------ delivery

  /** Waits (bounded) until the hub acknowledged every report filed so far. */
  private void deliver(SharingClient client) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!settled(client) && System.nanoTime() < deadline) {
      client.flush(Duration.ofMillis(50));
    }
    int acked = ackedCount();
    c.line("  " + t("ハブ", "hub"), t("受領確認 " + acked + "/" + filed.size() + " 件", "acknowledged " + acked + "/" + filed.size()));
  }

  private void deliverWithProgress(SharingClient client, int step, String what) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    int total = filed.size();
    int done = ackedCount();
    c.progress(step, STEPS, what, done, total);
    while (true) {
      boolean settled = settled(client);
      int now = ackedCount();
      if (now != done) {
        done = now;
        c.progress(step, STEPS, what, done, total);
      }
      if (settled || System.nanoTime() >= deadline) {
        break;
      }
      client.flush(Duration.ofMillis(50));
    }
    if (done < total) {
      c.progressAbandoned(step, STEPS, what, done, total);
    }
  }

  /** Every report filed so far was acknowledged or refused for good (dead-lettered). */
  private boolean settled(SharingClient client) {
    return ackedCount() + client.deadLetters().size() >= filed.size();
  }

  private int ackedCount() {
    return (int) filed.stream().filter(r -> acknowledged.contains(r.reportId())).count();
  }

  /** Waits (bounded) until delivery failed at least once more, so the deferral shows. */
  private void waitForDeferral(SharingClient client) {
    int before = deferred.get();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (deferred.get() == before && client.pending() > 0 && System.nanoTime() < deadline) {
      client.flush(Duration.ofMillis(50));
    }
    int waiting = client.pending();
    maxWaiting = Math.max(maxWaiting, waiting);
    c.line("  " + t("配送", "delivery"), t("失敗 (ハブ不達) — 送信箱で" + waiting + "件待機、バックオフ後に再送",
        "failed (hub unreachable) — " + waiting + " waiting in the outbox, retried with backoff"));
  }

  private int awaitFeedback(SharingClient client, MockSharingHub hub, int expected) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (hub.feedback().size() < expected && System.nanoTime() < deadline) {
      client.flush(Duration.ofMillis(50));
    }
    client.flush(Duration.ofSeconds(2));
    return hub.feedback().size();
  }

  // ------------------------------------------------------------------------------ advisories

  private void printAdvisory(Advisory a, MatchResult m) {
    c.blank();
    c.text(1, "▸ " + a.id() + " r" + a.revision() + "  [" + a.severity().label(locale) + " · " + a.tlp() + "]");
    c.wrapped(2, "", a.title().text(locale));
    c.line(t("発行者", "issuer"), a.issuer().name());
    Map<Asset, List<Match>> byAsset = new LinkedHashMap<>();
    for (Match match : m.matches()) {
      byAsset.computeIfAbsent(match.asset(), k -> new ArrayList<>()).add(match);
    }
    c.line(t("照合結果", "matched assets"), byAsset.isEmpty() ? t("なし", "none")
        : t(byAsset.size() + " 資産 (台帳 " + inventorySize + " 資産中)", byAsset.size() + " of " + inventorySize + " assets"));
    for (Map.Entry<Asset, List<Match>> e : byAsset.entrySet()) {
      Match first = e.getValue().get(0);
      c.wrapped(3, Console.pad(e.getKey().id(), 9) + (first.certainty() == MatchCertainty.EXACT ? "✓ " : "? "),
          reason(e.getValue()));
    }
  }

  private void printRoles() {
    for (Role role : Role.defaults()) {
      List<RoleAdvisory> views = inbox.get(role);
      c.blank();
      String label = role.label(locale);
      c.subsection(label.equals(role.code()) ? label : label + " (" + role.code() + ")");
      if (views.isEmpty()) {
        c.text(2, t("対応事項なし", "nothing to do"));
        continue;
      }
      for (RoleAdvisory view : views) {
        c.wrapped(1, "▸ ", view.id() + "  " + view.title().text(locale));
        for (ActionItem action : view.actions()) {
          if (action.appliesTo().isEmpty()) {
            c.wrapped(2, "• ", actionLine(action));
          }
        }
        Map<Asset, List<AssetAction>> byAsset = new LinkedHashMap<>();
        for (AssetAction aa : view.assetActions()) {
          byAsset.computeIfAbsent(aa.asset(), k -> new ArrayList<>()).add(aa);
        }
        byAsset.entrySet().stream()
            .sorted(Comparator.comparing(e -> e.getKey().id()))
            .forEach(e -> {
              List<Match> matches = new ArrayList<>();
              e.getValue().forEach(aa -> matches.addAll(aa.matches()));
              c.wrapped(2, "", e.getKey().label() + " — " + reason(dedupe(matches)));
              Set<String> seen = new LinkedHashSet<>();
              for (AssetAction aa : e.getValue()) {
                if (seen.add(aa.action().id())) {
                  c.wrapped(3, "→ ", actionLine(aa.action()));
                }
              }
            });
      }
    }
  }

  private static List<Match> dedupe(List<Match> matches) {
    Map<String, Match> byReason = new LinkedHashMap<>();
    for (Match m : matches) {
      byReason.putIfAbsent(m.reason().text(Locale.ENGLISH), m);
    }
    return new ArrayList<>(byReason.values());
  }

  private String actionLine(ActionItem action) {
    String due = action.due().map(d -> " · " + within(d)).orElse("");
    String text = action.text().text(locale);
    if (text.length() > MAX_ACTION_TEXT) {
      int cut = text.lastIndexOf(' ', MAX_ACTION_TEXT - 1);
      text = text.substring(0, cut > MAX_ACTION_TEXT / 2 ? cut : MAX_ACTION_TEXT - 1).stripTrailing() + " …";
    }
    return "[" + action.priority().label(locale) + due + "] " + text;
  }

  private String within(Duration d) {
    long days = d.toDays();
    if (days > 0 && d.equals(Duration.ofDays(days))) {
      return t(days + "日以内", "within " + days + (days == 1 ? " day" : " days"));
    }
    long hours = d.toHours();
    return t(hours + "時間以内", "within " + hours + " h");
  }

  /** Why assets matched, in the reader's language (the matcher's own reasons are English). */
  private String reason(List<Match> matches) {
    List<String> parts = new ArrayList<>();
    for (Match m : matches) {
      String part;
      if (m.exposure() != null) {
        Exposure e = m.exposure();
        String what = e.port() + "/" + e.protocol().code() + (e.service() == null ? "" : " (" + e.service() + ")");
        part = t(what + " を" + e.reachability().ja() + "に公開", "exposes " + what + " to the " + e.reachability().en().toLowerCase(Locale.ROOT));
      } else {
        part = m.reason().text(locale);
      }
      if (m.certainty() == MatchCertainty.POSSIBLE) {
        part += " [" + m.certainty().label(locale) + "]";
      }
      if (!parts.contains(part)) {
        parts.add(part);
      }
    }
    return String.join("; ", parts);
  }

  // ------------------------------------------------------------------------------ helpers

  private void step(int n, String title) {
    c.section("[" + n + "/" + STEPS + "] " + title);
  }

  private void at(LocalTime time) {
    clock.advanceTo(DAY.atTime(time).atZone(TOKYO).toInstant());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), TOKYO);
  }

  private String hhmm() {
    return HHMM.format(clock.instant().atZone(TOKYO));
  }

  private String stageLabel(String code) {
    switch (code) {
      case "initial":
        return label(org.cisharing.report.ReportStage.INITIAL);
      case "update":
        return label(org.cisharing.report.ReportStage.UPDATE);
      case "final":
        return label(org.cisharing.report.ReportStage.FINAL);
      default:
        return code;
    }
  }

  private String label(Labelled l) {
    return l.label(locale);
  }

  private boolean isJapanese() {
    return "ja".equals(locale.getLanguage());
  }

  private String t(String ja, String en) {
    return LocalizedText.of(ja, en).text(locale);
  }

  static String resource(String name) {
    try (InputStream in = Demo.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + name, e);
    }
  }

  /** The first line of an AssertJ message, without its description brackets. */
  private static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl).strip();
    return m.startsWith("[") && m.endsWith("]") ? m.substring(1, m.length() - 1) : m;
  }

  private static void deleteQuietly(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: a temporary directory
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // best effort
    }
  }
}
