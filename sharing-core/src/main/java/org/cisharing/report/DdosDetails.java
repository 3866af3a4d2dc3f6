package org.cisharing.report;

import java.time.Duration;

/**
 * Details specific to a denial-of-service attack.
 *
 * @param attackType the attack type (ATT&amp;CK aligned), or {@code null}
 * @param peakGbps peak traffic in Gbit/s, or {@code null}
 * @param peakPps peak packets per second, or {@code null}
 * @param duration how long the attack lasted, or {@code null}
 * @param mitigation how it was mitigated (e.g. "upstream scrubbing"), or {@code null}
 * @since 0.1.0
 */
public record DdosDetails(
    DdosAttackType attackType, Double peakGbps, Long peakPps, Duration duration, String mitigation) {}
