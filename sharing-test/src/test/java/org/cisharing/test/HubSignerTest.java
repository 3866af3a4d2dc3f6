package org.cisharing.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HubSignerTest {
  @Test
  void convertsDerEcdsaSignaturesToTheJdksOwnConcatenatedForm() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    byte[] message = "header.payload".getBytes(StandardCharsets.US_ASCII);
    // Many signatures so that short R or S values (leading zero bytes) occur.
    for (int i = 0; i < 200; i++) {
      Signature der = Signature.getInstance("SHA256withECDSA");
      der.initSign(keys.getPrivate());
      der.update(message);
      byte[] concatenated = HubSigner.derToConcatenated(der.sign(), 32);

      Signature p1363 = Signature.getInstance("SHA256withECDSAinP1363Format");
      p1363.initVerify(keys.getPublic());
      p1363.update(message);
      assertThat(concatenated).hasSize(64);
      assertThat(p1363.verify(concatenated)).as("signature %d", i).isTrue();
    }
  }

  @Test
  void stripsSignPaddingAndLeftPadsShortIntegers() {
    // SEQUENCE { INTEGER 0x00 0x80.. (33 bytes), INTEGER 0x01 (1 byte) }
    byte[] r = new byte[33];
    r[1] = (byte) 0x80;
    byte[] der = new byte[2 + 2 + 33 + 2 + 1];
    der[0] = 0x30;
    der[1] = (byte) (der.length - 2);
    der[2] = 0x02;
    der[3] = 33;
    System.arraycopy(r, 0, der, 4, 33);
    der[37] = 0x02;
    der[38] = 1;
    der[39] = 1;

    byte[] out = HubSigner.derToConcatenated(der, 32);

    assertThat(HexFormat.of().formatHex(out))
        .isEqualTo("80" + "00".repeat(31) + "00".repeat(31) + "01");
  }

  @Test
  void refusesNonDerInput() {
    assertThatThrownBy(() -> HubSigner.derToConcatenated(new byte[64], 32))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buildsJwkSetOfSeveralKeys() {
    HubSigner ed = HubSigner.ed25519("k-ed");
    HubSigner ec = HubSigner.es256("k-ec");

    String set = HubSigner.jwkSet(ed, ec);

    assertThat(set).startsWith("{\"keys\":[").contains("\"kid\":\"k-ed\"").contains("\"kid\":\"k-ec\"");
    assertThat(ed.publicJwk()).contains("\"kty\":\"OKP\"").doesNotContain("\"d\"");
    assertThat(ec.publicJwk()).contains("\"kty\":\"EC\"").doesNotContain("\"d\"");
    assertThat(ed.toString()).isEqualTo("HubSigner[kid=k-ed, alg=EdDSA]");
  }

  @Test
  void refusesBlankKid() {
    assertThatThrownBy(() -> HubSigner.ed25519(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HubSigner.tamper("a.b", "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
