package org.cisharing.advisory;

import java.util.List;
import java.util.Objects;
import org.cisharing.model.Role;

/**
 * A role an advisory is addressed to (名宛人), with what that role must do.
 *
 * @param role the addressed role
 * @param actions the role's actions, in the order the issuer wrote them
 * @since 0.1.0
 */
public record Addressee(Role role, List<ActionItem> actions) {
  public Addressee {
    Objects.requireNonNull(role, "role");
    actions = actions == null ? List.of() : List.copyOf(actions);
  }

  /** An addressee with the given actions. */
  public static Addressee of(Role role, ActionItem... actions) {
    return new Addressee(role, List.of(actions));
  }
}
