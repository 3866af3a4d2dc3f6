package org.cisharing.report;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.cisharing.json.WireDocument;

/**
 * The hub's acknowledgement of a report ({@code cisharing.receipt/1}), also returned with the
 * report's current status and the analyst's questions by a status query.
 *
 * @param receiptId the hub's receipt id
 * @param reportId the report acknowledged
 * @param incidentId its incident
 * @param receivedAt when the hub first received it
 * @param status the hub's status for the report
 * @param questions follow-up questions, possibly empty
 * @since 0.1.0
 */
@WireDocument("cisharing.receipt/1")
public record Receipt(
    String receiptId,
    UUID reportId,
    UUID incidentId,
    OffsetDateTime receivedAt,
    ReportStatus status,
    List<Question> questions) {
  public Receipt {
    questions = questions == null ? List.of() : List.copyOf(questions);
  }
}
