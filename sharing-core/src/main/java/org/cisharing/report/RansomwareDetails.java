package org.cisharing.report;

/**
 * Details specific to a ransomware incident (the 2025 common forms' ransomware section).
 *
 * @param variant the ransomware family if known, or {@code null}
 * @param ransomNote the ransom note's file name or an excerpt, or {@code null}
 * @param encryptedFileExtension the extension given to encrypted files, e.g. {@code .lockbit}
 * @param extortion the type of extortion, or {@code null}
 * @param intrusionMethod how the attacker got in (e.g. "VPN device of the maintenance contractor")
 * @param ransomDemanded whether a ransom was demanded, or {@code null} when unknown
 * @param ransomPaid whether a ransom was paid, or {@code null} when not stated
 * @since 0.1.0
 */
public record RansomwareDetails(
    String variant,
    String ransomNote,
    String encryptedFileExtension,
    ExtortionType extortion,
    String intrusionMethod,
    Boolean ransomDemanded,
    Boolean ransomPaid) {}
