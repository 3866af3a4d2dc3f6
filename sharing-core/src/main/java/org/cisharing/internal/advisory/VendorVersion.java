package org.cisharing.internal.advisory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares vendor version strings that are not semantic versions ({@code R6.11.10}, {@code 1.04E},
 * {@code 6.1.9.0}, {@code 1.006_}). A version is split into runs of digits and runs of letters;
 * everything else separates. Two versions compare token by token: numbers numerically, letters
 * alphabetically (ignoring case). The comparison is {@link Order#UNKNOWN} rather than a guess when
 * a number meets a letter at the same position, when one version ends where the other still has
 * letters ({@code 1.04} against {@code 1.04E}), or when zero-padded numbers of different widths
 * meet ({@code 04} against {@code 1}: decimal fraction or counter?).
 */
public final class VendorVersion {
  /** The outcome of a comparison. */
  public enum Order {
    LESS,
    EQUAL,
    GREATER,
    UNKNOWN
  }

  private VendorVersion() {}

  /** Splits a version into digit and letter runs, dropping a leading {@code v} before a digit. */
  public static List<String> tokens(String version) {
    String s = version.trim();
    if (s.length() > 1 && (s.charAt(0) == 'v' || s.charAt(0) == 'V') && Character.isDigit(s.charAt(1))) {
      s = s.substring(1);
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (isDigit(c)) {
        int j = i;
        while (j < n && isDigit(s.charAt(j))) {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      } else if (Character.isLetter(c)) {
        int j = i;
        while (j < n && Character.isLetter(s.charAt(j))) {
          j++;
        }
        out.add(s.substring(i, j).toLowerCase(Locale.ROOT));
        i = j;
      } else {
        i++;
      }
    }
    return out;
  }

  /** Compares {@code a} with {@code b}. */
  public static Order compare(String a, String b) {
    return compare(tokens(a), tokens(b));
  }

  /** Compares two token lists made by {@link #tokens(String)}. */
  public static Order compare(List<String> a, List<String> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      String x = a.get(i);
      String y = b.get(i);
      boolean xn = isDigit(x.charAt(0));
      boolean yn = isDigit(y.charAt(0));
      if (xn != yn) {
        return Order.UNKNOWN;
      }
      int c;
      if (xn) {
        if ((x.length() > 1 && x.charAt(0) == '0' || y.length() > 1 && y.charAt(0) == '0')
            && x.length() != y.length()) {
          return Order.UNKNOWN;
        }
        c = compareNumbers(x, y);
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) {
        return c < 0 ? Order.LESS : Order.GREATER;
      }
    }
    if (a.size() == b.size()) {
      return Order.EQUAL;
    }
    List<String> longer = a.size() > b.size() ? a : b;
    for (int i = n; i < longer.size(); i++) {
      String t = longer.get(i);
      if (!isDigit(t.charAt(0))) {
        return Order.UNKNOWN;
      }
      if (!isZero(t)) {
        // The rest is numeric and not all zero: 6.2 < 6.2.1.
        for (int j = i + 1; j < longer.size(); j++) {
          if (!isDigit(longer.get(j).charAt(0))) {
            return Order.UNKNOWN;
          }
        }
        return longer == a ? Order.GREATER : Order.LESS;
      }
    }
    return Order.EQUAL;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isZero(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  private static int compareNumbers(String x, String y) {
    String a = stripZeros(x);
    String b = stripZeros(y);
    if (a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    return a.compareTo(b);
  }

  private static String stripZeros(String s) {
    int i = 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }
}
