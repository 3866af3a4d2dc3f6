package org.cisharing.test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A JWS (RFC 7515) compact-serialization signer with its own key pair, as a hub uses to sign
 * advisories: {@code EdDSA} over Ed25519 or {@code ES256} over P-256, built on JDK crypto only.
 * Also makes deliberately bad tokens ({@code alg: none}, {@code HS256}, tampered payloads) for
 * negative tests. Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class HubSigner {
  /** JWS algorithm name for Ed25519 signatures. */
  public static final String EDDSA = "EdDSA";

  /** JWS algorithm name for ECDSA P-256 / SHA-256 signatures. */
  public static final String ES256 = "ES256";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final int P256_COORDINATE_BYTES = 32;

  private final String kid;
  private final String alg;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private HubSigner(String kid, String alg, KeyPair keyPair) {
    this.kid = kid;
    this.alg = alg;
    this.privateKey = keyPair.getPrivate();
    this.publicKey = keyPair.getPublic();
  }

  /**
   * Generates a fresh Ed25519 key pair.
   *
   * @param kid the key id written in the JWS header and the JWK
   * @return a signer using {@code alg: EdDSA}
   */
  public static HubSigner ed25519(String kid) {
    requireKid(kid);
    try {
      return new HubSigner(kid, EDDSA, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate Ed25519 keys", e);
    }
  }

  /**
   * Generates a fresh ECDSA P-256 key pair.
   *
   * @param kid the key id written in the JWS header and the JWK
   * @return a signer using {@code alg: ES256}
   */
  public static HubSigner es256(String kid) {
    requireKid(kid);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return new HubSigner(kid, ES256, generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot generate P-256 keys", e);
    }
  }

  private static void requireKid(String kid) {
    Objects.requireNonNull(kid, "kid");
    if (kid.isBlank()) {
      throw new IllegalArgumentException("kid must not be blank");
    }
  }

  /** The key id. */
  public String kid() {
    return kid;
  }

  /** The JWS algorithm: {@link #EDDSA} or {@link #ES256}. */
  public String alg() {
    return alg;
  }

  /** The public key, for verifying in tests with {@link Signature}. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /**
   * Signs a document's UTF-8 bytes.
   *
   * @param payload the document, signed byte for byte
   * @return the JWS compact serialization {@code header.payload.signature}
   */
  public String sign(String payload) {
    Objects.requireNonNull(payload, "payload");
    return sign(payload.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Signs exact bytes with the protected header {@code {"alg":..,"kid":..}}.
   *
   * @param payload the payload bytes
   * @return the JWS compact serialization
   */
  public String sign(byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    ObjectNode header = JSON.createObjectNode();
    header.put("alg", alg);
    header.put("kid", kid);
    return signWithHeader(header.toString(), payload);
  }

  /**
   * Signs with this key under an arbitrary protected header, for negative tests (a header naming
   * another {@code kid}, another {@code alg}, or no {@code kid} at all).
   *
   * @param protectedHeaderJson the exact header JSON to encode
   * @param payload the payload bytes
   * @return the JWS compact serialization
   */
  public String signWithHeader(String protectedHeaderJson, byte[] payload) {
    Objects.requireNonNull(protectedHeaderJson, "protectedHeaderJson");
    Objects.requireNonNull(payload, "payload");
    String signingInput =
        b64(protectedHeaderJson.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload);
    byte[] signature = rawSignature(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + b64(signature);
  }

  private byte[] rawSignature(byte[] signingInput) {
    try {
      if (EDDSA.equals(alg)) {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(privateKey);
        signature.update(signingInput);
        return signature.sign();
      }
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(privateKey);
      signature.update(signingInput);
      return derToConcatenated(signature.sign(), P256_COORDINATE_BYTES);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("key " + kid + " cannot sign", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with " + alg + " failed", e);
    }
  }

  /**
   * The public key as a JWK (RFC 7517 / RFC 8037): {@code OKP}/{@code Ed25519} with {@code x},
   * or {@code EC}/{@code P-256} with {@code x} and {@code y}, plus {@code kid}, {@code use:
   * sig} and {@code alg}.
   *
   * @return the JWK JSON object
   */
  public String publicJwk() {
    return jwkNode().toString();
  }

  ObjectNode jwkNode() {
    ObjectNode jwk = JSON.createObjectNode();
    if (EDDSA.equals(alg)) {
      byte[] encoded = publicKey.getEncoded();
      jwk.put("kty", "OKP");
      jwk.put("crv", "Ed25519");
      jwk.put("kid", kid);
      // X.509 SubjectPublicKeyInfo for Ed25519 ends with the raw 32-byte key (RFC 8410).
      jwk.put("x", b64(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)));
    } else {
      ECPublicKey ec = (ECPublicKey) publicKey;
      jwk.put("kty", "EC");
      jwk.put("crv", "P-256");
      jwk.put("kid", kid);
      jwk.put("x", b64(unsigned(ec.getW().getAffineX(), P256_COORDINATE_BYTES)));
      jwk.put("y", b64(unsigned(ec.getW().getAffineY(), P256_COORDINATE_BYTES)));
    }
    jwk.put("use", "sig");
    jwk.put("alg", alg);
    return jwk;
  }

  /**
   * A JWK Set holding the public keys of the given signers, as an operator's trusted-keys file.
   *
   * @param signers the keys to include, in order
   * @return the JSON {@code {"keys":[...]}}
   */
  public static String jwkSet(HubSigner... signers) {
    ObjectNode set = JSON.createObjectNode();
    ArrayNode keys = set.putArray("keys");
    for (HubSigner signer : signers) {
      keys.add(Objects.requireNonNull(signer, "signers[]").jwkNode());
    }
    return set.toString();
  }

  /**
   * An unsecured JWS ({@code alg: none}, empty signature) that a verifier must refuse.
   *
   * @param payload the payload document
   * @return {@code header.payload.} with an empty third part
   */
  public static String unsecured(String payload) {
    Objects.requireNonNull(payload, "payload");
    return b64("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64(payload.getBytes(StandardCharsets.UTF_8))
        + ".";
  }

  /**
   * A JWS with {@code alg: HS256} (a symmetric MAC), which an advisory verifier must refuse
   * whatever the secret: the classic algorithm-confusion attack uses the public key as secret.
   *
   * @param payload the payload document
   * @param secret the MAC key
   * @param kid the key id to claim
   * @return the JWS compact serialization
   */
  public static String hs256(String payload, byte[] secret, String kid) {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(secret, "secret");
    requireKid(kid);
    ObjectNode header = JSON.createObjectNode();
    header.put("alg", "HS256");
    header.put("kid", kid);
    String signingInput =
        b64(header.toString().getBytes(StandardCharsets.UTF_8))
            + "."
            + b64(payload.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      byte[] tag = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + b64(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /**
   * Replaces the payload of a compact JWS with another document, keeping header and signature,
   * so that the signature no longer matches.
   *
   * @param jws a compact JWS
   * @param newPayload the substituted payload
   * @return the tampered JWS
   */
  public static String tamper(String jws, String newPayload) {
    Objects.requireNonNull(jws, "jws");
    Objects.requireNonNull(newPayload, "newPayload");
    String[] parts = jws.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("jws is not a compact serialization (3 parts)");
    }
    return parts[0] + "." + b64(newPayload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
  }

  /**
   * Converts a DER-encoded ECDSA signature ({@code SEQUENCE {INTEGER r, INTEGER s}}), as the
   * JDK's {@code SHA256withECDSA} produces, to the fixed-width {@code R || S} form that JWS
   * requires (RFC 7518 section 3.4).
   */
  static byte[] derToConcatenated(byte[] der, int size) {
    int offset = 0;
    if (der.length < 8 || der[offset++] != 0x30) {
      throw new IllegalArgumentException("not a DER ECDSA signature");
    }
    int sequenceLength = der[offset++] & 0xff;
    if (sequenceLength == 0x81) {
      sequenceLength = der[offset++] & 0xff;
    }
    if (sequenceLength != der.length - offset) {
      throw new IllegalArgumentException("DER ECDSA signature has a bad length");
    }
    byte[] out = new byte[2 * size];
    for (int part = 0; part < 2; part++) {
      if (der[offset++] != 0x02) {
        throw new IllegalArgumentException("DER ECDSA signature: INTEGER expected");
      }
      int length = der[offset++] & 0xff;
      int start = offset;
      int end = offset + length;
      while (start < end - 1 && der[start] == 0) {
        start++; // sign padding
      }
      int significant = end - start;
      if (significant > size) {
        throw new IllegalArgumentException("DER ECDSA signature: integer too large");
      }
      System.arraycopy(der, start, out, part * size + size - significant, significant);
      offset = end;
    }
    return out;
  }

  private static byte[] unsigned(BigInteger value, int size) {
    byte[] bytes = value.toByteArray();
    if (bytes.length == size) {
      return bytes;
    }
    byte[] out = new byte[size];
    if (bytes.length > size) {
      System.arraycopy(bytes, bytes.length - size, out, 0, size); // drop the sign byte
    } else {
      System.arraycopy(bytes, 0, out, size - bytes.length, bytes.length);
    }
    return out;
  }

  static String b64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  @Override
  public String toString() {
    return "HubSigner[kid=" + kid + ", alg=" + alg + "]";
  }
}
