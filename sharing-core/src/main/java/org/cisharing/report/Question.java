package org.cisharing.report;

import java.time.OffsetDateTime;

/**
 * A follow-up question from the hub's analyst about a report, answered by submitting an update.
 *
 * @param id the question's id at the hub
 * @param text the question
 * @param askedAt when it was asked
 * @since 0.1.0
 */
public record Question(String id, String text, OffsetDateTime askedAt) {}
