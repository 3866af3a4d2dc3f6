package org.cisharing.advisory;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/** Signs test advisories as a hub would: JWS compact serialization, EdDSA (Ed25519) or ES256. */
final class TestSigner {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  final String kid;
  final String alg;
  final KeyPair keys;

  private TestSigner(String kid, String alg, KeyPair keys) {
    this.kid = kid;
    this.alg = alg;
    this.keys = keys;
  }

  static TestSigner ed25519(String kid) {
    try {
      return new TestSigner(kid, "EdDSA", KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static TestSigner es256(String kid) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return new TestSigner(kid, "ES256", g.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public JWK of this signer. */
  String jwk() {
    if (alg.equals("EdDSA")) {
      byte[] spki = keys.getPublic().getEncoded();
      byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"" + kid + "\",\"x\":\"" + B64.encodeToString(x) + "\"}";
    }
    ECPublicKey pub = (ECPublicKey) keys.getPublic();
    return "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"" + kid + "\",\"x\":\""
        + B64.encodeToString(fixed(pub.getW().getAffineX())) + "\",\"y\":\""
        + B64.encodeToString(fixed(pub.getW().getAffineY())) + "\"}";
  }

  static String jwks(String... jwks) {
    return "{\"keys\":[" + String.join(",", jwks) + "]}";
  }

  String sign(String payload) {
    return sign("{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\"}", payload);
  }

  /** Signs with an arbitrary protected header. */
  String sign(String header, String payload) {
    String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    try {
      byte[] sig;
      if (alg.equals("EdDSA")) {
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(keys.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        sig = s.sign();
      } else {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(keys.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        sig = concatFromDer(s.sign());
      }
      return input + "." + B64.encodeToString(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String b64(String s) {
    return B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] fixed(BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    int n = Math.min(32, b.length);
    System.arraycopy(b, b.length - n, out, 32 - n, n);
    return out;
  }

  /** DER SEQUENCE { r, s } to the 64-byte R||S of JWS ES256. */
  private static byte[] concatFromDer(byte[] der) {
    int offset = 2;
    int rLen = der[offset + 1];
    byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLen);
    offset = offset + 2 + rLen;
    int sLen = der[offset + 1];
    byte[] s = Arrays.copyOfRange(der, offset + 2, offset + 2 + sLen);
    byte[] out = new byte[64];
    System.arraycopy(fixed(new BigInteger(1, r)), 0, out, 0, 32);
    System.arraycopy(fixed(new BigInteger(1, s)), 0, out, 32, 32);
    return out;
  }
}
