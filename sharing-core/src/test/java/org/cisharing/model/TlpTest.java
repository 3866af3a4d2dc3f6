package org.cisharing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cisharing.json.SharingJson;
import org.junit.jupiter.api.Test;

class TlpTest {
  @Test
  void printsAndParsesExactTlp2Labels() {
    for (Tlp tlp : Tlp.values()) {
      assertThat(Tlp.parse(tlp.code())).isSameAs(tlp);
    }
    assertThat(Tlp.AMBER_STRICT.code()).isEqualTo("TLP:AMBER+STRICT");
    assertThat(Tlp.parse("tlp:amber+strict")).isSameAs(Tlp.AMBER_STRICT);
    assertThat(Tlp.parse("TLP:WHITE")).isSameAs(Tlp.CLEAR);
  }

  @Test
  void refusesUnknownLabelNamingTheAcceptedOnes() {
    assertThatThrownBy(() -> Tlp.parse("TLP:BLUE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TLP:BLUE")
        .hasMessageContaining("TLP:AMBER+STRICT");
  }

  @Test
  void ordersFromLeastToMostRestrictive() {
    assertThat(Tlp.GREEN.isWithin(Tlp.AMBER)).isTrue();
    assertThat(Tlp.RED.isWithin(Tlp.AMBER_STRICT)).isFalse();
  }

  @Test
  void writesTheLabelOnTheWire() {
    assertThat(SharingJson.write(Tlp.AMBER_STRICT)).isEqualTo("\"TLP:AMBER+STRICT\"");
    assertThat(SharingJson.read("\"TLP:RED\"", Tlp.class)).isSameAs(Tlp.RED);
  }
}
