package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One cause of an incident (multi-select on the official forms): its group, an item of the open
 * vocabulary, whether it is confirmed or suspected, and an optional note.
 *
 * @param group the group; must agree with the item's own group when the item is known
 * @param item the item
 * @param certainty confirmed or suspected
 * @param note free text, or {@code null}
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cause(CauseGroup group, CauseItem item, Certainty certainty, String note) {
  public Cause {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(certainty, "certainty");
    if (item.group().isPresent() && item.group().get() != group) {
      throw new IllegalArgumentException(
          "cause item " + item + " belongs to group " + item.group().get().code() + ", not " + group.code());
    }
  }

  /** A suspected cause of a known item, in the item's own group. */
  public static Cause suspected(CauseItem item) {
    return new Cause(groupOf(item), item, Certainty.SUSPECTED, null);
  }

  /** A confirmed cause of a known item, in the item's own group. */
  public static Cause confirmed(CauseItem item) {
    return new Cause(groupOf(item), item, Certainty.CONFIRMED, null);
  }

  /** A copy with this note. */
  public Cause withNote(String note) {
    return new Cause(group, item, certainty, note);
  }

  /** A copy with this certainty. */
  public Cause withCertainty(Certainty certainty) {
    return new Cause(group, item, certainty, note);
  }

  private static CauseGroup groupOf(CauseItem item) {
    return item.group()
        .orElseThrow(
            () -> new IllegalArgumentException(
                "cause item " + item + " is not a known item: use new Cause(group, item, ...)"));
  }
}
