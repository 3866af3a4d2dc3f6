package org.cisharing.advisory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cisharing.model.LocalizedText;
import org.cisharing.model.Role;

/**
 * What one role receives of an advisory: why it was issued (background), what the issuer expects
 * (expected use), the role's own actions, and the advisory's actions bound to the operator's
 * assets for this role ("vpn-01 exposes 443/tcp to the internet: patch and enable MFA").
 *
 * @param advisory the whole advisory, for anything else (references, other roles' actions)
 * @param role the role this view is for
 * @param actions the actions the advisory addresses to this role (empty when not addressed)
 * @param assetActions the actions bound to matched assets for this role
 * @param addressed whether the advisory names this role; false when it reaches the router's
 *     default role because it names no addressee, or the role only through its assets
 * @since 0.1.0
 */
public record RoleAdvisory(
    Advisory advisory, Role role, List<ActionItem> actions, List<AssetAction> assetActions, boolean addressed) {
  public RoleAdvisory {
    Objects.requireNonNull(advisory, "advisory");
    Objects.requireNonNull(role, "role");
    actions = List.copyOf(actions);
    assetActions = List.copyOf(assetActions);
  }

  public String id() {
    return advisory.id();
  }

  public int revision() {
    return advisory.revision();
  }

  public LocalizedText title() {
    return advisory.title();
  }

  public LocalizedText summary() {
    return advisory.summary();
  }

  /** Why the advisory was issued (背景). */
  public Optional<LocalizedText> background() {
    return advisory.background();
  }

  /** What the issuer expects the recipient to do with it (期待する活用方策). */
  public Optional<LocalizedText> expectedUse() {
    return advisory.expectedUse();
  }
}
