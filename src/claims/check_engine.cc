#include "claims/check_engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <map>
#include <numeric>
#include <set>

#include "claims/dates.h"

namespace kokuho::claims {
namespace {

constexpr RecordCode kIY = RecordCodeOf("IY"), kCZ = RecordCodeOf("CZ"), kSI = RecordCodeOf("SI"),
                     kCO = RecordCodeOf("CO");

constexpr RuleInfo kCatalogue[] = {
    {"T01", "縦覧", "算定回数の上限超過", CheckSeverity::kError, false},
    {"T02", "縦覧", "初診料の再算定 (継続中の傷病あり)", CheckSeverity::kError, false},
    {"T03", "縦覧", "1回限りの項目の再算定", CheckSeverity::kError, false},
    {"Y01", "横覧", "入院中の同一医療機関での外来算定", CheckSeverity::kError, false},
    {"Y02", "横覧", "入院中の他医療機関受診・調剤", CheckSeverity::kReview, false},
    {"Y03", "横覧", "同一項目の複数医療機関での算定", CheckSeverity::kError, false},
    {"K01", "突合", "処方元の医科レセプトなし", CheckSeverity::kReview, false},
    {"K02", "突合", "処方元に処方箋料なし", CheckSeverity::kReview, false},
    {"K03", "突合", "投与日数の上限超過", CheckSeverity::kError, true},
    {"K04", "突合", "1日量の上限超過", CheckSeverity::kReview, true},
    {"K05", "突合", "適応傷病名なし", CheckSeverity::kReview, true},
    {"H01", "背反", "併せて算定できない項目 (背反)", CheckSeverity::kError, false},
    {"H02", "包括", "包括される項目の別算定", CheckSeverity::kError, false},
};

// A receipt as history keeps it: enough to name it in a later month's finding.
struct Ref {
  std::uint32_t source = 0;  // engine-wide source index
  std::uint32_t number = 0, line = 0;
  std::int32_t month = 0, billing_month = 0;
  std::uint32_t institution = kNoIndex;
};

// One receipt: the same file, receipt number and 診療年月.
bool SameReceipt(const Ref& a, const Ref& b) {
  return a.source == b.source && a.number == b.number && a.month == b.month;
}

struct Use {
  Ref ref;
  std::int32_t date = 0;    // yyyymmdd (the 1st when the line has no day columns)
  std::int32_t daynum = 0;  // DayNumber(date)
  std::uint32_t count = 0;
  std::uint32_t item_line = 0;
  std::int64_t per_points = 0;  // 点数 per 回 of its 算定単位 (背反・包括: the points at stake)
  bool dated = true;            // the line has day columns (日・週・同時 need them)
  bool pair_flagged = false;  // already found as the use that must go (H01/H02), once
};

struct UseKey {
  PersonId person;
  std::uint32_t institution;  // kNoIndex for patient-wide rules
  std::uint32_t code;
  bool operator==(const UseKey&) const = default;
};
struct UseKeyHash {
  std::size_t operator()(const UseKey& k) const {
    return static_cast<std::size_t>(k.person ^
                                    (std::uint64_t{k.institution} * 0x9E3779B97F4A7C15ull) ^
                                    (std::uint64_t{k.code} << 17));
  }
};

struct VisitKey {
  PersonId person;
  std::uint32_t institution;
  bool operator==(const VisitKey&) const = default;
};
struct VisitKeyHash {
  std::size_t operator()(const VisitKey& k) const {
    return static_cast<std::size_t>(k.person ^
                                    (std::uint64_t{k.institution} * 0x9E3779B97F4A7C15ull));
  }
};
struct Visit {
  std::int32_t month = 0;      // 診療年月 of the last receipt
  std::int32_t last_date = 0;  // yyyymmdd of the last day with a line
  bool open = false;           // a 傷病 left 継続 on that receipt
  Ref ref;
};

std::string MonthText(std::int32_t yyyymm) {
  return fmt::format("{}年{}月", yyyymm / 100, yyyymm % 100);
}
std::string DateText(std::int32_t yyyymmdd) {
  return fmt::format("{}年{}月{}日", yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
}

int FiscalYearOf(std::int32_t yyyymm) {
  return yyyymm % 100 >= 4 ? yyyymm / 100 : yyyymm / 100 - 1;
}

// The same day one month later (clamped to the month's end): "1月以上経過" (医科点数表 A000
// 留意事項: 患者が任意に診療を中止し1月以上経過した後の受診は初診).
std::int32_t OneMonthAfter(std::int32_t yyyymmdd, int months) {
  const std::int32_t m = AddMonths(yyyymmdd / 100, months);
  const int d = std::min(yyyymmdd % 100, DaysInMonth(m / 100, m % 100));
  return m * 100 + d;
}

bool InWindow(const Period& p, const Use& a, const Use& b) {
  switch (p.kind) {
    case PeriodKind::kDay:
      return a.date == b.date;
    case PeriodKind::kWeek:  // 日曜–土曜: DayNumber ≡ 4 (mod 7) is a Sunday (0000-03-01 = 0
                             // was a Wednesday), so weeks are ⌊(n + 3) / 7⌋
      return (a.daynum + 3) / 7 == (b.daynum + 3) / 7;
    case PeriodKind::kTwoWeeks:
      return std::abs(a.daynum - b.daynum) <= 13;
    case PeriodKind::kMonths:
      return std::abs(MonthsBetween(a.date / 100, b.date / 100)) <= p.months - 1;
    case PeriodKind::kFiscalYear:
      return FiscalYearOf(a.date / 100) == FiscalYearOf(b.date / 100);
    case PeriodKind::kLifetime:
      return true;
  }
  return false;
}

// How many months of uses a rule needs kept (symmetric windows: late claims too).
int KeepMonths(const Period& p) {
  switch (p.kind) {
    case PeriodKind::kDay:
    case PeriodKind::kWeek:
    case PeriodKind::kTwoWeeks:
      return 2;
    case PeriodKind::kMonths:
      return p.months + 1;
    case PeriodKind::kFiscalYear:
      return 13;
    case PeriodKind::kLifetime:
      return 1 << 20;
  }
  return 2;
}

// Whether two uses of a 背反 pair / 包括 group meet within its unit (both of one patient and
// one institution). 日・週・同時 need the day columns of both lines.
bool PairMeets(PairUnit unit, const Use& a, const Use& b) {
  switch (unit) {
    case PairUnit::kMonth:
      return a.date / 100 == b.date / 100;
    case PairUnit::kDay:
      return a.dated && b.dated && a.date == b.date;
    case PairUnit::kWeek:  // 日曜–土曜, as InWindow's kWeek
      return a.dated && b.dated && (a.daynum + 3) / 7 == (b.daynum + 3) / 7;
    case PairUnit::kSimultaneous:  // the same receipt and the same day
      return a.dated && b.dated && a.date == b.date && SameReceipt(a.ref, b.ref);
  }
  return false;
}

std::string_view PairUnitText(PairUnit u) {
  switch (u) {
    case PairUnit::kDay:
      return "同じ日に";
    case PairUnit::kMonth:
      return "同じ月に";
    case PairUnit::kWeek:
      return "同じ週 (日曜〜土曜) に";
    case PairUnit::kSimultaneous:
      return "同時に (同じレセプトの同じ日に)";
  }
  return "";
}

std::string PeriodText(const Period& p) {
  switch (p.kind) {
    case PeriodKind::kDay:
      return "1日に";
    case PeriodKind::kWeek:
      return "1週 (日曜〜土曜) に";
    case PeriodKind::kTwoWeeks:
      return "2週に";
    case PeriodKind::kMonths:
      return p.months == 1 ? "月に" : p.months == 60 ? "5年に" : fmt::format("{}月に", p.months);
    case PeriodKind::kFiscalYear:
      return "年度に";
    case PeriodKind::kLifetime:
      return "患者1人につき";
  }
  return "";
}

// The days of a month's stay that are certainly inpatient days: the admission day and a
// last day before the month's end (maybe the discharge day) are left out, since an 外来
// visit or a 調剤 on those days can be legitimate.
std::uint32_t StayMask(const CheckMonth& m, const CheckReceipt& r) {
  std::uint32_t mask = 0;
  // 診療識別 90 入院料等, 92 特定入院料・その他 (docs/claims-checks.md).
  for (const CheckItem& it : m.ItemsOf(r))
    if (it.category == 90 || it.category == 92) mask |= it.day_mask;
  const int dim = DaysInMonth(r.month / 100, r.month % 100);
  const bool admitted_here = r.admission_date / 100 == r.month;
  if (mask == 0 && r.days > 0) {  // DPC: no day columns on the bundle; 入院年月日 + 実日数
    const int start = admitted_here ? std::max(1, r.admission_date % 100) : 1;
    const int end = std::min(dim, start + r.days - 1);
    for (int d = start; d <= end; ++d) mask |= 1u << (d - 1);
  }
  if (mask == 0) return 0;
  const int admission_day = r.admission_date % 100;
  if (admitted_here && admission_day >= 1 && admission_day <= 31)
    mask &= ~(1u << (admission_day - 1));
  if (mask == 0) return 0;                       // the admission day was the only one
  const int last = 32 - std::countl_zero(mask);  // highest day with a bit
  if (last < dim) mask &= ~(1u << (last - 1));
  return mask;
}

std::string DaysText(std::uint32_t mask) {
  std::string s;
  for (int d = 1; d <= 31; ++d)
    if (mask & (1u << (d - 1))) s += (s.empty() ? "" : "・") + std::to_string(d);
  return s + "日";
}

bool StartsWith(std::string_view s, std::string_view p) {
  return !p.empty() && s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

}  // namespace

std::span<const RuleInfo> CheckRuleCatalogue() { return kCatalogue; }

const RuleInfo* FindRuleInfo(std::string_view code) {
  for (const RuleInfo& r : kCatalogue)
    if (r.code == code) return &r;
  return nullptr;
}

struct CheckEngine::State {
  std::vector<std::string> sources;
  std::unordered_map<std::string, std::uint32_t> source_index;
  std::unordered_map<UseKey, std::vector<Use>, UseKeyHash> uses;
  std::unordered_map<VisitKey, Visit, VisitKeyHash> visits;
  std::int32_t latest_month = 0;
};

CheckEngine::CheckEngine(RuleSource& rules, const InstitutionTable& institutions,
                         CheckOptions options)
    : state_(new State), rules_(rules), institutions_(institutions), lookup_(options.masters) {}

CheckEngine::~CheckEngine() { delete state_; }

std::uint64_t CheckEngine::HistorySize() const {
  std::uint64_t n = state_->visits.size();
  for (const auto& [k, v] : state_->uses) n += v.size();
  return n;
}

void CheckEngine::AddMonth(const CheckMonth& m, std::vector<Finding>& out, bool report) {
  State& st = *state_;
  ++counts_.months;
  // Sources of this month → engine-wide numbers.
  std::vector<std::uint32_t> src(m.sources.size());
  for (std::size_t i = 0; i < m.sources.size(); ++i) {
    auto [it, added] =
        st.source_index.try_emplace(m.sources[i], static_cast<std::uint32_t>(st.sources.size()));
    if (added) st.sources.push_back(m.sources[i]);
    src[i] = it->second;
  }
  auto ref_of = [&](const CheckReceipt& r) {
    return Ref{src[r.source], r.number, r.line, r.month, r.billing_month, r.institution};
  };
  auto receipt_ref = [&](const Ref& r) {
    return ReceiptRef{st.sources[r.source], r.number,     r.line, r.month,
                      r.billing_month,      r.institution};
  };
  auto inst_text = [&](std::uint32_t i) -> std::string {
    if (i == kNoIndex || i >= institutions_.size()) return "不明";
    const Institution& in = institutions_[i];
    return in.name.empty() ? in.code : fmt::format("{} ({})", in.name, in.code);
  };
  auto name_of = [&](std::uint32_t code, std::int32_t month) -> std::string {
    const std::string& n = lookup_.CodeName(code, month);
    return n.empty() ? fmt::format("{:09}", code) : fmt::format("{} ({:09})", n, code);
  };
  std::vector<Finding> found;
  auto emit = [&](Finding f) {
    if (report) found.push_back(std::move(f));
  };

  // Receipts grouped by person, each person's in 診療年月, institution, file, number order.
  std::vector<std::uint32_t> order(m.receipts.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const CheckReceipt &x = m.receipts[a], &y = m.receipts[b];
    return std::tie(x.person, x.month, x.institution, x.source, x.number) <
           std::tie(y.person, y.month, y.institution, y.source, y.number);
  });
  counts_.receipts += m.receipts.size();

  struct Event {
    std::uint32_t code;
    std::int32_t date;
    std::uint32_t receipt;  // index into m.receipts
    std::uint32_t item;     // index into m.items
    std::uint32_t count;
    bool dated;  // from the line's day columns
  };
  std::vector<Event> events;

  for (std::size_t a = 0; a < order.size();) {
    std::size_t b = a;
    const PersonId person = m.receipts[order[a]].person;
    while (b < order.size() && m.receipts[order[b]].person == person) ++b;
    ++counts_.persons;
    const std::span<const std::uint32_t> group(order.data() + a, b - a);

    // ---- 縦覧: frequency rules (T01, T03, Y03) ----
    events.clear();
    for (std::uint32_t ri : group) {
      const CheckReceipt& r = m.receipts[ri];
      if (r.table == Table::kPharmacy) continue;
      const RuleTable& table = rules_.For(r.month);
      for (std::uint32_t k = 0; k < r.item_count; ++k) {
        const CheckItem& it = m.items[r.first_item + k];
        if (it.code == 0 || it.type == kCO || !table.RulesOf(it.code)) continue;
        if (it.day_count == 0) {
          events.push_back({it.code, r.month * 100 + 1, ri, r.first_item + k,
                            static_cast<std::uint32_t>(std::max(1, it.count)), false});
          continue;
        }
        for (const DayCount& d : m.DaysOf(it))
          events.push_back({it.code, r.month * 100 + d.day, ri, r.first_item + k, d.count, true});
      }
    }
    std::stable_sort(events.begin(), events.end(), [](const Event& x, const Event& y) {
      return std::tie(x.code, x.date) < std::tie(y.code, y.date);
    });
    // Per receipt × item × rule: the excess of its uses, gathered into one finding.
    struct Pending {
      std::uint32_t receipt, item, rule_index;
      std::int32_t month;
      std::uint32_t excess = 0;
      std::set<std::tuple<std::int32_t, std::uint32_t, std::uint32_t>>
          evidence;  // month, source, number
      std::set<std::uint32_t> institutions;
      std::uint32_t window_total = 0;
    };
    std::map<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>, Pending> pending;
    // 背反・包括: per use that must go (its receipt, line) × pair rule, one finding. When that
    // use was billed in an earlier 請求年月 (history: checked before), the finding is on the
    // line of this month that completes the pair (`earlier`), so that each run reports on its
    // own 請求年月's receipts; it names the earlier receipt as the one to ask 再審査 for.
    struct PairPending {
      Ref at;                                 // the receipt the finding is on
      std::uint32_t item_line = 0, code = 0;  // its line and code
      std::uint32_t loser = 0, partner = 0;   // the code that must go, the one that stays
      bool earlier = false;                   // the code that must go is on `evidence`
      std::int32_t table_month = 0;           // the 診療年月 whose table has the rule
      std::int64_t points = 0;
      std::set<std::int32_t> dates;  // the days of the use that must go
      bool undated = false;
      std::vector<Ref> evidence;  // the partner's receipts when they are other receipts
    };
    std::map<std::tuple<std::uint32_t, std::uint32_t, std::int32_t, std::uint32_t, std::uint32_t>,
             PairPending>
        pair_pending;  // (source, number, month, line, pair rule)
    for (const Event& e : events) {
      const CheckReceipt& r = m.receipts[e.receipt];
      const RuleTable& table = rules_.For(r.month);
      const RuleTable::CodeRules& code_rules = *table.RulesOf(e.code);  // events have rules
      const std::vector<std::uint32_t>& rules = code_rules.frequency;
      const std::vector<std::uint32_t>& pairs = code_rules.pairs;
      const CheckItem& item = m.items[e.item];
      Use use{
          ref_of(r), e.date,    DayNumber(e.date),
          e.count,   item.line, item.count > 0 ? item.unit_points / item.count : item.unit_points,
          e.dated};
      bool need_inst = !pairs.empty(), need_patient = false;
      int keep = pairs.empty() ? 0 : 2;  // 背反・包括 units reach at most the next month
      for (std::uint32_t ri : rules) {
        (table.frequency[ri].across_institutions ? need_patient : need_inst) = true;
        keep = std::max(keep, KeepMonths(table.frequency[ri].period));
      }
      for (int scope = 0; scope < 2; ++scope) {
        const bool patient = scope == 1;
        if (patient ? !need_patient : !need_inst) continue;
        std::vector<Use>& list =
            st.uses[UseKey{person, patient ? kNoIndex : r.institution, e.code}];
        // Drop uses no rule of this code can reach any more.
        if (!list.empty() && MonthsBetween(list.front().date / 100, r.month) >= keep)
          list.erase(std::remove_if(list.begin(), list.end(),
                                    [&](const Use& u) {
                                      return MonthsBetween(u.date / 100, r.month) >= keep;
                                    }),
                     list.end());
        list.push_back(use);
        ++counts_.uses_tracked;
        for (std::uint32_t rix : rules) {
          const FrequencyRule& rule = table.frequency[rix];
          if (rule.across_institutions != patient) continue;
          std::uint32_t total = 0;
          for (const Use& u : list)
            if (InWindow(rule.period, u, use)) total += u.count;
          if (total <= static_cast<std::uint32_t>(rule.limit)) continue;
          const std::uint32_t excess =
              std::min<std::uint32_t>(use.count, total - static_cast<std::uint32_t>(rule.limit));
          Pending& p = pending[{e.receipt, e.item, rix}];
          p.receipt = e.receipt;
          p.item = e.item;
          p.rule_index = rix;
          p.month = r.month;
          p.excess += excess;
          p.window_total = std::max(p.window_total, total);
          for (const Use& u : list) {
            if (!InWindow(rule.period, u, use)) continue;
            p.institutions.insert(u.ref.institution);
            if (!(u.ref.source == use.ref.source && u.ref.number == use.ref.number))
              p.evidence.insert({u.ref.month, u.ref.source, u.ref.number});
          }
        }
        if (patient || pairs.empty()) continue;
        // 背反・包括: the partner's uses at this institution within the unit. The use that must
        // go is the one the 背反区分 does not keep (包括: the included code); 背反区分 3 keeps
        // the one with more 点数 per 回 (the 主たるもの), the later one on a tie.
        Use& cur = list.back();
        for (std::uint32_t pi : pairs) {
          const PairRule& pr = table.Pairs()[pi];
          const bool cur_first = pr.first == e.code;
          const auto other =
              st.uses.find(UseKey{person, r.institution, cur_first ? pr.second : pr.first});
          if (other == st.uses.end()) continue;
          for (Use& u : other->second) {
            if (cur.pair_flagged) break;
            if (u.pair_flagged || !PairMeets(pr.unit, u, cur)) continue;
            bool cur_goes = pr.keep == KeepSide::kEither
                                ? u.per_points >= cur.per_points
                                : cur_first == (pr.keep == KeepSide::kSecond);
            Use& loser = cur_goes ? cur : u;
            const Use& winner = cur_goes ? u : cur;
            loser.pair_flagged = true;
            const bool earlier = loser.ref.billing_month != cur.ref.billing_month;
            const Use& at = earlier ? cur : loser;
            PairPending& p =
                pair_pending[{at.ref.source, at.ref.number, at.ref.month, at.item_line, pi}];
            p.at = at.ref;
            p.item_line = at.item_line;
            p.loser = cur_goes ? e.code : (cur_first ? pr.second : pr.first);
            p.partner = cur_goes ? (cur_first ? pr.second : pr.first) : e.code;
            p.code = earlier ? e.code : p.loser;
            p.earlier = earlier;
            p.table_month = r.month;
            p.points += loser.per_points * loser.count;
            p.dates.insert(loser.date);
            p.undated = p.undated || !loser.dated;
            const Ref& other_ref = earlier ? loser.ref : winner.ref;
            if (!SameReceipt(other_ref, at.ref) &&
                std::none_of(p.evidence.begin(), p.evidence.end(),
                             [&](const Ref& x) { return SameReceipt(x, other_ref); }))
              p.evidence.push_back(other_ref);
          }
        }
      }
    }
    for (auto& [key, p] : pair_pending) {
      const RuleTable& table = rules_.For(p.table_month);
      const PairRule& pr = table.Pairs()[std::get<4>(key)];
      Finding f;
      f.rule = pr.inclusive ? "H02" : "H01";
      // 要確認: a 特例条件; the line the table keeps (earlier: a person decides whether to ask
      // for the earlier receipt's 再審査); 同時, which レセ電 cannot show (read as the same
      // receipt and day).
      f.severity = pr.special || p.earlier || pr.unit == PairUnit::kSimultaneous
                       ? CheckSeverity::kReview
                       : CheckSeverity::kError;
      f.receipts.push_back(receipt_ref(p.at));
      for (const Ref& x : p.evidence) f.receipts.push_back(receipt_ref(x));
      f.lines = {p.item_line};
      f.code = p.code;
      f.points = p.points;
      std::string when;
      if (p.undated) {
        when = MonthText(p.earlier ? p.evidence.front().month : p.at.month);
      } else {
        for (std::int32_t d : p.dates)
          when += when.empty() ? DateText(d) : fmt::format("・{}日", d % 100);
      }
      const std::string loser = name_of(p.loser, p.at.month);
      const std::string partner = name_of(p.partner, p.at.month);
      const std::string elsewhere =
          p.earlier ? fmt::format(
                          " (算定できない側の {} は以前に請求された関連レセプト (請求 {}) にあり"
                          "ます: そのレセプトの再審査請求を検討してください)",
                          loser, MonthText(p.evidence.front().billing_month))
          : p.evidence.empty() ? ""
                               : " (相手の項目は関連レセプトに記録されています)";
      const std::string special =
          pr.special ? "(特例条件のある組み合わせです: 条件に当たるかを確認してください)" : "";
      if (pr.inclusive) {
        const InclusiveRule& g = table.inclusive[pr.rule];
        f.reason = fmt::format(
            "{} は {} に包括される項目で、{}{} を算定した場合は別に算定できません。{}の {} "
            "は {} と{}算定されています{}。包括される分の {} 点は再審査請求を検討してください。{}",
            loser, partner, PairUnitText(pr.unit), partner, when, loser, partner,
            PairUnitText(pr.unit), elsewhere, p.points, special);
        f.source = g.source;
      } else {
        const ExclusiveRule& x = table.exclusive[pr.rule];
        const std::string keep =
            pr.keep == KeepSide::kEither
                ? fmt::format("いずれか一方を算定: 点数の低い (同点なら後の) {} を対象にしています",
                              loser)
                : fmt::format("{} を算定", partner);
        f.reason = fmt::format(
            "{} と {} は{}併せて算定できない組み合わせです (背反; {})。{}の {} は {} と{}"
            "算定されています{}。算定日と内容を確認し、再審査請求を検討してください。{}",
            loser, partner, PairUnitText(pr.unit), keep, when, loser, partner,
            PairUnitText(pr.unit), elsewhere, special);
        f.source = x.source;
      }
      emit(std::move(f));
    }
    for (auto& [key, p] : pending) {
      const CheckReceipt& r = m.receipts[p.receipt];
      const CheckItem& it = m.items[p.item];
      const RuleTable& table = rules_.For(p.month);
      const FrequencyRule& rule = table.frequency[p.rule_index];
      Finding f;
      const bool lifetime = rule.period.kind == PeriodKind::kLifetime;
      const bool across = rule.across_institutions && p.institutions.size() > 1;
      f.rule = lifetime ? "T03" : across ? "Y03" : "T01";
      f.severity = rule.special ? CheckSeverity::kReview : CheckSeverity::kError;
      f.receipts.push_back(receipt_ref(ref_of(r)));
      // Evidence: the other receipts in the window (the latest five).
      std::vector<std::tuple<std::int32_t, std::uint32_t, std::uint32_t>> ev(p.evidence.begin(),
                                                                             p.evidence.end());
      if (ev.size() > 5) ev.erase(ev.begin(), ev.end() - 5);
      for (const auto& [month, source, number] : ev) {
        // Find the Ref among the uses to name it fully.
        for (const UseKey& k :
             {UseKey{person, r.institution, it.code}, UseKey{person, kNoIndex, it.code}}) {
          const auto found_list = st.uses.find(k);
          if (found_list == st.uses.end()) continue;
          for (const Use& u : found_list->second)
            if (u.ref.month == month && u.ref.source == source && u.ref.number == number) {
              ReceiptRef rr = receipt_ref(u.ref);
              if (std::find(f.receipts.begin(), f.receipts.end(), rr) == f.receipts.end())
                f.receipts.push_back(rr);
              break;
            }
        }
      }
      f.lines = {it.line};
      f.code = it.code;
      // At stake: the excess 回数 at the unit's 点数 per 回 (点数 × 回数 / 回数).
      const std::int64_t per = it.count > 0 ? it.unit_points / it.count : it.unit_points;
      f.points = per * p.excess;
      const std::string what = name_of(it.code, r.month);
      if (lifetime) {
        f.reason = fmt::format(
            "{} は{}{}回までの項目ですが、{}の算定と合わせて{}回になります (このレセプトの{}回が"
            "上限を超えています)。以前の算定の有無を確認し、重複であれば再審査請求を検討して"
            "ください。",
            what, PeriodText(rule.period), rule.limit,
            f.receipts.size() > 1 ? MonthText(f.receipts[1].month) + " など以前" : "以前",
            p.window_total, p.excess);
      } else if (across) {
        f.reason = fmt::format(
            "{} は患者1人につき{}{}回まで (複数の医療機関を通じて) ですが、{} の医療機関で計{}回"
            "算定されています。どの医療機関の算定が正当かを確認し、超過分は再審査請求を検討して"
            "ください。",
            what, PeriodText(rule.period), rule.limit, p.institutions.size(), p.window_total);
      } else {
        f.reason = fmt::format(
            "{} は{}{}回までですが、同じ医療機関で{}の期間に計{}回算定されています (このレセプト"
            "の{}回が上限を超えています)。算定日と必要性を確認し、超過分は再審査請求を検討して"
            "ください。{}",
            what, PeriodText(rule.period), rule.limit,
            rule.period.kind == PeriodKind::kMonths && rule.period.months > 1
                ? fmt::format("{}か月", rule.period.months)
                : "同じ",
            p.window_total, p.excess,
            rule.special ? "(特例条件のある項目です: 条件に当たるかを確認してください)" : "");
      }
      f.source = rule.source;
      emit(std::move(f));
    }

    // ---- 縦覧: 初診料 again (T02) ----
    for (std::uint32_t ri : group) {
      const CheckReceipt& r = m.receipts[ri];
      if (r.table != Table::kMedical) continue;
      const RuleTable& table = rules_.For(r.month);
      const VisitKey vk{person, r.institution};
      auto vit = st.visits.find(vk);
      if (vit != st.visits.end() && vit->second.month < r.month && vit->second.open) {
        const Visit& v = vit->second;
        for (const CheckItem& it : m.ItemsOf(r)) {
          if (!table.IsFirstVisit(it.code)) continue;
          const int day = it.day_mask ? std::countr_zero(it.day_mask) + 1 : 1;
          const std::int32_t date = r.month * 100 + day;
          const std::int32_t limit = OneMonthAfter(v.last_date, table.first_visit_gap_months);
          if (!(date > v.last_date && date < limit)) continue;
          Finding f;
          f.rule = "T02";
          f.severity = CheckSeverity::kError;
          f.receipts = {receipt_ref(ref_of(r)), receipt_ref(v.ref)};
          f.lines = {it.line};
          f.code = it.code;
          f.points = it.unit_points;
          f.reason = fmt::format(
              "{}に初診料が算定されていますが、同じ医療機関の前回の受診 ({}) から1か月たって"
              "おらず、前回のレセプトの傷病名が転帰なし (継続) のままです。診療が継続している"
              "場合は再診料での算定となります。受診の経緯 (治ゆ・中止の有無) を確認し、"
              "再審査請求を検討してください。",
              DateText(date), DateText(v.last_date));
          f.source = table.first_visit_source;
          emit(std::move(f));
        }
      }
      // This receipt becomes the last visit.
      std::uint32_t mask = 0;
      for (const CheckItem& it : m.ItemsOf(r)) mask |= it.day_mask;
      const int last_day = mask ? 32 - std::countl_zero(mask) : 1;
      bool open = false;
      for (const CheckDiagnosis& d : m.DiagnosesOf(r))
        if (d.outcome != 2 && d.outcome != 3 && d.outcome != 4) open = true;  // 治ゆ 死亡 中止
      Visit& v = st.visits[vk];
      const std::int32_t date = r.month * 100 + last_day;
      if (date >= v.last_date) {
        if (v.month == r.month) open = open || v.open;  // two receipts of one month
        v = Visit{r.month, date, open, ref_of(r)};
      }
    }

    // ---- 横覧 (Y01, Y02) and 突合 (K01–K05): receipts of one 診療年月 ----
    for (std::size_t x = 0; x < group.size();) {
      std::size_t y = x;
      const std::int32_t month = m.receipts[group[x]].month;
      while (y < group.size() && m.receipts[group[y]].month == month) ++y;
      const std::span<const std::uint32_t> same(group.data() + x, y - x);
      x = y;
      const RuleTable& table = rules_.For(month);

      struct Stay {
        std::uint32_t receipt, institution, mask;
      };
      std::vector<Stay> stays;
      for (std::uint32_t ri : same) {
        const CheckReceipt& r = m.receipts[ri];
        if (r.table == Table::kMedical && r.Is(kFlagInpatient))
          if (const std::uint32_t mask = StayMask(m, r)) stays.push_back({ri, r.institution, mask});
      }
      for (std::uint32_t ri : same) {
        const CheckReceipt& r = m.receipts[ri];
        if (r.table == Table::kMedical) ++counts_.medical;
        if (r.table == Table::kPharmacy) ++counts_.pharmacy;
      }
      for (std::uint32_t ri : same) {
        if (stays.empty()) break;
        const CheckReceipt& r = m.receipts[ri];
        if (!(r.Outpatient() || r.table == Table::kPharmacy)) continue;
        for (const Stay& s : stays) {
          std::uint32_t overlap = 0;
          std::vector<std::uint32_t> lines;
          std::int64_t points = 0;
          if (r.Outpatient()) {
            // 初診 (11) and 再診 (12) lines carry the visit days.
            for (const CheckItem& it : m.ItemsOf(r))
              if ((it.category == 11 || it.category == 12) && (it.day_mask & s.mask)) {
                overlap |= it.day_mask & s.mask;
                lines.push_back(it.line);
                points += it.unit_points;
              }
          } else {
            for (const CheckItem& it : m.ItemsOf(r))
              if (it.type == kCZ && it.dispense_day && (s.mask & (1u << (it.dispense_day - 1)))) {
                overlap |= 1u << (it.dispense_day - 1);
                lines.push_back(it.line);
                points += it.unit_points;
              }
          }
          if (!overlap) continue;
          Finding f;
          const bool same_inst = r.institution == s.institution && r.Outpatient();
          f.rule = same_inst ? "Y01" : "Y02";
          f.severity = same_inst ? CheckSeverity::kError : CheckSeverity::kReview;
          f.receipts = {receipt_ref(ref_of(r)), receipt_ref(ref_of(m.receipts[s.receipt]))};
          std::sort(lines.begin(), lines.end());
          lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
          f.lines = lines;
          f.points = points;
          if (same_inst) {
            f.reason = fmt::format(
                "{}の{}は、同じ医療機関の入院レセプトで入院中の日ですが、外来の初診料・再診料が"
                "算定されています。入院中の患者には外来の初診料・再診料は算定できません。"
                "入院期間と受診日を確認し、再審査請求を検討してください。",
                MonthText(month), DaysText(overlap));
            f.source =
                "診療報酬の算定方法 別表第一 医科診療報酬点数表 A000 初診料・A001 再診料 (入院中の"
                "患者以外の患者に算定); docs/claims-checks.md 2";
          } else if (r.Outpatient()) {
            f.reason = fmt::format(
                "{}の{}は {} に入院中の日ですが、{} で外来受診があります (入院中の他医療機関受診)。"
                "入院側レセプトの入院料の減算と外来側の受診理由のコメントがあるかを確認して"
                "ください。",
                MonthText(month), DaysText(overlap), inst_text(s.institution),
                inst_text(r.institution));
            f.source =
                "医科点数表 第1章 第2部 通則5 (入院中の患者の他医療機関受診) と留意事項; "
                "docs/claims-checks.md 2";
          } else {
            f.reason = fmt::format(
                "{}の{}は {} に入院中の日ですが、{} で調剤されています。入院中の処方・調剤として"
                "適切か (他医療機関受診による処方か) を確認してください。",
                MonthText(month), DaysText(overlap), inst_text(s.institution),
                inst_text(r.institution));
            f.source = "医科点数表 第1章 第2部 通則5; docs/claims-checks.md 2";
          }
          emit(std::move(f));
        }
      }

      // 突合: each 調剤 receipt against the prescriber's 医科 receipts of the month.
      for (std::uint32_t ri : same) {
        const CheckReceipt& r = m.receipts[ri];
        if (r.table != Table::kPharmacy || r.prescriber == kNoIndex) continue;
        std::vector<std::uint32_t> meds;
        for (std::uint32_t mi : same)
          if (m.receipts[mi].table == Table::kMedical && m.receipts[mi].institution == r.prescriber)
            meds.push_back(mi);
        if (meds.empty()) {
          Finding f;
          f.rule = "K01";
          f.severity = CheckSeverity::kReview;
          f.receipts = {receipt_ref(ref_of(r))};
          f.lines = {r.line};
          f.points = r.points;
          f.reason = fmt::format(
              "{}の調剤レセプトの処方元 {} について、同じ患者・同じ月の医科レセプトが"
              "ありません。処方箋の発行元と月を確認してください (医科レセプトの月遅れ請求の"
              "場合もあります)。",
              MonthText(month), inst_text(r.prescriber));
          f.source =
              "電子レセプトの記録条件仕様 (調剤 RE の処方医療機関コードと医科 IR "
              "の医療機関コードで突合); docs/claims-checks.md 2";
          emit(std::move(f));
          continue;
        }
        std::uint32_t fee_mask = 0;
        bool fee = false;
        std::set<std::string> icd;
        for (std::uint32_t mi : meds) {
          const CheckReceipt& mr = m.receipts[mi];
          for (const CheckItem& it : m.ItemsOf(mr))
            if (it.type == kSI && table.IsPrescriptionFee(it.code)) {
              fee = true;
              fee_mask |= it.day_mask;
            }
          if (!table.indication.empty())
            for (const CheckDiagnosis& d : m.DiagnosesOf(mr)) {
              const std::string& code = lookup_.DiseaseIcd10(d.code, mr.month);
              if (!code.empty()) icd.insert(code);
            }
        }
        // K02: no 処方箋料, or 処方月日 on a day without one.
        {
          std::vector<std::uint32_t> lines;
          std::int64_t points = 0;
          std::uint32_t bad_days = 0;
          std::uint8_t current = 0;
          bool current_bad = false;
          for (const CheckItem& it : m.ItemsOf(r)) {
            if (it.type == kCZ) {
              current = it.rx_day;
              current_bad = !fee || (current && !(fee_mask & (1u << (current - 1))));
              if (current_bad && current) bad_days |= 1u << (current - 1);
            }
            if (current_bad && (it.type == kCZ || it.type == kIY)) {
              lines.push_back(it.line);
              points += it.unit_points;
            }
          }
          if (!lines.empty()) {
            Finding f;
            f.rule = "K02";
            f.severity = CheckSeverity::kReview;
            f.receipts.push_back(receipt_ref(ref_of(r)));
            for (std::uint32_t mi : meds) f.receipts.push_back(receipt_ref(ref_of(m.receipts[mi])));
            f.lines = lines;
            f.points = points;
            f.reason =
                fee ? fmt::format(
                          "{}の調剤の処方月日 ({}) に、処方元 {} の医科レセプトには処方箋料が"
                          "算定されていません。処方箋の交付日と医科レセプトの算定日を確認して"
                          "ください。",
                          MonthText(month), DaysText(bad_days), inst_text(r.prescriber))
                    : fmt::format(
                          "{}の調剤について、処方元 {} の医科レセプトに処方箋料が算定されて"
                          "いません。院外処方箋が交付されたか (院内処方との重複がないか) を"
                          "確認してください。",
                          MonthText(month), inst_text(r.prescriber));
            f.source = "医科点数表 F400 処方箋料; docs/claims-checks.md 2";
            emit(std::move(f));
          }
        }
        // K03–K05: each drug.
        for (const CheckItem& it : m.ItemsOf(r)) {
          if (it.type != kIY || it.code == 0) continue;
          ++counts_.drug_lines;
          const DrugInfo& drug = lookup_.Drug(it.code, month);
          if (!drug.found) ++counts_.drug_lines_without_master;
          auto matches = [&](const std::string& prefix, std::uint32_t code) {
            return code != 0 ? code == it.code : StartsWith(drug.generic_code, prefix);
          };
          const std::string what = drug.found ? fmt::format("{} ({:09})", drug.name, it.code)
                                              : fmt::format("{:09}", it.code);
          for (const DrugDaysRule& rule : table.drug_days) {
            if (!matches(rule.generic_prefix, rule.code) || it.supply_days <= rule.max_days)
              continue;
            Finding f;
            f.rule = "K03";
            f.severity = rule.special ? CheckSeverity::kReview : CheckSeverity::kError;
            f.receipts = {receipt_ref(ref_of(r))};
            for (std::uint32_t mi : meds) f.receipts.push_back(receipt_ref(ref_of(m.receipts[mi])));
            f.lines = {it.line};
            f.code = it.code;
            // At stake: the 薬剤料 of the days beyond the limit (薬剤料 × 超過日数 / 日数).
            f.points = it.supply_days > 0
                           ? it.unit_points * (it.supply_days - rule.max_days) / it.supply_days
                           : 0;
            f.reason = fmt::format(
                "{} ({}) は1回の投与日数が{}日までの医薬品ですが、{}日分調剤されています。処方箋"
                "の日数と例外 (長期の旅行等) "
                "の記載を確認し、超過分は再審査請求を検討してください。",
                what, rule.name, rule.max_days, it.supply_days);
            f.source = rule.source;
            emit(std::move(f));
            break;
          }
          for (const DrugDoseRule& rule : table.drug_dose) {
            if (!matches(rule.generic_prefix, rule.code) || it.quantity <= rule.max_daily) continue;
            Finding f;
            f.rule = "K04";
            f.severity = CheckSeverity::kReview;
            f.receipts = {receipt_ref(ref_of(r))};
            for (std::uint32_t mi : meds) f.receipts.push_back(receipt_ref(ref_of(m.receipts[mi])));
            f.lines = {it.line};
            f.code = it.code;
            f.points = it.unit_points;
            f.reason = fmt::format(
                "{} ({}) の1日量 {} は上限 {} を超えています{}。処方元の病名・症状詳記と用法・用量"
                "を確認してください。",
                what, rule.name, FormatPrice(it.quantity / 1000),
                FormatPrice(rule.max_daily / 1000),
                drug.unit.empty() ? "" : fmt::format(" (単位 {})", drug.unit));
            f.source = rule.source;
            emit(std::move(f));
            break;
          }
          const IndicationRule* best = nullptr;
          for (const IndicationRule& rule : table.indication)
            if (matches(rule.generic_prefix, rule.code) &&
                (!best || rule.generic_prefix.size() > best->generic_prefix.size()))
              best = &rule;
          if (best) {
            bool ok = false;
            for (const std::string& c : icd)
              for (const std::string& p : best->icd10) ok = ok || StartsWith(c, p);
            if (!ok) {
              Finding f;
              f.rule = "K05";
              f.severity = CheckSeverity::kReview;
              f.receipts = {receipt_ref(ref_of(r))};
              for (std::uint32_t mi : meds)
                f.receipts.push_back(receipt_ref(ref_of(m.receipts[mi])));
              f.lines = {it.line};
              f.code = it.code;
              f.points = it.unit_points;
              std::string list;
              for (const std::string& p : best->icd10) list += (list.empty() ? "" : "・") + p;
              f.reason = fmt::format(
                  "{} ({}) の適応となる傷病名 (ICD-10 {}) が、処方元 {} の同じ月の医科レセプトに"
                  "ありません。医科レセプトの傷病名 (病名もれ) と処方の妥当性を確認してください。",
                  what, best->name, list, inst_text(r.prescriber));
              f.source = best->source;
              emit(std::move(f));
            }
          }
        }
      }
    }
    a = b;
  }

  // Visits older than any 初診 window can no longer matter.
  std::int32_t latest = st.latest_month;
  for (const CheckReceipt& r : m.receipts) latest = std::max(latest, r.month);
  st.latest_month = latest;
  if (latest) {
    const RuleTable& table = rules_.For(latest);
    const int gap = table.first_visit_gap_months;
    for (auto it = st.visits.begin(); it != st.visits.end();)
      it = MonthsBetween(it->second.month, latest) > gap + 1 ? st.visits.erase(it) : std::next(it);
    // Uses of codes with only 背反・包括 rules (e.g. 再診料, on most 外来 receipts): a unit
    // reaches at most the next month, so the uses of this month and the one before are kept
    // (a claim one month late still meets them) and the rest dropped, with their keys.
    // Codes with frequency rules keep the windows those need (trimmed as they recur).
    for (auto it = st.uses.begin(); it != st.uses.end();) {
      const RuleTable::CodeRules* code_rules = table.RulesOf(it->first.code);
      if (code_rules && !code_rules->frequency.empty()) {
        ++it;
        continue;
      }
      std::erase_if(it->second,
                    [&](const Use& u) { return MonthsBetween(u.date / 100, latest) >= 2; });
      it = it->second.empty() ? st.uses.erase(it) : std::next(it);
    }
  }
  SortFindings(found);
  for (Finding& f : found) out.push_back(std::move(f));
}

void SortFindings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    const ReceiptRef &x = a.receipts.front(), &y = b.receipts.front();
    const std::uint32_t la = a.lines.empty() ? 0 : a.lines.front();
    const std::uint32_t lb = b.lines.empty() ? 0 : b.lines.front();
    return std::tie(x.billing_month, a.rule, x.file, x.number, la, a.code) <
           std::tie(y.billing_month, b.rule, y.file, y.number, lb, b.code);
  });
}

}  // namespace kokuho::claims
