package org.cisharing.examples.demo;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Console layout for the demo: section headers, label/value lines aligned in display columns
 * (Japanese characters take two), and a progress line that rewrites itself on a terminal and is
 * printed once, finished, anywhere else. Not thread-safe; the demo prints from one thread.
 */
final class Console {
  static final int WIDTH = 78;
  private static final int LABEL = 24;

  private final PrintStream out;
  private final boolean interactive;
  private int lastProgressWidth;

  Console(PrintStream out, boolean interactive) {
    this.out = Objects.requireNonNull(out, "out");
    this.interactive = interactive;
  }

  /** {@code ══ title ═══...} with a blank line before. */
  void section(String title) {
    out.println();
    String head = "══ " + title + " ";
    out.println(head + "═".repeat(Math.max(3, WIDTH - width(head))));
  }

  /** {@code ── title ───...}. */
  void subsection(String title) {
    String head = "── " + title + " ";
    out.println(head + "─".repeat(Math.max(3, WIDTH - width(head))));
  }

  /** {@code   label ......... value}, the value starting in a fixed column and wrapped under itself. */
  void line(String label, String value) {
    wrapped(1, pad(label, LABEL) + " ", value);
  }

  /** A line indented by {@code level} steps of two spaces. */
  void text(int level, String text) {
    out.println("  ".repeat(level) + text);
  }

  /**
   * Prints {@code first} then {@code text}, wrapped at {@link #WIDTH} display columns; continuation
   * lines are indented under the text. Breaks at spaces where there are any (English), anywhere
   * otherwise (Japanese).
   */
  void wrapped(int level, String first, String text) {
    String indent = "  ".repeat(level);
    String hanging = indent + " ".repeat(width(first));
    int room = Math.max(20, WIDTH - width(hanging));
    String rest = text;
    String prefix = indent + first;
    while (width(rest) > room) {
      int cut = cut(rest, room);
      out.println(prefix + rest.substring(0, cut).stripTrailing());
      rest = rest.substring(cut).stripLeading();
      prefix = hanging;
    }
    out.println(prefix + rest);
  }

  /** Where to break {@code s} so that the head fits in {@code columns}. */
  private static int cut(String s, int columns) {
    int w = 0;
    int lastSpace = -1;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int cw = wide(cp) ? 2 : 1;
      if (w + cw > columns) {
        break;
      }
      if (cp == ' ') {
        lastSpace = i;
      }
      w += cw;
      i += Character.charCount(cp);
    }
    boolean wideText = false;
    for (int j = 0; j < i; ) {
      int cp = s.codePointAt(j);
      wideText |= wide(cp);
      j += Character.charCount(cp);
    }
    // English breaks at the last space; Japanese anywhere, but not inside a short ASCII word.
    int minimum = wideText ? i - 12 : columns / 3;
    if (lastSpace > 0 && lastSpace >= minimum) {
      return lastSpace + 1;
    }
    // Kinsoku: a closing mark never starts a line; it hangs at the end of the previous one.
    while (i < s.length() && "。、，．）)」』】・ー!?！？".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    return Math.max(1, i);
  }

  void blank() {
    out.println();
  }

  /**
   * {@code [3/7] delivering reports ... 4/6}. On a terminal the line is rewritten in place; in a
   * file or a test only the finished line ({@code done == of}) is printed.
   */
  void progress(int step, int steps, String what, int done, int of) {
    String line = "[" + step + "/" + steps + "] " + what + " ... " + done + "/" + of;
    if (interactive) {
      int w = width(line);
      out.print("\r" + line + " ".repeat(Math.max(0, lastProgressWidth - w)));
      lastProgressWidth = w;
      if (done >= of) {
        out.println();
        lastProgressWidth = 0;
      }
      out.flush();
    } else if (done >= of) {
      out.println(line);
    }
  }

  /** Ends a progress line that stopped short of its total. */
  void progressAbandoned(int step, int steps, String what, int done, int of) {
    String line = "[" + step + "/" + steps + "] " + what + " ... " + done + "/" + of + " (incomplete)";
    out.println(interactive ? "\r" + line : line);
    lastProgressWidth = 0;
  }

  /** Pads to a display width, counting East Asian wide characters as two columns. */
  static String pad(String s, int columns) {
    int w = width(s);
    return w >= columns ? s : s + " ".repeat(columns - w);
  }

  /** The display width of a string in a monospaced terminal. */
  static int width(String s) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      w += wide(cp) ? 2 : 1;
      i += Character.charCount(cp);
    }
    return w;
  }

  private static boolean wide(int cp) {
    return (cp >= 0x1100 && cp <= 0x115F)
        || (cp >= 0x2E80 && cp <= 0x303E)
        || (cp >= 0x3041 && cp <= 0x33FF)
        || (cp >= 0x3400 && cp <= 0x4DBF)
        || (cp >= 0x4E00 && cp <= 0x9FFF)
        || (cp >= 0xA000 && cp <= 0xA4CF)
        || (cp >= 0xAC00 && cp <= 0xD7A3)
        || (cp >= 0xF900 && cp <= 0xFAFF)
        || (cp >= 0xFE30 && cp <= 0xFE4F)
        || (cp >= 0xFF00 && cp <= 0xFF60)
        || (cp >= 0xFFE0 && cp <= 0xFFE6);
  }
}
