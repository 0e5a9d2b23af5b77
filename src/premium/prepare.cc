#include "premium/prepare.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.h"

namespace kokuho::premium {
namespace {

Yen ApplyPpm(Yen v, Ppm r) { return static_cast<Yen>(static_cast<__int128>(v) * r / kPpmOne); }

/// The day a person reaches age n (年齢計算ニ関スル法律: the day before the birthday).
CivilDate ReachesAge(const CivilDate& birth, int n) { return birth.PlusYears(n).PreviousDay(); }

std::string Y(Yen v) { return FormatYen(v) + "円"; }

/// The months (0..11) in which `p` is insured on the month's last day (docs/premium-rules.md): from
/// birth or 資格取得日, until 資格喪失日 or the 75th birthday (後期高齢者医療).
/// The last day of each month of fiscal year `fy` (April first).
std::array<CivilDate, 12> MonthEnds(int fy) {
  std::array<CivilDate, 12> ends;
  for (int i = 0; i < 12; ++i) {
    const int ym = FiscalMonthYearMonth(fy, i);
    ends[i] = LastDayOfMonth(ym / 100, ym % 100);
  }
  return ends;
}

std::array<bool, 12> InsuredMonths(const Person& p, const std::array<CivilDate, 12>& ends) {
  std::array<bool, 12> in{};
  if (!p.insured) return in;
  const CivilDate turns75 = p.birth_date.PlusYears(75);
  for (int i = 0; i < 12; ++i) {
    const CivilDate& last = ends[i];
    bool ok = p.birth_date <= last && turns75 > last;
    if (p.joined && *p.joined > last) ok = false;
    if (p.left && *p.left <= last) ok = false;
    // A 旧被扶養者 joins 国保 on that date (資格取得日) when no 資格取得日 is given.
    if (!p.joined && p.former_dependent_since && *p.former_dependent_since > last) ok = false;
    in[i] = ok;
  }
  return in;
}

bool CoversDay(const Person& p, const CivilDate& d) {
  if (!p.insured || p.birth_date > d || p.birth_date.PlusYears(75) <= d) return false;
  if (p.joined && *p.joined > d) return false;
  if (!p.joined && p.former_dependent_since && *p.former_dependent_since > d) return false;
  if (p.left && *p.left <= d) return false;
  return true;
}

int MonthsBetween(int from_ym, int to_ym) {
  return (to_ym / 100 - from_ym / 100) * 12 + (to_ym % 100 - from_ym % 100);
}

/// 非自発的失業者 period (国保法施行令 29条の7の2): 「離職の日の翌日の属する月から、その月の
/// 属する年度の翌年度末まで」 (伊達市 https://www.city.fukushima-date.lg.jp/soshiki/16/247.html;
/// 山江村 https://www.vill.yamae.lg.jp/kiji003625/index.html), as yyyymm bounds [first, last].
/// 離職 on 10/20 starts in October; 離職 on 3/31 starts in April and runs two fiscal years.
std::pair<int, int> UnemploymentPeriod(const CivilDate& sep) {
  const CivilDate next = CivilDate::FromDayNumber(sep.DayNumber() + 1);
  const int next_fy = next.month >= 4 ? next.year : next.year - 1;
  return {next.YearMonth(), (next_fy + 2) * 100 + 3};
}

/// Months with members (months > 0 after one is counted) merged into segments: alike months
/// together, in the order of their first month.
void Merge(std::array<Segment, 12>& months, std::vector<Segment>& out) {
  for (Segment& m : months) {
    bool any = false;
    for (std::uint8_t c : m.members) any |= c != 0;
    if (!any) continue;
    m.months = 1;
    auto it = std::find_if(out.begin(), out.end(), [&](const Segment& s) {
      Segment a = s;
      a.months = 1;
      return a == m;
    });
    if (it == out.end())
      out.push_back(m);
    else
      ++it->months;
  }
  // Segments that differ only by 産前産後 next to each other, capped together (prepared.h).
  for (std::size_t i = 0; i + 1 < out.size(); ++i)
    for (std::size_t j = i + 1; j < out.size(); ++j)
      if (out[j].SameHousehold(out[i])) {
        std::rotate(out.begin() + static_cast<std::ptrdiff_t>(i) + 1,
                    out.begin() + static_cast<std::ptrdiff_t>(j),
                    out.begin() + static_cast<std::ptrdiff_t>(j) + 1);
        out[i + 1].cap_with_previous = true;
        break;
      }
}

}  // namespace

const char* TierLabel(int tier) {
  static const char* kLabels[] = {"なし", "2割", "5割", "7割"};
  return tier >= 0 && tier < kTierCount ? kLabels[tier] : "?";
}

const char* HouseholdTypeLabel(HouseholdType t) {
  static const char* kLabels[] = {"単身", "単身(65歳以上)", "夫婦等", "高齢者のみ", "子のいる世帯"};
  return kLabels[static_cast<int>(t)];
}
const char* HouseholdTypeKey(HouseholdType t) {
  static const char* kKeys[] = {"single", "single_elderly", "couple", "elderly", "with_children"};
  return kKeys[static_cast<int>(t)];
}

MemberIncome ComputeMemberIncome(const Person& p, const NationalRules& rules, bool unemployed) {
  MemberIncome m;
  const IncomeItems& in = p.income;
  const CivilDate dec31{rules.fiscal_year - 1, 12, 31};
  m.aged65 = ReachesAge(p.birth_date, 65) <= dec31;
  m.earner = in.salary_revenue > rules.earner_salary_over ||
             in.pension_revenue >
                 (m.aged65 ? rules.earner_pension_over_65 : rules.earner_pension_over_under65);
  const Ppm unemployment = rules.unemployment_ratio;
  if (in.total_income) {  // 総所得金額等 given directly
    m.total_income = m.gokei = *in.total_income;
    Yen reduction = in.reduction_income.value_or(*in.total_income);
    if (unemployed && in.salary_income) {  // the 給与所得 in it × 30/100 (施行令 29条の7の2)
      m.salary_income = ApplyPpm(*in.salary_income, unemployment);
      const Yen cut = *in.salary_income - m.salary_income;
      m.total_income -= cut;
      m.gokei -= cut;
      reduction = std::max<Yen>(0, reduction - cut);
    } else {
      m.salary_income = in.salary_income.value_or(0);
    }
    if (in.salary_income && in.salary_revenue == 0) m.earner |= *in.salary_income > 0;
    m.basic_deduction = rules.BasicDeduction(m.gokei);
    m.base = std::max<Yen>(0, m.total_income - m.basic_deduction);
    m.reduction_income = reduction;
    return m;
  }
  // 給与所得 (所得税法 28条, 別表第五): the 専従者給与 a member received is 給与所得 for the
  // 所得割 but counts as nil in the 軽減判定 (docs/premium-rules.md table). Given directly, it is
  // the final figure (after 所得金額調整控除); a member with 給与所得 and no 給与収入 given counts
  // as a 給与所得者等 (for 2020–2024 incomes 給与所得 > 0 exactly when 給与収入 > 55万).
  Yen salary_all = in.salary_income ? *in.salary_income
                                    : rules.salary.Apply(in.salary_revenue + in.family_salary);
  Yen salary_own = in.salary_income ? *in.salary_income : rules.salary.Apply(in.salary_revenue);
  if (in.salary_income && in.salary_revenue == 0) m.earner |= *in.salary_income > 0;
  // The 総合 kinds other than 給与 and 雑, with their losses (損益通算, 所得税法 69条).
  const Yen others = in.business - in.business_loss + in.real_estate - in.real_estate_loss +
                     in.interest + in.dividends + in.occasional + in.forestry - in.forestry_loss;
  const Yen separate = in.stocks + in.futures;  // 分離: not offset by 総合 losses
  const Yen other_gokei =
      std::max<Yen>(0, salary_all + others + in.misc - in.misc_loss) + in.land_gains + separate;
  m.pension_income = rules.PensionIncome(in.pension_revenue, m.aged65, other_gokei);
  // 所得金額調整控除 (租税特別措置法 41条の3の3②), unless 給与所得 was given after it.
  if (!in.salary_income && rules.income_adjustment_cap > 0 && salary_all > 0 &&
      m.pension_income > 0) {
    const Yen cap = rules.income_adjustment_cap;
    const Yen adj =
        std::max<Yen>(0, std::min(salary_all, cap) + std::min(m.pension_income, cap) - cap);
    salary_all -= adj;
    salary_own = std::max<Yen>(0, salary_own - adj);
  }
  if (unemployed) {  // 給与所得 × 30/100 (国保法施行令 29条の7の2), 円未満切捨て
    salary_all = ApplyPpm(salary_all, unemployment);
    salary_own = ApplyPpm(salary_own, unemployment);
  }
  m.salary_income = salary_all;
  // 雑所得 = 公的年金等所得 + other 雑所得 (a loss of the other offsets the pension, not
  // below 0); the 総所得 is floored at 0 (a net loss is not carried to other members or
  // to the 分離 kinds).
  const Yen misc_total = std::max<Yen>(0, m.pension_income + in.misc - in.misc_loss);
  const Yen sogo = std::max<Yen>(0, salary_all + misc_total + others);
  const Yen land_after = in.land_gains - in.land_gains_deduction;
  m.total_income = sogo + land_after + separate;
  m.gokei = sogo + in.land_gains + separate;
  m.basic_deduction = rules.BasicDeduction(m.gokei);
  m.base = std::max<Yen>(0, m.total_income - m.basic_deduction);
  // 軽減判定所得 (国保法施行令 29条の7 第5項 第1号): 65+ take 15万 more off 年金所得;
  // 専従者給与 back to the owner; 譲渡 before 特別控除.
  const Yen pension_for_test =
      m.aged65 ? std::max<Yen>(0, m.pension_income - rules.elderly_pension_deduction)
               : m.pension_income;
  const Yen misc_for_test = std::max<Yen>(0, pension_for_test + in.misc - in.misc_loss);
  m.reduction_income =
      std::max<Yen>(0, salary_own + misc_for_test + others + in.family_salary_paid) +
      in.land_gains + separate;
  return m;
}

PreparedHousehold Prepare(const Household& h, const NationalRules& rules,
                          std::uint16_t municipality_index, Explanation* explain) {
  const int fy = rules.fiscal_year;
  PreparedHousehold out;
  out.municipality = municipality_index;
  const std::array<CivilDate, 12> month_ends = MonthEnds(fy);
  const CivilDate preschool_from{fy - 6, 4, 2};  // 6歳に達する日以後の最初の3月31日以前
  const CivilDate under18_from{fy - 18, 4, 2};  // 18歳に達する日以後の最初の3月31日以前
  const int n = static_cast<int>(h.members.size());
  // Per-member month tables, reused across calls on this thread (no allocation per
  // household in the batch).
  thread_local std::vector<std::array<bool, 12>> months, kaigo, birth;
  thread_local std::vector<std::array<int, 12>> category;  // -1 = not insured that month
  months.assign(n, {});
  kaigo.assign(n, {});
  birth.assign(n, {});
  category.assign(n, {});
  bool any_under18 = false, all65 = true;
  int insured_members = 0;

  // The 軽減判定日: 4月1日, or the first 資格取得日 for a household that joins later.
  const CivilDate april1{fy, 4, 1};
  std::optional<CivilDate> det;
  for (const Person& p : h.members)
    if (CoversDay(p, april1)) det = april1;
  if (!det)
    for (const Person& p : h.members) {
      if (!p.insured) continue;
      CivilDate start = p.joined.value_or(p.birth_date);
      if (start < april1) start = april1;
      if (CoversDay(p, start) && (!det || start < *det)) det = start;
    }

  for (int k = 0; k < n; ++k) {
    const Person& p = h.members[k];
    months[k] = InsuredMonths(p, month_ends);
    const int reach40 = ReachesAge(p.birth_date, 40).YearMonth();
    const int reach65 = ReachesAge(p.birth_date, 65).YearMonth();
    int birth_first = 0, birth_count = 0;
    if (p.birth_month && rules.birth_in_force) {
      const int off = p.birth_multiple ? rules.birth_multiple_offset : rules.birth_single_offset;
      birth_count = p.birth_multiple ? rules.birth_multiple_months : rules.birth_single_months;
      int ym = *p.birth_month;
      for (int s = 0; s < off; ++s) ym = ym % 100 == 1 ? (ym / 100 - 1) * 100 + 12 : ym - 1;
      birth_first = ym;
    }
    bool any = false;
    for (int i = 0; i < 12; ++i) {
      category[k][i] = -1;
      kaigo[k][i] = birth[k][i] = false;
      if (!months[k][i]) continue;
      any = true;
      const int ym = month_ends[i].YearMonth();
      int c = kAdult;
      if (p.birth_date >= preschool_from)
        c = kPreschool;
      else if (p.birth_date >= under18_from)
        c = kSchool;
      if (p.former_dependent_since) {
        const int since = MonthsBetween(p.former_dependent_since->YearMonth(), ym);
        if (since >= 0 && since < rules.former_months) c = kFormer;
      }
      category[k][i] = c;
      kaigo[k][i] = ym >= reach40 && ym < reach65;  // docs/premium-rules.md
      if (birth_count > 0) {
        const int d = MonthsBetween(birth_first, ym);
        birth[k][i] = d >= 0 && d < birth_count && ym >= rules.birth_first_month;
        if (birth[k][i] && c != kAdult)
          throw CalculationError(
              fmt::format("世帯 {} 世帯員{}: 産前産後の免除は18歳以上の世帯員 (旧被扶養者を除く) "
                          "にのみ対応しています",
                          h.id, k + 1));
      }
    }
    if (any) {
      ++insured_members;
      if (p.birth_date >= under18_from) any_under18 = true;
      if (ReachesAge(p.birth_date, 65) > april1) all65 = false;
    }
  }

  // Incomes, each month's household (a Segment of one month), and the 軽減判定.
  std::array<Segment, 12> month_all{}, month_kaigo{};
  Yen judged_income = 0;
  int judged_n = 0, judged_e = 0;
  bool undeclared = false;
  for (int k = 0; k < n; ++k) {
    const Person& p = h.members[k];
    std::pair<int, int> period{0, 0};
    if (p.unemployment_separation) period = UnemploymentPeriod(*p.unemployment_separation);
    const MemberIncome full = ComputeMemberIncome(p, rules, false);
    const MemberIncome reduced =
        p.unemployment_separation ? ComputeMemberIncome(p, rules, true) : full;
    const int det_ym = det ? det->YearMonth() : 0;
    const bool unemployed_at_det =
        p.unemployment_separation && det_ym >= period.first && det_ym <= period.second;
    const MemberIncome& at_det = unemployed_at_det ? reduced : full;
    if (explain && (p.insured || p.head || p.tokutei_doitsu)) {
      const std::string who = fmt::format("世帯員{}", k + 1);
      if (p.income.total_income) {
        explain->push_back(LevyLine(who + " 総所得金額等", "入力値 " + Y(full.total_income), ""));
      } else {
        if (p.income.salary_revenue + p.income.family_salary > 0)
          explain->push_back(LevyLine(
              who + " 給与所得",
              fmt::format("給与収入 {} → 給与所得 {}{}",
                          Y(p.income.salary_revenue + p.income.family_salary),
                          Y(full.salary_income),
                          p.unemployment_separation
                              ? " (非自発的失業者: 30/100 → " + Y(reduced.salary_income) + ")"
                              : ""),
              rules.SourceOf("salary_income")));
        if (p.income.pension_revenue > 0)
          explain->push_back(
              LevyLine(who + " 公的年金等所得",
                       fmt::format("公的年金等収入 {} ({}) → {}", Y(p.income.pension_revenue),
                                   full.aged65 ? "65歳以上" : "65歳未満", Y(full.pension_income)),
                       rules.SourceOf("pension_income")));
        explain->push_back(LevyLine(who + " 総所得金額等", Y(full.total_income), ""));
      }
      if (p.insured)
        explain->push_back(
            LevyLine(who + " 所得割の基礎 (旧ただし書き所得)",
                     fmt::format("max(0, {} − 基礎控除 {}) = {}", Y(full.total_income),
                                 Y(full.basic_deduction), Y(full.base)),
                     rules.SourceOf("basic_deduction")));
    }
    const bool counted = p.head || p.tokutei_doitsu || (det && CoversDay(p, *det));
    if (counted) {
      judged_income += at_det.reduction_income;
      if (at_det.earner) ++judged_e;
      if (p.tokutei_doitsu || (det && CoversDay(p, *det))) ++judged_n;
      if (!p.income_declared) undeclared = true;
      if (explain)
        explain->push_back(LevyLine(
            fmt::format("世帯員{} 軽減判定所得", k + 1),
            fmt::format("{}{}{}", Y(at_det.reduction_income),
                        at_det.earner ? " (給与所得者等)" : "",
                        p.insured ? "" : (p.head ? " (擬制世帯主)" : " (特定同一世帯所属者)")),
            rules.SourceOf("elderly_pension_deduction")));
    }
    for (int i = 0; i < 12; ++i) {
      if (!months[k][i]) continue;
      const int ym = month_ends[i].YearMonth();
      const bool unemp = p.unemployment_separation && ym >= period.first && ym <= period.second;
      const Yen base = unemp ? reduced.base : full.base;
      Segment& s = month_all[i];
      s.base += base;
      s.asset += p.fixed_asset_tax;
      if (p.former_dependent_since) {  // 旧被扶養者: 所得割・資産割 exempt (当分の間)
        s.base_former += base;
        s.asset_former += p.fixed_asset_tax;
      } else if (birth[k][i]) {
        s.base_birth += base;
      }
      ++s.members[category[k][i]];
      if (birth[k][i]) ++s.birth;
      if (kaigo[k][i]) {
        Segment& g = month_kaigo[i];
        g.base += base;
        g.asset += p.fixed_asset_tax;
        ++g.members[kAdult];
        if (birth[k][i]) {
          g.base_birth += base;
          ++g.birth;
        }
      }
    }
  }

  // 平等割 status of each month.
  for (int i = 0; i < 12; ++i) {
    bool all_former = true;
    int members_in_month = 0;
    for (int k = 0; k < n; ++k) {
      if (!months[k][i]) continue;
      ++members_in_month;
      if (category[k][i] != kFormer) all_former = false;
    }
    if (members_in_month == 0) continue;
    int tokutei = 0;
    // 特定世帯 needs a single 国保 member (施行令 29条の7 第2項); a month with more members
    // (a newborn, someone joining) does not get the reduction.
    if (h.tokutei_since && members_in_month == 1) {
      const int since = MonthsBetween(h.tokutei_since->YearMonth(), month_ends[i].YearMonth());
      if (since >= 0 && since < rules.tokutei_half_years * 12)
        tokutei = 1;
      else if (since >= rules.tokutei_half_years * 12 &&
               since < (rules.tokutei_half_years + rules.tokutei_quarter_years) * 12)
        tokutei = 2;
    }
    month_all[i].status = static_cast<std::uint8_t>(tokutei + (all_former ? 3 : 0));
  }
  // The months merged into segments: months alike (the same members, bases and status) are
  // levied together (prepared.h).
  thread_local std::vector<Segment> all, kaigo_segments;  // no allocation per household
  all.clear();
  kaigo_segments.clear();
  Merge(month_all, all);
  Merge(month_kaigo, kaigo_segments);
  if (!all.empty()) out.all = all[0];
  if (!kaigo_segments.empty()) out.kaigo = kaigo_segments[0];
  if (all.size() > 1) out.more.assign(all.begin() + 1, all.end());
  out.more_all = static_cast<std::uint8_t>(out.more.size());
  if (kaigo_segments.size() > 1)
    out.more.insert(out.more.end(), kaigo_segments.begin() + 1, kaigo_segments.end());

  // The tier (国保法施行令 29条の7 第5項): 軽減判定所得 <= threshold.
  const Yen earner_term = judged_e >= 2 ? rules.keigen_earner_add * (judged_e - 1) : 0;
  const Yen t7 = rules.keigen_base + earner_term;
  const Yen t5 = t7 + rules.keigen_five_per_person * judged_n;
  const Yen t2 = t7 + rules.keigen_two_per_person * judged_n;
  std::uint8_t tier = kNoKeigen;
  if (!undeclared && det) {
    if (judged_income <= t7)
      tier = kSeven;
    else if (judged_income <= t5)
      tier = kFive;
    else if (judged_income <= t2)
      tier = kTwo;
  }
  out.tier = tier;
  out.keigen_income = judged_income;
  out.members = static_cast<std::uint16_t>(insured_members);
  out.earners = static_cast<std::uint8_t>(std::min(judged_e, 255));
  out.keigen_count = static_cast<std::uint8_t>(std::min(judged_n, 255));
  HouseholdType type;
  if (any_under18)
    type = HouseholdType::kWithChildren;
  else if (insured_members <= 1)
    type = all65 ? HouseholdType::kSingleElderly : HouseholdType::kSingle;
  else
    type = all65 ? HouseholdType::kElderly : HouseholdType::kCouple;
  out.type = static_cast<std::uint8_t>(type);
  if (explain) {
    explain->push_back(LevyLine(
        "軽減判定",
        undeclared
            ? "所得未申告の者がいるため軽減なし"
            : fmt::format("軽減判定所得 {} (N = {}人, 給与所得者等 E = {}人): 7割 ≤ {}, "
                          "5割 ≤ {}, 2割 ≤ {} → {}",
                          Y(judged_income), judged_n, judged_e, Y(t7), Y(t5), Y(t2),
                          tier == kNoKeigen ? "軽減なし" : std::string(TierLabel(tier)) + "軽減"),
        rules.SourceOf("keigen_thresholds")));
  }
  return out;
}

}  // namespace kokuho::premium
