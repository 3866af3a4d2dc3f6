package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.cisharing.Violation;
import org.cisharing.json.WireDocument;
import org.cisharing.model.LocalizedText;
import org.cisharing.model.Role;
import org.cisharing.model.Sector;
import org.cisharing.model.Tlp;

/**
 * An advisory (情報提供) from a hub to operators: why (background), what the issuer expects the
 * recipient to do with it, what it affects, and, per addressed role, the concrete actions. Its
 * wire form is {@code cisharing.advisory/1}; see {@code docs/format/advisory.md}.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder()}; {@link Builder#build()} checks every
 * rule and throws an {@link AdvisoryValidationException} listing all violations.
 *
 * <pre>{@code
 * Advisory advisory = Advisory.builder()
 *     .id("NCO-2026-0042").revision(1)
 *     .issuer(new Issuer("国家サイバー統括室", IssuerKind.NATIONAL_CENTRE))
 *     .issuedAt(OffsetDateTime.parse("2026-11-26T09:30:00+09:00"))
 *     .title(LocalizedText.of("外部公開ポートへの攻撃", "Attacks on exposed ports"))
 *     .summary(LocalizedText.en("..."))
 *     .severity(Severity.HIGH).tlp(Tlp.AMBER)
 *     .addAddressee(Addressee.of(Role.SYSTEM_ADMIN, action))
 *     .build();
 * }</pre>
 *
 * @since 0.1.0
 */
@WireDocument("cisharing.advisory/1")
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
@JsonDeserialize(builder = Advisory.Builder.class)
public final class Advisory {
  /** Longest title, in characters. */
  public static final int MAX_TITLE_LENGTH = 500;
  /** Longest summary, background or expected-use text, in characters. */
  public static final int MAX_TEXT_LENGTH = 20_000;

  static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:#/-]{0,127}");

  private final String id;
  private final int revision;
  private final Issuer issuer;
  private final OffsetDateTime issuedAt;
  private final LocalizedText title;
  private final LocalizedText summary;
  private final LocalizedText background;
  private final LocalizedText expectedUse;
  private final Severity severity;
  private final Tlp tlp;
  private final List<Sector> targetSectors;
  private final List<Addressee> addressees;
  private final Affects affects;
  private final List<Reference> references;

  private Advisory(Builder b) {
    this.id = b.id;
    this.revision = b.revision;
    this.issuer = b.issuer;
    this.issuedAt = b.issuedAt;
    this.title = b.title;
    this.summary = b.summary;
    this.background = b.background;
    this.expectedUse = b.expectedUse;
    this.severity = b.severity;
    this.tlp = b.tlp;
    this.targetSectors = List.copyOf(b.targetSectors);
    this.addressees = List.copyOf(b.addressees);
    // Null when empty, so that the wire form has no empty "affects" object.
    this.affects = b.affects == null || b.affects.isEmpty() ? null : b.affects;
    this.references = List.copyOf(b.references);
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this advisory's values, e.g. to issue the next revision. */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.revision = revision;
    b.issuer = issuer;
    b.issuedAt = issuedAt;
    b.title = title;
    b.summary = summary;
    b.background = background;
    b.expectedUse = expectedUse;
    b.severity = severity;
    b.tlp = tlp;
    b.targetSectors.addAll(targetSectors);
    b.addressees.addAll(addressees);
    b.affects = affects;
    b.references.addAll(references);
    return b;
  }

  /** The issuer's identifier of the advisory, stable across revisions. */
  public String id() {
    return id;
  }

  /** The revision, 1 for the first issue; a correction is a higher revision of the same id. */
  public int revision() {
    return revision;
  }

  public Issuer issuer() {
    return issuer;
  }

  public OffsetDateTime issuedAt() {
    return issuedAt;
  }

  public LocalizedText title() {
    return title;
  }

  public LocalizedText summary() {
    return summary;
  }

  /** Why the advisory was issued: the threat situation behind it (背景). */
  public Optional<LocalizedText> background() {
    return Optional.ofNullable(background);
  }

  /** What the issuer expects the recipient to do with it (期待する活用方策). */
  public Optional<LocalizedText> expectedUse() {
    return Optional.ofNullable(expectedUse);
  }

  public Severity severity() {
    return severity;
  }

  public Tlp tlp() {
    return tlp;
  }

  /** The sectors the advisory is meant for; empty means every sector. */
  public List<Sector> targetSectors() {
    return targetSectors;
  }

  /** The roles addressed, each with its actions; empty means the advisory names no addressee. */
  public List<Addressee> addressees() {
    return addressees;
  }

  /** The addressee entry for a role, if the advisory addresses it. */
  public Optional<Addressee> addressee(Role role) {
    for (Addressee a : addressees) {
      if (a.role().equals(role)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** What the advisory affects; {@link Affects#NONE} when it names nothing. */
  public Affects affects() {
    return affects == null ? Affects.NONE : affects;
  }

  public List<Reference> references() {
    return references;
  }

  /** Whether the advisory applies to an operator of this sector. */
  public boolean targets(Sector sector) {
    return targetSectors.isEmpty() || targetSectors.contains(sector);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Advisory)) {
      return false;
    }
    Advisory a = (Advisory) o;
    return revision == a.revision
        && id.equals(a.id)
        && issuer.equals(a.issuer)
        && issuedAt.equals(a.issuedAt)
        && title.equals(a.title)
        && summary.equals(a.summary)
        && Objects.equals(background, a.background)
        && Objects.equals(expectedUse, a.expectedUse)
        && severity == a.severity
        && tlp == a.tlp
        && targetSectors.equals(a.targetSectors)
        && addressees.equals(a.addressees)
        && affects().equals(a.affects())
        && references.equals(a.references);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, revision, issuedAt, title);
  }

  /** {@code Advisory{id=..., revision=2, tlp=TLP:AMBER, title=...}}. */
  @Override
  public String toString() {
    return "Advisory{id=" + id + ", revision=" + revision + ", severity=" + severity + ", tlp=" + tlp
        + ", title=" + title + "}";
  }

  /**
   * Collects an advisory's fields; not thread-safe. Absent lists are empty. {@link #build()}
   * validates everything at once.
   */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private String id;
    private Integer revision;
    private Issuer issuer;
    private OffsetDateTime issuedAt;
    private LocalizedText title;
    private LocalizedText summary;
    private LocalizedText background;
    private LocalizedText expectedUse;
    private Severity severity;
    private Tlp tlp;
    private final List<Sector> targetSectors = new ArrayList<>();
    private final List<Addressee> addressees = new ArrayList<>();
    private Affects affects;
    private final List<Reference> references = new ArrayList<>();

    Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder revision(int revision) {
      this.revision = revision;
      return this;
    }

    public Builder issuer(Issuer issuer) {
      this.issuer = issuer;
      return this;
    }

    public Builder issuedAt(OffsetDateTime issuedAt) {
      this.issuedAt = issuedAt;
      return this;
    }

    public Builder title(LocalizedText title) {
      this.title = title;
      return this;
    }

    public Builder summary(LocalizedText summary) {
      this.summary = summary;
      return this;
    }

    public Builder background(LocalizedText background) {
      this.background = background;
      return this;
    }

    public Builder expectedUse(LocalizedText expectedUse) {
      this.expectedUse = expectedUse;
      return this;
    }

    public Builder severity(Severity severity) {
      this.severity = severity;
      return this;
    }

    public Builder tlp(Tlp tlp) {
      this.tlp = tlp;
      return this;
    }

    /** Replaces the target sectors; empty means every sector. */
    public Builder targetSectors(List<Sector> sectors) {
      this.targetSectors.clear();
      if (sectors != null) {
        this.targetSectors.addAll(sectors);
      }
      return this;
    }

    /** Replaces the addressees. */
    public Builder addressees(List<Addressee> addressees) {
      this.addressees.clear();
      if (addressees != null) {
        this.addressees.addAll(addressees);
      }
      return this;
    }

    public Builder addAddressee(Addressee addressee) {
      this.addressees.add(Objects.requireNonNull(addressee, "addressee"));
      return this;
    }

    public Builder affects(Affects affects) {
      this.affects = affects;
      return this;
    }

    /** Replaces the references. */
    public Builder references(List<Reference> references) {
      this.references.clear();
      if (references != null) {
        this.references.addAll(references);
      }
      return this;
    }

    public Builder addReference(Reference reference) {
      this.references.add(Objects.requireNonNull(reference, "reference"));
      return this;
    }

    /**
     * Validates and builds the advisory.
     *
     * @throws AdvisoryValidationException listing every violation, each with a JSON pointer
     */
    public Advisory build() {
      List<Violation> v = new ArrayList<>();
      if (id == null || id.isBlank()) {
        v.add(new Violation("/id", "required"));
      } else if (!ID.matcher(id).matches()) {
        v.add(new Violation("/id", "must be 1 to 128 letters, digits and . _ : # / -, was '" + id + "'"));
      }
      if (revision == null) {
        v.add(new Violation("/revision", "required"));
      } else if (revision < 1) {
        v.add(new Violation("/revision", "must be 1 or more, was " + revision));
      }
      require(v, issuer, "/issuer");
      require(v, issuedAt, "/issuedAt");
      require(v, title, "/title");
      length(v, title, "/title", MAX_TITLE_LENGTH);
      require(v, summary, "/summary");
      length(v, summary, "/summary", MAX_TEXT_LENGTH);
      length(v, background, "/background", MAX_TEXT_LENGTH);
      length(v, expectedUse, "/expectedUse", MAX_TEXT_LENGTH);
      require(v, severity, "/severity");
      require(v, tlp, "/tlp");
      for (int i = 0; i < targetSectors.size(); i++) {
        require(v, targetSectors.get(i), "/targetSectors/" + i);
      }
      Set<String> itemIds = new HashSet<>();
      if (affects != null) {
        for (int i = 0; i < affects.products().size(); i++) {
          String pid = affects.products().get(i).id();
          if (pid != null && !itemIds.add(pid)) {
            v.add(new Violation("/affects/products/" + i + "/id", "duplicate item id '" + pid + "'"));
          }
        }
        for (int i = 0; i < affects.exposures().size(); i++) {
          String eid = affects.exposures().get(i).id();
          if (eid != null && !itemIds.add(eid)) {
            v.add(new Violation("/affects/exposures/" + i + "/id", "duplicate item id '" + eid + "'"));
          }
        }
      }
      Set<Role> roles = new HashSet<>();
      Set<String> actionIds = new HashSet<>();
      for (int i = 0; i < addressees.size(); i++) {
        Addressee a = addressees.get(i);
        if (a == null) {
          v.add(new Violation("/addressees/" + i, "must not be null"));
          continue;
        }
        if (!roles.add(a.role())) {
          v.add(new Violation("/addressees/" + i + "/role", "role " + a.role() + " is addressed twice"));
        }
        for (int j = 0; j < a.actions().size(); j++) {
          ActionItem action = a.actions().get(j);
          String p = "/addressees/" + i + "/actions/" + j;
          if (!actionIds.add(action.id())) {
            v.add(new Violation(p + "/id", "duplicate action id '" + action.id() + "'"));
          }
          length(v, action.text(), p + "/text", MAX_TEXT_LENGTH);
          for (int k = 0; k < action.appliesTo().size(); k++) {
            String ref = action.appliesTo().get(k);
            if (!itemIds.contains(ref)) {
              v.add(new Violation(p + "/appliesTo/" + k,
                  "names '" + ref + "', which is no id of /affects/products or /affects/exposures"));
            }
          }
        }
      }
      for (int i = 0; i < references.size(); i++) {
        require(v, references.get(i), "/references/" + i);
      }
      if (!v.isEmpty()) {
        throw new AdvisoryValidationException("advisory" + (id == null ? "" : " " + id), v);
      }
      return new Advisory(this);
    }

    private static void require(List<Violation> v, Object value, String pointer) {
      if (value == null) {
        v.add(new Violation(pointer, "required"));
      }
    }

    private static void length(List<Violation> v, LocalizedText text, String pointer, int max) {
      if (text == null) {
        return;
      }
      if (text.ja() != null && text.ja().length() > max) {
        v.add(new Violation(pointer + "/ja", "longer than " + max + " characters"));
      }
      if (text.en() != null && text.en().length() > max) {
        v.add(new Violation(pointer + "/en", "longer than " + max + " characters"));
      }
    }
  }
}
