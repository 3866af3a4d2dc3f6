package org.cisharing.internal.jws;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Turns one JWK (RFC 7517 / RFC 8037) into a JDK public key: Ed25519 ({@code kty OKP}) and P-256
 * ({@code kty EC}) only.
 */
public final class Jwk {
  /** The DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32-byte raw key follows it. */
  private static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private static final ECParameterSpec P256 = p256();
  private static final BigInteger P256_P = new BigInteger(
      "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);

  /** A usable verification key. */
  public record Key(String kid, JwsAlgorithm algorithm, PublicKey publicKey) {}

  private Jwk() {}

  /**
   * Parses one key.
   *
   * @throws IllegalArgumentException with a sentence saying what is wrong with the key
   */
  public static Key parse(JsonNode jwk) {
    if (jwk == null || !jwk.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String kty = string(jwk, "kty");
    if (!"OKP".equals(kty) && !"EC".equals(kty)) {
      throw new IllegalArgumentException(
          "key type '" + kty + "' is not supported (only OKP/Ed25519 and EC/P-256)");
    }
    String kid = string(jwk, "kid");
    if (kid == null || kid.isBlank()) {
      throw new IllegalArgumentException("no kid: every trusted key needs a key id");
    }
    if (jwk.has("d")) {
      throw new IllegalArgumentException("contains private key material ('d'); publish only the public key");
    }
    String use = string(jwk, "use");
    if (use != null && !use.equals("sig")) {
      throw new IllegalArgumentException("use is '" + use + "', not 'sig'");
    }
    String crv = string(jwk, "crv");
    String alg = string(jwk, "alg");
    if ("OKP".equals(kty)) {
      if (!"Ed25519".equals(crv)) {
        throw new IllegalArgumentException("OKP key with curve '" + crv + "'; only Ed25519 is supported");
      }
      if (alg != null && !alg.equals("EdDSA")) {
        throw new IllegalArgumentException("Ed25519 key declares alg '" + alg + "', expected EdDSA");
      }
      byte[] x = b64(jwk, "x");
      if (x.length != 32) {
        throw new IllegalArgumentException("Ed25519 x must be 32 bytes, was " + x.length);
      }
      byte[] spki = new byte[ED25519_SPKI_PREFIX.length + 32];
      System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
      System.arraycopy(x, 0, spki, ED25519_SPKI_PREFIX.length, 32);
      try {
        return new Key(kid, JwsAlgorithm.EDDSA, KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("not a valid Ed25519 public key: " + e.getMessage());
      }
    }
    if ("EC".equals(kty)) {
      if (!"P-256".equals(crv)) {
        throw new IllegalArgumentException("EC key with curve '" + crv + "'; only P-256 is supported");
      }
      if (alg != null && !alg.equals("ES256")) {
        throw new IllegalArgumentException("P-256 key declares alg '" + alg + "', expected ES256");
      }
      byte[] x = b64(jwk, "x");
      byte[] y = b64(jwk, "y");
      if (x.length != 32 || y.length != 32) {
        throw new IllegalArgumentException("P-256 x and y must be 32 bytes each");
      }
      BigInteger bx = new BigInteger(1, x);
      BigInteger by = new BigInteger(1, y);
      if (!onCurve(bx, by)) {
        throw new IllegalArgumentException("the point (x, y) is not on the P-256 curve");
      }
      try {
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(bx, by), P256));
        return new Key(kid, JwsAlgorithm.ES256, key);
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("not a valid P-256 public key: " + e.getMessage());
      }
    }
    throw new IllegalArgumentException("key type '" + kty + "' is not supported (only OKP/Ed25519 and EC/P-256)");
  }

  private static boolean onCurve(BigInteger x, BigInteger y) {
    if (x.signum() < 0 || x.compareTo(P256_P) >= 0 || y.signum() < 0 || y.compareTo(P256_P) >= 0) {
      return false;
    }
    BigInteger a = P256.getCurve().getA();
    BigInteger b = P256.getCurve().getB();
    BigInteger left = y.modPow(BigInteger.TWO, P256_P);
    BigInteger right = x.pow(3).add(a.multiply(x)).add(b).mod(P256_P);
    return left.equals(right);
  }

  private static String string(JsonNode jwk, String field) {
    JsonNode v = jwk.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' is not a string");
    }
    return v.asText();
  }

  private static byte[] b64(JsonNode jwk, String field) {
    String s = string(jwk, field);
    if (s == null) {
      throw new IllegalArgumentException("no '" + field + "'");
    }
    try {
      return Base64.getUrlDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + field + "' is not base64url");
    }
  }

  private static ECParameterSpec p256() {
    try {
      AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      return params.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no secp256r1", e);
    }
  }
}
