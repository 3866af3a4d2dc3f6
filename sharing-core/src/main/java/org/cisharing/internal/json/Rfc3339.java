package org.cisharing.internal.json;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A fast path for the common shape of an RFC 3339 timestamp, {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]}
 * followed by {@code Z} or {@code ±HH:MM}. It answers exactly what {@code OffsetDateTime.parse(s,
 * ISO_OFFSET_DATE_TIME)} answers for such text, and {@code null} for any other text (or an invalid
 * date or offset), which the caller then gives to the formatter for its result or its error.
 */
final class Rfc3339 {
  private Rfc3339() {}

  /** The timestamp, or {@code null} when {@code s} is not in the common shape or not valid. */
  static OffsetDateTime offsetDateTime(String s) {
    int len = s.length();
    // yyyy-MM-ddTHH:mm:ss is 19 characters; then at least "Z".
    if (len < 20 ||  s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (s.charAt(i) == '.') {
      int start = ++i;
      while (i < len && i - start < 9 && isDigit(s.charAt(i))) {
        nanos = nanos * 10 + (s.charAt(i) - '0');
        i++;
      }
      int n = i - start;
      if (n == 0 || (i < len && isDigit(s.charAt(i)))) {
        return null;
      }
      for (; n < 9; n++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (i == len - 1 && s.charAt(i) == 'Z') {
      offset = ZoneOffset.UTC;
    } else if (i == len - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
      int oh = digits(s, i + 1, 2);
      int om = digits(s, i + 4, 2);
      if ((oh | om) < 0) {
        return null;
      }
      boolean negative = s.charAt(i) == '-';
      try {
        offset = ZoneOffset.ofHoursMinutes(negative ? -oh : oh, negative ? -om : om);
      } catch (DateTimeException e) {
        return null;
      }
    } else {
      return null;
    }
    try {
      return OffsetDateTime.of(LocalDateTime.of(year, month, day, hour, minute, second, nanos), offset);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The value of {@code n} ASCII digits at {@code from}, or -1. */
  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
