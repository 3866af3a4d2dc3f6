package org.cisharing.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.cisharing.ValidationException;
import org.cisharing.Violation;
import org.cisharing.json.DocumentFormatException;
import org.cisharing.json.SharingJson;
import org.cisharing.json.UnsupportedSchemaException;
import org.junit.jupiter.api.Test;

class ReportJsonErrorsTest {
  private static final String VALID = SharingJson.write(SampleReports.portNearMiss());

  private static <E extends ValidationException> E refused(Class<E> type, String json) {
    E e = catchThrowableOfType(type, () -> SharingJson.read(json, IncidentReport.class));
    assertThat(e).as("expected %s", type.getSimpleName()).isNotNull();
    return e;
  }

  @Test
  void ignoresUnknownFieldsForForwardCompatibility() {
    String json = VALID.replace("\"stage\":", "\"futureField\":{\"a\":[1,2]},\"stage\":");
    assertThat(SharingJson.read(json, IncidentReport.class)).isEqualTo(SampleReports.portNearMiss());
  }

  @Test
  void acceptsAMinorVersionOfTheSameMajor() {
    String json = VALID.replace("cisharing.report/1", "cisharing.report/1.3");
    assertThat(SharingJson.read(json, IncidentReport.class)).isEqualTo(SampleReports.portNearMiss());
  }

  @Test
  void refusesAnUnknownMajorVersion() {
    UnsupportedSchemaException e = refused(UnsupportedSchemaException.class, VALID.replace("cisharing.report/1", "cisharing.report/2"));
    assertThat(e.declared()).isEqualTo("cisharing.report/2");
    assertThat(e.getMessage()).contains("/schema", "cisharing.report/2", "cisharing.report/1");
  }

  @Test
  void refusesAnotherKindOfDocument() {
    refused(UnsupportedSchemaException.class, VALID.replace("cisharing.report/1", "cisharing.advisory/1"));
  }

  @Test
  void refusesADocumentWithoutSchema() {
    DocumentFormatException e = refused(DocumentFormatException.class, VALID.replace("\"schema\":\"cisharing.report/1\",", ""));
    assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/schema");
  }

  @Test
  void refusesMalformedJsonWithItsPosition() {
    DocumentFormatException e = refused(DocumentFormatException.class, VALID.substring(0, 120));
    assertThat(e.getMessage()).contains("malformed JSON", "line 1");
  }

  @Test
  void refusesAWrongTypeNamingTheField() {
    DocumentFormatException e = refused(DocumentFormatException.class, VALID.replace("\"revision\":1", "\"revision\":\"one\""));
    assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/revision");
  }

  @Test
  void refusesAnUnknownEnumCodeNamingFieldAndAcceptedCodes() {
    DocumentFormatException e = refused(DocumentFormatException.class, VALID.replace("\"stage\":\"initial\"", "\"stage\":\"second\""));
    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.pointer()).isEqualTo("/stage");
      assertThat(v.message()).contains("second", "initial, update, final");
    });
  }

  @Test
  void refusesATimestampWithoutOffset() {
    DocumentFormatException e = refused(DocumentFormatException.class,
        VALID.replace("\"reportedAt\":\"2026-11-26T09:30:00+09:00\"", "\"reportedAt\":\"2026-11-26T09:30:00\""));
    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.pointer()).isEqualTo("/reportedAt");
      assertThat(v.message()).contains("RFC 3339");
    });
  }

  @Test
  void refusesAnInvalidNestedValueWithItsPointer() {
    DocumentFormatException e = refused(DocumentFormatException.class,
        VALID.replace("\"group\":\"intentional\"", "\"group\":\"environmental\""));
    assertThat(e.violations()).singleElement().satisfies(v -> {
      assertThat(v.pointer()).isEqualTo("/causes/0");
      assertThat(v.message()).contains("belongs to group intentional");
    });
  }

  @Test
  void refusesAReportMissingWhatItsStageNeedsListingEveryViolation() {
    String json = SharingJson.write(SampleReports.earthquakeBlackout())
        .replaceFirst("\"causes\":\\[[^\\]]*\\],", "")
        .replaceFirst("\"title\":\"[^\"]*\",", "");
    ReportValidationException e = refused(ReportValidationException.class, json);
    assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/title", "/causes");
  }

  @Test
  void refusesAnOverLongStringAtTheCallSite() {
    ReportValidationException e = refused(ReportValidationException.class,
        VALID.replaceFirst("\"title\":\"[^\"]*\"", "\"title\":\"" + "長".repeat(500) + "\""));
    assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/title");
  }

  @Test
  void refusesADocumentOverOneMebibyteBeforeParsing() {
    DocumentFormatException e = refused(DocumentFormatException.class, "{\"pad\":\"" + "x".repeat(1 << 20) + "\"}");
    assertThat(e.getMessage()).contains("exceeds the limit");
  }

  @Test
  void neverGeneratesTheIdentityOfAReportReadFromTheWire() {
    String json = VALID.replaceFirst("\"reportId\":\"[^\"]*\",", "").replaceFirst("\"reportedAt\":\"[^\"]*\",", "");
    ReportValidationException e = refused(ReportValidationException.class, json);
    assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/reportId", "/reportedAt");
  }

  @Test
  void refusesNullListElementsWithTheirPointers() {
    String json = VALID.replace("\"affectedSystems\":[", "\"affectedSystems\":[null,");
    ReportValidationException e = refused(ReportValidationException.class, json);
    assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/affectedSystems/0");
  }

  @Test
  void refusesAnEmptyOrNonObjectDocument() {
    refused(DocumentFormatException.class, "");
    refused(DocumentFormatException.class, "[1,2]");
    refused(DocumentFormatException.class, "null");
  }
}
