package org.cisharing.internal.advisory;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Index keys and versions from CPE names (2.3 formatted strings and 2.2 URIs) and package URLs.
 */
public final class Identifiers {
  private Identifiers() {}

  /** {@code vendor:product} of a CPE name, lower case, or {@code null} when it is not one. */
  public static String cpeKey(String cpe) {
    String[] f = cpeFields(cpe);
    return f == null ? null : f[0] + ":" + f[1];
  }

  /** The version of a CPE name, or {@code null} for any ({@code *}, {@code -}, absent). */
  public static String cpeVersion(String cpe) {
    String[] f = cpeFields(cpe);
    if (f == null || f[2].isEmpty() || f[2].equals("*") || f[2].equals("-")) {
      return null;
    }
    return f[2].replace("\\", "");
  }

  private static String[] cpeFields(String cpe) {
    if (cpe == null) {
      return null;
    }
    String c = cpe.trim();
    String[] parts;
    if (c.startsWith("cpe:2.3:")) {
      parts = c.substring(8).split("(?<!\\\\):", -1);
    } else if (c.startsWith("cpe:/")) {
      parts = c.substring(5).split(":", -1);
    } else {
      return null;
    }
    if (parts.length < 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
      return null;
    }
    String version = parts.length > 3 ? parts[3] : "";
    return new String[] {
      parts[1].toLowerCase(Locale.ROOT), parts[2].toLowerCase(Locale.ROOT), version
    };
  }

  /** {@code type/namespace/name} of a package URL, lower case, or {@code null} when it is not one. */
  public static String purlKey(String purl) {
    String[] p = purlParts(purl);
    return p == null ? null : p[0];
  }

  /** The version of a package URL, or {@code null}. */
  public static String purlVersion(String purl) {
    String[] p = purlParts(purl);
    return p == null ? null : p[1];
  }

  private static String[] purlParts(String purl) {
    if (purl == null || !purl.trim().toLowerCase(Locale.ROOT).startsWith("pkg:")) {
      return null;
    }
    String s = purl.trim().substring(4);
    int cut = s.indexOf('#');
    if (cut >= 0) {
      s = s.substring(0, cut);
    }
    cut = s.indexOf('?');
    if (cut >= 0) {
      s = s.substring(0, cut);
    }
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    String version = null;
    int at = s.lastIndexOf('@');
    if (at > s.lastIndexOf('/')) {
      version = decode(s.substring(at + 1));
      s = s.substring(0, at);
    }
    if (s.indexOf('/') < 0) {
      return null;
    }
    return new String[] {decode(s).toLowerCase(Locale.ROOT), version};
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
