package org.cisharing.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cisharing.Violation;
import org.cisharing.internal.json.JsonCodec;
import org.cisharing.model.ImpactLevel;
import org.cisharing.model.Sector;
import org.cisharing.model.SystemKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScopeRulesTest {
  /** The example of the handbook (docs/handbook/en/scope.md, "Extending and overriding"). */
  private static final String OPERATOR_FILE =
      """
      {
        "schema": "cisharing.scope-rules/1",
        "version": "sakura-water-2026.1",
        "signals": [
          {"code": "plc-mode-change", "tags": ["attack"],
           "ja": "PLCの運転モード変更", "en": "PLC operating mode changed"}
        ],
        "rules": [
          {
            "id": "site.plc-mode-change",
            "when": {"anySignal": ["plc-mode-change"], "systemKind": ["ics"]},
            "then": {"category": "system-failure", "eventClasses": ["integrity"],
                     "causes": ["unauthorized-access"], "urgency": "immediate"},
            "ja": "保守時間外にPLCの運転モードが変更されたため、不正操作の疑いがあるシステムの不具合として直ちに共有する。",
            "en": "A PLC's operating mode was changed outside maintenance hours: a system failure with suspected unauthorised access, to be shared immediately."
          }
        ],
        "profiles": [
          {"id": "telecom-serious-accident", "thresholds": {"usersAtLeast": 20000}}
        ]
      }
      """;

  @TempDir Path dir;

  @Test
  void operatorAddsARuleAndOverridesASectorThresholdFromAFile() throws IOException {
    Path file = write("scope-rules.json", OPERATOR_FILE);
    ScopeClassifier site = ScopeClassifier.of(ScopeRules.defaults().with(file));
    ScopeClassifier defaults = ScopeClassifier.defaults();

    Observation plc =
        Observation.builder().sector(Sector.WATER).system(SystemKind.ICS).signals("plc-mode-change").build();
    assertThat(defaults.classify(plc).category()).isSameAs(Category.PRECURSOR);
    Classification c = site.classify(plc);
    assertThat(c.category()).isSameAs(Category.SYSTEM_FAILURE);
    assertThat(c.urgency()).isSameAs(Urgency.IMMEDIATE);
    assertThat(c.fired("site.plc-mode-change")).isTrue();
    assertThat(c.fired("ics.attack")).as("the new signal carries the attack tag").isTrue();
    assertThat(c.fired("input.unknown-signal")).isFalse();

    Observation telecom =
        Observation.builder()
            .sector(Sector.INFO_COMM)
            .signals("hardware-failure")
            .serviceImpact(ImpactLevel.DEGRADED)
            .usersAffected(25_000)
            .impactDuration(Duration.ofHours(2))
            .build();
    assertThat(defaults.classify(telecom).regulatoryFlags()).isEmpty();
    assertThat(site.classify(telecom).regulatoryFlags())
        .extracting(RegulatoryFlag::id)
        .containsExactly("telecom-serious-accident");
    Observation shortOutage =
        Observation.builder()
            .sector(Sector.INFO_COMM)
            .signals("hardware-failure")
            .serviceImpact(ImpactLevel.DEGRADED)
            .usersAffected(25_000)
            .impactDuration(Duration.ofMinutes(30))
            .build();
    assertThat(site.classify(shortOutage).regulatoryFlags())
        .as("the duration threshold was kept from the default profile")
        .isEmpty();

    assertThat(site.rules().version()).isEqualTo("sakura-water-2026.1");
    assertThat(ScopeRules.defaults().ruleIds()).doesNotContain("site.plc-mode-change");
  }

  @Test
  void handbookShowsExactlyTheTestedOperatorFile() throws IOException {
    for (String handbook : List.of("docs/handbook/en/scope.md", "docs/handbook/ja/scope.md")) {
      Path p = Path.of("..").resolve(handbook);
      String text = Files.readString(Files.exists(p) ? p : Path.of(handbook), StandardCharsets.UTF_8);
      int at = text.indexOf("\"version\": \"sakura-water-2026.1\"");
      assertThat(at).as(handbook).isPositive();
      int start = text.lastIndexOf("```json", at) + "```json".length();
      int end = text.indexOf("```", at);
      assertThat(JsonCodec.mapper().readTree(text.substring(start, end)))
          .as(handbook)
          .isEqualTo(JsonCodec.mapper().readTree(OPERATOR_FILE));
    }
  }

  @Test
  void evaluatesClassifyRulesThenFallbacksThenProfilesEachInFileOrder() {
    ScopeRules rules =
        ScopeRules.defaults()
            .with(
                """
                {"schema": "cisharing.scope-rules/1",
                 "rules": [
                   {"id": "site.water-outage-now", "phase": "fallback",
                    "when": {"sectors": ["WATER"], "categorySoFar": ["service-outage"]},
                    "then": {"urgency": "immediate"},
                    "ja": "水道の供給障害は常に直ちに共有する。", "en": "A water supply outage is always shared immediately."},
                   {"id": "site.scan-from-partner", "when": {"anySignal": ["port-scan"], "attributes": {"zone": "partner"}},
                    "then": {"urgency": "prompt"},
                    "ja": "取引先網からのスキャンは速やかに共有する。", "en": "A scan from the partner network is shared promptly."}
                 ]}
                """,
                "inline");
    List<String> ids = rules.ruleIds();
    List<String> defaults = ScopeRules.defaults().ruleIds();
    assertThat(ids.indexOf("site.scan-from-partner")).isEqualTo(defaults.indexOf("fallback.in-doubt"));
    assertThat(ids.indexOf("site.water-outage-now")).isEqualTo(ids.indexOf("telecom-serious-accident") - 1);

    ScopeClassifier c = ScopeClassifier.of(rules);
    Classification water =
        c.classify(Observation.builder().sector(Sector.WATER).serviceImpact(ImpactLevel.DEGRADED).build());
    assertThat(water.urgency()).isSameAs(Urgency.IMMEDIATE);
    Classification scan =
        c.classify(Observation.builder().signals("port-scan").attribute("zone", "partner").build());
    assertThat(scan.urgency()).isSameAs(Urgency.PROMPT);
    assertThat(c.classify(Observation.builder().signals("port-scan").attribute("zone", "dmz").build()).urgency())
        .isSameAs(Urgency.ROUTINE);
  }

  @Test
  void handlesMoreThan64SignalsAndRules() {
    StringBuilder signals = new StringBuilder();
    StringBuilder rules = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      String sep = i == 0 ? "" : ",";
      signals.append(sep).append("{\"code\":\"site-s").append(i)
          .append("\",\"tags\":[\"site\"],\"ja\":\"s\",\"en\":\"s\"}");
      rules.append(sep).append("{\"id\":\"site.r").append(i).append("\",\"when\":{\"anySignal\":[\"site-s")
          .append(i).append("\"]},\"then\":{\"category\":\"")
          .append(i % 2 == 0 ? "system-failure" : "precursor")
          .append("\",\"urgency\":\"prompt\"},\"ja\":\"r\",\"en\":\"r\"}");
    }
    ScopeRules big =
        ScopeRules.defaults()
            .with("{\"schema\":\"cisharing.scope-rules/1\",\"signals\":[" + signals + "],\"rules\":[" + rules + "]}", "big");
    assertThat(big.signalCodes()).hasSize(ScopeRules.defaults().signalCodes().size() + 40);
    assertThat(big.ruleIds()).hasSizeGreaterThan(64 + 16);
    ScopeClassifier c = ScopeClassifier.of(big);
    for (int round = 0; round < 2; round++) { // the second round is served from the cache
      Classification last = c.classify(Observation.builder().signals("site-s39").build());
      assertThat(last.fired("site.r39")).isTrue();
      assertThat(last.fired("site.r38")).isFalse();
      assertThat(last.category()).isSameAs(Category.PRECURSOR);
      assertThat(last.fired("fallback.unknown-cause")).as("a fallback rule beyond index 64").isTrue();
      assertThat(last.fired("precursor.near-miss")).isTrue();
      Classification both = c.classify(Observation.builder().signals("site-s38", "site-s1", "port-scan").build());
      assertThat(both.category()).isSameAs(Category.SYSTEM_FAILURE);
      assertThat(both.rationale()).extracting(Rationale::rule)
          .containsSubsequence("precursor.port-scan", "site.r1", "site.r38");
      assertThat(both.fired("precursor.near-miss")).isFalse();
    }
  }

  @Test
  void disablesADefaultRuleAndDeepMergesAnother() {
    ScopeRules rules =
        ScopeRules.defaults()
            .with(
                """
                {"schema": "cisharing.scope-rules/1",
                 "rules": [
                   {"id": "precursor.latency-high", "disabled": true},
                   {"id": "failure.error-rate-high", "then": {"urgency": "routine"}}
                 ]}
                """,
                "inline");
    assertThat(rules.ruleIds()).doesNotContain("precursor.latency-high").contains("failure.error-rate-high");
    ScopeClassifier c = ScopeClassifier.of(rules);
    Classification latency = c.classify(Observation.builder().signals("latency-high").build());
    assertThat(latency.fired("fallback.in-doubt")).isTrue();
    assertThat(latency.category()).isSameAs(Category.PRECURSOR);
    Classification errors = c.classify(Observation.builder().signals("error-rate-high").build());
    assertThat(errors.urgency()).isSameAs(Urgency.ROUTINE);
    assertThat(errors.category()).as("the rest of the rule is kept").isSameAs(Category.SYSTEM_FAILURE);
  }

  @Test
  void refusesABrokenFileNamingTheFileTheRuleAndEveryProblem() throws IOException {
    Path file =
        write(
            "broken-rules.json",
            """
            {"schema": "cisharing.scope-rules/1",
             "rules": [
               {"id": "site.typo", "when": {"anySignals": ["port-scan"]}, "then": {"urgency": "prompt"},
                "ja": "誤記", "en": "typo"},
               {"id": "site.bad", "when": {"anySignal": ["ddos-trafic"], "usersAtLeast": -1},
                "then": {"category": "outage", "causes": ["cable-cut"]}, "en": "bad"}
             ],
             "profiles": [
               {"id": "telecom-serious-accident", "thresholds": {"durationAtLeast": "1h"}}
             ]}
            """);
    assertThatThrownBy(() -> ScopeRules.defaults().with(file))
        .isInstanceOfSatisfying(
            ScopeRulesException.class,
            e -> {
              assertThat(e.source()).isEqualTo(file.toString());
              assertThat(e.getMessage()).contains(file.toString()).contains("7 violations");
              assertThat(e.violations())
                  .extracting(Violation::pointer)
                  .containsExactly(
                      "/rules/0/when/anySignals",
                      "/rules/1/ja",
                      "/rules/1/when/anySignal/0",
                      "/rules/1/when/usersAtLeast",
                      "/rules/1/then/category",
                      "/rules/1/then/causes/0",
                      "/profiles/0/thresholds/durationAtLeast");
              assertThat(e.violations().get(0).message()).startsWith("rule 'site.typo': unknown key 'anySignals'");
              assertThat(e.violations().get(2).message()).contains("rule 'site.bad'", "unknown signal 'ddos-trafic'");
              assertThat(e.violations().get(4).message()).contains("unknown category 'outage'");
              assertThat(e.violations().get(5).message()).contains("'cable-cut' is not in the vocabulary");
              assertThat(e.violations().get(6).message())
                  .contains("profile 'telecom-serious-accident'", "'1h' is not an ISO 8601 duration");
            });
  }

  @Test
  void refusesMalformedJsonWithItsPosition() {
    assertThatThrownBy(() -> ScopeRules.defaults().with("{\"schema\": \"cisharing.scope-rules/1\",\n \"rules\": [}", "site.json"))
        .isInstanceOf(ScopeRulesException.class)
        .hasMessageContaining("site.json")
        .hasMessageContaining("malformed JSON at line 2");
  }

  @Test
  void refusesAFileWithoutSchemaOrWithDuplicateOrReservedIds() {
    assertThatThrownBy(
            () -> ScopeRules.defaults()
                .with(
                    """
                    {"rules": [
                       {"id": "site.a", "ja": "a", "en": "a"},
                       {"id": "site.a", "ja": "a", "en": "a"},
                       {"id": "input.mine", "ja": "b", "en": "b"},
                       {"ja": "no id", "en": "no id"}],
                     "rulez": []}
                    """,
                    "ids.json"))
        .isInstanceOfSatisfying(
            ScopeRulesException.class,
            e -> assertThat(e.violations())
                .extracting(Violation::pointer)
                .containsExactly("/schema", "/rulez", "/rules/1/id", "/rules/2/id", "/rules/3/id"));
  }

  @Test
  void refusesAFileThatCannotBeRead() {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> ScopeRules.defaults().with(missing))
        .isInstanceOf(ScopeRulesException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("cannot read");
  }

  @Test
  void refusesANewProfileWithoutFlagAndAnUnknownTag() {
    assertThatThrownBy(
            () -> ScopeRules.defaults()
                .with(
                    """
                    {"schema": "cisharing.scope-rules/1",
                     "profiles": [{"id": "site.flagless", "sectors": ["WATER"], "when": {"anyTag": ["atack"]},
                                   "ja": "x", "en": "x"}]}
                    """,
                    "p.json"))
        .isInstanceOfSatisfying(
            ScopeRulesException.class,
            e -> assertThat(e.violations())
                .extracting(Violation::pointer)
                .containsExactly("/profiles/0/when/anyTag/0", "/profiles/0/flag"));
  }

  @Test
  void listsTheDefaultVocabularyAndRules() {
    ScopeRules d = ScopeRules.defaults();
    assertThat(d.signalCodes())
        .contains(
            "ddos-traffic", "malware-detected", "malware-infection", "ransomware", "intrusion",
            "unauthorized-access", "data-exfiltration", "suspicious-email", "impersonation", "port-scan",
            "exploit-attempt-blocked", "insider-misuse", "unauthorized-command", "operator-error",
            "misconfiguration", "software-fault", "hardware-failure", "capacity-exhausted",
            "failover-failed", "contractor-error", "upstream-outage", "vulnerability-found",
            "natural-disaster", "earthquake", "flood", "fire", "pandemic", "process-crash",
            "service-down", "error-rate-high", "latency-high", "sensor-anomaly",
            "process-value-out-of-range", "planned-maintenance", "test-alert", "false-positive");
    assertThat(d.ruleIds()).startsWith("impact.disrupted").endsWith("telecom-serious-accident", "ppc-personal-data-leak");
    assertThat(d.version()).isNotBlank();
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }
}
