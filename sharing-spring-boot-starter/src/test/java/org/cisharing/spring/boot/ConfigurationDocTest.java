package org.cisharing.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps the property table of {@code docs/configuration.md} equal to the configuration metadata
 * that {@code spring-boot-configuration-processor} generates from {@link SharingProperties}'
 * Javadoc. When it fails, regenerate with {@code -Dsharing.docs.update=true}.
 */
class ConfigurationDocTest {
  static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");
  static final Path DOC = Path.of("../docs/configuration.md");
  static final String BEGIN = "<!-- BEGIN GENERATED: property table, from ConfigurationDocTest -->";
  static final String END = "<!-- END GENERATED -->";

  /** Nested properties of list elements, which the metadata does not describe. */
  static final Map<String, String[]> CONTACT_FIELDS = new LinkedHashMap<>();

  static {
    CONTACT_FIELDS.put("sharing.operator.contacts[n].name", new String[] {"String", "", "Person or desk name (required)."});
    CONTACT_FIELDS.put("sharing.operator.contacts[n].email", new String[] {"String", "", "E-mail address (email or phone required)."});
    CONTACT_FIELDS.put("sharing.operator.contacts[n].phone", new String[] {"String", "", "Phone number."});
    CONTACT_FIELDS.put("sharing.operator.contacts[n].available24h", new String[] {"Boolean", "`false`",
        "Whether the contact is reachable around the clock (24時間連絡先)."});
  }

  @Test
  void configurationReferenceMatchesTheMetadata() throws IOException {
    String table = table(new ObjectMapper().readTree(METADATA.toFile()));
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("%s has the marker %s", DOC, BEGIN).isNotNegative();
    assertThat(end).as("%s has the marker %s", DOC, END).isGreaterThan(begin);
    String expected = doc.substring(0, begin + BEGIN.length()) + "\n" + table + doc.substring(end);
    if (!expected.equals(doc) && Boolean.getBoolean("sharing.docs.update")) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
      doc = expected;
    }
    assertThat(doc).as("docs/configuration.md is out of date; regenerate it with ./mvnw -B -pl "
        + "sharing-spring-boot-starter -am verify -Dtest=ConfigurationDocTest "
        + "-Dsurefire.failIfNoSpecifiedTests=false -Dsharing.docs.update=true").isEqualTo(expected);
  }

  @Test
  void metadataDescribesEveryProperty() throws IOException {
    JsonNode metadata = new ObjectMapper().readTree(METADATA.toFile());
    List<String> undocumented = new ArrayList<>();
    for (JsonNode p : metadata.get("properties")) {
      if (p.path("description").asText("").isBlank()) {
        undocumented.add(p.get("name").asText());
      }
    }
    assertThat(undocumented).isEmpty();
    assertThat(metadata.get("properties")).extracting(p -> p.get("name").asText()).contains(
        "sharing.hub.url", "sharing.hub.token", "sharing.hub.allow-insecure-loopback", "sharing.hub.ssl.bundle",
        "sharing.hub.connect-timeout", "sharing.hub.read-timeout", "sharing.hub.call-timeout",
        "sharing.operator.name", "sharing.operator.id", "sharing.operator.sector", "sharing.operator.contacts",
        "sharing.outbox.directory", "sharing.outbox.max-entries", "sharing.outbox.max-bytes",
        "sharing.outbox.close-timeout", "sharing.outbox.delivery-concurrency", "sharing.outbox.store",
        "sharing.retry.initial-backoff", "sharing.retry.max-backoff", "sharing.retry.max-retry-after",
        "sharing.retry.jitter", "sharing.test.mock-hub",
        "sharing.classification.rules-location",
        "sharing.tracking.correlation-window", "sharing.tracking.initial-hold", "sharing.tracking.update-interval",
        "sharing.tracking.periodic-update", "sharing.tracking.quiet-period", "sharing.tracking.max-open-incidents",
        "sharing.tracking.queue-capacity", "sharing.tracking.approval-mode", "sharing.tracking.tlp",
        "sharing.tracking.onward-sharing", "sharing.tracking.consent-to-national-centre", "sharing.tracking.zone",
        "sharing.assets.location",
        "sharing.advisories.enabled", "sharing.advisories.trusted-keys", "sharing.advisories.verification",
        "sharing.advisories.poll-interval", "sharing.advisories.reconcile-interval", "sharing.advisories.page-limit",
        "sharing.advisories.state-directory", "sharing.advisories.clearances", "sharing.advisories.default-clearance",
        "sharing.advisories.default-role", "sharing.advisories.max-attempts", "sharing.advisories.webhook.enabled",
        "sharing.advisories.webhook.path");
  }

  static String table(JsonNode metadata) {
    Map<String, List<JsonNode>> groups = new LinkedHashMap<>();
    List<JsonNode> sorted = new ArrayList<>();
    metadata.get("properties").forEach(sorted::add);
    sorted.sort((a, b) -> order(a.get("name").asText()).compareTo(order(b.get("name").asText())));
    for (JsonNode p : sorted) {
      String name = p.get("name").asText();
      groups.computeIfAbsent(name.substring(0, name.lastIndexOf('.')), k -> new ArrayList<>()).add(p);
    }
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<JsonNode>> group : groups.entrySet()) {
      sb.append("\n### `").append(group.getKey()).append("`\n\n");
      sb.append("| Property | Type | Default | Description |\n|---|---|---|---|\n");
      for (JsonNode p : group.getValue()) {
        String name = p.get("name").asText();
        row(sb, name, type(p), defaultValue(p), p.path("description").asText());
        if (name.equals("sharing.operator.contacts")) {
          CONTACT_FIELDS.forEach((n, v) -> row(sb, n, v[0], v[1], v[2]));
        }
      }
    }
    return sb.append('\n').toString();
  }

  /** Groups in the order a reader needs them; properties alphabetically within a group. */
  private static String order(String name) {
    String[] first = {"sharing.hub.", "sharing.outbox.", "sharing.retry.", "sharing.operator.", "sharing.tracking.",
      "sharing.classification.", "sharing.advisories.", "sharing.assets.", "sharing.test.", "management."};
    for (int i = 0; i < first.length; i++) {
      if (name.startsWith(first[i])) {
        String rest = name.substring(first[i].length());
        return (char) ('a' + i) + (rest.contains(".") ? "1" : "0") + rest;
      }
    }
    return "z" + name;
  }

  private static void row(StringBuilder sb, String name, String type, String def, String description) {
    sb.append("| `").append(name).append("` | ").append(type).append(" | ").append(def).append(" | ")
        .append(description.replace("|", "\\|").replace("\n", " ")).append(" |\n");
  }

  private static String type(JsonNode p) {
    String t = p.path("type").asText("");
    if (t.endsWith("SharingProperties$Store")) {
      return "`file` \\| `segment` \\| `jdbc`";
    }
    if (t.startsWith("java.util.List<")) {
      return "List of contacts";
    }
    if (t.startsWith("java.util.Map<")) {
      return "Map of role code to TLP label";
    }
    return switch (t) {
      case "java.time.Duration" -> "Duration";
      case "org.springframework.util.unit.DataSize" -> "DataSize";
      case "java.nio.file.Path" -> "Path";
      case "java.net.URI" -> "URI";
      case "org.springframework.core.io.Resource" -> "Resource";
      default -> t.substring(t.lastIndexOf('.') + 1);
    };
  }

  private static String defaultValue(JsonNode p) {
    JsonNode d = p.get("defaultValue");
    if (d == null || d.isNull()) {
      return "";
    }
    String text = d.isBoolean() ? String.valueOf(d.asBoolean()) : d.asText();
    return "`" + text + "`";
  }
}
