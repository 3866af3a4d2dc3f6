package org.cisharing.advisory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cisharing.Violation;
import org.cisharing.internal.advisory.InventoryCsv;
import org.cisharing.internal.json.JsonCodec;

/**
 * The operator's assets, against which advisories are matched. Built in code ({@link #builder()},
 * {@link #of(List)}) or read from a {@code cisharing.inventory/1} JSON file ({@link #read(Path)})
 * or a CSV file ({@link #readCsv(Path)}); both formats are described in {@code
 * docs/handbook/en/advisories.md}.
 *
 * <p>Immutable and thread-safe; asset ids are unique.
 *
 * @since 0.1.0
 */
public final class AssetInventory {
  /** The schema name of the inventory file format. */
  public static final String SCHEMA = "cisharing.inventory/1";

  private final List<Asset> assets;
  private final Map<String, Asset> byId;

  private AssetInventory(List<Asset> assets, Map<String, Asset> byId) {
    this.assets = assets;
    this.byId = byId;
  }

  /**
   * An inventory of these assets.
   *
   * @throws InventoryFormatException when two assets share an id, naming each duplicate
   */
  public static AssetInventory of(List<Asset> assets) {
    Objects.requireNonNull(assets, "assets");
    Map<String, Asset> byId = new LinkedHashMap<>();
    List<Violation> v = new ArrayList<>();
    for (int i = 0; i < assets.size(); i++) {
      Asset a = Objects.requireNonNull(assets.get(i), "assets[" + i + "]");
      if (byId.putIfAbsent(a.id(), a) != null) {
        v.add(new Violation("/assets/" + i + "/id", "duplicate asset id '" + a.id() + "'"));
      }
    }
    if (!v.isEmpty()) {
      throw new InventoryFormatException("asset inventory", v);
    }
    return new AssetInventory(List.copyOf(assets), Collections.unmodifiableMap(byId));
  }

  /** A builder collecting assets. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads a {@code cisharing.inventory/1} JSON file.
   *
   * @throws InventoryFormatException listing every broken entry with its pointer and asset id
   * @throws UncheckedIOException when the file cannot be read
   */
  public static AssetInventory read(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read asset inventory " + file, e);
    }
  }

  /**
   * Reads a {@code cisharing.inventory/1} JSON document.
   *
   * @throws InventoryFormatException listing every broken entry with its pointer and asset id
   */
  public static AssetInventory parse(String json) {
    return parse(json, "asset inventory");
  }

  private static AssetInventory parse(String json, String what) {
    Objects.requireNonNull(json, "json");
    JsonNode root;
    try {
      root = JsonCodec.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr();
      throw new InventoryFormatException(what,
          List.of(new Violation("", "malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()))));
    }
    if (root == null || !root.isObject()) {
      throw new InventoryFormatException(what, List.of(new Violation("", "expected a JSON object")));
    }
    JsonNode schema = root.get("schema");
    if (schema == null || !SCHEMA.equals(schema.asText())) {
      throw new InventoryFormatException(what, List.of(new Violation("/schema",
          "expected '" + SCHEMA + "', found " + (schema == null ? "nothing" : "'" + schema.asText() + "'"))));
    }
    JsonNode list = root.get("assets");
    if (!(list instanceof ArrayNode)) {
      throw new InventoryFormatException(what, List.of(new Violation("/assets", "expected an array of assets")));
    }
    List<Asset> assets = new ArrayList<>();
    List<Violation> v = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode node = list.get(i);
      String id = node.path("id").isTextual() ? node.path("id").asText() : null;
      String where = "/assets/" + i;
      String named = id == null ? "" : " (asset '" + id + "')";
      try {
        Asset a = JsonCodec.mapper().treeToValue(node, Asset.class);
        Integer earlier = seen.putIfAbsent(a.id(), i);
        if (earlier != null) {
          v.add(new Violation(where + "/id", "duplicate asset id '" + a.id() + "', first at /assets/" + earlier));
        } else {
          assets.add(a);
        }
      } catch (JsonMappingException e) {
        String sub = JsonCodec.pointer(e.getPath());
        Throwable cause = e.getCause();
        String msg = cause instanceof IllegalArgumentException || cause instanceof NullPointerException
            ? (cause instanceof NullPointerException ? "required field missing: " : "") + cause.getMessage()
            : firstLine(e.getOriginalMessage());
        v.add(new Violation(where + sub, msg + named));
      } catch (JsonProcessingException | IllegalArgumentException e) {
        v.add(new Violation(where, firstLine(e.getMessage()) + named));
      }
    }
    if (!v.isEmpty()) {
      throw new InventoryFormatException(what, v);
    }
    return of(assets);
  }

  /**
   * Reads the CSV form of an inventory: a header line naming the columns ({@code id, name, kind,
   * vendor, product, version, cpe, purl, ownerRole, exposedServices}; {@code id} and {@code
   * ownerRole} required), then one asset per line; {@code exposedServices} is a {@code ;}-separated
   * list of {@code port/protocol reachability [service]}, e.g. {@code 443/tcp internet vpn}.
   *
   * @throws InventoryFormatException listing every broken line ({@code line 5 (asset 'gw-01')})
   * @throws UncheckedIOException when the file cannot be read
   */
  public static AssetInventory readCsv(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      return parseCsv(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read asset inventory " + file, e);
    }
  }

  /**
   * Reads the CSV form of an inventory; see {@link #readCsv(Path)}.
   *
   * @throws InventoryFormatException listing every broken line
   */
  public static AssetInventory parseCsv(String csv) {
    return parseCsv(Objects.requireNonNull(csv, "csv"), "asset inventory (CSV)");
  }

  private static AssetInventory parseCsv(String csv, String what) {
    InventoryCsv.Result r = InventoryCsv.parse(csv);
    List<Violation> v = new ArrayList<>(r.violations());
    Map<String, Integer> seen = new LinkedHashMap<>();
    List<Asset> assets = new ArrayList<>();
    for (int i = 0; i < r.assets().size(); i++) {
      Asset a = r.assets().get(i);
      Integer earlier = seen.putIfAbsent(a.id(), r.lines().get(i));
      if (earlier != null) {
        v.add(new Violation("line " + r.lines().get(i), "duplicate asset id '" + a.id() + "', first on line " + earlier));
      } else {
        assets.add(a);
      }
    }
    if (!v.isEmpty()) {
      throw new InventoryFormatException(what, v);
    }
    return of(assets);
  }

  /** Writes this inventory as a {@code cisharing.inventory/1} JSON document. */
  public String toJson() {
    ObjectNode doc = JsonCodec.mapper().createObjectNode();
    doc.put("schema", SCHEMA);
    doc.set("assets", JsonCodec.mapper().valueToTree(assets));
    try {
      return JsonCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every asset, in the order given. */
  public List<Asset> assets() {
    return assets;
  }

  /** The asset with this id. */
  public Optional<Asset> asset(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public int size() {
    return assets.size();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Collects assets; not thread-safe. */
  public static final class Builder {
    private final List<Asset> assets = new ArrayList<>();

    Builder() {}

    public Builder add(Asset asset) {
      assets.add(Objects.requireNonNull(asset, "asset"));
      return this;
    }

    /**
     * Builds the inventory.
     *
     * @throws InventoryFormatException when two assets share an id
     */
    public AssetInventory build() {
      return of(assets);
    }
  }
}
