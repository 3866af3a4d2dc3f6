package org.cisharing.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.cisharing.test.HubEndpoint;
import org.junit.jupiter.api.Test;

class DemoTest {

  private static String run(String lang, int expectedExit) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      exit = Demo.run(lang, out);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(exit).as("exit code; output:%n%s", text).isEqualTo(expectedExit);
    return text;
  }

  @Test
  void playsTheWholeStoryInEnglishAndExitsZero() {
    String out = run("en", 0);
    assertThat(out)
        .contains("[1/7] starting the embedded mock hub")
        .contains("Critical service outage · urgency Immediate")
        .contains("Initial report r1 · INC-1 DDoS web-01")
        .contains("Update r2 · INC-1 DDoS web-01")
        .contains("Initial report r1 · INC-2 SCADA scada-01")
        .contains("the hub is unreachable")
        .contains("failed (hub unreachable)")
        .contains("[4/7] delivering reports ... 5/5")
        .contains("[5/7] delivering final reports ... 7/7")
        .contains("EdDSA kid=")
        .contains("— verified")
        .contains("jump-01  ✓ exposes 3389/tcp (rdp) to the internet")
        .contains("scada-01 ✓ runs Yokogawa CENTUM VP R6.09.00")
        .contains("── Executive management (EXECUTIVE)")
        .contains("── Control-system engineering (CONTROL_SYSTEM)")
        .contains("cam-03 (配水池監視カメラ) — exposes 554/tcp (rtsp) to the internet")
        .contains("5 sent, 5 acknowledged by the hub")
        .contains("7 reports acknowledged, 0 lost; 2 advisories routed to 5 roles")
        .contains("result: OK (exit code 0)");
    // nas-01 exposes 445/tcp only internally: the exposed-ports advisory must not match it.
    assertThat(out).doesNotContain("nas-01").doesNotContain("✗");
    // Not on a terminal: the progress line is printed once, finished, without carriage returns.
    assertThat(out).doesNotContain("\r");
  }

  @Test
  void playsTheWholeStoryInJapanese() {
    String out = run("ja", 0);
    assertThat(out)
        .contains("さくら水道企業団 — 情報共有デモ")
        .contains("重要インフラサービス障害")
        .contains("第1報 r1 · INC-1 DDoS web-01")
        .contains("最終報 r3 · INC-1 DDoS web-01")
        .contains("[4/7] 報告を配送中 ... 5/5")
        .contains("── 経営層 (EXECUTIVE)")
        .contains("── 制御システム担当 (CONTROL_SYSTEM)")
        .contains("3389/tcp (rdp) をインターネットに公開")
        .contains("外部公開サービスの棚卸しと是正を組織の優先課題として指示")
        .contains("報告 7 件を受領確認、欠落 0 件; 注意喚起 2 件を 5 役割へ振り分け")
        .contains("結果: OK (終了コード 0)");
    assertThat(out).doesNotContain("acknowledged").doesNotContain("Executive management");
  }

  @Test
  void exitsNonZeroWhenTheHubRefusesAReportForGood() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      // The first report is refused with 422: it goes to the dead letters, never to the hub.
      exit = Demo.run("en", out, false, hub -> hub.on(HubEndpoint.SUBMIT_REPORT).failNext(1, 422));
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(text).isEqualTo(1);
    // The hub then refuses the incident's update and final too (no initial report): 3 lost.
    assertThat(text)
        .contains("✗ report ")
        .contains("was never accepted")
        .contains("[4/7] delivering reports ... 2/5 (incomplete)")
        .contains("4 reports acknowledged, 3 lost")
        .contains("3 never arrived")
        .contains("result: FAILED (exit code 1)")
        .doesNotContain("0 lost");
  }

  @Test
  void refusesAnUnknownLanguage() {
    assertThatThrownBy(() -> Demo.run("fr", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ja or en");
  }

  @Test
  void alignsJapaneseLabelsByDisplayWidth() {
    assertThat(Console.width("送信箱")).isEqualTo(6);
    assertThat(Console.pad("送信箱", 8)).isEqualTo("送信箱  ");
    assertThat(Console.width("outbox")).isEqualTo(6);
  }
}
