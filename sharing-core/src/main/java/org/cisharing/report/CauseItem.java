package org.cisharing.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cisharing.model.OpenCode;

/**
 * A cause item (要因) from an open vocabulary. The known items are our reconstruction of the
 * official statistics' tables (DOMAIN.md §3), each belonging to one {@link CauseGroup}; any other
 * kebab-case code is accepted and kept, so a revision of the government's list breaks nothing.
 *
 * @since 0.1.0
 */
public final class CauseItem extends OpenCode {
  private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Map<String, CauseItem> KNOWN = new LinkedHashMap<>();

  // 意図的 intentional
  public static final CauseItem SUSPICIOUS_EMAIL = known("suspicious-email", CauseGroup.INTENTIONAL, "不審メール等の受信", "Suspicious e-mail received");
  public static final CauseItem IMPERSONATION = known("impersonation", CauseGroup.INTENTIONAL, "ユーザID等の偽り", "Impersonation of user IDs");
  public static final CauseItem DDOS = known("ddos", CauseGroup.INTENTIONAL, "DDoS攻撃等の大量アクセス", "DDoS and other mass access");
  public static final CauseItem INFORMATION_THEFT = known("information-theft", CauseGroup.INTENTIONAL, "情報の不正取得", "Unauthorised acquisition of information");
  public static final CauseItem INSIDER_WRONGDOING = known("insider-wrongdoing", CauseGroup.INTENTIONAL, "内部不正", "Insider wrongdoing");
  public static final CauseItem UNAUTHORIZED_ACCESS = known("unauthorized-access", CauseGroup.INTENTIONAL, "不正侵入・不正アクセス", "Intrusion / unauthorised access");
  public static final CauseItem MALWARE = known("malware", CauseGroup.INTENTIONAL, "マルウェア・ランサムウェア等", "Malware / ransomware");
  public static final CauseItem INTENTIONAL_OTHER = known("intentional-other", CauseGroup.INTENTIONAL, "その他(意図的要因)", "Other intentional cause");
  // 偶発的 accidental
  public static final CauseItem OPERATION_ERROR = known("operation-error", CauseGroup.ACCIDENTAL, "ユーザの操作ミス", "User operation error");
  public static final CauseItem MANAGEMENT_ERROR = known("management-error", CauseGroup.ACCIDENTAL, "ユーザの管理ミス", "User management error");
  public static final CauseItem SUSPICIOUS_FILE_EXECUTED = known("suspicious-file-executed", CauseGroup.ACCIDENTAL, "不審なファイルの実行", "Execution of a suspicious file");
  public static final CauseItem SUSPICIOUS_SITE_BROWSED = known("suspicious-site-browsed", CauseGroup.ACCIDENTAL, "不審なサイトの閲覧", "Browsing a suspicious site");
  public static final CauseItem CONTRACTOR_ERROR = known("contractor-error", CauseGroup.ACCIDENTAL, "外部委託先の管理ミス", "Contractor management error");
  public static final CauseItem EQUIPMENT_FAILURE = known("equipment-failure", CauseGroup.ACCIDENTAL, "機器等の故障", "Equipment failure");
  public static final CauseItem SOFTWARE_DEFECT = known("software-defect", CauseGroup.ACCIDENTAL, "システムの不具合(ソフトウェア)", "Software defect");
  public static final CauseItem CONFIGURATION_ERROR = known("configuration-error", CauseGroup.ACCIDENTAL, "設定ミス", "Configuration error");
  public static final CauseItem VULNERABILITY = known("vulnerability", CauseGroup.ACCIDENTAL, "システムの脆弱性", "System vulnerability");
  public static final CauseItem SPILLOVER = known("spillover", CauseGroup.ACCIDENTAL, "他分野の障害からの波及", "Spillover from another sector's outage");
  public static final CauseItem ACCIDENTAL_OTHER = known("accidental-other", CauseGroup.ACCIDENTAL, "その他(偶発的要因)", "Other accidental cause");
  // 環境的 environmental
  public static final CauseItem NATURAL_DISASTER = known("natural-disaster", CauseGroup.ENVIRONMENTAL, "自然災害", "Natural disaster");
  public static final CauseItem PANDEMIC = known("pandemic", CauseGroup.ENVIRONMENTAL, "疾病・感染症", "Disease / pandemic");
  public static final CauseItem ENVIRONMENTAL_OTHER = known("environmental-other", CauseGroup.ENVIRONMENTAL, "その他(環境的要因)", "Other environmental cause");
  // その他 other
  public static final CauseItem UNKNOWN = known("unknown", CauseGroup.OTHER, "不明", "Unknown cause");
  public static final CauseItem OTHER = known("other", CauseGroup.OTHER, "その他", "Other");

  private final CauseGroup group;

  private CauseItem(String code, CauseGroup group, String ja, String en) {
    super(code, ja, en);
    this.group = group;
  }

  private static CauseItem known(String code, CauseGroup group, String ja, String en) {
    CauseItem item = new CauseItem(code, group, ja, en);
    KNOWN.put(code, item);
    return item;
  }

  /**
   * The item with this code: a known item's constant, or an unknown item that keeps the code.
   *
   * @throws IllegalArgumentException when the code is not lower-case kebab-case (at most 64
   *     characters)
   */
  @JsonCreator
  public static CauseItem of(String code) {
    Objects.requireNonNull(code, "code");
    String c = code.trim().toLowerCase(Locale.ROOT);
    CauseItem item = KNOWN.get(c);
    if (item != null) {
      return item;
    }
    if (c.length() > 64 || !CODE.matcher(c).matches()) {
      throw new IllegalArgumentException(
          "invalid cause item '" + code + "': expected lower-case kebab-case, at most 64 characters");
    }
    return new CauseItem(c, null, c, c);
  }

  /** The items this library knows, group by group. */
  public static List<CauseItem> known() {
    return List.copyOf(KNOWN.values());
  }

  /** The group a known item belongs to; empty for an item the vocabulary does not know. */
  public Optional<CauseGroup> group() {
    return Optional.ofNullable(group);
  }

  /** Whether the vocabulary of this library version knows this item. */
  @Override
  public boolean isKnown() {
    return group != null;
  }

}
