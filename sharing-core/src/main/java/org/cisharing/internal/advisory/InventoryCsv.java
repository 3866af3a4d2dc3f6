package org.cisharing.internal.advisory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cisharing.Violation;
import org.cisharing.advisory.Asset;
import org.cisharing.advisory.ExposedService;
import org.cisharing.advisory.Protocol;
import org.cisharing.advisory.Reachability;
import org.cisharing.model.Role;
import org.cisharing.model.SystemKind;

/**
 * Reads the CSV form of an asset inventory (RFC 4180: comma-separated, fields with commas, quotes
 * or line breaks in double quotes). The first line names the columns, in any order and case:
 * {@code id, name, kind, vendor, product, version, cpe, purl, ownerRole, exposedServices}; only
 * {@code id} and {@code ownerRole} are required, unknown columns are ignored. {@code
 * exposedServices} lists services separated by {@code ;}, each {@code port/protocol reachability
 * [service]}, e.g. {@code 443/tcp internet vpn; 10443/tcp internet vpn}.
 */
public final class InventoryCsv {
  private static final List<String> COLUMNS = List.of(
      "id", "name", "kind", "vendor", "product", "version", "cpe", "purl", "ownerrole", "exposedservices");

  /** Assets read, and a violation per broken line ({@code line N}, with the asset id). */
  public record Result(List<Asset> assets, List<Integer> lines, List<Violation> violations) {}

  private InventoryCsv() {}

  public static Result parse(String csv) {
    List<Violation> violations = new ArrayList<>();
    List<Asset> assets = new ArrayList<>();
    List<Integer> assetLines = new ArrayList<>();
    List<Row> rows = rows(csv, violations);
    if (rows.isEmpty()) {
      if (violations.isEmpty()) {
        violations.add(new Violation("line 1", "empty file: expected a header line naming the columns"));
      }
      return new Result(assets, assetLines, violations);
    }
    Map<String, Integer> index = new HashMap<>();
    List<String> header = rows.get(0).fields;
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).trim().toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
      if (COLUMNS.contains(name)) {
        index.putIfAbsent(name, i);
      }
    }
    for (String required : new String[] {"id", "ownerrole"}) {
      if (!index.containsKey(required)) {
        violations.add(new Violation("line " + rows.get(0).line,
            "the header has no '" + (required.equals("id") ? "id" : "ownerRole") + "' column"));
      }
    }
    if (!violations.isEmpty()) {
      return new Result(assets, assetLines, violations);
    }
    for (int r = 1; r < rows.size(); r++) {
      Row row = rows.get(r);
      if (row.fields.size() == 1 && row.fields.get(0).isBlank()) {
        continue;
      }
      String id = get(row, index, "id");
      String where = "line " + row.line;
      String named = id == null ? "" : " (asset '" + id + "')";
      List<String> problems = new ArrayList<>();
      SystemKind kind = null;
      Role owner = null;
      List<ExposedService> services = new ArrayList<>();
      try {
        String k = get(row, index, "kind");
        kind = k == null ? null : SystemKind.of(k);
      } catch (IllegalArgumentException e) {
        problems.add("kind: " + e.getMessage());
      }
      String o = get(row, index, "ownerrole");
      if (o == null) {
        problems.add("ownerRole is empty");
      } else {
        try {
          owner = Role.of(o);
        } catch (IllegalArgumentException e) {
          problems.add("ownerRole: " + e.getMessage());
        }
      }
      String ex = get(row, index, "exposedservices");
      if (ex != null) {
        for (String s : ex.split(";")) {
          if (s.isBlank()) {
            continue;
          }
          try {
            services.add(service(s.trim()));
          } catch (IllegalArgumentException e) {
            problems.add("exposedServices '" + s.trim() + "': " + e.getMessage());
          }
        }
      }
      if (id == null) {
        problems.add("id is empty");
      }
      if (problems.isEmpty()) {
        try {
          assets.add(new Asset(id, get(row, index, "name"), kind, get(row, index, "vendor"),
              get(row, index, "product"), get(row, index, "version"), get(row, index, "cpe"),
              get(row, index, "purl"), owner, services));
          assetLines.add(row.line);
        } catch (IllegalArgumentException | NullPointerException e) {
          problems.add(e.getMessage());
        }
      }
      for (String p : problems) {
        violations.add(new Violation(where, p + named));
      }
    }
    return new Result(assets, assetLines, violations);
  }

  /** {@code 443/tcp internet vpn}. */
  private static ExposedService service(String s) {
    String[] parts = s.split("\\s+");
    if (parts.length < 2 || parts.length > 3) {
      throw new IllegalArgumentException("expected 'port/protocol reachability [service]'");
    }
    String[] pp = parts[0].split("/");
    if (pp.length != 2) {
      throw new IllegalArgumentException("expected port/protocol, e.g. 443/tcp");
    }
    int port;
    try {
      port = Integer.parseInt(pp[0]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port '" + pp[0] + "' is not a number");
    }
    return new ExposedService(port, Protocol.of(pp[1]), parts.length == 3 ? parts[2] : null,
        Reachability.of(parts[1]));
  }

  private static String get(Row row, Map<String, Integer> index, String column) {
    Integer i = index.get(column);
    if (i == null || i >= row.fields.size()) {
      return null;
    }
    String v = row.fields.get(i).trim();
    return v.isEmpty() ? null : v;
  }

  private static final class Row {
    final int line;
    final List<String> fields = new ArrayList<>();

    Row(int line) {
      this.line = line;
    }
  }

  private static List<Row> rows(String csv, List<Violation> violations) {
    List<Row> rows = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = csv.length();
    if (n > 0 && csv.charAt(0) == '\uFEFF') {
      i = 1; // a byte-order mark, as spreadsheet programs write it
    }
    while (i < n) {
      Row row = new Row(line);
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      boolean endOfRow = false;
      while (i < n && !endOfRow) {
        char c = csv.charAt(i);
        if (quoted) {
          if (c == '"') {
            if (i + 1 < n && csv.charAt(i + 1) == '"') {
              field.append('"');
              i++;
            } else {
              quoted = false;
            }
          } else {
            if (c == '\n') {
              line++;
            }
            field.append(c);
          }
        } else if (c == '"' && field.length() == 0) {
          quoted = true;
        } else if (c == ',') {
          row.fields.add(field.toString());
          field.setLength(0);
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && i + 1 < n && csv.charAt(i + 1) == '\n') {
            i++;
          }
          endOfRow = true;
          line++;
        } else {
          field.append(c);
        }
        i++;
      }
      if (quoted) {
        violations.add(new Violation("line " + row.line, "a quoted field is not closed"));
        return rows;
      }
      row.fields.add(field.toString());
      rows.add(row);
    }
    return rows;
  }
}
