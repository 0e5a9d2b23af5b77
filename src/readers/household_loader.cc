// LoadHousehold: a household file (JSON or YAML, docs/household-format.md) to a
// premium::Household. JSON goes through the strict YAML parser too (JSON is YAML's flow
// style), so every error carries the line and column; each message names the JSON path of
// the value ("members[1].income.salary_revenue") and says in Japanese what to enter, never
// the value (a household's figures are personal). The web API puts the form's label in place
// of the path (server/messages_ja.h).
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

// Accepted and validated, but not used: excluded from 総所得金額等 by law (docs/premium-rules.md).
constexpr const char* kExcludedIncomeKeys[] = {"retirement", "nontaxable"};

constexpr const char* kTopLevel = "最上位";

/// The JSON path of `key` in `m`: "members[1].income.salary_revenue" (a household inside
/// another file: "households[2].members[1]…").
std::string PathOf(const YamlMap& m, const std::string& key) {
  return m.where() == kTopLevel ? key : m.where() + "." + key;
}

/// The path of a member: "members[1]", or "households[2].members[1]" for a household at
/// `where` inside another file.
std::string MemberPath(const std::string& where, size_t index) {
  return where == kTopLevel ? fmt::format("members[{}]", index)
                            : fmt::format("{}.members[{}]", where, index);
}

/// Reads the maps of one household file; knows the file and the fiscal year.
class HouseholdReader {
 public:
  /// `where` names the household in messages when it is not the whole file
  /// ("households[2]"); `extra_keys` are keys of its mapping that the caller reads.
  HouseholdReader(std::string file, int fiscal_year, std::string where = kTopLevel,
                  std::vector<std::string> extra_keys = {})
      : file_(std::move(file)),
        where_(std::move(where)),
        extra_keys_(std::move(extra_keys)),
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
  std::string where_;
  std::vector<std::string> extra_keys_;
  int fy_;
  CivilDate april1_, year_end_;
};

bool HouseholdReader::Bool(YamlMap& m, const std::string& key, bool default_value) {
  auto n = m.Optional(key);
  if (!n) return default_value;
  const std::string path = PathOf(m, key);
  const std::string t = AsciiLower(Trim(ScalarText(*n, m.PosOf(*n), path)));
  if (t == "true") return true;
  if (t == "false") return false;
  throw InputError(m.PosOf(*n),
                   path + ": " + Quoted(t) + "は true (はい) か false (いいえ) で指定してください");
}

std::optional<CivilDate> HouseholdReader::Date(YamlMap& m, const std::string& key) {
  auto n = m.Optional(key);
  if (!n) return std::nullopt;
  const std::string path = PathOf(m, key);
  auto d = CivilDate::TryParse(ScalarText(*n, m.PosOf(*n), path));
  if (!d)
    throw InputError(
        m.PosOf(*n),
        path + ": 日付を 2026-04-01、2026/4/1、令和8年4月1日 のように入力してください");
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
                              ": 0以上の整数 (円) で入力してください (損失は「損失」の欄 "
                              "(business_loss、real_estate_loss、forestry_loss、misc_loss) に正の"
                              "額で入力します)");
  if (y > kMaxAmount) throw InputError(pos, path + ": 1つの金額は100億円以下で入力してください");
  return y;
}

void HouseholdReader::ReadBirthDate(YamlMap& m, Person& p) {
  const bool has_age = m.Optional("age").has_value();
  const bool has_birth = m.Optional("birth_date").has_value();
  const int max_age = p.insured ? premium::kMaxInsuredAge : premium::kMaxMemberAge;
  if (has_age && has_birth)
    throw InputError(
        PosOfKey(m, "birth_date"),
        m.where() + ": 年齢 (age) か生年月日 (birth_date) のどちらか一方だけを入力してください");
  if (!has_age && !has_birth)
    throw InputError(m.pos(), m.where() +
                                  ": 年齢 (age、4月1日現在) か生年月日 (birth_date) を入力"
                                  "してください");
  if (has_age) {
    const YAML::Node n = m.Require("age");
    const std::string path = PathOf(m, "age");
    auto v = TryParseNumber(ScalarText(n, m.PosOf(n), path));
    if (!v || v->raw().get_den() != 1 || *v < Rational(0) || *v > Rational(max_age))
      throw InputError(m.PosOf(n), path + ": " + premium::AgeExpectedText(p.insured));
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
                       PathOf(m, loss) + ": 同じ種類の所得と損失は同時に入力できません (" + income +
                           " と " + loss + ")。どちらか一方にしてください");
  }
  if (in.salary_income) {
    if (in.family_salary > 0)
      throw InputError(PosOfKey(m, "salary_income"),
                       PathOf(m, "salary_income") +
                           ": 専従者給与を受けた人は、給与所得 (salary_income) でなく給与収入 "
                           "(salary_revenue) と専従者給与 (family_salary) で入力してください "
                           "(専従者給与は軽減判定で0とするため分けておきます)");
    if (in.total_income && *in.salary_income > *in.total_income)
      throw InputError(PosOfKey(m, "salary_income"),
                       PathOf(m, "salary_income") +
                           ": 給与所得は総所得金額等 (total_income) 以下の額で入力してください");
    if (in.reduction_income && *in.salary_income > *in.reduction_income)
      throw InputError(
          PosOfKey(m, "salary_income"),
          PathOf(m, "salary_income") +
              ": 給与所得は軽減判定所得 (reduction_income) 以下の額で入力してください");
  }
  if (in.land_gains_deduction > in.land_gains)
    throw InputError(PosOfKey(m, "land_gains_deduction"),
                     PathOf(m, "land_gains_deduction") +
                         ": 特別控除は譲渡所得 (land_gains) 以下の額で入力してください");
  if (in.reduction_income && !in.total_income)
    throw InputError(PosOfKey(m, "reduction_income"),
                     PathOf(m, "reduction_income") +
                         ": 軽減判定所得は総所得金額等 (total_income) と一緒に入力してください");
  if (in.total_income) {
    // salary_revenue and pension_revenue may stay: they decide 給与所得者等
    // (docs/premium-rules.md); salary_income says how much of it is 給与所得 (for the
    // 非自発的失業者 30/100).
    for (const IncomeKey& k : kIncomeKeys) {
      const std::string key = k.key;
      if (key == "salary_revenue" || key == "pension_revenue" || in.*k.field == 0) continue;
      throw InputError(PosOfKey(m, key),
                       PathOf(m, key) +
                           ": 総所得金額等 (total_income) を直接入力したときは、給与収入・公的年金"
                           "等収入・給与所得 (salary_revenue、pension_revenue、salary_income) の"
                           "ほかは入力できません (損失も総所得金額等で差し引き済みです)");
    }
  }
}

void HouseholdReader::ReadUnemployment(YamlMap& member, Person& p) {
  auto node = member.Optional("involuntary_unemployment");
  if (!node) return;
  YamlMap m(*node, file_, PathOf(member, "involuntary_unemployment"));
  m.ExpectKeys({"separation_date", "reason_code"});
  if (!p.insured)
    throw InputError(m.pos(), m.where() +
                                  ": 非自発的失業の軽減 (特例対象被保険者) は国保に加入して"
                                  "いる人についてだけ入力できます");
  m.Require("separation_date");
  p.unemployment_separation = Date(m, "separation_date");
  const YAML::Node code = m.Require("reason_code");
  const std::string path = PathOf(m, "reason_code");
  const std::string c(Trim(NormalizeWidth(ScalarText(code, m.PosOf(code), path))));
  if (!premium::IsInvoluntaryReasonCode(c))  // the shared rule (premium/member_age.h)
    throw InputError(m.PosOf(code),
                     path +
                         ": 離職理由コードは特定受給資格者 (11, 12, 21, 22, 31, "
                         "32) か特定理由離職者 (23, 33, 34) のものを入力してください");
  p.unemployment_reason = c;
  if (auto why = premium::SeparationProblem(p.birth_date, *p.unemployment_separation, p.insured))
    throw InputError(PosOfKey(m, "separation_date"), PathOf(m, "separation_date") + ": " + *why);
}

void HouseholdReader::ReadBirthEvent(YamlMap& member, Person& p) {
  auto node = member.Optional("birth");
  if (!node) return;
  YamlMap m(*node, file_, PathOf(member, "birth"));
  m.ExpectKeys({"month", "multiple"});
  if (!p.insured)
    throw InputError(m.pos(), m.where() +
                                  ": 産前産後の免除は国保に加入している人についてだけ入力"
                                  "できます");
  const YAML::Node month = m.Require("month");
  const std::string path = PathOf(m, "month");
  // "2026-09", "2026/9", "R8.9", "令和8年9月" (or a date in that month).
  const std::string text(Trim(NormalizeWidth(ScalarText(month, m.PosOf(month), path))));
  std::optional<CivilDate> d = CivilDate::TryParse(text);
  if (!d) d = CivilDate::TryParse(text.ends_with("月") ? text + "1日" : text + "-1");
  if (!d)
    throw InputError(m.PosOf(month),
                     path + ": 出産(予定)月を 2026-09 や 令和8年9月 のように入力してください");
  p.birth_month = d->YearMonth();
  p.birth_multiple = Bool(m, "multiple", false);
  // The levy applies the exemption to the 均等割 of members 18 and over (premium/prepare.cc).
  if (p.birth_date >= CivilDate{fy_ - 18, 4, 2})
    throw InputError(m.pos(), m.where() +
                                  ": 産前産後の免除は18歳以上の人 (年度の18年前の4月2日より前に"
                                  "生まれた人) についてだけ計算できます");
}

HouseholdReader::Member HouseholdReader::ReadMember(const YAML::Node& node, size_t index) {
  YamlMap m(node, file_, MemberPath(where_, index));
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
                         ": 特定同一世帯所属者は後期高齢者医療に移った人です。国保の加入を"
                         "「いいえ」(insured: false) にしてください");
  if (!p.insured && !p.head && !p.tokutei_doitsu)
    throw InputError(PosOfKey(m, "insured"),
                     PathOf(m, "insured") +
                         ": 国保に加入していない人を入力できるのは世帯主 (擬制世帯主) か特定同一"
                         "世帯所属者 (tokutei_doitsu: true) だけです。ほかの国保に加入していない"
                         "人は世帯員に入れないでください");
  ReadBirthDate(m, p);
  p.income_declared = Bool(m, "income_declared", true);
  p.joined = Date(m, "joined");
  p.left = Date(m, "left");
  for (const char* key : {"joined", "left"})
    if (!p.insured && m.Optional(key))
      throw InputError(
          PosOfKey(m, key),
          PathOf(m, key) + ": 資格取得日・喪失日は国保に加入している人についてだけ入力できます");
  if (p.joined && p.left && *p.joined >= *p.left)
    throw InputError(PosOfKey(m, "left"),
                     PathOf(m, "left") +
                         ": 資格喪失日は資格取得日より後の日付で入力してください (資格喪失日は"
                         "加入最後の日の翌日です)");
  p.fixed_asset_tax = Amount(m, "fixed_asset_tax").value_or(0);
  p.former_dependent_since = Date(m, "former_dependent_since");
  if (p.former_dependent_since) {
    const SourcePos pos = PosOfKey(m, "former_dependent_since");
    const std::string path = PathOf(m, "former_dependent_since");
    // The shared rule (premium/member_age.h): insured, and 65–74 on that day.
    if (auto why =
            premium::FormerDependentProblem(p.birth_date, *p.former_dependent_since, p.insured))
      throw InputError(pos, path + ": " + *why);
  }
  ReadUnemployment(m, p);
  ReadBirthEvent(m, p);
  ReadIncome(m, p);
  if (p.unemployment_separation && p.income.total_income && !p.income.salary_income)
    throw InputError(PosOfKey(m, "involuntary_unemployment"),
                     PathOf(m, "involuntary_unemployment") +
                         ": 非自発的失業者の軽減は給与所得にかかります。総所得金額等 "
                         "(total_income) を入力したときは、そのうちの給与所得を "
                         "income.salary_income に入力するか、所得の種類ごとに入力してください");
  m.RejectUnknownKeys();
  return out;
}

Household HouseholdReader::Read(const YAML::Node& root_node) {
  YamlMap root(root_node, file_, where_);
  std::vector<std::string> keys = {"id", "municipality", "tokutei_since", "members"};
  keys.insert(keys.end(), extra_keys_.begin(), extra_keys_.end());
  root.ExpectKeys(keys);
  for (const std::string& k : extra_keys_) (void)root.Optional(k);  // the caller's
  Household h;
  h.id = std::filesystem::path(file_).stem().string();
  if (auto id = root.OptionalText("id")) h.id = std::string(Trim(*id));
  if (auto code = root.Optional("municipality")) {
    const std::string text = ScalarText(*code, root.PosOf(*code), "municipality");
    auto parsed = MunicipalityCode::TryParse(text);
    if (!parsed)
      throw InputError(root.PosOf(*code), "municipality: " + MunicipalityCodeProblem(text));
    h.municipality = parsed->str();
    h.municipality_at = root.PosOf(*code);
  }
  const YAML::Node members = root.Require("members");
  if (!members.IsSequence() || members.size() == 0 || members.size() > kMaxMembers)
    throw InputError(
        root.PosOf(members),
        fmt::format("members: 世帯員は1人以上{}人以下のリストで入力してください", kMaxMembers));
  std::optional<size_t> head;
  int insured = 0;
  bool any_tokutei_doitsu = false;
  for (size_t i = 0; i < members.size(); ++i) {
    Member m = ReadMember(members[i], i);
    if (m.head_pos) {
      if (head)
        throw InputError(*m.head_pos,
                         fmt::format("members[{}].head: 世帯主は1人だけ選んでください ({}人目 "
                                     "(members[{}]) がすでに世帯主です)",
                                     i, *head + 1, *head));
      head = i;
    }
    insured += m.person.insured ? 1 : 0;
    any_tokutei_doitsu |= m.person.tokutei_doitsu;
    h.members.push_back(std::move(m.person));
  }
  if (!head)
    throw InputError(
        root.PosOf(members),
        "members: 世帯主を1人選んでください (head: true。国保に加入していない世帯主"
        "は、国保の加入を「いいえ」(insured: false) にして擬制世帯主として入力します)");
  if (insured == 0)
    throw InputError(root.PosOf(members), "members: 国保に加入している人を1人以上入力してください");
  h.tokutei_since = Date(root, "tokutei_since");
  if (h.tokutei_since) {
    const SourcePos pos = PosOfKey(root, "tokutei_since");
    if (*h.tokutei_since > year_end_)
      throw InputError(pos, fmt::format("tokutei_since: 特定世帯となった日は年度末 ({}) 以前の"
                                        "日付で入力してください",
                                        year_end_.ToString()));
    if (insured != 1)
      throw InputError(pos, fmt::format("tokutei_since: 特定世帯は国保の被保険者が1人の世帯です "
                                        "(この世帯は{}人)。世帯員の国保の加入を確かめてください",
                                        insured));
    if (!any_tokutei_doitsu)
      throw InputError(pos,
                       "tokutei_since: 特定世帯には後期高齢者医療に移った世帯員 (特定同一世帯"
                       "所属者、tokutei_doitsu: true) を入力してください");
  }
  root.RejectUnknownKeys();
  return h;
}

/// Refuses text that is not strict JSON (RFC 8259), at the line and column (in characters)
/// where the parser stopped: "h.json:7:3: JSON として読めません (…)。…".
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
                     "JSON として読めません (" + what +
                         ")。.json のファイルは厳密な JSON で書いてください (最後の要素の後に"
                         "カンマを付けない、キーと文字列は二重引用符 \"…\"、コメントなし)");
  }
}

}  // namespace

premium::Household LoadHousehold(const std::string& path, int fiscal_year) {
  const std::string text = ReadTextFile(path);
  const std::string ext = AsciiLower(std::filesystem::path(path).extension().string());
  // YAML's flow style accepts what JSON refuses (a trailing comma, single quotes, comments),
  // so a .json file is checked as JSON first.
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError({path, 1, 1}, "ファイルが空です。世帯 (members: …) を書いてください");
  if (ext == ".json") CheckStrictJson(text, path);
  return HouseholdReader(path, fiscal_year).Read(ParseYamlStrict(text, path));
}

premium::Household ParseHousehold(const std::string& text, const std::string& name,
                                  int fiscal_year) {
  return HouseholdReader(name, fiscal_year).Read(ParseYamlStrict(text, name));
}

premium::Household ReadHouseholdNode(const YAML::Node& node, const std::string& file,
                                     int fiscal_year, const std::string& where,
                                     const std::vector<std::string>& extra_keys) {
  return HouseholdReader(file, fiscal_year, where, extra_keys).Read(node);
}

}  // namespace kokuho
