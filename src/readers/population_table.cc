#include "readers/population_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <optional>
#include <unordered_map>

#include "core/error.h"
#include "core/municipality_code.h"
#include "core/text.h"
#include "io/atomic_file_writer.h"
#include "io/csv_records.h"
#include "io/encoding.h"
#include "io/input_limits.h"
#include "io/table_reader.h"
#include "io/value_parser.h"
#include "premium/civil_date.h"
#include "premium/member_age.h"

namespace kokuho {
namespace {

using premium::CivilDate;
using premium::Population;

enum Col : int {
  kId,
  kCode,
  kHead,
  kInsured,
  kTokutei,
  kBirth,
  kAge,
  kDeclared,
  kJoined,
  kLeft,
  kSalary,
  kFamilySalary,
  kPension,
  kBusiness,
  kFamilySalaryPaid,
  kOther,
  kLandGains,
  kLandDeduction,
  kTotalIncome,
  kReductionIncome,
  kFixedAssetTax,
  kFormerSince,
  kSeparation,
  kReason,
  kBirthMonth,
  kMultiple,
  kTokuteiSince,
  kColCount
};

constexpr std::array<std::string_view, kColCount> kNames = {"世帯番号",       "団体コード",
                                                            "世帯主",         "国保",
                                                            "特定同一",       "生年月日",
                                                            "年齢",           "所得申告",
                                                            "資格取得日",     "資格喪失日",
                                                            "給与収入",       "専従者給与",
                                                            "公的年金等収入", "事業所得",
                                                            "専従者給与支払", "その他所得",
                                                            "分離譲渡所得",   "譲渡特別控除",
                                                            "総所得金額等",   "軽減判定所得",
                                                            "固定資産税",     "旧被扶養者取得日",
                                                            "離職日",         "離職理由コード",
                                                            "出産予定月",     "多胎",
                                                            "特定世帯開始日"};

// The income kinds that 総所得金額等 replaces.
constexpr std::array<Col, 8> kIncomeKinds = {kSalary,    kFamilySalary,     kPension,
                                             kBusiness,  kFamilySalaryPaid, kOther,
                                             kLandGains, kLandDeduction};

constexpr std::int64_t kMaxAmount = 10'000'000'000;  // 100億円: as in household files

std::int32_t Pack(const CivilDate& d) { return d.year * 10000 + d.month * 100 + d.day; }

/// One data row: cell texts and their positions, by column of the file.
struct Row {
  std::vector<std::string_view> text;
  std::vector<int> line, column;
  int row_line = 0;
};

/// Parses digits only ("123"); false for anything else (then the slow path decides).
bool ParseAsciiDigits(std::string_view s, std::uint64_t& out) {
  if (s.empty() || s.size() > 18) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  out = v;
  return true;
}

/// "2026-04-01" without the general parser (the form WritePopulationCsv writes).
std::optional<CivilDate> FastIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  int v[3] = {0, 0, 0};
  const int from[3] = {0, 5, 8}, len[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (int i = from[k]; i < from[k] + len[k]; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      v[k] = v[k] * 10 + (s[i] - '0');
    }
  if (!CivilDate::Valid(v[0], v[1], v[2])) return std::nullopt;
  return CivilDate{v[0], v[1], v[2]};
}

/// Builds a Population from rows, checking each cell and each household.
class Builder {
 public:
  Builder(std::string file, int fiscal_year, Population& pop)
      : file_(std::move(file)), fy_(fiscal_year), pop_(pop) {
    col_.fill(-1);
  }

  /// Maps the header names (already trimmed and width-normalised) to columns.
  void Header(const std::vector<std::string_view>& names, const std::vector<SourcePos>& pos,
              int header_line) {
    for (std::size_t i = 0; i < names.size(); ++i) {
      auto it = std::find(kNames.begin(), kNames.end(), names[i]);
      if (it == kNames.end()) {
        std::string expected;
        for (std::string_view n : kNames)
          expected += (expected.empty() ? "" : ", ") + std::string(n);
        throw InputError(pos[i],
                         fmt::format("見出し {} は被保険者の表では使えません。使える見出し: {}",
                                     names[i], expected));
      }
      col_[it - kNames.begin()] = static_cast<int>(i);
    }
    for (Col c : {kId, kCode, kHead})
      if (col_[c] < 0)
        throw InputError(
            {file_, header_line, 0},
            fmt::format("列 {} がありません (被保険者の表に必ず要る列です)。見出し行に加えて"
                        "ください",
                        kNames[c]));
    if (col_[kBirth] < 0 && col_[kAge] < 0)
      throw InputError({file_, header_line, 0},
                       "列 生年月日 か 年齢 がありません (どちらかが必要です)。見出し行に加えて"
                       "ください");
  }

  void Add(const Row& r) {
    row_ = &r;
    const std::int64_t id = ParseId();
    if (open_ && id != id_) Finish();
    if (!open_) Start(id);
    Member();
    last_line_ = r.row_line;
  }

  /// Closes the last household.
  void End() {
    if (open_) Finish();
  }

 private:
  std::string_view Cell(Col c) const {
    return col_[c] < 0 ? std::string_view() : Trim(row_->text[col_[c]]);
  }
  SourcePos Pos(Col c) const {
    if (col_[c] < 0) return {file_, row_->row_line, 0};
    return {file_, row_->line[col_[c]], row_->column[col_[c]]};
  }
  [[noreturn]] void Fail(Col c, const std::string& what) const {
    throw InputError(Pos(c), fmt::format("{}: {}", kNames[c], what));
  }

  std::int64_t ParseId() const {
    std::string_view s = Cell(kId);
    std::uint64_t v;
    if (ParseAsciiDigits(s, v)) return static_cast<std::int64_t>(v);
    const std::string n = NormalizeWidth(s);
    if (ParseAsciiDigits(Trim(n), v)) return static_cast<std::int64_t>(v);
    Fail(kId, "世帯番号を18桁以下の整数で書いてください");
  }

  /// An amount in whole yen, 0 ≤ v ≤ 100億; blank → nullopt. Never echoes the value.
  std::optional<std::int64_t> Amount(Col c) const {
    std::string_view s = Cell(c);
    if (s.empty()) return std::nullopt;
    std::uint64_t v;
    if (ParseAsciiDigits(s, v)) {
      if (v > static_cast<std::uint64_t>(kMaxAmount))
        Fail(c, "1つの金額は100億円以下で書いてください");
      return static_cast<std::int64_t>(v);
    }
    auto r = TryParseNumber(s);
    if (!r || r->raw().get_den() != 1)
      Fail(c, "金額を円単位の整数で書いてください (数字、3桁ごとのカンマは可)");
    if (r->Sign() < 0) Fail(c, "0以上の金額を書いてください (損失は0とします)");
    if (!r->raw().get_num().fits_slong_p() || r->Floor() > kMaxAmount)
      Fail(c, "1つの金額は100億円以下で書いてください");
    return r->Floor();
  }

  bool Flag(Col c, bool fallback) const {
    std::string_view s = Cell(c);
    if (s.empty()) return fallback;
    if (s == "1" || s == "\xEF\xBC\x91") return true;   // 1, １
    if (s == "0" || s == "\xEF\xBC\x90") return false;  // 0, ０
    Fail(c, fmt::format("{}は使えません。1 か 0 を書いてください (空欄は {})", Quoted(s),
                        fallback ? 1 : 0));
  }

  std::optional<CivilDate> Date(Col c) const {
    std::string_view s = Cell(c);
    if (s.empty()) return std::nullopt;
    if (auto d = FastIsoDate(s)) return d;
    auto d = CivilDate::TryParse(s);
    if (!d) Fail(c, "日付を 2026-04-01、2026/4/1、令和8年4月1日 のように書いてください");
    return d;
  }

  /// yyyymm from "2026-07", "2026/7", "202607", "令和8年7月", "R8.7" or a whole date.
  int Month(Col c) const {
    std::string_view s = Cell(c);
    if (s.empty()) return 0;
    const std::string n(Trim(NormalizeWidth(s)));
    std::optional<CivilDate> d;
    if (n.size() == 6 &&
        std::all_of(n.begin(), n.end(), [](char x) { return x >= '0' && x <= '9'; }))
      d = CivilDate::TryParse(n.substr(0, 4) + "-" + n.substr(4) + "-1");
    if (!d) d = CivilDate::TryParse(n);
    if (!d && n.size() > 3 && n.compare(n.size() - 3, 3, "月") == 0)
      d = CivilDate::TryParse(n + "1日");
    if (!d) d = CivilDate::TryParse(n + "-1");
    if (!d) Fail(c, "年月を 2026-07 や 令和8年7月 のように書いてください");
    return d->YearMonth();
  }

  void Start(std::int64_t id) {
    if (auto it = done_.find(id); it != done_.end())
      Fail(kId, fmt::format("世帯 {} の行が2か所にあります ({}行目で終わり、ここでまた始まります)。"
                            "1つの世帯の行は続けて書いてください",
                            id, it->second));
    open_ = true;
    id_ = id;
    first_line_ = row_->row_line;
    heads_ = 0;
    head_line_ = 0;
    insured_ = 0;
    any_tokutei_ = false;
    tokutei_since_ = 0;
    tokutei_line_ = 0;
    code_text_.assign(Cell(kCode));
    if (code_text_.empty()) Fail(kCode, "団体コードがありません。すべての行に書いてください");
    if (code_text_ != last_code_text_) {
      auto code = MunicipalityCode::TryParse(code_text_);
      if (!code) Fail(kCode, MunicipalityCodeProblem(code_text_));
      last_code_index_ = pop_.MunicipalityIndex(code->str());
      last_code_text_ = code_text_;
    }
    pop_.household_id.push_back(id);
    pop_.municipality.push_back(last_code_index_);
    pop_.tokutei_since.push_back(0);
    if (pop_.member_offset.empty()) pop_.member_offset.push_back(0);
  }

  void Finish() {
    if (heads_ == 0)
      throw InputError({file_, first_line_, col_[kHead] + 1},
                       fmt::format("世帯主: 世帯 {} ({}〜{}行目) に世帯主がいません。"
                                   "世帯主 = 1 の行を1つにしてください",
                                   id_, first_line_, last_line_));
    if (insured_ == 0)
      throw InputError({file_, first_line_, col_[kInsured] < 0 ? 0 : col_[kInsured] + 1},
                       fmt::format("国保: 世帯 {} ({}〜{}行目) に国保の被保険者がいません。"
                                   "国保 = 1 の行を1つ以上にしてください",
                                   id_, first_line_, last_line_));
    if (tokutei_line_ != 0 && insured_ != 1)
      throw InputError({file_, tokutei_line_, tokutei_col_},
                       fmt::format("特定世帯開始日: 特定世帯は国保の被保険者が1人の世帯です "
                                   "(世帯 {} は{}人)",
                                   id_, insured_));
    if (tokutei_line_ != 0 && !any_tokutei_)
      throw InputError({file_, tokutei_line_, tokutei_col_},
                       fmt::format("特定世帯開始日: 特定世帯には後期高齢者医療に移った世帯員が"
                                   "いますが、世帯 {} には 特定同一 = 1 の行がありません",
                                   id_));
    pop_.tokutei_since.back() = tokutei_since_;
    pop_.member_offset.push_back(static_cast<std::uint32_t>(pop_.birth_date.size()));
    done_.emplace(id_, last_line_);
    open_ = false;
  }

  /// The birth date from 生年月日 or 年齢 (age on 4月1日 → born 4月2日 of fy − age).
  CivilDate BirthDate(bool insured) const {
    const int max_age = insured ? premium::kMaxInsuredAge : premium::kMaxMemberAge;
    const bool has_birth = !Cell(kBirth).empty(), has_age = !Cell(kAge).empty();
    if (has_birth && has_age) Fail(kAge, "生年月日か年齢のどちらか一方だけを書いてください");
    if (has_age) {
      std::uint64_t age;
      const std::string n(Trim(NormalizeWidth(Cell(kAge))));
      if (!ParseAsciiDigits(n, age) || age > static_cast<std::uint64_t>(max_age))
        Fail(kAge, premium::AgeExpectedText(insured));
      return premium::BirthDateFromAge(static_cast<int>(age), fy_);
    }
    if (!has_birth)
      Fail(col_[kBirth] >= 0 ? kBirth : kAge, "生年月日か年齢 (4月1日現在) を書いてください");
    const CivilDate birth = *Date(kBirth);
    // The rule the household file applies too (premium/member_age.h).
    if (auto problem = premium::BirthDateProblem(birth, fy_, insured)) Fail(kBirth, *problem);
    return birth;
  }

  void Member() {
    if (Cell(kCode) != code_text_)
      Fail(kCode, fmt::format("世帯 {} の最初の行 ({}行目) と違います。1つの世帯は1つの"
                              "市町村に属します",
                              id_, first_line_));
    const bool head = Flag(kHead, false);
    const bool insured = Flag(kInsured, true);
    const bool tokutei = Flag(kTokutei, false);
    const bool declared = Flag(kDeclared, true);
    if (head && ++heads_ > 1)
      Fail(kHead, fmt::format("世帯 {} に2人目の世帯主がいます (1人目は{}行目)。世帯主は"
                              "1人にしてください",
                              id_, head_line_));
    if (head) head_line_ = row_->row_line;
    if (tokutei && insured)
      Fail(kTokutei,
           "特定同一世帯所属者は後期高齢者医療に移った人です。この行は 国保 = 0 にして"
           "ください");
    if (!insured && !head && !tokutei)
      Fail(kInsured,
           "国保 = 0 にできるのは世帯主 (擬制世帯主) か特定同一世帯所属者 (特定同一 = 1) "
           "だけです。ほかの国保に加入していない人は行に入れないでください");
    if (insured) ++insured_;
    any_tokutei_ |= tokutei;
    const CivilDate birth = BirthDate(insured);

    const auto joined = Date(kJoined), left = Date(kLeft);
    for (Col c : {kJoined, kLeft})
      if (!insured && !Cell(c).empty())
        Fail(c, "国保に加入している人 (国保 = 1) についてだけ書けます");
    if (joined && left && *left <= *joined)
      Fail(kLeft,
           "資格喪失日は資格取得日より後の日付にしてください (資格喪失日は加入最後の日の"
           "翌日です)");

    std::array<std::int64_t, kColCount> amount{};
    for (Col c : kIncomeKinds) amount[c] = Amount(c).value_or(0);
    const auto fixed_asset = Amount(kFixedAssetTax);
    if (amount[kLandDeduction] > amount[kLandGains])
      Fail(kLandDeduction, "特別控除は分離譲渡所得以下の額にしてください");
    const auto total = Amount(kTotalIncome);
    const auto reduction = Amount(kReductionIncome);
    if (total) {
      // 給与収入 and 公的年金等収入 may stay: they decide 給与所得者等 (docs/population-format.md).
      for (Col c : kIncomeKinds)
        if (c != kSalary && c != kPension && amount[c] != 0)
          Fail(c,
               "総所得金額等を書いた行では、給与収入と公的年金等収入のほかは0か空欄にして"
               "ください");
    } else if (reduction) {
      Fail(kReductionIncome, "軽減判定所得は総所得金額等と一緒に書いてください");
    }

    const auto former = Date(kFormerSince);
    if (former) {
      // The rule the household file applies too (premium/member_age.h).
      if (auto why = premium::FormerDependentProblem(birth, *former, insured))
        Fail(kFormerSince, *why);
    }
    const auto separation = Date(kSeparation);
    std::uint8_t reason = 0;
    if (!Cell(kReason).empty()) {
      const std::string n(Trim(NormalizeWidth(Cell(kReason))));
      if (!premium::IsInvoluntaryReasonCode(n))  // the shared rule (premium/member_age.h)
        Fail(kReason,
             "離職理由コードは特定受給資格者 (11, 12, 21, 22, 31, 32) か特定理由離職者 "
             "(23, 33, 34) のものを書いてください");
      reason = static_cast<std::uint8_t>(std::stoi(n));
    }
    if (separation && reason == 0)
      Fail(kReason, "離職日を書いた行には離職理由コードも書いてください");
    if (!separation && reason != 0)
      Fail(kSeparation, "離職理由コードを書いた行には離職日も書いてください");
    if (separation) {
      if (auto why = premium::SeparationProblem(birth, *separation, insured))
        Fail(kSeparation, *why);
      if (total)
        Fail(kSeparation,
             "非自発的失業者の軽減は給与所得にかかりますが、総所得金額等からは給与所得が"
             "分かりません。総所得金額等の代わりに給与収入と所得の種類ごとの額を書いてください");
    }
    const int birth_month = Month(kBirthMonth);
    const bool multiple = Flag(kMultiple, false);
    if (multiple && birth_month == 0)
      Fail(kMultiple, "多胎 = 1 の行には出産予定月も書いてください");
    if (birth_month != 0) {
      if (!insured) Fail(kBirthMonth, "産前産後の免除は国保に加入している人についてだけ書けます");
      // The levy applies the exemption to the 均等割 of members 18 and over (premium/prepare.cc).
      if (birth >= CivilDate{fy_ - 18, 4, 2})
        Fail(kBirthMonth, "産前産後の免除は18歳以上の人についてだけ計算できます");
    }

    if (const auto since = Date(kTokuteiSince)) {
      if (tokutei_line_ != 0 && Pack(*since) != tokutei_since_)
        Fail(kTokuteiSince, fmt::format("同じ世帯の{}行目と違います。特定世帯開始日は世帯に"
                                        "1つです",
                                        tokutei_line_));
      if (*since > CivilDate{fy_ + 1, 3, 31})
        Fail(kTokuteiSince, fmt::format("年度末 ({}-03-31) 以前の日付を書いてください", fy_ + 1));
      tokutei_since_ = Pack(*since);
      tokutei_line_ = row_->row_line;
      tokutei_col_ = Pos(kTokuteiSince).column;
    }

    std::uint8_t flags = 0;
    if (insured) flags |= premium::kInsured;
    if (head) flags |= premium::kHead;
    if (tokutei) flags |= premium::kTokuteiDoitsu;
    if (declared) flags |= premium::kIncomeDeclared;
    if (multiple) flags |= premium::kBirthMultiple;
    if (total) flags |= premium::kIncomeGiven;
    Population& p = pop_;
    p.birth_date.push_back(Pack(birth));
    p.flags.push_back(flags);
    p.joined.push_back(joined ? Pack(*joined) : 0);
    p.left.push_back(left ? Pack(*left) : 0);
    p.salary_revenue.push_back(amount[kSalary]);
    p.family_salary.push_back(amount[kFamilySalary]);
    p.pension_revenue.push_back(amount[kPension]);
    p.business.push_back(amount[kBusiness]);
    p.family_salary_paid.push_back(amount[kFamilySalaryPaid]);
    p.other_income.push_back(amount[kOther]);
    p.land_gains.push_back(amount[kLandGains]);
    p.land_gains_deduction.push_back(amount[kLandDeduction]);
    p.total_income.push_back(total.value_or(0));
    p.reduction_income.push_back(reduction.value_or(total.value_or(0)));
    p.fixed_asset_tax.push_back(fixed_asset.value_or(0));
    p.former_dependent_since.push_back(former ? Pack(*former) : 0);
    p.unemployment_separation.push_back(separation ? Pack(*separation) : 0);
    p.unemployment_reason.push_back(reason);
    p.birth_month.push_back(birth_month);
  }

  std::string file_;
  int fy_;
  Population& pop_;
  std::array<int, kColCount> col_;
  const Row* row_ = nullptr;

  bool open_ = false;
  std::int64_t id_ = 0;
  int first_line_ = 0, last_line_ = 0, heads_ = 0, head_line_ = 0, tokutei_line_ = 0;
  int insured_ = 0, tokutei_col_ = 0;
  bool any_tokutei_ = false;
  std::int32_t tokutei_since_ = 0;
  std::string code_text_, last_code_text_;
  std::uint16_t last_code_index_ = 0;
  std::unordered_map<std::int64_t, int> done_;  // finished household → its last line
};

void ReadCsvPopulation(const std::string& path, Builder& b, Population& pop) {
  const std::string bytes = ReadFileBytes(path, Limits().population_bytes, "被保険者ファイル",
                                          "KOKUHO_MAX_POPULATION_MB");
  // The bytes, their UTF-8 copy, and per line (at most one member) the columns of a member
  // and of a household (premium::Population; about 100 bytes).
  const std::size_t lines =
      static_cast<std::size_t>(std::count(bytes.begin(), bytes.end(), '\n')) + 1;
  CheckMemory(path, 2 * std::uint64_t{bytes.size()} + std::uint64_t{lines} * 100,
              "この被保険者ファイルの読み込み");
  std::string text;
  DecodeFailure failure;
  if (!TryDecodeToUtf8(bytes, text, failure))
    throw InputError(DecodeFailurePos(bytes, failure, path), failure.message);
  if (Trim(text).empty())
    throw InputError({path, 0, 0}, "ファイルが空です。1行目に見出し行を書いてください");
  // One row per member: reserve by the line count (bounded by the member limit; a file with
  // more lines fails on the row that passes it).
  pop.Reserve(std::min<std::size_t>(lines, Limits().population_rows),
              std::min<std::size_t>(lines, Limits().population_rows));

  CsvRecords in(text, path);
  Row row;
  bool have_header = false;
  std::size_t columns = 0, data_rows = 0;
  while (in.Next()) {
    if (in.Blank()) continue;
    if (!have_header) {
      std::vector<std::string> names(in.size());
      std::vector<std::string_view> views(in.size());
      std::vector<SourcePos> pos(in.size());
      for (std::size_t i = 0; i < in.size(); ++i) {
        names[i] = std::string(Trim(NormalizeWidth(in.field(i))));
        pos[i] = {path, in.line(i), static_cast<int>(i) + 1};
        if (names[i].empty())
          throw InputError(pos[i],
                           "見出し行 (1行目) に名前のない列があります。すべての列に見出しを"
                           "書いてください");
        for (std::size_t j = 0; j < i; ++j)
          if (names[j] == names[i])
            throw InputError(pos[i],
                             fmt::format("見出し {} が2回あります (最初は{}列目)。列の見出しは"
                                         "1回ずつにしてください",
                                         names[i], j + 1));
        views[i] = names[i];
      }
      b.Header(views, pos, in.record_line());
      columns = in.size();
      row.text.resize(columns);
      row.column.resize(columns);
      for (std::size_t i = 0; i < columns; ++i) row.column[i] = static_cast<int>(i) + 1;
      have_header = true;
      continue;
    }
    if (in.size() != columns) {
      const int column = static_cast<int>(std::min(in.size(), columns)) + 1;
      throw InputError({path, in.record_line(), column},
                       fmt::format("この行は{}列ありますが、見出し行は{}列です。列の数を見出し"
                                   "行にそろえてください",
                                   in.size(), columns));
    }
    for (std::size_t i = 0; i < columns; ++i) row.text[i] = in.field(i);
    row.line.assign(columns, 0);
    for (std::size_t i = 0; i < columns; ++i) row.line[i] = in.line(i);
    row.row_line = in.record_line();
    if (data_rows >= Limits().population_rows)
      CheckCount({path, in.record_line(), 0}, data_rows + 1, Limits().population_rows,
                 "世帯員 (行) の数", "KOKUHO_MAX_POPULATION_ROWS");
    b.Add(row);
    ++data_rows;
  }
  if (!have_header)
    throw InputError({path, 0, 0}, "ファイルが空です。1行目に見出し行を書いてください");
  if (data_rows == 0)
    throw InputError({path, 0, 0},
                     "見出し行の後にデータの行がありません。世帯員1人を1行で書いてください");
  b.End();
}

void ReadXlsxPopulation(const std::string& path, Builder& b) {
  const Table t = ReadTable(path);
  std::vector<std::string_view> names;
  std::vector<SourcePos> pos;
  for (const TableCell& c : t.header) {
    names.push_back(c.text);
    pos.push_back(c.pos);
  }
  b.Header(names, pos, t.header.empty() ? 0 : t.header[0].pos.line);
  Row row;
  for (const TableRow& r : t.rows) {
    row.text.clear();
    row.line.clear();
    row.column.clear();
    for (const TableCell& c : r.cells) {
      row.text.push_back(c.text);
      row.line.push_back(c.pos.line);
      row.column.push_back(c.pos.column);
    }
    row.row_line = r.pos.line;
    b.Add(row);
  }
  b.End();
}

// --- writing ---------------------------------------------------------------------------

void AppendInt(std::string& out, std::int64_t v) {
  char buf[24];
  char* end = buf + sizeof buf;
  char* p = end;
  const bool negative = v < 0;
  std::uint64_t u = negative ? 0 - static_cast<std::uint64_t>(v) : static_cast<std::uint64_t>(v);
  do {
    *--p = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (negative) *--p = '-';
  out.append(p, end);
}

void AppendDigits(std::string& out, int v, int width) {
  char buf[8];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out.append(buf, static_cast<std::size_t>(width));
}

/// yyyymmdd → "yyyy-mm-dd"; 0 → blank.
void AppendDate(std::string& out, std::int32_t d) {
  if (d == 0) return;
  AppendDigits(out, d / 10000, 4);
  out += '-';
  AppendDigits(out, d / 100 % 100, 2);
  out += '-';
  AppendDigits(out, d % 100, 2);
}

}  // namespace

const std::vector<std::string_view>& PopulationColumnNames() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> v;
    for (int c = 0; c < kColCount; ++c)
      if (c != kAge) v.push_back(kNames[c]);
    return v;
  }();
  return names;
}

Population ReadPopulationTable(const std::string& path, int fiscal_year) {
  Population pop;
  Builder b(path, fiscal_year, pop);
  const std::string ext = AsciiLower(std::filesystem::path(path).extension().string());
  if (ext == ".csv" || ext == ".txt") {
    ReadCsvPopulation(path, b, pop);
  } else {
    ReadXlsxPopulation(path, b);  // ReadTable refuses other extensions
  }
  return pop;
}

void WritePopulationCsv(const std::string& path, const Population& pop) {
  AtomicFileWriter out(path);
  std::string buf = "\xEF\xBB\xBF";
  for (std::size_t i = 0; i < PopulationColumnNames().size(); ++i) {
    if (i > 0) buf += ',';
    buf += PopulationColumnNames()[i];
  }
  buf += "\r\n";
  for (std::size_t h = 0; h < pop.households(); ++h) {
    const std::string& code = pop.municipalities.at(pop.municipality[h]);
    for (std::uint32_t m = pop.member_offset[h]; m < pop.member_offset[h + 1]; ++m) {
      const std::uint8_t f = pop.flags[m];
      const bool given = f & premium::kIncomeGiven;
      AppendInt(buf, pop.household_id[h]);
      buf += ',';
      buf += code;
      buf += (f & premium::kHead) ? ",1," : ",0,";
      buf += (f & premium::kInsured) ? "1," : "0,";
      buf += (f & premium::kTokuteiDoitsu) ? "1," : "0,";
      AppendDate(buf, pop.birth_date[m]);
      buf += (f & premium::kIncomeDeclared) ? ",1," : ",0,";
      AppendDate(buf, pop.joined[m]);
      buf += ',';
      AppendDate(buf, pop.left[m]);
      for (const auto* col : {&pop.salary_revenue, &pop.family_salary, &pop.pension_revenue,
                              &pop.business, &pop.family_salary_paid, &pop.other_income,
                              &pop.land_gains, &pop.land_gains_deduction}) {
        buf += ',';
        AppendInt(buf, (*col)[m]);
      }
      buf += ',';
      if (given) AppendInt(buf, pop.total_income[m]);
      buf += ',';
      if (given) AppendInt(buf, pop.reduction_income[m]);
      buf += ',';
      AppendInt(buf, pop.fixed_asset_tax[m]);
      buf += ',';
      AppendDate(buf, pop.former_dependent_since[m]);
      buf += ',';
      AppendDate(buf, pop.unemployment_separation[m]);
      buf += ',';
      if (pop.unemployment_reason[m]) AppendInt(buf, pop.unemployment_reason[m]);
      buf += ',';
      if (pop.birth_month[m]) {
        AppendDigits(buf, pop.birth_month[m] / 100, 4);
        buf += '-';
        AppendDigits(buf, pop.birth_month[m] % 100, 2);
      }
      buf += (f & premium::kBirthMultiple) ? ",1," : ",0,";
      AppendDate(buf, pop.tokutei_since[h]);
      buf += "\r\n";
    }
    if (buf.size() >= (1u << 20)) {
      out.Write(buf.data(), buf.size());
      buf.clear();
    }
  }
  out.Write(buf.data(), buf.size());
  out.Commit();
}

}  // namespace kokuho
