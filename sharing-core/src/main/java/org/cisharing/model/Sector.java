package org.cisharing.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A critical-infrastructure sector (重要インフラ分野), from a versioned code list rather than a closed
 * enum: the government revises the list (ports were added in FY2023), so a code this version of
 * the library does not know is kept as an unknown sector instead of being refused.
 *
 * <p>Instances are immutable; {@link #of(String)} returns the shared constant for a known code.
 *
 * @since 0.1.0
 */
public final class Sector extends OpenCode {
  /** The version of the code list this class carries: the 2022 action plan as revised in FY2023. */
  public static final String CODE_LIST_VERSION = "2023";

  private static final LocalDate PLAN_2017 = LocalDate.of(2017, 4, 18);
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
  private static final Map<String, Sector> KNOWN = new LinkedHashMap<>();

  public static final Sector INFO_COMM = known("INFO_COMM", "情報通信", "Information and communication", PLAN_2017);
  public static final Sector FINANCE = known("FINANCE", "金融", "Financial services", PLAN_2017);
  public static final Sector AVIATION = known("AVIATION", "航空", "Aviation", PLAN_2017);
  public static final Sector AIRPORT = known("AIRPORT", "空港", "Airports", PLAN_2017);
  public static final Sector RAILWAY = known("RAILWAY", "鉄道", "Railways", PLAN_2017);
  public static final Sector ELECTRICITY = known("ELECTRICITY", "電力", "Electric power", PLAN_2017);
  public static final Sector GAS = known("GAS", "ガス", "Gas", PLAN_2017);
  public static final Sector GOVERNMENT =
      known(
          "GOVERNMENT",
          "政府・行政サービス（地方公共団体を含む）",
          "Government and administrative services (incl. local government)",
          PLAN_2017);
  public static final Sector MEDICAL = known("MEDICAL", "医療", "Medical services", PLAN_2017);
  public static final Sector WATER = known("WATER", "水道", "Water", PLAN_2017);
  public static final Sector LOGISTICS = known("LOGISTICS", "物流", "Logistics", PLAN_2017);
  public static final Sector CHEMICAL = known("CHEMICAL", "化学", "Chemical industry", PLAN_2017);
  public static final Sector CREDIT = known("CREDIT", "クレジット", "Credit card services", PLAN_2017);
  public static final Sector PETROLEUM = known("PETROLEUM", "石油", "Petroleum", PLAN_2017);
  public static final Sector PORT =
      known("PORT", "港湾", "Ports", LocalDate.of(2024, 3, 8));

  private final LocalDate since;

  private Sector(String code, String ja, String en, LocalDate since) {
    super(code, ja, en);
    this.since = since;
  }

  private static Sector known(String code, String ja, String en, LocalDate since) {
    Sector s = new Sector(code, ja, en, since);
    KNOWN.put(code, s);
    return s;
  }

  /**
   * The sector with this code: the shared constant when the code list knows it, otherwise an
   * unknown sector that keeps the code (and uses it as its label).
   *
   * @throws IllegalArgumentException when the code is not upper-case letters, digits and
   *     underscores (2 to 40 characters)
   */
  @JsonCreator
  public static Sector of(String code) {
    Objects.requireNonNull(code, "code");
    String c = code.trim().toUpperCase(Locale.ROOT);
    Sector s = KNOWN.get(c);
    if (s != null) {
      return s;
    }
    if (!CODE.matcher(c).matches()) {
      throw new IllegalArgumentException(
          "invalid sector code '" + code + "': expected upper-case letters, digits and '_'");
    }
    return new Sector(c, c, c, null);
  }

  /** The 15 sectors of the code list, in the order of the action plan. */
  public static List<Sector> known() {
    return List.copyOf(KNOWN.values());
  }

  /** Whether the code list of this library version knows this code. */
  @Override
  public boolean isKnown() {
    return since != null;
  }

  /** The date from which the sector is part of the action plan's scope, when known. */
  public Optional<LocalDate> since() {
    return Optional.ofNullable(since);
  }

}
