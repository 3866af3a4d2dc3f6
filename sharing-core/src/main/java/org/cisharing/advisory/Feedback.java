package org.cisharing.advisory;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonPOJOBuilder;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.cisharing.Violation;
import org.cisharing.json.WireDocument;
import org.cisharing.model.Role;

/**
 * An operator's feedback on an advisory (wire form {@code cisharing.feedback/1}): which role, where
 * it stands (received, in progress, done, not applicable), and optionally how useful the advisory
 * was and a comment. {@code feedbackId} is the idempotency key; the builder generates one when
 * none is given, and a retry must reuse it.
 *
 * <p>Immutable and thread-safe. {@link Builder#build()} throws an {@link
 * AdvisoryValidationException} listing every violation.
 *
 * @since 0.1.0
 */
@WireDocument("cisharing.feedback/1")
@JsonAutoDetect(
    fieldVisibility = Visibility.ANY,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
@JsonDeserialize(builder = Feedback.Builder.class)
public final class Feedback {
  /** Longest comment, in characters. */
  public static final int MAX_COMMENT_LENGTH = 2000;

  private final UUID feedbackId;
  private final String advisoryId;
  private final int revision;
  private final Role role;
  private final FeedbackStatus status;
  private final Integer usefulness;
  private final String comment;
  private final OffsetDateTime at;

  private Feedback(Builder b) {
    this.feedbackId = b.feedbackId == null ? UUID.randomUUID() : b.feedbackId;
    this.advisoryId = b.advisoryId;
    this.revision = b.revision;
    this.role = b.role;
    this.status = b.status;
    this.usefulness = b.usefulness;
    this.comment = b.comment;
    this.at = b.at;
  }

  /** A new, empty builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder for feedback on this advisory's id and revision. */
  public static Builder on(Advisory advisory) {
    return new Builder().advisoryId(advisory.id()).revision(advisory.revision());
  }

  /** A builder holding this feedback's values, including its id (so a copy is the same submission). */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.feedbackId = feedbackId;
    b.advisoryId = advisoryId;
    b.revision = revision;
    b.role = role;
    b.status = status;
    b.usefulness = usefulness;
    b.comment = comment;
    b.at = at;
    return b;
  }

  /** The idempotency key of this feedback. */
  public UUID feedbackId() {
    return feedbackId;
  }

  public String advisoryId() {
    return advisoryId;
  }

  public int revision() {
    return revision;
  }

  public Role role() {
    return role;
  }

  public FeedbackStatus status() {
    return status;
  }

  /** How useful the advisory was, 1 (not at all) to 5 (very), when the operator said. */
  public Optional<Integer> usefulness() {
    return Optional.ofNullable(usefulness);
  }

  public Optional<String> comment() {
    return Optional.ofNullable(comment);
  }

  public OffsetDateTime at() {
    return at;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Feedback)) {
      return false;
    }
    Feedback f = (Feedback) o;
    return revision == f.revision
        && feedbackId.equals(f.feedbackId)
        && advisoryId.equals(f.advisoryId)
        && role.equals(f.role)
        && status == f.status
        && Objects.equals(usefulness, f.usefulness)
        && Objects.equals(comment, f.comment)
        && at.equals(f.at);
  }

  @Override
  public int hashCode() {
    return feedbackId.hashCode();
  }

  @Override
  public String toString() {
    return "Feedback{feedbackId=" + feedbackId + ", advisoryId=" + advisoryId + ", revision=" + revision
        + ", role=" + role + ", status=" + status + "}";
  }

  /** Collects a feedback's fields; not thread-safe. */
  @JsonPOJOBuilder(withPrefix = "")
  public static final class Builder {
    private UUID feedbackId;
    private String advisoryId;
    private Integer revision;
    private Role role;
    private FeedbackStatus status;
    private Integer usefulness;
    private String comment;
    private OffsetDateTime at;

    Builder() {}

    /** Sets the idempotency key; when never set, {@link #build()} generates a random one. */
    public Builder feedbackId(UUID feedbackId) {
      this.feedbackId = feedbackId;
      return this;
    }

    public Builder advisoryId(String advisoryId) {
      this.advisoryId = advisoryId;
      return this;
    }

    public Builder revision(int revision) {
      this.revision = revision;
      return this;
    }

    public Builder role(Role role) {
      this.role = role;
      return this;
    }

    public Builder status(FeedbackStatus status) {
      this.status = status;
      return this;
    }

    /** 1 to 5. */
    public Builder usefulness(Integer usefulness) {
      this.usefulness = usefulness;
      return this;
    }

    public Builder comment(String comment) {
      this.comment = comment;
      return this;
    }

    public Builder at(OffsetDateTime at) {
      this.at = at;
      return this;
    }

    /**
     * Validates and builds the feedback.
     *
     * @throws AdvisoryValidationException listing every violation
     */
    public Feedback build() {
      List<Violation> v = new ArrayList<>();
      if (advisoryId == null || advisoryId.isBlank()) {
        v.add(new Violation("/advisoryId", "required"));
      } else if (!Advisory.ID.matcher(advisoryId).matches()) {
        v.add(new Violation("/advisoryId", "not an advisory id: '" + advisoryId + "'"));
      }
      if (revision == null) {
        v.add(new Violation("/revision", "required"));
      } else if (revision < 1) {
        v.add(new Violation("/revision", "must be 1 or more, was " + revision));
      }
      if (role == null) {
        v.add(new Violation("/role", "required"));
      }
      if (status == null) {
        v.add(new Violation("/status", "required"));
      }
      if (usefulness != null && (usefulness < 1 || usefulness > 5)) {
        v.add(new Violation("/usefulness", "must be 1 to 5, was " + usefulness));
      }
      if (comment != null) {
        if (comment.length() > MAX_COMMENT_LENGTH) {
          v.add(new Violation("/comment", "longer than " + MAX_COMMENT_LENGTH + " characters"));
        }
        for (int i = 0; i < comment.length(); i++) {
          char c = comment.charAt(i);
          if (Character.isISOControl(c) && c != '\n' && c != '\t') {
            v.add(new Violation("/comment", "contains control character U+"
                + String.format("%04X", (int) c) + " at index " + i + " (only line feed and tab are allowed)"));
            break;
          }
        }
      }
      if (at == null) {
        v.add(new Violation("/at", "required"));
      }
      if (!v.isEmpty()) {
        throw new AdvisoryValidationException("feedback", v);
      }
      return new Feedback(this);
    }
  }
}
