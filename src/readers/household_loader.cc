// LoadHousehold: a household file (JSON or YAML, docs/household-format.md) to a
// premium::Household. JSON goes through the strict YAML parser too (JSON is YAML's flow
// style), so every error carries the line and column; each message names the JSON path of
// the value ("members[1].income.salary_revenue") and what was expected, never the value.
#include "readers/household_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/municipality_code.h"
#include "core/text.h"
#include "io/encoding.h"
#include "io/value_parser.h"
#include "io/yaml_map.h"
#include "io/yaml_reader.h"
#include "premium/member_age.h"

namespace kokuho {
namespace {

using premium::CivilDate;
using premium::Household;
using premium::IncomeItems;
using premium::Person;

constexpr Yen kMaxAmount = 10'000'000'000;  // per amount: guards the int64 sums of the kernel
constexpr size_t kMaxMembers = 99;

// 離職理由コード of 特定受給資格者 (11, 12, 21, 22, 31, 32) and 特定理由離職者 (23, 33, 34)
// (国保法施行令 29条の7の2; spec §4.3).
constexpr const char* kReasonCodes[] = {"11", "12", "21", "22", "31", "32", "23", "33", "34"};

/// One income key of the file and the IncomeItems field it fills.
struct IncomeKey {
  const char* key;
  Yen IncomeItems::*field;
};
constexpr IncomeKey kIncomeKeys[] = {
    {"salary_revenue", &IncomeItems::salary_revenue},
    {"family_salary", &IncomeItems::family_salary},
    {"pension_revenue", &IncomeItems::pension_revenue},
    {"business", &IncomeItems::business},
    {"family_salary_paid", &IncomeItems::family_salary_paid},
    {"real_estate", &IncomeItems::real_estate},
    {"interest", &IncomeItems::interest},
    {"dividends", &IncomeItems::dividends},
    {"misc", &IncomeItems::misc},
    {"occasional", &IncomeItems::occasional},
    {"forestry", &IncomeItems::forestry},
    {"land_gains", &IncomeItems::land_gains},
    {"land_gains_deduction", &IncomeItems::land_gains_deduction},
    {"stocks", &IncomeItems::stocks},
    {"futures", &IncomeItems::futures},
    {"business_loss", &IncomeItems::business_loss},
    {"real_estate_loss", &IncomeItems::real_estate_loss},
    {"forestry_loss", &IncomeItems::forestry_loss},
    {"misc_loss", &IncomeItems::misc_loss},
};

/// Each loss and the income of its kind (a kind is an income or a loss, not both).
constexpr std::pair<const char*, const char*> kLossOf[] = {
    {"business_loss", "business"},
    {"real_estate_loss", "real_estate"},
    {"forestry_loss", "forestry"},
    {"misc_loss", "misc"},
};
/// The IncomeItems field of an income key.
Yen IncomeItems::*FieldOf(const std::string& key) {
  for (const IncomeKey& k : kIncomeKeys)
    if (key == k.key) return k.field;
  return nullptr;
}

// Accepted and validated, but not used: excluded from 総所得金額等 by law (spec §1.3).
constexpr const char* kExcludedIncomeKeys[] = {"retirement", "nontaxable"};

constexpr const char* kTopLevel = "(top level)";

/// The JSON path of `key` in `m`: "members[1].income.salary_revenue".
std::string PathOf(const YamlMap& m, const std::string& key) {
  return m.where() == kTopLevel ? key : m.where() + "." + key;
}

/// Reads the maps of one household file; knows the file and the fiscal year.
class HouseholdReader {
 public:
  HouseholdReader(std::string file, int fiscal_year)
      : file_(std::move(file)),
        fy_(fiscal_year),
        april1_{fiscal_year, 4, 1},
        year_end_{fiscal_year + 1, 3, 31} {}

  Household Read(const YAML::Node& root_node);

 private:
  struct Member {
    Person person;
    std::optional<SourcePos> head_pos;  // where head: true was given
  };

  Member ReadMember(const YAML::Node& node, size_t index);
  void ReadBirthDate(YamlMap& m, Person& p);
  void ReadIncome(YamlMap& member, Person& p);
  void ReadUnemployment(YamlMap& member, Person& p);
  void ReadBirthEvent(YamlMap& member, Person& p);

  bool Bool(YamlMap& m, const std::string& key, bool default_value);
  std::optional<CivilDate> Date(YamlMap& m, const std::string& key);
  std::optional<Yen> Amount(YamlMap& m, const std::string& key);
  SourcePos PosOfKey(YamlMap& m, const std::string& key) { return m.PosOf(*m.Optional(key)); }

  std::string file_;
  int fy_;
  CivilDate april1_, year_end_;
};

bool HouseholdReader::Bool(YamlMap& m, const std::string& key, bool default_value) {
  auto n = m.Optional(key);
  if (!n) return default_value;
  const std::string path = PathOf(m, key);
  std::string t(Trim(ScalarText(*n, m.PosOf(*n), path)));
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  if (t == "true") return true;
  if (t == "false") return false;
  throw InputError(m.PosOf(*n), path + ": expected true or false");
}

std::optional<CivilDate> HouseholdReader::Date(YamlMap& m, const std::string& key) {
  auto n = m.Optional(key);
  if (!n) return std::nullopt;
  const std::string path = PathOf(m, key);
  auto d = CivilDate::TryParse(ScalarText(*n, m.PosOf(*n), path));
  if (!d)
    throw InputError(m.PosOf(*n),
                     path + ": expected a date such as 2026-04-01, 2026/4/1 or 令和8年4月1日");
  return d;
}

std::optional<Yen> HouseholdReader::Amount(YamlMap& m, const std::string& key) {
  auto n = m.Optional(key);
  if (!n) return std::nullopt;
  const std::string path = PathOf(m, key);
  const SourcePos pos = m.PosOf(*n);
  // ParseYen's messages name the path and never the value.
  const Yen y = ParseYen(ScalarText(*n, pos, path), pos, path, INT64_MIN);
  if (y < 0)
    throw InputError(pos, path +
                              ": expected whole yen >= 0 (give a loss as business_loss, "
                              "real_estate_loss, forestry_loss or misc_loss)");
  if (y > kMaxAmount)
    throw InputError(pos, path + ": expected at most 10,000,000,000 yen for one amount");
  return y;
}

void HouseholdReader::ReadBirthDate(YamlMap& m, Person& p) {
  const bool has_age = m.Optional("age").has_value();
  const bool has_birth = m.Optional("birth_date").has_value();
  const int max_age = p.insured ? premium::kMaxInsuredAge : premium::kMaxMemberAge;
  const std::string range = premium::AgeRangeText(p.insured);
  if (has_age && has_birth)
    throw InputError(PosOfKey(m, "birth_date"),
                     m.where() + ": give either age or birth_date, not both");
  if (!has_age && !has_birth)
    throw InputError(m.pos(), m.where() + ": expected age (on 4月1日) or birth_date");
  if (has_age) {
    const YAML::Node n = m.Require("age");
    const std::string path = PathOf(m, "age");
    auto v = TryParseNumber(ScalarText(n, m.PosOf(n), path));
    if (!v || v->raw().get_den() != 1 || *v < Rational(0) || *v > Rational(max_age))
      throw InputError(m.PosOf(n),
                       path + ": expected the age on 4月1日, a whole number from " + range);
    p.birth_date = premium::BirthDateFromAge(static_cast<int>(v->Floor()), fy_);
    return;
  }
  p.birth_date = *Date(m, "birth_date");
  // The shared rule (premium/member_age.h): not after the year's end; an insured member not
  // yet in 後期高齢者医療 on 4月1日 (a member born on 4月2日 is).
  if (auto problem = premium::BirthDateProblem(p.birth_date, fy_, p.insured))
    throw InputError(PosOfKey(m, "birth_date"),
                     fmt::format("{}: {}", PathOf(m, "birth_date"), *problem));
}

void HouseholdReader::ReadIncome(YamlMap& member, Person& p) {
  auto node = member.Optional("income");
  if (!node) return;
  YamlMap m(*node, file_, PathOf(member, "income"));
  std::vector<std::string> keys;
  for (const IncomeKey& k : kIncomeKeys) keys.push_back(k.key);
  keys.insert(keys.end(), {"salary_income", "total_income", "reduction_income"});
  for (const char* k : kExcludedIncomeKeys) keys.push_back(k);
  m.ExpectKeys(keys);
  IncomeItems& in = p.income;
  for (const IncomeKey& k : kIncomeKeys) in.*k.field = Amount(m, k.key).value_or(0);
  for (const char* k : kExcludedIncomeKeys) Amount(m, k);  // checked, then left out
  in.salary_income = Amount(m, "salary_income");
  in.total_income = Amount(m, "total_income");
  in.reduction_income = Amount(m, "reduction_income");
  for (const auto& [loss, income] : kLossOf) {
    if (m.Optional(loss) && m.Optional(income) && in.*FieldOf(loss) > 0 && in.*FieldOf(income) > 0)
      throw InputError(PosOfKey(m, loss),
                       PathOf(m, loss) + ": expected 0 or absent when " + income +
                           " is given (a kind of income is either an income or a loss)");
  }
  if (in.salary_income) {
    if (in.family_salary > 0)
      throw InputError(PosOfKey(m, "salary_income"),
                       PathOf(m, "salary_income") +
                           ": expected salary_revenue and family_salary instead when the member "
                           "received 専従者給与 (it is nil in the 軽減判定, so it must stay "
                           "apart)");
    if (in.total_income && *in.salary_income > *in.total_income)
      throw InputError(PosOfKey(m, "salary_income"),
                       PathOf(m, "salary_income") +
                           ": expected at most total_income (the 給与所得 included in the "
                           "総所得金額等)");
    if (in.reduction_income && *in.salary_income > *in.reduction_income)
      throw InputError(PosOfKey(m, "salary_income"),
                       PathOf(m, "salary_income") +
                           ": expected at most reduction_income (the 給与所得 included in the "
                           "軽減判定所得)");
  }
  if (in.land_gains_deduction > in.land_gains)
    throw InputError(PosOfKey(m, "land_gains_deduction"),
                     PathOf(m, "land_gains_deduction") +
                         ": expected at most land_gains (the 特別控除 cannot exceed the "
                         "譲渡所得)");
  if (in.reduction_income && !in.total_income)
    throw InputError(PosOfKey(m, "reduction_income"),
                     PathOf(m, "reduction_income") +
                         ": expected only together with total_income (総所得金額等 given "
                         "directly)");
  if (in.total_income) {
    // salary_revenue and pension_revenue may stay: they decide 給与所得者等 (spec §3.2);
    // salary_income says how much of it is 給与所得 (for the 非自発的失業者 30/100).
    for (const IncomeKey& k : kIncomeKeys) {
      const std::string key = k.key;
      if (key == "salary_revenue" || key == "pension_revenue" || in.*k.field == 0) continue;
      throw InputError(PosOfKey(m, key),
                       PathOf(m, key) +
                           ": expected 0 or absent when total_income (総所得金額等) is given; "
                           "only salary_revenue, pension_revenue and salary_income may "
                           "accompany it (losses are already netted in it)");
    }
  }
}

void HouseholdReader::ReadUnemployment(YamlMap& member, Person& p) {
  auto node = member.Optional("involuntary_unemployment");
  if (!node) return;
  YamlMap m(*node, file_, PathOf(member, "involuntary_unemployment"));
  m.ExpectKeys({"separation_date", "reason_code"});
  if (!p.insured)
    throw InputError(m.pos(), m.where() + ": only for an insured member (特例対象被保険者)");
  m.Require("separation_date");
  p.unemployment_separation = Date(m, "separation_date");
  const YAML::Node code = m.Require("reason_code");
  const std::string path = PathOf(m, "reason_code");
  const std::string c(Trim(NormalizeWidth(ScalarText(code, m.PosOf(code), path))));
  if (std::find(std::begin(kReasonCodes), std::end(kReasonCodes), c) == std::end(kReasonCodes))
    throw InputError(m.PosOf(code), path +
                                        ": expected a 離職理由コード of a 特定受給資格者 (11, 12, "
                                        "21, 22, 31, 32) or 特定理由離職者 (23, 33, 34)");
  p.unemployment_reason = c;
  if (premium::AgeOn(p.birth_date, *p.unemployment_separation) >= 65)
    throw InputError(PosOfKey(m, "separation_date"),
                     PathOf(m, "separation_date") +
                         ": the 非自発的失業者 軽減 is for members under 65 on the 離職日");
}

void HouseholdReader::ReadBirthEvent(YamlMap& member, Person& p) {
  auto node = member.Optional("birth");
  if (!node) return;
  YamlMap m(*node, file_, PathOf(member, "birth"));
  m.ExpectKeys({"month", "multiple"});
  if (!p.insured) throw InputError(m.pos(), m.where() + ": only for an insured member (産前産後)");
  const YAML::Node month = m.Require("month");
  const std::string path = PathOf(m, "month");
  // "2026-09", "2026/9", "R8.9", "令和8年9月" (or a date in that month).
  const std::string text(Trim(NormalizeWidth(ScalarText(month, m.PosOf(month), path))));
  std::optional<CivilDate> d = CivilDate::TryParse(text);
  if (!d) d = CivilDate::TryParse(text.ends_with("月") ? text + "1日" : text + "-1");
  if (!d)
    throw InputError(m.PosOf(month),
                     path +
                         ": expected the month of the birth (出産(予定)月) such as 2026-09 or "
                         "令和8年9月");
  p.birth_month = d->YearMonth();
  p.birth_multiple = Bool(m, "multiple", false);
  // The levy applies the exemption to the 均等割 of members 18 and over (premium/prepare.cc).
  if (p.birth_date >= CivilDate{fy_ - 18, 4, 2})
    throw InputError(m.pos(), m.where() +
                                  ": the 産前産後 exemption is supported for members 18 and "
                                  "over only (born before 4月2日 of the fiscal year − 18)");
}

HouseholdReader::Member HouseholdReader::ReadMember(const YAML::Node& node, size_t index) {
  YamlMap m(node, file_, fmt::format("members[{}]", index));
  m.ExpectKeys({"head", "insured", "tokutei_doitsu", "age", "birth_date", "income_declared",
                "joined", "left", "fixed_asset_tax", "former_dependent_since",
                "involuntary_unemployment", "birth", "income"});
  Member out;
  Person& p = out.person;
  p.head = Bool(m, "head", false);
  if (p.head) out.head_pos = PosOfKey(m, "head");
  p.insured = Bool(m, "insured", true);
  p.tokutei_doitsu = Bool(m, "tokutei_doitsu", false);
  if (p.tokutei_doitsu && p.insured)
    throw InputError(PosOfKey(m, "tokutei_doitsu"),
                     PathOf(m, "tokutei_doitsu") +
                         ": a 特定同一世帯所属者 has moved to 後期高齢者医療; expected insured: "
                         "false as well");
  if (!p.insured && !p.head && !p.tokutei_doitsu)
    throw InputError(PosOfKey(m, "insured"),
                     PathOf(m, "insured") +
                         ": false is only for the head (擬制世帯主) or a 特定同一世帯所属者 "
                         "(tokutei_doitsu: true); leave out other people not in 国保");
  ReadBirthDate(m, p);
  p.income_declared = Bool(m, "income_declared", true);
  p.joined = Date(m, "joined");
  p.left = Date(m, "left");
  for (const char* key : {"joined", "left"})
    if (!p.insured && m.Optional(key))
      throw InputError(PosOfKey(m, key),
                       PathOf(m, key) + ": only for an insured member (資格取得日・喪失日)");
  if (p.joined && p.left && *p.joined >= *p.left)
    throw InputError(PosOfKey(m, "left"),
                     PathOf(m, "left") +
                         ": expected a date after joined (資格喪失日 is the day after the last "
                         "insured day)");
  p.fixed_asset_tax = Amount(m, "fixed_asset_tax").value_or(0);
  p.former_dependent_since = Date(m, "former_dependent_since");
  if (p.former_dependent_since) {
    const SourcePos pos = PosOfKey(m, "former_dependent_since");
    const std::string path = PathOf(m, "former_dependent_since");
    if (!p.insured) throw InputError(pos, path + ": only for an insured member (旧被扶養者)");
    const int age = premium::AgeOn(p.birth_date, *p.former_dependent_since);
    if (age < 65 || age > 74)
      throw InputError(pos, path +
                                ": a 旧被扶養者 is aged 65 to 74 on the 資格取得日; expected a "
                                "date on which this member is (check age or birth_date)");
  }
  ReadUnemployment(m, p);
  ReadBirthEvent(m, p);
  ReadIncome(m, p);
  if (p.unemployment_separation && p.income.total_income && !p.income.salary_income)
    throw InputError(PosOfKey(m, "involuntary_unemployment"),
                     PathOf(m, "involuntary_unemployment") +
                         ": the 30/100 applies to 給与所得; with total_income give "
                         "income.salary_income (the 給与所得 included in it), or give the kinds "
                         "instead of total_income");
  m.RejectUnknownKeys();
  return out;
}

Household HouseholdReader::Read(const YAML::Node& root_node) {
  YamlMap root(root_node, file_, kTopLevel);
  root.ExpectKeys({"id", "municipality", "tokutei_since", "members"});
  Household h;
  h.id = std::filesystem::path(file_).stem().string();
  if (auto id = root.OptionalText("id")) h.id = std::string(Trim(*id));
  if (auto code = root.Optional("municipality")) {
    auto parsed = MunicipalityCode::TryParse(ScalarText(*code, root.PosOf(*code), "municipality"));
    if (!parsed)
      throw InputError(root.PosOf(*code),
                       "municipality: expected a 団体コード of 6 digits with its check digit "
                       "(or the 5 digits before it), e.g. 102016");
    h.municipality = parsed->str();
    h.municipality_at = root.PosOf(*code);
  }
  const YAML::Node members = root.Require("members");
  if (!members.IsSequence() || members.size() == 0 || members.size() > kMaxMembers)
    throw InputError(root.PosOf(members),
                     fmt::format("members: expected a list of 1 to {} members", kMaxMembers));
  std::optional<size_t> head;
  int insured = 0;
  bool any_tokutei_doitsu = false;
  for (size_t i = 0; i < members.size(); ++i) {
    Member m = ReadMember(members[i], i);
    if (m.head_pos) {
      if (head)
        throw InputError(*m.head_pos,
                         fmt::format("members[{}].head: members[{}] is already the head; expected "
                                     "exactly one 世帯主",
                                     i, *head));
      head = i;
    }
    insured += m.person.insured ? 1 : 0;
    any_tokutei_doitsu |= m.person.tokutei_doitsu;
    h.members.push_back(std::move(m.person));
  }
  if (!head)
    throw InputError(root.PosOf(members),
                     "members: expected exactly one member with head: true (世帯主; insured: false "
                     "for an 擬制世帯主)");
  if (insured == 0)
    throw InputError(root.PosOf(members),
                     "members: expected at least one insured member (国保の被保険者)");
  h.tokutei_since = Date(root, "tokutei_since");
  if (h.tokutei_since) {
    const SourcePos pos = PosOfKey(root, "tokutei_since");
    if (*h.tokutei_since > year_end_)
      throw InputError(pos, fmt::format("tokutei_since: expected a date not after the end of the "
                                        "fiscal year ({})",
                                        year_end_.ToString()));
    if (insured != 1)
      throw InputError(pos, fmt::format("tokutei_since: a 特定世帯 has exactly one insured member; "
                                        "this household has {}",
                                        insured));
    if (!any_tokutei_doitsu)
      throw InputError(pos,
                       "tokutei_since: a 特定世帯 keeps the member who moved to 後期高齢者医療; "
                       "expected a member with tokutei_doitsu: true");
  }
  root.RejectUnknownKeys();
  return h;
}

/// Refuses text that is not strict JSON (RFC 8259), at the line and column (in characters)
/// where the parser stopped: "h.json:7:3: invalid JSON: … expected …".
void CheckStrictJson(const std::string& text, const std::string& file) {
  try {
    (void)nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is the 1-based offset of the character that stopped the parser.
    const std::size_t stop = std::min<std::size_t>(e.byte == 0 ? 0 : e.byte - 1, text.size());
    int line = 1, column = 1;
    for (std::size_t i = 0; i < stop; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
        ++column;
      }
    }
    std::string what = e.what();  // "[json.exception.parse_error.101] parse error at …: why"
    const std::size_t colon = what.find(": ");
    if (colon != std::string::npos) what = what.substr(colon + 2);
    throw InputError({file, line, column},
                     "invalid JSON: " + what +
                         " (a .json file is strict JSON: no trailing comma, double-quoted keys "
                         "and strings, no comments)");
  }
}

}  // namespace

premium::Household LoadHousehold(const std::string& path, int fiscal_year) {
  const std::string text = ReadTextFile(path);
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  // YAML's flow style accepts what JSON refuses (a trailing comma, single quotes, comments),
  // so a .json file is checked as JSON first.
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError({path, 1, 1}, "the file is empty; expected a household (members: …)");
  if (ext == ".json") CheckStrictJson(text, path);
  return HouseholdReader(path, fiscal_year).Read(ParseYamlStrict(text, path));
}

premium::Household ParseHousehold(const std::string& text, const std::string& name,
                                  int fiscal_year) {
  return HouseholdReader(name, fiscal_year).Read(ParseYamlStrict(text, name));
}

}  // namespace kokuho
