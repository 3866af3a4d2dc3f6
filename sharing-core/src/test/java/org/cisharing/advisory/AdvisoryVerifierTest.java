package org.cisharing.advisory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.cisharing.json.SharingJson;
import org.cisharing.model.Tlp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdvisoryVerifierTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T00:30:00Z"), ZoneOffset.UTC);
  private static final TestSigner ED = TestSigner.ed25519("hub-ed-2026");
  private static final TestSigner EC = TestSigner.es256("hub-p256-2026");
  private static final String PAYLOAD = SharingJson.write(Fixtures.exposedPorts());
  private static final AdvisoryVerifier VERIFIER = AdvisoryVerifier.fromJwks(TestSigner.jwks(ED.jwk(), EC.jwk()), CLOCK);

  private static QuarantinedAdvisory refused(String jws, QuarantineReason reason) {
    VerificationResult r = VERIFIER.verify(jws);
    assertThat(r).isInstanceOf(QuarantinedAdvisory.class);
    QuarantinedAdvisory q = (QuarantinedAdvisory) r;
    assertThat(q.reason()).as(q.detail()).isEqualTo(reason);
    assertThat(q.at()).isEqualTo(CLOCK.instant());
    assertThat(r.accepted()).isFalse();
    return q;
  }

  @Test
  void acceptsEd25519AndEs256SignedAdvisories() {
    for (TestSigner signer : new TestSigner[] {ED, EC}) {
      VerificationResult r = VERIFIER.verify(signer.sign(PAYLOAD));
      assertThat(r).isInstanceOf(VerifiedAdvisory.class);
      VerifiedAdvisory v = (VerifiedAdvisory) r;
      assertThat(v.advisory()).isEqualTo(Fixtures.exposedPorts());
      assertThat(v.keyId()).isEqualTo(signer.kid);
      assertThat(v.algorithm()).isEqualTo(signer.alg);
      assertThat(v.signatureVerified()).isTrue();
    }
    assertThat(VERIFIER.keyIds()).containsExactly("hub-ed-2026", "hub-p256-2026");
  }

  @Test
  void acceptsTheHubEnvelope() {
    assertThat(VERIFIER.verifyEnvelope("{\"jws\":\"" + ED.sign(PAYLOAD) + "\"}").accepted()).isTrue();
    assertThat(((QuarantinedAdvisory) VERIFIER.verifyEnvelope("{\"advisory\":{}}")).reason())
        .isEqualTo(QuarantineReason.NOT_COMPACT_JWS);
  }

  @Test
  void refusesWhatIsNotACompactJws() {
    refused(PAYLOAD, QuarantineReason.NOT_COMPACT_JWS);
    refused("a.b", QuarantineReason.NOT_COMPACT_JWS);
    refused(ED.sign(PAYLOAD) + ".extra", QuarantineReason.NOT_COMPACT_JWS);
    refused("eyJ=.e30.AA", QuarantineReason.NOT_COMPACT_JWS);
  }

  @Test
  void refusesAnUnparsableHeader() {
    refused(TestSigner.b64("{alg:") + "." + TestSigner.b64(PAYLOAD) + ".AAAA", QuarantineReason.MALFORMED_HEADER);
    refused(TestSigner.b64("[1]") + "." + TestSigner.b64(PAYLOAD) + ".AAAA", QuarantineReason.MALFORMED_HEADER);
    refused(ED.sign("{\"kid\":\"hub-ed-2026\"}", PAYLOAD), QuarantineReason.MALFORMED_HEADER);
  }

  @Test
  void refusesAlgNoneHmacAndOtherAlgorithms() {
    refused(TestSigner.b64("{\"alg\":\"none\",\"kid\":\"hub-ed-2026\"}") + "." + TestSigner.b64(PAYLOAD) + ".",
        QuarantineReason.UNSUPPORTED_ALGORITHM);
    QuarantinedAdvisory hs = refused(ED.sign("{\"alg\":\"HS256\",\"kid\":\"hub-ed-2026\"}", PAYLOAD),
        QuarantineReason.UNSUPPORTED_ALGORITHM);
    assertThat(hs.detail()).contains("HS256");
    refused(ED.sign("{\"alg\":\"RS256\",\"kid\":\"hub-ed-2026\"}", PAYLOAD), QuarantineReason.UNSUPPORTED_ALGORITHM);
    refused(ED.sign("{\"alg\":\"ES384\",\"kid\":\"hub-p256-2026\"}", PAYLOAD), QuarantineReason.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void refusesAnAlgorithmThatDoesNotFitTheKey() {
    refused(ED.sign("{\"alg\":\"ES256\",\"kid\":\"hub-ed-2026\"}", PAYLOAD), QuarantineReason.ALGORITHM_KEY_MISMATCH);
    refused(EC.sign("{\"alg\":\"EdDSA\",\"kid\":\"hub-p256-2026\"}", PAYLOAD), QuarantineReason.ALGORITHM_KEY_MISMATCH);
  }

  @Test
  void refusesAMissingOrUnknownKidAndIgnoresEmbeddedKeys() {
    refused(ED.sign("{\"alg\":\"EdDSA\"}", PAYLOAD), QuarantineReason.MISSING_KID);
    TestSigner stranger = TestSigner.ed25519("attacker");
    QuarantinedAdvisory q = refused(stranger.sign(PAYLOAD), QuarantineReason.UNKNOWN_KID);
    assertThat(q.detail()).contains("attacker");
    String embedded = "{\"alg\":\"EdDSA\",\"kid\":\"attacker\",\"jwk\":" + stranger.jwk() + "}";
    refused(stranger.sign(embedded, PAYLOAD), QuarantineReason.UNKNOWN_KID);
  }

  @Test
  void refusesCriticalHeaderParameters() {
    refused(ED.sign("{\"alg\":\"EdDSA\",\"kid\":\"hub-ed-2026\",\"crit\":[\"b64\"],\"b64\":false}", PAYLOAD),
        QuarantineReason.UNSUPPORTED_HEADER);
  }

  @Test
  void refusesABadSignature() {
    String jws = ED.sign(PAYLOAD);
    String otherPayload = TestSigner.b64(PAYLOAD.replace("\"severity\":\"high\"", "\"severity\":\"low\""));
    String[] p = jws.split("\\.");
    refused(p[0] + "." + otherPayload + "." + p[2], QuarantineReason.BAD_SIGNATURE);
    // Signed by another key that claims a trusted kid.
    refused(TestSigner.ed25519("hub-ed-2026").sign(PAYLOAD), QuarantineReason.BAD_SIGNATURE);
    refused(TestSigner.es256("hub-p256-2026").sign(PAYLOAD), QuarantineReason.BAD_SIGNATURE);
    // A truncated ES256 signature.
    String ec = EC.sign(PAYLOAD);
    refused(ec.substring(0, ec.length() - 4), QuarantineReason.BAD_SIGNATURE);
  }

  @Test
  void refusesMoreThanOneMebibyte() {
    String big = "x".repeat(AdvisoryVerifier.MAX_JWS_BYTES + 1);
    QuarantinedAdvisory q = refused(big, QuarantineReason.TOO_LARGE);
    assertThat(q.raw()).hasSize(4096);
  }

  @Test
  void refusesAPayloadThatIsNotAValidAdvisory() {
    refused(ED.sign("not json"), QuarantineReason.INVALID_PAYLOAD);
    QuarantinedAdvisory q = refused(ED.sign(PAYLOAD.replace("\"tlp\":\"TLP:AMBER\",", "")), QuarantineReason.INVALID_PAYLOAD);
    assertThat(q.detail()).contains("/tlp");
    refused(ED.sign(PAYLOAD.replace("cisharing.advisory/1", "cisharing.report/1")), QuarantineReason.INVALID_PAYLOAD);
  }

  @Test
  void skipsABadKeyWithAWarningNamingIt() {
    String badCurve = "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"kid\":\"enc-1\",\"x\":\"AAAA\"}";
    String offCurve = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"broken\",\"x\":\"" + TestSigner.b64("0".repeat(32))
        + "\",\"y\":\"" + TestSigner.b64("1".repeat(32)) + "\"}";
    String rsa = "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\"}";
    AdvisoryVerifier v = AdvisoryVerifier.fromJwks(TestSigner.jwks(badCurve, ED.jwk(), offCurve, rsa), CLOCK);
    assertThat(v.keyIds()).containsExactly("hub-ed-2026");
    assertThat(v.skippedKeys()).hasSize(3);
    assertThat(v.skippedKeys().get(0)).contains("/keys/0").contains("enc-1").contains("X25519");
    assertThat(v.skippedKeys().get(1)).contains("/keys/2").contains("broken").contains("not on the P-256 curve");
    assertThat(v.skippedKeys().get(2)).contains("/keys/3").contains("RSA");
    assertThat(v.verify(ED.sign(PAYLOAD)).accepted()).isTrue();
  }

  @Test
  void refusesASetWithoutUsableKeysOrWithARepeatedKid() {
    assertThatThrownBy(() -> AdvisoryVerifier.fromJwks("{\"keys\":[{\"kty\":\"oct\",\"k\":\"c2VjcmV0\",\"kid\":\"h\"}]}", CLOCK))
        .isInstanceOf(JwkSetException.class).hasMessageContaining("no usable key").hasMessageContaining("oct");
    assertThatThrownBy(() -> AdvisoryVerifier.fromJwks(TestSigner.jwks(ED.jwk(), ED.jwk()), CLOCK))
        .isInstanceOf(JwkSetException.class).hasMessageContaining("hub-ed-2026").hasMessageContaining("/keys/1/kid");
    assertThatThrownBy(() -> AdvisoryVerifier.fromJwks("[]", CLOCK)).isInstanceOf(JwkSetException.class);
    assertThatThrownBy(() -> AdvisoryVerifier.fromJwks("{\"keys\":", CLOCK)).isInstanceOf(JwkSetException.class);
  }

  @Test
  void readsTheJwkSetFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("hub-keys.jwks.json");
    Files.writeString(file, TestSigner.jwks(EC.jwk()));
    assertThat(AdvisoryVerifier.fromJwksFile(file, CLOCK).verify(EC.sign(PAYLOAD)).accepted()).isTrue();
  }

  @Test
  void unverifiedModeMustBeChosenAndStillRequiresAValidAdvisory() {
    AdvisoryVerifier off = AdvisoryVerifier.unverified(CLOCK);
    assertThat(off.isVerifying()).isFalse();
    String unsigned = TestSigner.b64("{\"alg\":\"none\"}") + "." + TestSigner.b64(PAYLOAD) + ".";
    VerifiedAdvisory v = (VerifiedAdvisory) off.verify(unsigned);
    assertThat(v.signatureVerified()).isFalse();
    assertThat(v.advisory().tlp()).isEqualTo(Tlp.AMBER);
    assertThat(off.verify(TestSigner.b64("{\"alg\":\"none\"}") + "." + TestSigner.b64("{}") + ".").accepted()).isFalse();
    assertThat(VERIFIER.isVerifying()).isTrue();
  }
}
