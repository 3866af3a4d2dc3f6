package org.cisharing.advisory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cisharing.SharingException;
import org.cisharing.Violation;
import org.cisharing.internal.jws.JwsAlgorithm;
import org.cisharing.internal.jws.Jwk;
import org.cisharing.internal.json.JsonCodec;
import org.cisharing.json.SharingJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies signed advisories: a JWS compact serialization (RFC 7515) whose protected header names
 * {@code alg} ({@code EdDSA} with Ed25519, or {@code ES256} with P-256) and the {@code kid} of one
 * of the operator's trusted keys, read from a JWK Set (RFC 7517). Only JDK cryptography is used.
 *
 * <p>Anything else is refused with a {@link QuarantinedAdvisory} and a specific {@link
 * QuarantineReason}: not a compact JWS, an unparsable header, {@code alg} {@code none}, {@code HS*}
 * or any other algorithm, an algorithm that does not fit the key, a missing or unknown kid, a
 * {@code crit} header, a bad signature, more than 1 MiB, or a payload that is not a valid {@code
 * cisharing.advisory/1} document. Keys embedded in the header ({@code jwk}, {@code jku}, {@code
 * x5u}, {@code x5c}) are never trusted. Verification never throws for a bad advisory.
 *
 * <p>A key in the JWK Set that cannot be used (unsupported type or curve, bad coordinates, no kid,
 * private material, {@code use} other than {@code sig}) is skipped with a WARN log naming it, and
 * listed by {@link #skippedKeys()}; the set is refused with a {@link JwkSetException} only when it
 * is malformed, names a kid twice, or leaves no usable key. Rationale: one bad key added during a
 * key rotation must not stop the verification of every advisory signed with the good keys.
 *
 * <p>{@link #unverified(Clock)} turns verification off for a test hub; it logs a WARN when created
 * and for every advisory it lets through. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class AdvisoryVerifier {
  /** The largest JWS accepted, in bytes (1 MiB, the hub API's body limit). */
  public static final int MAX_JWS_BYTES = SharingJson.MAX_DOCUMENT_BYTES;

  private static final Logger LOG = LoggerFactory.getLogger(AdvisoryVerifier.class);
  private static final int RAW_KEPT_WHEN_TOO_LARGE = 4096;

  private final Map<String, Jwk.Key> keys;
  private final List<String> skipped;
  private final Clock clock;
  private final boolean verifying;

  private AdvisoryVerifier(Map<String, Jwk.Key> keys, List<String> skipped, Clock clock, boolean verifying) {
    this.keys = keys;
    this.skipped = skipped;
    this.clock = clock;
    this.verifying = verifying;
  }

  /**
   * A verifier trusting the keys of a JWK Set document.
   *
   * @throws JwkSetException when the set is malformed, repeats a kid, or has no usable key
   */
  public static AdvisoryVerifier fromJwks(String jwkSetJson, Clock clock) {
    Objects.requireNonNull(jwkSetJson, "jwkSetJson");
    Objects.requireNonNull(clock, "clock");
    return parse(jwkSetJson, "JWK Set", clock);
  }

  /** {@link #fromJwks(String, Clock)} with the system clock. */
  public static AdvisoryVerifier fromJwks(String jwkSetJson) {
    return fromJwks(jwkSetJson, Clock.systemUTC());
  }

  /**
   * A verifier trusting the keys of a JWK Set file.
   *
   * @throws JwkSetException when the set is malformed, repeats a kid, or has no usable key
   * @throws UncheckedIOException when the file cannot be read
   */
  public static AdvisoryVerifier fromJwksFile(Path file, Clock clock) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(clock, "clock");
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), "JWK Set " + file, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read JWK Set " + file, e);
    }
  }

  /**
   * A verifier that does NOT check signatures, for a test hub only: it still requires a compact
   * JWS with a readable header and a valid advisory payload. Logs a WARN now and for every advisory.
   */
  public static AdvisoryVerifier unverified(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    LOG.warn("Advisory signature verification is OFF: advisories are accepted without checking who signed them. "
        + "Use this only with a test hub.");
    return new AdvisoryVerifier(Map.of(), List.of(), clock, false);
  }

  private static AdvisoryVerifier parse(String json, String what, Clock clock) {
    JsonNode root;
    try {
      root = JsonCodec.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new JwkSetException(what, List.of(new Violation("", "malformed JSON: " + firstLine(e.getOriginalMessage()))));
    }
    if (root == null || !root.isObject() || !root.path("keys").isArray()) {
      throw new JwkSetException(what, List.of(new Violation("/keys", "a JWK Set is an object with a 'keys' array")));
    }
    Map<String, Jwk.Key> keys = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    List<Violation> fatal = new ArrayList<>();
    JsonNode list = root.get("keys");
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String kid = node.path("kid").isTextual() ? node.path("kid").asText() : null;
      String name = "/keys/" + i + (kid == null ? "" : " (kid '" + kid + "')");
      try {
        Jwk.Key key = Jwk.parse(node);
        if (keys.putIfAbsent(key.kid(), key) != null) {
          fatal.add(new Violation("/keys/" + i + "/kid", "kid '" + key.kid() + "' appears more than once"));
        }
      } catch (IllegalArgumentException e) {
        String message = "skipping trusted key " + name + ": " + e.getMessage();
        LOG.warn("{} in {}", message, what);
        skipped.add(message);
      }
    }
    if (keys.isEmpty() && fatal.isEmpty()) {
      List<Violation> v = new ArrayList<>();
      v.add(new Violation("/keys", "no usable key (" + list.size() + " in the set)"));
      for (String s : skipped) {
        v.add(new Violation("/keys", s));
      }
      throw new JwkSetException(what, v);
    }
    if (!fatal.isEmpty()) {
      throw new JwkSetException(what, fatal);
    }
    return new AdvisoryVerifier(Collections.unmodifiableMap(keys), List.copyOf(skipped), clock, true);
  }

  /** The kids of the trusted keys, in the order of the set. */
  public List<String> keyIds() {
    return List.copyOf(keys.keySet());
  }

  /** One sentence per key of the set that was skipped, naming the key and the problem. */
  public List<String> skippedKeys() {
    return skipped;
  }

  /** Whether this verifier checks signatures (false only for {@link #unverified(Clock)}). */
  public boolean isVerifying() {
    return verifying;
  }

  /**
   * Verifies a hub API envelope {@code {"jws": "<compact JWS>"}}.
   *
   * @return the verified advisory or the reason it was quarantined; never throws for bad input
   */
  public VerificationResult verifyEnvelope(String json) {
    Objects.requireNonNull(json, "json");
    if (json.length() > MAX_JWS_BYTES + 1024) {
      return quarantine(QuarantineReason.TOO_LARGE, "envelope of " + json.length() + " characters", json);
    }
    try {
      JsonNode node = JsonCodec.mapper().readTree(json);
      if (node != null && node.path("jws").isTextual()) {
        return verify(node.get("jws").asText());
      }
    } catch (JsonProcessingException e) {
      // fall through
    }
    return quarantine(QuarantineReason.NOT_COMPACT_JWS, "expected {\"jws\": \"<compact JWS>\"}", json);
  }

  /**
   * Verifies a JWS compact serialization whose payload is an advisory document.
   *
   * @return the verified advisory or the reason it was quarantined; never throws for bad input
   */
  public VerificationResult verify(String jws) {
    Objects.requireNonNull(jws, "jws");
    if (jws.length() > MAX_JWS_BYTES || JsonCodec.utf8Length(jws) > MAX_JWS_BYTES) {
      return quarantine(QuarantineReason.TOO_LARGE, "JWS of " + JsonCodec.utf8Length(jws)
          + " bytes exceeds the limit of " + MAX_JWS_BYTES + " bytes", jws);
    }
    String[] parts = jws.trim().split("\\.", -1);
    if (parts.length != 3) {
      return quarantine(QuarantineReason.NOT_COMPACT_JWS,
          "expected three base64url parts separated by '.', found " + parts.length, jws);
    }
    byte[] headerBytes;
    byte[] payload;
    byte[] signature;
    try {
      headerBytes = b64(parts[0]);
      payload = b64(parts[1]);
      signature = b64(parts[2]);
    } catch (IllegalArgumentException e) {
      return quarantine(QuarantineReason.NOT_COMPACT_JWS, "a part is not unpadded base64url", jws);
    }
    JsonNode header;
    try {
      header = JsonCodec.mapper().readTree(headerBytes);
    } catch (IOException e) {
      return quarantine(QuarantineReason.MALFORMED_HEADER, "the protected header is not JSON", jws);
    }
    if (header == null || !header.isObject()) {
      return quarantine(QuarantineReason.MALFORMED_HEADER, "the protected header is not a JSON object", jws);
    }
    JsonNode algNode = header.get("alg");
    if (algNode == null || !algNode.isTextual()) {
      return quarantine(QuarantineReason.MALFORMED_HEADER, "the protected header has no 'alg'", jws);
    }
    String alg = algNode.asText();
    JsonNode kidNode = header.get("kid");
    String kid = kidNode != null && kidNode.isTextual() ? kidNode.asText() : null;
    if (verifying) {
      JwsAlgorithm algorithm = JwsAlgorithm.of(alg);
      if (algorithm == null) {
        return quarantine(QuarantineReason.UNSUPPORTED_ALGORITHM,
            "alg '" + alg + "' is not accepted; only EdDSA and ES256 are", jws);
      }
      if (header.has("crit")) {
        return quarantine(QuarantineReason.UNSUPPORTED_HEADER,
            "critical header parameters " + header.get("crit") + " are not understood", jws);
      }
      if (kidNode == null) {
        return quarantine(QuarantineReason.MISSING_KID, "the protected header has no 'kid'", jws);
      }
      if (kid == null || kid.isBlank()) {
        return quarantine(QuarantineReason.MISSING_KID, "the protected header's 'kid' is not a non-empty string", jws);
      }
      Jwk.Key key = keys.get(kid);
      if (key == null) {
        return quarantine(QuarantineReason.UNKNOWN_KID, "kid '" + kid + "' is not a trusted key (trusted: "
            + String.join(", ", keys.keySet()) + ")", jws);
      }
      if (key.algorithm() != algorithm) {
        return quarantine(QuarantineReason.ALGORITHM_KEY_MISMATCH, "alg '" + alg + "' but key '" + kid
            + "' is a " + (key.algorithm() == JwsAlgorithm.EDDSA ? "Ed25519 (EdDSA)" : "P-256 (ES256)") + " key", jws);
      }
      byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
      if (!algorithm.verify(key.publicKey(), signingInput, signature)) {
        return quarantine(QuarantineReason.BAD_SIGNATURE, "the signature does not verify with key '" + kid + "'", jws);
      }
    }
    Advisory advisory;
    try {
      advisory = SharingJson.read(payload, Advisory.class);
    } catch (SharingException e) {
      return quarantine(QuarantineReason.INVALID_PAYLOAD, e.getMessage(), jws);
    }
    if (!verifying) {
      LOG.warn("Advisory {} revision {} accepted WITHOUT signature verification (alg '{}', kid '{}')",
          advisory.id(), advisory.revision(), alg, kid);
    }
    return new VerifiedAdvisory(advisory, kid, alg, verifying);
  }

  private QuarantinedAdvisory quarantine(QuarantineReason reason, String detail, String raw) {
    LOG.warn("Advisory quarantined ({}): {}", reason.code(), detail);
    String kept = reason == QuarantineReason.TOO_LARGE && raw.length() > RAW_KEPT_WHEN_TOO_LARGE
        ? raw.substring(0, RAW_KEPT_WHEN_TOO_LARGE) : raw;
    return new QuarantinedAdvisory(reason, detail, kept, clock.instant());
  }

  private static byte[] b64(String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
        throw new IllegalArgumentException("not base64url");
      }
    }
    return Base64.getUrlDecoder().decode(part);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
