package org.cisharing.benchmarks;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.cisharing.advisory.ActionItem;
import org.cisharing.advisory.ActionPriority;
import org.cisharing.advisory.Addressee;
import org.cisharing.advisory.Advisory;
import org.cisharing.advisory.AdvisoryVerifier;
import org.cisharing.advisory.Affects;
import org.cisharing.advisory.Exposure;
import org.cisharing.advisory.Issuer;
import org.cisharing.advisory.IssuerKind;
import org.cisharing.advisory.Protocol;
import org.cisharing.advisory.Reachability;
import org.cisharing.advisory.Severity;
import org.cisharing.advisory.VerificationResult;
import org.cisharing.internal.jws.JwsAlgorithm;
import org.cisharing.json.SharingJson;
import org.cisharing.model.LocalizedText;
import org.cisharing.model.Role;
import org.cisharing.model.Tlp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verifications per second of a signed advisory (about 4 KB, five roles, seven exposures):
 * signature check with JDK crypto plus reading and validating the advisory payload.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class JwsVerifyBenchmark {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  AdvisoryVerifier verifier;
  String ed25519Jws;
  String es256Jws;
  java.security.PublicKey edPublic;
  byte[] edSigningInput;
  byte[] edSignature;

  @Setup
  public void setUp() throws Exception {
    KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    KeyPairGenerator ecGen = KeyPairGenerator.getInstance("EC");
    ecGen.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair ec = ecGen.generateKeyPair();
    byte[] spki = ed.getPublic().getEncoded();
    ECPublicKey ecPub = (ECPublicKey) ec.getPublic();
    String jwks = "{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"ed\",\"x\":\""
        + B64.encodeToString(Arrays.copyOfRange(spki, spki.length - 32, spki.length)) + "\"},"
        + "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"ec\",\"x\":\"" + B64.encodeToString(fixed(ecPub.getW().getAffineX()))
        + "\",\"y\":\"" + B64.encodeToString(fixed(ecPub.getW().getAffineY())) + "\"}]}";
    verifier = AdvisoryVerifier.fromJwks(jwks, Clock.systemUTC());
    String payload = SharingJson.write(advisory());
    ed25519Jws = sign("{\"alg\":\"EdDSA\",\"kid\":\"ed\"}", payload, ed, "Ed25519", false);
    es256Jws = sign("{\"alg\":\"ES256\",\"kid\":\"ec\"}", payload, ec, "SHA256withECDSA", true);
    edPublic = ed.getPublic();
    String[] parts = ed25519Jws.split("\\.");
    edSigningInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    edSignature = Base64.getUrlDecoder().decode(parts[2]);
    if (!verifier.verify(ed25519Jws).accepted() || !verifier.verify(es256Jws).accepted()) {
      throw new IllegalStateException("benchmark signatures do not verify");
    }
  }

  @Benchmark
  public VerificationResult verifyEd25519() {
    return verifier.verify(ed25519Jws);
  }

  /** The Ed25519 signature check alone, without parsing the JWS or the advisory. */
  @Benchmark
  public boolean ed25519SignatureOnly() {
    return JwsAlgorithm.EDDSA.verify(edPublic, edSigningInput, edSignature);
  }

  @Benchmark
  public VerificationResult verifyEs256() {
    return verifier.verify(es256Jws);
  }

  private static Advisory advisory() {
    List<Addressee> addressees = new ArrayList<>();
    for (Role r : Role.defaults()) {
      addressees.add(Addressee.of(r, ActionItem.of(r.code() + "-1",
          LocalizedText.of("外部公開ポートの棚卸しと不要なポートの閉塞を行う", "Inventory and close exposed ports"),
          ActionPriority.HIGH, Duration.ofDays(3))));
    }
    List<Exposure> exposures = new ArrayList<>();
    for (int port : new int[] {3389, 445, 23, 5900, 443, 10443, 554}) {
      exposures.add(new Exposure("e" + port, port, Protocol.TCP, null, Reachability.INTERNET));
    }
    return Advisory.builder().id("BENCH-1").revision(1)
        .issuer(new Issuer("国家サイバー統括室", IssuerKind.NATIONAL_CENTRE))
        .issuedAt(OffsetDateTime.parse("2026-11-26T09:30:00+09:00"))
        .title(LocalizedText.of("外部に公開されたポートに対する攻撃の増加に関する注意喚起", "Increase in attacks on externally exposed ports"))
        .summary(LocalizedText.of("攻撃が増加している。".repeat(20), "Attacks are increasing. ".repeat(20)))
        .background(LocalizedText.of("公開情報の調査・分析により".repeat(20), "Analysis of public information ".repeat(20)))
        .severity(Severity.HIGH).tlp(Tlp.AMBER)
        .addressees(addressees)
        .affects(new Affects(List.of(), exposures))
        .build();
  }

  private static String sign(String header, String payload, KeyPair keys, String algorithm, boolean ecdsa)
      throws Exception {
    String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    Signature s = Signature.getInstance(algorithm);
    s.initSign(keys.getPrivate());
    s.update(input.getBytes(StandardCharsets.US_ASCII));
    byte[] sig = s.sign();
    if (ecdsa) {
      int rLen = sig[3];
      byte[] r = Arrays.copyOfRange(sig, 4, 4 + rLen);
      int sLen = sig[5 + rLen];
      byte[] sv = Arrays.copyOfRange(sig, 6 + rLen, 6 + rLen + sLen);
      byte[] out = new byte[64];
      System.arraycopy(fixed(new BigInteger(1, r)), 0, out, 0, 32);
      System.arraycopy(fixed(new BigInteger(1, sv)), 0, out, 32, 32);
      sig = out;
    }
    return input + "." + B64.encodeToString(sig);
  }

  private static byte[] fixed(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, b.length);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }
}
