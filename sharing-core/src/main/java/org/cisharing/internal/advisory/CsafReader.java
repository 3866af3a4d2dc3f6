package org.cisharing.internal.advisory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cisharing.Violation;
import org.cisharing.advisory.ActionItem;
import org.cisharing.advisory.ActionPriority;
import org.cisharing.advisory.Addressee;
import org.cisharing.advisory.Advisory;
import org.cisharing.advisory.AdvisoryValidationException;
import org.cisharing.advisory.AffectedProduct;
import org.cisharing.advisory.Affects;
import org.cisharing.advisory.CsafFormatException;
import org.cisharing.advisory.Issuer;
import org.cisharing.advisory.IssuerKind;
import org.cisharing.advisory.Reference;
import org.cisharing.advisory.ReferenceType;
import org.cisharing.advisory.Severity;
import org.cisharing.advisory.VersionRange;
import org.cisharing.internal.json.JsonCodec;
import org.cisharing.model.LocalizedText;
import org.cisharing.model.Role;
import org.cisharing.model.Tlp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the CSAF 2.0 fields an advisory needs; see {@code CsafAdvisories}. */
public final class CsafReader {
  private static final Logger LOG = LoggerFactory.getLogger(CsafReader.class);

  /** What the product tree says about one product id. */
  private record ProductInfo(
      String id, String vendor, String product, String versionKind, String version, String cpe, String purl,
      String fullName) {}

  private final List<Violation> violations = new ArrayList<>();
  private final Map<String, ProductInfo> products = new LinkedHashMap<>();
  private final Map<String, List<String>> groups = new HashMap<>();
  /** Component product id to the ids of the relationships that install it somewhere. */
  private final Map<String, List<String>> installedAs = new HashMap<>();

  private CsafReader() {}

  public static Advisory read(String json, Role role) {
    JsonNode root;
    try {
      root = JsonCodec.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr();
      String msg = e.getOriginalMessage();
      int nl = msg == null ? -1 : msg.indexOf('\n');
      throw new CsafFormatException("CSAF document",
          List.of(new Violation("", "malformed JSON" + where + ": " + (nl < 0 ? msg : msg.substring(0, nl)))));
    }
    if (root == null || !root.isObject()) {
      throw new CsafFormatException("CSAF document", List.of(new Violation("", "expected a JSON object")));
    }
    return new CsafReader().convert(root, role);
  }

  private Advisory convert(JsonNode root, Role explicitRole) {
    JsonNode doc = root.path("document");
    if (!doc.isObject()) {
      fail("/document", "required object is missing");
      throw new CsafFormatException("CSAF document", violations);
    }
    String csafVersion = text(doc, "/document/csaf_version", false);
    if (csafVersion != null && !csafVersion.equals("2.0")) {
      fail("/document/csaf_version", "expected '2.0', found '" + csafVersion + "'");
    }
    String title = text(doc, "/document/title", true);
    JsonNode tracking = doc.path("tracking");
    String trackingId = text(tracking, "/document/tracking/id", true);
    String version = text(tracking, "/document/tracking/version", true);
    String released = text(tracking, "/document/tracking/current_release_date", true);
    OffsetDateTime issuedAt = null;
    if (released != null) {
      try {
        issuedAt = OffsetDateTime.parse(released, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
      } catch (DateTimeParseException e) {
        fail("/document/tracking/current_release_date", "not an RFC 3339 date-time: '" + released + "'");
      }
    }
    JsonNode publisher = doc.path("publisher");
    String publisherName = text(publisher, "/document/publisher/name", true);
    String publisherCategory = text(publisher, "/document/publisher/category", false);
    String namespace = text(publisher, "/document/publisher/namespace", false);
    Tlp tlp = tlp(doc);
    int revision = revision(version, tracking);

    LocalizedText summary = null;
    LocalizedText background = null;
    JsonNode notes = array(doc, "notes", "/document/notes");
    List<String> descriptions = new ArrayList<>();
    for (int i = 0; i < notes.size(); i++) {
      JsonNode note = notes.get(i);
      String category = text(note, "/document/notes/" + i + "/category", true);
      String text = text(note, "/document/notes/" + i + "/text", true);
      if (category == null || text == null) {
        continue;
      }
      if (category.equals("summary") && summary == null) {
        summary = LocalizedText.en(text);
      } else if (category.equals("description")) {
        descriptions.add(text);
      }
    }
    if (!descriptions.isEmpty()) {
      background = LocalizedText.en(String.join("\n\n", descriptions));
    }
    if (summary == null) {
      summary = background != null ? background : title == null ? null : LocalizedText.en(title);
      if (summary == background) {
        background = null;
      }
    }

    List<Reference> references = new ArrayList<>();
    JsonNode refs = array(doc, "references", "/document/references");
    for (int i = 0; i < refs.size(); i++) {
      String url = text(refs.get(i), "/document/references/" + i + "/url", true);
      if (url != null) {
        URI uri = uri(url, "/document/references/" + i + "/url");
        if (uri != null) {
          boolean self = "self".equals(refs.get(i).path("category").asText());
          boolean csaf = self && url.toLowerCase(Locale.ROOT).endsWith(".json");
          Reference r = new Reference(csaf ? ReferenceType.CSAF : ReferenceType.URL, null, uri);
          if (!references.contains(r)) {
            references.add(r);
          }
        }
      }
    }

    readProductTree(root.path("product_tree"));

    // known_affected product ids across every vulnerability, in order of appearance.
    Set<String> affected = new LinkedHashSet<>();
    Severity severity = aggregateSeverity(doc);
    Severity cvss = null;
    Map<String, Remediation> remediations = new LinkedHashMap<>();
    JsonNode vulns = array(root, "vulnerabilities", "/vulnerabilities");
    for (int i = 0; i < vulns.size(); i++) {
      JsonNode v = vulns.get(i);
      String p = "/vulnerabilities/" + i;
      if (!v.isObject()) {
        fail(p, "expected an object");
        continue;
      }
      String cve = text(v, p + "/cve", false);
      if (cve != null) {
        if (!cve.matches("CVE-\\d{4}-\\d{4,}")) {
          fail(p + "/cve", "not a CVE id: '" + cve + "'");
        } else if (!references.contains(Reference.cve(cve))) {
          references.add(Reference.cve(cve));
        }
      }
      JsonNode ids = array(v, "ids", p + "/ids");
      for (int j = 0; j < ids.size(); j++) {
        String system = ids.get(j).path("system_name").asText("");
        String idText = ids.get(j).path("text").asText("");
        if (system.toUpperCase(Locale.ROOT).contains("JVN") && !idText.isBlank()) {
          Reference r = new Reference(ReferenceType.JVN, idText, null);
          if (!references.contains(r)) {
            references.add(r);
          }
        }
      }
      JsonNode status = v.path("product_status");
      for (String key : new String[] {"known_affected", "first_affected", "last_affected"}) {
        JsonNode list = array(status, key, p + "/product_status/" + key);
        for (int j = 0; j < list.size(); j++) {
          String pid = list.get(j).asText();
          if (!products.containsKey(pid)) {
            fail(p + "/product_status/" + key + "/" + j, "product id '" + pid + "' is not in the product_tree");
          } else {
            affected.add(pid);
          }
        }
      }
      JsonNode scores = array(v, "scores", p + "/scores");
      for (int j = 0; j < scores.size(); j++) {
        for (String cvssKey : new String[] {"cvss_v3", "cvss_v2"}) {
          String base = scores.get(j).path(cvssKey).path("baseSeverity").asText(null);
          Severity s = severityOf(base);
          if (s != null && (cvss == null || s.compareTo(cvss) < 0)) {
            cvss = s;
          }
        }
      }
      JsonNode rems = array(v, "remediations", p + "/remediations");
      for (int j = 0; j < rems.size(); j++) {
        JsonNode r = rems.get(j);
        String rp = p + "/remediations/" + j;
        String category = text(r, rp + "/category", true);
        String details = text(r, rp + "/details", true);
        if (category == null || details == null) {
          continue;
        }
        if (!List.of("vendor_fix", "mitigation", "workaround", "none_available", "no_fix_planned")
            .contains(category)) {
          fail(rp + "/category", "unknown remediation category '" + category + "'");
          continue;
        }
        String url = r.path("url").asText(null);
        Remediation rem = remediations.computeIfAbsent(category + '\u0000' + details + '\u0000' + url,
            k -> new Remediation(category, details, url));
        JsonNode pids = array(r, "product_ids", rp + "/product_ids");
        for (int k = 0; k < pids.size(); k++) {
          rem.productIds.add(pids.get(k).asText());
        }
        JsonNode gids = array(r, "group_ids", rp + "/group_ids");
        for (int k = 0; k < gids.size(); k++) {
          List<String> members = groups.get(gids.get(k).asText());
          if (members == null) {
            fail(rp + "/group_ids/" + k, "product group '" + gids.get(k).asText() + "' is not in the product_tree");
          } else {
            rem.productIds.addAll(members);
          }
        }
      }
    }
    if (severity == null) {
      severity = cvss != null ? cvss : Severity.MEDIUM;
    }

    List<AffectedProduct> affectedProducts = new ArrayList<>();
    for (String pid : affected) {
      AffectedProduct ap = toAffected(products.get(pid));
      if (ap != null) {
        affectedProducts.add(ap);
      }
    }
    Set<String> affectedIds = new LinkedHashSet<>();
    for (AffectedProduct ap : affectedProducts) {
      affectedIds.add(ap.id());
    }

    Role role = explicitRole != null ? explicitRole
        : trackingId != null && trackingId.toUpperCase(Locale.ROOT).matches("ICS(M)?A-.*") ? Role.CONTROL_SYSTEM
        : Role.SYSTEM_ADMIN;
    List<ActionItem> actions = new ArrayList<>();
    int n = 0;
    for (Remediation rem : remediations.values()) {
      List<String> appliesTo = new ArrayList<>();
      for (String pid : rem.productIds) {
        // A remediation for a component also applies where a relationship installs it.
        List<String> ids = new ArrayList<>();
        ids.add(pid);
        ids.addAll(installedAs.getOrDefault(pid, List.of()));
        for (String id : ids) {
          if (affectedIds.contains(id) && !appliesTo.contains(id)) {
            appliesTo.add(id);
          }
        }
      }
      if (appliesTo.isEmpty() && !rem.productIds.isEmpty()) {
        continue; // only about products that are not affected (e.g. already fixed)
      }
      String text = label(rem.category) + ": " + rem.details + (rem.url == null ? "" : " (" + rem.url + ")");
      actions.add(new ActionItem("remediation-" + (++n), LocalizedText.en(text), priority(rem.category), null,
          appliesTo));
    }

    if (!violations.isEmpty()) {
      throw new CsafFormatException("CSAF document" + (trackingId == null ? "" : " " + trackingId), violations);
    }
    try {
      return toAdvisory(trackingId, revision, publisherName, publisherCategory, namespace, issuedAt, title, summary,
          background, severity, tlp, role, actions, affectedProducts, references);
    } catch (AdvisoryValidationException e) {
      throw new CsafFormatException("CSAF document " + trackingId + " (as converted to an advisory)", e.violations());
    }
  }

  private static Advisory toAdvisory(String trackingId, int revision, String publisherName, String publisherCategory,
      String namespace, OffsetDateTime issuedAt, String title, LocalizedText summary, LocalizedText background,
      Severity severity, Tlp tlp, Role role, List<ActionItem> actions, List<AffectedProduct> affectedProducts,
      List<Reference> references) {
    return Advisory.builder()
        .id(trackingId.replaceAll("[^A-Za-z0-9._:#/-]", "-"))
        .revision(revision)
        .issuer(new Issuer(publisherName, issuerKind(publisherCategory, namespace)))
        .issuedAt(issuedAt)
        .title(LocalizedText.en(title))
        .summary(summary)
        .background(background)
        .severity(severity)
        .tlp(tlp)
        .addAddressee(new Addressee(role, actions))
        .affects(new Affects(affectedProducts, List.of()))
        .references(references)
        .build();
  }

  private static final class Remediation {
    final String category;
    final String details;
    final String url;
    final Set<String> productIds = new LinkedHashSet<>();

    Remediation(String category, String details, String url) {
      this.category = category;
      this.details = details;
      this.url = url;
    }
  }

  private void readProductTree(JsonNode tree) {
    if (tree.isMissingNode()) {
      return;
    }
    if (!tree.isObject()) {
      fail("/product_tree", "expected an object");
      return;
    }
    JsonNode branches = array(tree, "branches", "/product_tree/branches");
    for (int i = 0; i < branches.size(); i++) {
      walk(branches.get(i), "/product_tree/branches/" + i, null, null, null, null);
    }
    JsonNode full = array(tree, "full_product_names", "/product_tree/full_product_names");
    for (int i = 0; i < full.size(); i++) {
      product(full.get(i), "/product_tree/full_product_names/" + i, null, null, null, null);
    }
    JsonNode rels = array(tree, "relationships", "/product_tree/relationships");
    for (int i = 0; i < rels.size(); i++) {
      JsonNode r = rels.get(i);
      String p = "/product_tree/relationships/" + i;
      String ref = text(r, p + "/product_reference", true);
      String id = text(r.path("full_product_name"), p + "/full_product_name/product_id", true);
      String name = r.path("full_product_name").path("name").asText(null);
      if (ref == null || id == null) {
        continue;
      }
      ProductInfo component = products.get(ref);
      if (component == null) {
        fail(p + "/product_reference", "product id '" + ref + "' is not in the product_tree");
        continue;
      }
      // The affected thing in a relationship is the component (product_reference) as installed.
      installedAs.computeIfAbsent(ref, k -> new ArrayList<>()).add(id);
      products.put(id, new ProductInfo(id, component.vendor, component.product, component.versionKind,
          component.version, component.cpe, component.purl, name));
    }
    JsonNode groupList = array(tree, "product_groups", "/product_tree/product_groups");
    for (int i = 0; i < groupList.size(); i++) {
      String gid = groupList.get(i).path("group_id").asText(null);
      List<String> members = new ArrayList<>();
      groupList.get(i).path("product_ids").forEach(x -> members.add(x.asText()));
      if (gid == null) {
        fail("/product_tree/product_groups/" + i + "/group_id", "required");
      } else {
        groups.put(gid, members);
      }
    }
  }

  private void walk(JsonNode branch, String p, String vendor, String product, String versionKind, String version) {
    if (!branch.isObject()) {
      fail(p, "expected an object");
      return;
    }
    String category = text(branch, p + "/category", true);
    String name = text(branch, p + "/name", true);
    if (category == null || name == null) {
      return;
    }
    switch (category) {
      case "vendor":
        vendor = name;
        break;
      case "product_name":
        product = name;
        break;
      case "product_family":
        product = product == null ? name : product;
        break;
      case "product_version":
      case "product_version_range":
        versionKind = category;
        version = name;
        break;
      default:
        break;
    }
    if (branch.has("product")) {
      product(branch.get("product"), p + "/product", vendor, product, versionKind, version);
    }
    JsonNode children = array(branch, "branches", p + "/branches");
    for (int i = 0; i < children.size(); i++) {
      walk(children.get(i), p + "/branches/" + i, vendor, product, versionKind, version);
    }
  }

  private void product(JsonNode node, String p, String vendor, String product, String versionKind, String version) {
    String id = text(node, p + "/product_id", true);
    String name = text(node, p + "/name", true);
    if (id == null) {
      return;
    }
    JsonNode helper = node.path("product_identification_helper");
    String cpe = helper.path("cpe").asText(null);
    String purl = helper.path("purl").asText(null);
    products.put(id, new ProductInfo(id, vendor, product, versionKind, version, cpe, purl, name));
  }

  private AffectedProduct toAffected(ProductInfo info) {
    AffectedProduct.Builder b = AffectedProduct.builder().id(info.id).vendor(info.vendor).product(info.product)
        .cpe(info.cpe).purl(info.purl);
    if (info.version == null) {
      if (info.cpe == null && info.purl == null) {
        // A full product name without vendor/product/version structure: keep it as a version we cannot read.
        if (info.vendor == null || info.product == null) {
          LOG.warn("CSAF product {} ('{}') has no vendor and product branch, CPE or purl; it cannot be matched",
              info.id, info.fullName);
          return null;
        }
        b.addUnparsedRange("(no version given: " + info.fullName + ")");
      }
    } else if ("product_version".equals(info.versionKind)) {
      b.addVersion(info.version);
    } else {
      try {
        b.addRange(VersionRange.parse(info.version));
      } catch (IllegalArgumentException e) {
        b.addUnparsedRange(info.version);
      }
    }
    return b.build();
  }

  private Tlp tlp(JsonNode doc) {
    JsonNode label = doc.path("distribution").path("tlp").path("label");
    if (label.isMissingNode()) {
      return Tlp.AMBER;
    }
    switch (label.asText()) {
      case "WHITE":
        return Tlp.CLEAR;
      case "GREEN":
        return Tlp.GREEN;
      case "AMBER":
        return Tlp.AMBER;
      case "RED":
        return Tlp.RED;
      default:
        fail("/document/distribution/tlp/label",
            "expected a TLP v1 label (WHITE, GREEN, AMBER, RED), found '" + label.asText() + "'");
        return Tlp.AMBER;
    }
  }

  private int revision(String version, JsonNode tracking) {
    if (version == null) {
      return 1;
    }
    if (version.matches("[0-9]{1,9}")) {
      return Math.max(1, Integer.parseInt(version));
    }
    if (version.matches("[0-9]+\\.[0-9]+\\.[0-9]+([-+].*)?")) {
      // Semantic versioning: the revision is the count of revision-history entries.
      return Math.max(1, tracking.path("revision_history").size());
    }
    fail("/document/tracking/version", "expected an integer or a semantic version, found '" + version + "'");
    return 1;
  }

  private static Severity aggregateSeverity(JsonNode doc) {
    return severityOf(doc.path("aggregate_severity").path("text").asText(null));
  }

  private static Severity severityOf(String text) {
    if (text == null) {
      return null;
    }
    switch (text.trim().toUpperCase(Locale.ROOT)) {
      case "CRITICAL":
        return Severity.CRITICAL;
      case "HIGH":
      case "IMPORTANT":
        return Severity.HIGH;
      case "MEDIUM":
      case "MODERATE":
        return Severity.MEDIUM;
      case "LOW":
        return Severity.LOW;
      case "NONE":
        return Severity.INFO;
      default:
        return null;
    }
  }

  private static IssuerKind issuerKind(String category, String namespace) {
    if (namespace != null && namespace.toLowerCase(Locale.ROOT).contains("jpcert")) {
      return IssuerKind.JPCERT;
    }
    return "vendor".equals(category) ? IssuerKind.VENDOR : IssuerKind.OTHER;
  }

  private static ActionPriority priority(String category) {
    switch (category) {
      case "vendor_fix":
      case "none_available":
      case "no_fix_planned":
        return ActionPriority.HIGH;
      default:
        return ActionPriority.MEDIUM;
    }
  }

  private static String label(String category) {
    switch (category) {
      case "vendor_fix":
        return "Vendor fix";
      case "mitigation":
        return "Mitigation";
      case "workaround":
        return "Workaround";
      case "none_available":
        return "No fix available";
      default:
        return "No fix planned";
    }
  }

  private URI uri(String s, String pointer) {
    try {
      URI u = new URI(s);
      if (u.getScheme() == null) {
        fail(pointer, "not an absolute URL: '" + s + "'");
        return null;
      }
      return u;
    } catch (URISyntaxException e) {
      fail(pointer, "not a URL: '" + s + "'");
      return null;
    }
  }

  private String text(JsonNode node, String pointer, boolean required) {
    String field = pointer.substring(pointer.lastIndexOf('/') + 1);
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      if (required) {
        fail(pointer, "required");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      fail(pointer, "expected a non-empty string");
      return null;
    }
    return v.asText();
  }

  private JsonNode array(JsonNode node, String field, String pointer) {
    JsonNode v = node.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return JsonCodec.mapper().createArrayNode();
    }
    if (!v.isArray()) {
      fail(pointer, "expected an array");
      return JsonCodec.mapper().createArrayNode();
    }
    return v;
  }

  private void fail(String pointer, String message) {
    violations.add(new Violation(pointer, message));
  }
}
