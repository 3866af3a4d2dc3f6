package org.cisharing.advisory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cisharing.model.Role;

/**
 * What an advisory means for one inventory: every match, and the advisory's actions bound to the
 * matched assets, per role.
 *
 * @param advisory the advisory matched
 * @param matches every match, in advisory-item order then inventory order
 * @param actions the bound actions, one per asset, role and action
 * @since 0.1.0
 */
public record MatchResult(Advisory advisory, List<Match> matches, List<AssetAction> actions) {
  public MatchResult {
    Objects.requireNonNull(advisory, "advisory");
    matches = List.copyOf(matches);
    actions = List.copyOf(actions);
  }

  /** The bound actions for one role. */
  public List<AssetAction> actionsFor(Role role) {
    List<AssetAction> out = new ArrayList<>();
    for (AssetAction a : actions) {
      if (a.role().equals(role)) {
        out.add(a);
      }
    }
    return out;
  }

  /** The matches of one asset. */
  public List<Match> matchesOf(String assetId) {
    List<Match> out = new ArrayList<>();
    for (Match m : matches) {
      if (m.asset().id().equals(assetId)) {
        out.add(m);
      }
    }
    return out;
  }

  /** Whether nothing in the inventory matched. */
  public boolean isEmpty() {
    return matches.isEmpty();
  }
}
