package org.cisharing.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;
import org.cisharing.Violation;
import org.cisharing.json.DocumentFormatException;
import org.cisharing.json.SharingJson;
import org.cisharing.json.UnsupportedSchemaException;
import org.cisharing.model.LocalizedText;
import org.cisharing.model.Role;
import org.cisharing.model.Tlp;
import org.junit.jupiter.api.Test;

class AdvisoryFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonSchema schema(String name) throws IOException {
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    try (InputStream in = Files.newInputStream(Fixtures.DOCS.resolve("schema").resolve(name))) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    }
  }

  private static Set<ValidationMessage> validate(String schemaFile, String json) throws IOException {
    JsonNode doc = JSON.readTree(json);
    return schema(schemaFile).validate(doc);
  }

  @Test
  void writtenAdvisoriesValidateAgainstTheSchemaAndRoundTrip() throws IOException {
    for (Advisory advisory : new Advisory[] {Fixtures.exposedPorts(), Fixtures.full("JPCERT-AT-2026-0001", Tlp.RED)}) {
      String json = SharingJson.write(advisory);
      assertThat(validate("advisory.schema.json", json)).as(json).isEmpty();
      assertThat(json).startsWith("{\"schema\":\"cisharing.advisory/1\"");
      Advisory back = SharingJson.read(json, Advisory.class);
      assertThat(back).isEqualTo(advisory);
      assertThat(SharingJson.write(back)).isEqualTo(json);
    }
  }

  @Test
  void csafImportsValidateAgainstTheSchema() throws IOException {
    for (String name : new String[] {"icsa-24-004-02", "icsa-24-116-01", "icsa-24-151-02", "icsa-24-172-01"}) {
      Advisory advisory = CsafAdvisories.read(Fixtures.RESOURCES.resolve("csaf/" + name + ".json"));
      String json = SharingJson.write(advisory);
      assertThat(validate("advisory.schema.json", json)).as(name).isEmpty();
      assertThat(SharingJson.read(json, Advisory.class)).isEqualTo(advisory);
    }
  }

  @Test
  void schemaRefusesWhatTheLibraryRefuses() throws IOException {
    String json = SharingJson.write(Fixtures.exposedPorts());
    assertThat(validate("advisory.schema.json", json.replace("\"TLP:AMBER\"", "\"TLP:WHITE\""))).isNotEmpty();
    assertThat(validate("advisory.schema.json", json.replace("\"port\":3389", "\"port\":70000"))).isNotEmpty();
    assertThat(validate("advisory.schema.json", json.replace("\"revision\":1", "\"revision\":0"))).isNotEmpty();
  }

  @Test
  void readsTheExposedPortsAdvisoryWithEveryRole() {
    Advisory a = Fixtures.exposedPorts();
    assertThat(a.tlp()).isEqualTo(Tlp.AMBER);
    assertThat(a.severity()).isEqualTo(Severity.HIGH);
    assertThat(a.targetSectors()).isEmpty();
    assertThat(a.addressees()).extracting(Addressee::role).containsExactlyElementsOf(Role.defaults());
    assertThat(a.addressee(Role.CSIRT).orElseThrow().actions().get(0).due()).hasValue(java.time.Duration.ofDays(2));
    assertThat(a.background().orElseThrow().ja()).contains("3389/tcp");
    assertThat(a.affects().exposures()).hasSize(7);
  }

  @Test
  void buildListsEveryViolationWithPointers() {
    assertThatThrownBy(() -> Advisory.builder().id("bad id!").revision(0)
            .addAddressee(Addressee.of(Role.CSIRT,
                new ActionItem("x", LocalizedText.en("a"), ActionPriority.HIGH, null, java.util.List.of("nope")),
                ActionItem.of("x", LocalizedText.en("b"), ActionPriority.LOW)))
            .addAddressee(Addressee.of(Role.CSIRT))
            .build())
        .isInstanceOf(AdvisoryValidationException.class)
        .satisfies(e -> assertThat(((AdvisoryValidationException) e).violations())
            .extracting(Violation::pointer)
            .containsExactly("/id", "/revision", "/issuer", "/issuedAt", "/title", "/summary", "/severity",
                "/tlp", "/addressees/0/actions/0/appliesTo/0", "/addressees/0/actions/1/id",
                "/addressees/1/role"));
  }

  @Test
  void readingAnInvalidAdvisoryNamesTheFields() {
    String json = SharingJson.write(Fixtures.exposedPorts())
        .replace("\"severity\":\"high\",", "")
        .replace("\"revision\":1", "\"revision\":-3");
    assertThatThrownBy(() -> SharingJson.read(json, Advisory.class))
        .isInstanceOf(AdvisoryValidationException.class)
        .hasMessageContaining("/revision")
        .hasMessageContaining("/severity");
    String badPort = SharingJson.write(Fixtures.exposedPorts()).replace("\"port\":445", "\"port\":0");
    assertThatThrownBy(() -> SharingJson.read(badPort, Advisory.class))
        .isInstanceOf(DocumentFormatException.class)
        .hasMessageContaining("/affects/exposures/1")
        .hasMessageContaining("port must be 1 to 65535");
  }

  @Test
  void anAdvisoryAboutNothingWritesNoAffects() {
    Advisory general = Fixtures.exposedPorts().newBuilder().affects(Affects.NONE).addressees(java.util.List.of()).build();
    String json = SharingJson.write(general);
    assertThat(json).doesNotContain("\"affects\"");
    assertThat(SharingJson.read(json, Advisory.class)).isEqualTo(general);
    assertThat(general.affects().isEmpty()).isTrue();
  }

  @Test
  void refusesAnUnknownMajorVersion() {
    String json = SharingJson.write(Fixtures.exposedPorts()).replace("cisharing.advisory/1", "cisharing.advisory/2");
    assertThatThrownBy(() -> SharingJson.read(json, Advisory.class)).isInstanceOf(UnsupportedSchemaException.class);
  }

  @Test
  void newBuilderMakesTheNextRevision() {
    Advisory a = Fixtures.exposedPorts();
    Advisory b = a.newBuilder().revision(2).build();
    assertThat(b.revision()).isEqualTo(2);
    assertThat(b).isNotEqualTo(a);
    assertThat(b.newBuilder().revision(1).build()).isEqualTo(a);
  }

  @Test
  void feedbackValidatesAgainstTheSchemaAndRoundTrips() throws IOException {
    Advisory a = Fixtures.exposedPorts();
    Feedback full = Feedback.on(a).role(Role.SYSTEM_ADMIN).status(FeedbackStatus.IN_PROGRESS)
        .usefulness(4).comment("jump-01 を閉塞済み。\nvpn-01 は保守ベンダーと調整中")
        .at(OffsetDateTime.parse("2026-11-27T10:00:00+09:00")).build();
    Feedback minimal = Feedback.builder().advisoryId("X-1").revision(1).role(Role.of("PLANT_MANAGER"))
        .status(FeedbackStatus.RECEIVED).at(OffsetDateTime.parse("2026-11-27T10:00:00Z")).build();
    for (Feedback f : new Feedback[] {full, minimal}) {
      String json = SharingJson.write(f);
      assertThat(validate("feedback.schema.json", json)).as(json).isEmpty();
      assertThat(SharingJson.read(json, Feedback.class)).isEqualTo(f);
    }
    assertThat(full.feedbackId()).isNotEqualTo(minimal.feedbackId());
    assertThat(full.newBuilder().build().feedbackId()).isEqualTo(full.feedbackId());
  }

  @Test
  void feedbackGeneratesAnIdWhenTheDocumentHasNone() {
    Feedback f = SharingJson.read("{\"schema\":\"cisharing.feedback/1\",\"advisoryId\":\"A-1\",\"revision\":1,"
        + "\"role\":\"CSIRT\",\"status\":\"done\",\"at\":\"2026-11-27T10:00:00+09:00\"}", Feedback.class);
    assertThat(f.feedbackId()).isInstanceOf(UUID.class);
    assertThat(f.usefulness()).isEmpty();
  }

  @Test
  void feedbackRefusesControlCharactersAndOutOfRangeUsefulness() throws IOException {
    assertThatThrownBy(() -> Feedback.builder().advisoryId("A-1").revision(1).role(Role.CSIRT)
            .status(FeedbackStatus.DONE).usefulness(6).comment("ok\u0007").at(OffsetDateTime.now()).build())
        .isInstanceOf(AdvisoryValidationException.class)
        .satisfies(e -> assertThat(((AdvisoryValidationException) e).violations())
            .extracting(Violation::pointer).containsExactly("/usefulness", "/comment"));
    assertThatThrownBy(() -> Feedback.builder().comment("x".repeat(Feedback.MAX_COMMENT_LENGTH + 1)).build())
        .isInstanceOf(AdvisoryValidationException.class)
        .satisfies(e -> assertThat(((AdvisoryValidationException) e).violations())
            .extracting(Violation::pointer)
            .containsExactly("/advisoryId", "/revision", "/role", "/status", "/comment", "/at"));
    String withBell = "{\"schema\":\"cisharing.feedback/1\",\"feedbackId\":\"" + UUID.randomUUID()
        + "\",\"advisoryId\":\"A-1\",\"revision\":1,\"role\":\"CSIRT\",\"status\":\"done\","
        + "\"comment\":\"a\\u0007b\",\"at\":\"2026-11-27T10:00:00+09:00\"}";
    assertThat(validate("feedback.schema.json", withBell)).isNotEmpty();
  }

  @Test
  void localizedTextNeedsOneLanguage() {
    assertThatThrownBy(() -> new LocalizedText(" ", null)).isInstanceOf(IllegalArgumentException.class);
    assertThat(LocalizedText.en("Hello").text(java.util.Locale.JAPANESE)).isEqualTo("Hello");
    assertThat(LocalizedText.of("こんにちは", "Hello").text(java.util.Locale.JAPANESE)).isEqualTo("こんにちは");
  }
}
