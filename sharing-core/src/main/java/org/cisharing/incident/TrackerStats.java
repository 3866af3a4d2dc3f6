package org.cisharing.incident;

/**
 * What the tracker did with the observations offered to it. Every observation offered is counted
 * exactly once in {@code shedQueueFull}, {@code shedInvalid}, {@code outOfScope} or {@code
 * tracked} (tracked ones appear in incidents' reports, including the overflow incident's), once
 * processed; {@code queued} are still waiting.
 *
 * @param offered observations passed to {@code observe}
 * @param queued offered but not yet processed by the worker
 * @param shedQueueFull dropped because the hand-off queue was full (reported in the overflow incident)
 * @param shedInvalid refused because they were null or malformed, or offered after close
 * @param outOfScope classified out of the sharing scope (not reported)
 * @param tracked aggregated into an incident
 * @param overflowed tracked into the overflow incident because the cap on open incidents was reached
 * @param openIncidents incidents currently open
 * @param reportsFiled reports handed to the sink
 * @param reportsVetoed reports vetoed by a hook
 * @param reportsAwaitingApproval reports waiting for approval
 * @param submitFailures times the sink refused a report
 * @since 0.1.0
 */
public record TrackerStats(
    long offered,
    long queued,
    long shedQueueFull,
    long shedInvalid,
    long outOfScope,
    long tracked,
    long overflowed,
    int openIncidents,
    long reportsFiled,
    long reportsVetoed,
    int reportsAwaitingApproval,
    long submitFailures) {}
