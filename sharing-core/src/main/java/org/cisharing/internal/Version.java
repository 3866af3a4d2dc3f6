package org.cisharing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The library version, from a resource filtered at build time. */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  public static String version() {
    return VERSION;
  }

  /** {@code cisharing-java/<version> (<java version>)}, as HUB-API.md requires. */
  public static String userAgent() {
    return "cisharing-java/" + VERSION + " (Java " + System.getProperty("java.version") + ")";
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
