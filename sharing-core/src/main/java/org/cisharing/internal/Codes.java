package org.cisharing.internal;

import java.util.Locale;
import org.cisharing.model.WireCode;

/** Lookup of enum constants by wire code, with an error that lists the accepted codes. */
public final class Codes {
  private Codes() {}

  public static <E extends Enum<E> & WireCode> E parse(Class<E> type, String what, String code) {
    if (code == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    String wanted = code.trim().toLowerCase(Locale.ROOT);
    for (E e : type.getEnumConstants()) {
      if (e.code().equals(wanted)) {
        return e;
      }
    }
    StringBuilder known = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      known.append(known.length() == 0 ? "" : ", ").append(e.code());
    }
    throw new IllegalArgumentException(
        "unknown " + what + " '" + code + "', expected one of: " + known);
  }
}
