package org.cisharing.report;

/**
 * A contractor (外部委託先) involved in the incident, e.g. through a remote-maintenance path. Recorded
 * because contractor paths recur in Japanese incidents (Osaka hospital 2022, Nagoya port 2023).
 *
 * @param name the contractor's name, or {@code null} when it must not be named
 * @param involvement how it was involved (e.g. "VPN device for remote maintenance")
 * @since 0.1.0
 */
public record Contractor(String name, String involvement) {}
