package org.cisharing.internal.jws;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/** The two signature algorithms advisories may use, and how the JDK verifies them. */
public enum JwsAlgorithm {
  EDDSA("EdDSA"),
  ES256("ES256");

  private final String name;

  JwsAlgorithm(String name) {
    this.name = name;
  }

  /** The JWS {@code alg} value. */
  public String jwsName() {
    return name;
  }

  /** The algorithm for a JWS {@code alg} value, or {@code null} when it is not one of ours. */
  public static JwsAlgorithm of(String alg) {
    for (JwsAlgorithm a : values()) {
      if (a.name.equals(alg)) {
        return a;
      }
    }
    return null;
  }

  /** Verifies a JWS signature (for ES256, the 64-byte R||S form) over the signing input. */
  public boolean verify(PublicKey key, byte[] signingInput, byte[] signature) {
    try {
      Signature s;
      byte[] sig = signature;
      if (this == EDDSA) {
        if (signature.length != 64) {
          return false;
        }
        s = Signature.getInstance("Ed25519");
      } else {
        if (signature.length != 64) {
          return false;
        }
        sig = derFromConcat(signature);
        s = Signature.getInstance("SHA256withECDSA");
      }
      s.initVerify(key);
      s.update(signingInput);
      return s.verify(sig);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** R||S (32 bytes each) to the DER SEQUENCE { INTEGER r, INTEGER s } the JDK expects. */
  static byte[] derFromConcat(byte[] rs) {
    byte[] r = integer(rs, 0);
    byte[] s = integer(rs, 32);
    int len = r.length + s.length;
    byte[] der = new byte[2 + len];
    der[0] = 0x30;
    der[1] = (byte) len;
    System.arraycopy(r, 0, der, 2, r.length);
    System.arraycopy(s, 0, der, 2 + r.length, s.length);
    return der;
  }

  private static byte[] integer(byte[] rs, int offset) {
    int start = offset;
    int end = offset + 32;
    while (start < end - 1 && rs[start] == 0) {
      start++;
    }
    boolean pad = (rs[start] & 0x80) != 0;
    int n = end - start + (pad ? 1 : 0);
    byte[] out = new byte[2 + n];
    out[0] = 0x02;
    out[1] = (byte) n;
    System.arraycopy(rs, start, out, 2 + (pad ? 1 : 0), end - start);
    return out;
  }
}
