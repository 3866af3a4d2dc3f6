package org.cisharing.internal.advisory;

import static org.assertj.core.api.Assertions.assertThat;

import org.cisharing.internal.advisory.VendorVersion.Order;
import org.junit.jupiter.api.Test;

class VendorVersionTest {
  private static void check(String a, String b, Order expected) {
    assertThat(VendorVersion.compare(a, b)).as(a + " vs " + b).isEqualTo(expected);
    Order reverse = expected == Order.LESS ? Order.GREATER : expected == Order.GREATER ? Order.LESS : expected;
    assertThat(VendorVersion.compare(b, a)).as(b + " vs " + a).isEqualTo(reverse);
  }

  @Test
  void comparesRealVendorVersionStrings() {
    check("R6.09.00", "R6.11.10", Order.LESS);
    check("R6.11.12", "R6.11.10", Order.GREATER);
    check("r6.11.10", "R6.11.10", Order.EQUAL);
    check("1.04E", "1.04E", Order.EQUAL);
    check("1.04D", "1.04E", Order.LESS);
    check("1.05F", "1.04E", Order.GREATER);
    check("1.275M", "1.290C", Order.LESS);
    check("6.1.9.0", "6.2.3.0", Order.LESS);
    check("12.7.4", "12.7.6", Order.LESS);
    check("13.6.1", "13.5.3", Order.GREATER);
    check("1.010", "1.006_", Order.GREATER);
    check("v6.2.3", "6.2.3.0", Order.EQUAL);
    check("6.2", "6.2.1", Order.LESS);
    check("10.0", "9.9", Order.GREATER);
  }

  @Test
  void refusesToGuessWhenTheShapesDiffer() {
    check("1.04", "1.04E", Order.UNKNOWN);
    check("R6.01.00", "6.01.00", Order.UNKNOWN);
    check("1.04", "1.1", Order.UNKNOWN);
    check("2.0", "2.0-beta", Order.UNKNOWN);
    check("3.05F", "3.05F_Packaged_with_MC_Works64_4.03D", Order.UNKNOWN);
  }

  @Test
  void normalisesNamesForTheIndex() {
    assertThat(Names.vendor("YOKOGAWA Electric Corporation")).isEqualTo("yokogawa electric");
    assertThat(Names.vendor("株式会社 日立製作所")).isEqualTo("日立製作所");
    assertThat(Names.product("yokogawa", "Yokogawa CENTUM VP (Including CENTUM VP Entry Class)")).isEqualTo("centum vp");
    assertThat(Names.product("fuji electric", "Ｍｏｎｉｔｏｕｃｈ V-SFT")).isEqualTo("monitouch v sft");
    assertThat(Names.service("MS-WBT-SERVER")).isEqualTo("rdp");
  }
}
