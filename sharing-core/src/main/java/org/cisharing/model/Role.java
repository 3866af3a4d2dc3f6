package org.cisharing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An addressee role (名宛人) inside an operator's organisation: who an advisory's actions are for.
 * An open list: the five defaults below, plus any code an operator or hub defines.
 *
 * @since 0.1.0
 */
public final class Role extends OpenCode {
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
  private static final Map<String, Role> DEFAULTS = new LinkedHashMap<>();

  /** Management that decides and funds (経営層). */
  public static final Role EXECUTIVE = known("EXECUTIVE", "経営層", "Executive management");
  /** Steers the organisation-wide response (CISO・セキュリティ統括). */
  public static final Role CISO = known("CISO", "CISO・セキュリティ統括", "CISO / security management");
  /** Detection, analysis and coordination (CSIRT). */
  public static final Role CSIRT = known("CSIRT", "CSIRT", "CSIRT");
  /** IT systems and networks (情報システム担当). */
  public static final Role SYSTEM_ADMIN = known("SYSTEM_ADMIN", "情報システム担当", "IT system administration");
  /** ICS/OT and field equipment (制御システム担当). */
  public static final Role CONTROL_SYSTEM = known("CONTROL_SYSTEM", "制御システム担当", "Control-system engineering");


  private Role(String code, String ja, String en) {
    super(code, ja, en);
  }

  private static Role known(String code, String ja, String en) {
    Role r = new Role(code, ja, en);
    DEFAULTS.put(code, r);
    return r;
  }

  /**
   * The role with this code: a default role's constant, or a custom role keeping the code.
   *
   * @throws IllegalArgumentException when the code is not upper-case letters, digits and '_'
   */
  @JsonCreator
  public static Role of(String code) {
    Objects.requireNonNull(code, "code");
    String c = code.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    Role r = DEFAULTS.get(c);
    if (r != null) {
      return r;
    }
    if (!CODE.matcher(c).matches()) {
      throw new IllegalArgumentException(
          "invalid role code '" + code + "': expected upper-case letters, digits and '_'");
    }
    return new Role(c, c, c);
  }

  /** A custom role with its own labels. */
  public static Role custom(String code, String ja, String en) {
    Role r = of(code);
    if (r.isDefault()) {
      throw new IllegalArgumentException("role " + code + " is a default role");
    }
    return new Role(r.code(), Objects.requireNonNull(ja, "ja"), Objects.requireNonNull(en, "en"));
  }

  /** The five default roles, from the top of the organisation down. */
  public static List<Role> defaults() {
    return List.copyOf(DEFAULTS.values());
  }

  /** Whether this is one of the five default roles. */
  public boolean isDefault() {
    return DEFAULTS.containsKey(code());
  }

  /** Whether this is one of the default roles (custom roles are kept as they are). */
  @Override
  public boolean isKnown() {
    return isDefault();
  }

}
