package org.cisharing.advisory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.cisharing.model.Role;

/**
 * An advisory's action bound to one of the operator's assets: which role must do what, to which
 * asset, and why (the matches that led to it). "jump-01 exposes 3389/tcp to the internet: close
 * unneeded exposed ports (SYSTEM_ADMIN)".
 *
 * @param asset the asset concerned
 * @param role the role that must act
 * @param action the advisory's action (or, when the advisory has none for the role, a request to
 *     check the asset, with an id ending in {@code /check})
 * @param certainty exact when at least one of the matches is exact
 * @param matches the matches that led to the action, at least one
 * @since 0.1.0
 */
public record AssetAction(
    Asset asset, Role role, ActionItem action, MatchCertainty certainty, List<Match> matches) {
  public AssetAction {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(certainty, "certainty");
    matches = List.copyOf(matches);
    if (matches.isEmpty()) {
      throw new IllegalArgumentException("an asset action needs at least one match");
    }
  }

  /** The reasons of the matches in the locale's language, joined with "; " (Japanese: "、"). */
  public String reason(Locale locale) {
    List<String> r = new ArrayList<>();
    for (Match m : matches) {
      String text = m.reason().text(locale);
      if (!r.contains(text)) {
        r.add(text);
      }
    }
    return String.join(japanese(locale) ? "、" : "; ", r);
  }

  /**
   * One line for a person, e.g. {@code jump-01 (保守用踏み台サーバ) exposes 3389/tcp (rdp) to the
   * internet: Close unneeded ... (SYSTEM_ADMIN)}, or in Japanese {@code jump-01 (保守用踏み台サーバ):
   * 3389/tcp (rdp) をインターネットに公開 → 不要な公開ポートを閉塞し… (情報システム担当)}.
   */
  public String describe(Locale locale) {
    if (japanese(locale)) {
      return asset.label() + ": " + reason(locale)
          + (certainty == MatchCertainty.POSSIBLE ? " [要確認]" : "") + " → " + action.text().text(locale)
          + " (" + role.ja() + ")";
    }
    return asset.label() + " " + reason(locale)
        + (certainty == MatchCertainty.POSSIBLE ? " [possible, verify]" : "") + ": "
        + action.text().text(locale) + " (" + role + ")";
  }

  private static boolean japanese(Locale locale) {
    return "ja".equals(locale.getLanguage());
  }

  @Override
  public String toString() {
    return describe(Locale.ENGLISH);
  }
}
