package org.cisharing.report;

/**
 * When the incident occurred (発生), was detected or recognised (発見・認知), when the service was
 * restored (復旧) and when the incident ended (終息). Any point may be unknown ({@code null}) or
 * approximate.
 *
 * @param occurred when it started
 * @param detected when the operator detected or recognised it
 * @param restored when the service was restored
 * @param ended when the incident was over
 * @since 0.1.0
 */
public record Timeline(Moment occurred, Moment detected, Moment restored, Moment ended) {
  /** A timeline where only the detection time is known, as in many initial reports. */
  public static Timeline detectedAt(Moment detected) {
    return new Timeline(null, detected, null, null);
  }

  public Timeline withOccurred(Moment occurred) {
    return new Timeline(occurred, detected, restored, ended);
  }

  public Timeline withRestored(Moment restored) {
    return new Timeline(occurred, detected, restored, ended);
  }

  public Timeline withEnded(Moment ended) {
    return new Timeline(occurred, detected, restored, ended);
  }
}
