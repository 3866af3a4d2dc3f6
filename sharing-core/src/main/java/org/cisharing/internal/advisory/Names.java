package org.cisharing.internal.advisory;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Normalises vendor and product names for indexing: NFKC, lower case, text in parentheses
 * removed ({@code CENTUM VP (Including CENTUM VP Entry Class)} is {@code centum vp}), punctuation
 * as spaces, corporate suffixes dropped from vendors ({@code Yokogawa Electric Corporation} is
 * {@code yokogawa electric}), and a leading vendor name dropped from products.
 */
public final class Names {
  private static final Set<String> SUFFIXES = Set.of(
      "inc", "incorporated", "corp", "corporation", "co", "company", "ltd", "limited", "llc",
      "gmbh", "ag", "sa", "plc", "kk", "株式会社", "有限会社");

  private Names() {}

  /** The normalised vendor name. */
  public static String vendor(String vendor) {
    List<String> words = words(vendor);
    while (!words.isEmpty() && SUFFIXES.contains(words.get(words.size() - 1))) {
      words.remove(words.size() - 1);
    }
    while (!words.isEmpty() && SUFFIXES.contains(words.get(0))) {
      words.remove(0);
    }
    return String.join(" ", words);
  }

  /** The normalised product name, without a leading copy of the normalised vendor name. */
  public static String product(String normalisedVendor, String product) {
    String p = String.join(" ", words(product));
    if (!normalisedVendor.isEmpty() && p.startsWith(normalisedVendor + " ")) {
      p = p.substring(normalisedVendor.length() + 1);
    }
    return p;
  }

  /** The normalised service name ({@code RDP}, {@code ms-wbt-server} and {@code rdp} agree). */
  public static String service(String service) {
    String s = String.join("-", words(service));
    switch (s) {
      case "ms-wbt-server":
      case "remote-desktop":
        return "rdp";
      case "microsoft-ds":
      case "cifs":
        return "smb";
      default:
        return s;
    }
  }

  /** The proper word prefixes of a normalised name: {@code a b c} gives {@code a} and {@code a b}. */
  public static List<String> wordPrefixes(String normalised) {
    List<String> out = null;
    for (int i = normalised.indexOf(' '); i > 0; i = normalised.indexOf(' ', i + 1)) {
      if (out == null) {
        out = new ArrayList<>(2);
      }
      out.add(normalised.substring(0, i));
    }
    return out == null ? List.of() : out;
  }

  /** The first word of a normalised name. */
  public static String firstWord(String normalised) {
    int sp = normalised.indexOf(' ');
    return sp < 0 ? normalised : normalised.substring(0, sp);
  }

  private static List<String> words(String s) {
    String n = isAscii(s) ? s.toLowerCase(Locale.ROOT)
        : Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>(4);
    StringBuilder word = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth = Math.max(0, depth - 1);
      }
      if (depth == 0 && Character.isLetterOrDigit(c)) {
        word.append(c);
      } else if (word.length() > 0) {
        out.add(word.toString());
        word.setLength(0);
      }
    }
    if (word.length() > 0) {
      out.add(word.toString());
    }
    return out;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
