package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Locale;
import java.util.Objects;

/**
 * A range of affected versions with at most one lower bound ({@code gte} or {@code gt}) and at
 * most one upper bound ({@code lte} or {@code lt}); no bound at all means every version. Versions
 * are vendor strings such as {@code R6.11.10} or {@code 1.04E}, compared by the asset matcher
 * token by token; a range it cannot compare with certainty yields a possible match, never a miss.
 *
 * @param gte inclusive lower bound, or {@code null}
 * @param gt exclusive lower bound, or {@code null}
 * @param lte inclusive upper bound, or {@code null}
 * @param lt exclusive upper bound, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VersionRange(String gte, String gt, String lte, String lt) {
  /** Every version. */
  public static final VersionRange ALL = new VersionRange(null, null, null, null);

  public VersionRange {
    gte = blankToNull(gte);
    gt = blankToNull(gt);
    lte = blankToNull(lte);
    lt = blankToNull(lt);
    if (gte != null && gt != null) {
      throw new IllegalArgumentException("a version range has at most one lower bound (gte or gt)");
    }
    if (lte != null && lt != null) {
      throw new IllegalArgumentException("a version range has at most one upper bound (lte or lt)");
    }
  }

  /** Versions from {@code from} up to and including {@code to}. */
  public static VersionRange between(String from, String to) {
    return new VersionRange(Objects.requireNonNull(from, "from"), null, Objects.requireNonNull(to, "to"), null);
  }

  /** Versions below {@code fixed}. */
  public static VersionRange below(String fixed) {
    return new VersionRange(null, null, null, Objects.requireNonNull(fixed, "fixed"));
  }

  /**
   * Parses the constraint syntax used by CSAF product version ranges and by {@link #toString()}:
   * {@code >=R6.01.00|<=R6.11.10}, {@code <6.2.3.0}, {@code =1.0}, {@code *}, and the {@code
   * vers:} form ({@code vers:all/*}, {@code vers:generic/>=1.0|<2.0}).
   *
   * @throws IllegalArgumentException when the expression is empty, uses another operator
   *     ({@code !=}), or names two lower or two upper bounds
   */
  public static VersionRange parse(String expression) {
    Objects.requireNonNull(expression, "expression");
    String s = expression.trim();
    if (s.toLowerCase(Locale.ROOT).startsWith("vers:")) {
      int slash = s.indexOf('/');
      if (slash < 0) {
        throw new IllegalArgumentException("vers expression without '/': " + expression);
      }
      s = s.substring(slash + 1).trim();
    }
    if (s.equals("*")) {
      return ALL;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty version range");
    }
    String gte = null;
    String gt = null;
    String lte = null;
    String lt = null;
    for (String part : s.split("\\|")) {
      String c = part.trim();
      String op;
      if (c.startsWith(">=") || c.startsWith("<=") || c.startsWith("!=")) {
        op = c.substring(0, 2);
      } else if (c.startsWith(">") || c.startsWith("<") || c.startsWith("=")) {
        op = c.substring(0, 1);
      } else {
        op = "=";
        c = "=" + c;
      }
      String v = c.substring(op.length()).trim();
      if (v.isEmpty() || v.contains(" ")) {
        throw new IllegalArgumentException("cannot read version constraint '" + part.trim() + "' in '" + expression + "'");
      }
      boolean lower = op.equals(">=") || op.equals(">") || op.equals("=");
      boolean upper = op.equals("<=") || op.equals("<") || op.equals("=");
      if (op.equals("!=")) {
        throw new IllegalArgumentException("unsupported version constraint '" + part.trim() + "' in '" + expression + "'");
      }
      if (lower && (gte != null || gt != null) || upper && (lte != null || lt != null)) {
        throw new IllegalArgumentException("more than one lower or upper bound in '" + expression + "'");
      }
      switch (op) {
        case ">=": gte = v; break;
        case ">": gt = v; break;
        case "<=": lte = v; break;
        case "<": lt = v; break;
        default: gte = v; lte = v; break;
      }
    }
    return new VersionRange(gte, gt, lte, lt);
  }

  /** Whether this range has no bound, i.e. covers every version. */
  @JsonIgnore
  public boolean isAll() {
    return gte == null && gt == null && lte == null && lt == null;
  }

  /** The constraint syntax {@link #parse(String)} reads, e.g. {@code >=R6.01.00|<=R6.11.10}. */
  @Override
  public String toString() {
    if (isAll()) {
      return "*";
    }
    if (gte != null && gte.equals(lte)) {
      return "=" + gte;
    }
    StringBuilder sb = new StringBuilder();
    if (gte != null) {
      sb.append(">=").append(gte);
    } else if (gt != null) {
      sb.append('>').append(gt);
    }
    if (lte != null || lt != null) {
      sb.append(sb.length() > 0 ? "|" : "").append(lte != null ? "<=" + lte : "<" + lt);
    }
    return sb.toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
