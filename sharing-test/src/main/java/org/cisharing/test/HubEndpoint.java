package org.cisharing.test;

/**
 * The endpoints of hub API v1, used to aim fault injection and to count requests. {@link #ANY}
 * matches every request, including those to unknown paths.
 *
 * @since 0.1.0
 */
public enum HubEndpoint {
  /** {@code POST /v1/reports}. */
  SUBMIT_REPORT,
  /** {@code GET /v1/reports/{reportId}}. */
  REPORT_STATUS,
  /** {@code GET /v1/advisories}. */
  ADVISORIES,
  /** {@code POST /v1/advisories/{advisoryId}/feedback}. */
  FEEDBACK,
  /** Every request. */
  ANY;

  boolean matches(HubEndpoint actual) {
    return this == ANY || this == actual;
  }
}
