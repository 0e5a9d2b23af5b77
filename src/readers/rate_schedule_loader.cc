// LoadRateSchedules: a rate table (CSV or xlsx, docs/rates-format.md), one row per
// 団体コード × 年度 × 分, to premium::RateSchedule. Every value is checked, in every year;
// settings of a municipality's year (料税, 端数 …) must agree across its rows. Errors are
// InputErrors at the cell. Whether every 分 levied in the year has a row is checked later,
// against the year's national rules, by premium::Compile.
#include "readers/rate_schedule_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/municipality_code.h"
#include "core/text.h"
#include "io/table_reader.h"
#include "io/value_parser.h"

namespace kokuho {
namespace {

using premium::LevyKind;
using premium::MunicipalRelief;
using premium::PartRates;
using premium::RateSchedule;
using premium::RoundingScope;

enum Column {
  kCode,
  kName,
  kYear,
  kPart,
  kIncomeRate,
  kAssetRate,
  kPerCapita,
  kPerHousehold,
  kAdultAddon,
  kCap,
  kKind,
  kUnit,
  kScope,
  kReductionUnit,
  kCapProrated,
  kReducedPerCapita2,  // 2割, 5割, 7割 follow in this order
  kReducedPerHousehold2 = kReducedPerCapita2 + 3,
  kUnder18Relief = kReducedPerHousehold2 + 3,
  kSchoolAgeRelief,
  kPartUnit,
  kReductionSide,
  kKeigenScope,
  kFormerRelief,
  kTokuteiRelief,
  kSource,
  kColumnCount
};

struct ColumnDef {
  const char* name;
  bool required;
};
constexpr ColumnDef kColumns[kColumnCount] = {
    {"団体コード", true},
    {"市町村名", false},
    {"年度", true},
    {"分", true},
    {"所得割率", true},
    {"資産割率", false},
    {"均等割額", true},
    {"平等割額", false},
    {"18歳以上均等割額", false},
    {"賦課限度額", false},
    {"料税", true},
    {"端数単位", false},
    {"端数処理", false},
    {"軽減額端数単位", false},
    {"限度額月割", false},
    {"軽減後均等割_2割", false},
    {"軽減後均等割_5割", false},
    {"軽減後均等割_7割", false},
    {"軽減後平等割_2割", false},
    {"軽減後平等割_5割", false},
    {"軽減後平等割_7割", false},
    {"独自減免_18歳未満均等割", false},
    {"独自減免_未就学児を除く18歳未満均等割", false},
    {"分端数単位", false},
    {"軽減額端数", false},
    {"軽減額計算", false},
    {"旧被扶養者減免", false},
    {"特定世帯軽減", false},
    {"出典", false},
};

constexpr Yen kMaxPerCapita = 1'000'000;  // 均等割・平等割 per person/household: a typo guard
constexpr Yen kMaxCap = 10'000'000;

/// A setting of one municipality's year, given on any of its rows (blank = not stated).
template <typename T>
struct Setting {
  std::optional<T> value;
  SourcePos pos;
};

/// A schedule being assembled from its rows.
struct Building {
  RateSchedule s;
  std::string label;  // "102016 令和8年度", for messages
  SourcePos first_kind_cell;
  SourcePos name_pos;
  std::array<int, kPartCount> part_line{};  // line of the row of each 分 (0 = none yet)
  Setting<LevyKind> kind;
  Setting<Yen> unit, reduction_unit;
  Setting<RoundingScope> scope;
  Setting<bool> cap_prorated, keigen_on_total;
  Setting<premium::ReductionRounding> reduction_side;
  std::array<std::optional<SourcePos>, kPartCount> part_unit_cell{};  // 分端数単位 given
  std::vector<std::string> sources;
};

/// The cells of one row by Column (nullptr: the column is absent).
class Row {
 public:
  Row(const TableRow& row, const std::array<std::optional<size_t>, kColumnCount>& index)
      : row_(row), index_(index) {}
  const TableCell* Cell(Column c) const { return index_[c] ? &row_.cells[*index_[c]] : nullptr; }
  /// The cell of a required column.
  const TableCell& At(Column c) const { return *Cell(c); }
  /// The trimmed, 半角 text ("" for an absent column).
  std::string Text(Column c) const {
    const TableCell* cell = Cell(c);
    return cell ? std::string(Trim(NormalizeWidth(cell->text))) : std::string();
  }
  bool Blank(Column c) const { return Text(c).empty(); }

 private:
  const TableRow& row_;
  const std::array<std::optional<size_t>, kColumnCount>& index_;
};

/// A rate in [0, max] as ppm ("7.25%" or "0.0725").
premium::Ppm RateCell(const TableCell& cell, Column c, const Rational& max) {
  const char* what = kColumns[c].name;
  auto v = TryParseNumber(cell.text);
  if (v && (*v > max || *v < Rational(0)))
    throw InputError(
        cell.pos, fmt::format("{}: {}は範囲外です。0〜{}% の率を 7.25% や 0.0725 の"
                              "ように書いてください",
                              what, Quoted(cell.text), (max * Rational(100)).ToDecimalString(0)));
  return ParseMillionths(cell.text, cell.pos, what, max);
}

/// Whole yen in [0, max].
Yen YenCell(const TableCell& cell, Column c, Yen max) {
  const char* what = kColumns[c].name;
  const Yen y = ParseYen(cell.text, cell.pos, what);
  if (y > max)
    throw InputError(cell.pos,
                     fmt::format("{}: {}円以下の額を書いてください", what, FormatYen(max)));
  return y;
}

/// 1, 10 or 100 (円).
Yen UnitCell(const TableCell& cell, Column c) {
  std::string t(Trim(NormalizeWidth(cell.text)));
  if (t.ends_with("円")) t.resize(t.size() - std::string_view("円").size());
  if (t == "1" || t == "10" || t == "100") return std::stoi(t);
  throw InputError(cell.pos,
                   fmt::format("{}: {}は使えません。1、10、100 (円) のどれかを書いてください",
                               kColumns[c].name, Quoted(cell.text)));
}

template <typename T>
void Merge(Setting<T>& setting, const T& value, const TableCell& cell, Column c,
           const std::string& label) {
  if (!setting.value) {
    setting.value = value;
    setting.pos = cell.pos;
    return;
  }
  if (*setting.value != value)
    throw InputError(cell.pos,
                     fmt::format("{}: {}行目と違います ({})。市町村の設定は年度に1つです "
                                 "(その市町村のどの行にも同じ値を書くか、空欄にしてください)",
                                 kColumns[c].name, setting.pos.line, label));
}

/// 軽減後 amounts (2割, 5割, 7割): all three or none, each <= the gross, 7割 <= 5割 <= 2割.
std::optional<std::array<Yen, 3>> ReducedTable(const Row& row, Column first, Yen gross,
                                               const char* gross_name) {
  int given = 0;
  for (int k = 0; k < 3; ++k) given += row.Blank(static_cast<Column>(first + k)) ? 0 : 1;
  if (given == 0) return std::nullopt;
  std::array<Yen, 3> out{};
  for (int k = 0; k < 3; ++k) {
    const Column c = static_cast<Column>(first + k);
    const TableCell* cell = row.Cell(c);
    if (!cell || row.Blank(c)) {
      const SourcePos pos = cell ? cell->pos : row.Cell(first)->pos;
      throw InputError(pos, fmt::format("{}: 軽減後の額は2割・5割・7割の3つとも書くか、どれも"
                                        "書かないでください",
                                        kColumns[c].name));
    }
    out[k] = YenCell(*cell, c, kMaxPerCapita);
    if (out[k] > gross)
      throw InputError(cell->pos,
                       fmt::format("{}: {}以下の額を書いてください", kColumns[c].name, gross_name));
    if (k > 0 && out[k] > out[k - 1])
      throw InputError(cell->pos, fmt::format("{}: {}以下の額を書いてください", kColumns[c].name,
                                              kColumns[c - 1].name));
  }
  return out;
}

LevyKind KindCell(const TableCell& cell) {
  const std::string t(Trim(NormalizeWidth(cell.text)));
  if (t == "料" || t == "保険料" || t == "ryo") return LevyKind::kRyo;
  if (t == "税" || t == "保険税" || t == "zei") return LevyKind::kZei;
  throw InputError(cell.pos, "料税: " + Quoted(cell.text) +
                                 "は使えません。料 (保険料) か税 (保険税) を書いて"
                                 "ください");
}

RoundingScope ScopeCell(const TableCell& cell) {
  const std::string t(Trim(NormalizeWidth(cell.text)));
  if (t == "分ごと" || t == "分毎" || t == "part") return RoundingScope::kPart;
  if (t == "合計" || t == "total") return RoundingScope::kTotal;
  throw InputError(cell.pos, "端数処理: " + Quoted(cell.text) +
                                 "は使えません。分ごと (分ごとに端数処理) か合計 (合計で端数処理) "
                                 "を書いてください");
}

/// する / しない (true / false).
bool YesNoCell(const TableCell& cell, Column c) {
  const std::string t(Trim(NormalizeWidth(cell.text)));
  if (t == "する" || t == "true") return true;
  if (t == "しない" || t == "false") return false;
  throw InputError(cell.pos, fmt::format("{}: {}は使えません。する か しない を書いてください",
                                         kColumns[c].name, Quoted(cell.text)));
}

premium::ReductionRounding SideCell(const TableCell& cell) {
  const std::string t(Trim(NormalizeWidth(cell.text)));
  if (t == "軽減額" || t == "reduction") return premium::ReductionRounding::kReduction;
  if (t == "軽減後" || t == "remainder") return premium::ReductionRounding::kRemainder;
  throw InputError(cell.pos,
                   "軽減額端数: " + Quoted(cell.text) +
                       "は使えません。軽減額 (軽減額の端数を切り捨て) か軽減後 (軽減後の額の端数を"
                       "切り捨て) を書いてください");
}

bool KeigenScopeCell(const TableCell& cell) {
  const std::string t(Trim(NormalizeWidth(cell.text)));
  if (t == "人ごと" || t == "per_member") return false;
  if (t == "世帯合計" || t == "household_total") return true;
  throw InputError(cell.pos,
                   "軽減額計算: " + Quoted(cell.text) +
                       "は使えません。人ごと (1人ずつの軽減額) か世帯合計 (世帯の均等割の合計に"
                       "かける) を書いてください");
}

class RateReader {
 public:
  explicit RateReader(const Table& t) : table_(t) {}
  std::vector<RateSchedule> Read(int fiscal_year);

 private:
  void IndexColumns();
  void ReadRow(const TableRow& table_row);
  void Finish(Building& b);

  const Table& table_;
  std::array<std::optional<size_t>, kColumnCount> index_{};
  std::vector<Building> schedules_;
  std::map<std::pair<std::string, int>, size_t> by_key_;
};

void RateReader::IndexColumns() {
  std::string expected;
  for (const ColumnDef& d : kColumns)
    expected += (expected.empty() ? "" : ", ") + std::string(d.name);
  for (size_t i = 0; i < table_.header.size(); ++i) {
    const TableCell& h = table_.header[i];
    const std::string name(Trim(NormalizeWidth(h.text)));
    int found = -1;
    for (int c = 0; c < kColumnCount; ++c)
      if (name == kColumns[c].name) found = c;
    if (found < 0)
      throw InputError(h.pos, fmt::format("見出し {}は料率表では使えません。使える見出し: {}",
                                          Quoted(name), expected));
    if (index_[found]) throw InputError(h.pos, fmt::format("見出し {} が2回あります", name));
    index_[found] = i;
  }
  // A missing required column: at the end of the header, where it could be added.
  const int line = table_.header.empty() ? 1 : table_.header[0].pos.line;
  const int after = table_.header.empty() ? 1 : table_.header.back().pos.column + 1;
  for (int c = 0; c < kColumnCount; ++c)
    if (kColumns[c].required && !index_[c])
      throw InputError({table_.file, line, after},
                       fmt::format("列 {} がありません。見出し行に加えてください (必ず要る列: "
                                   "団体コード、年度、分、所得割率、均等割額、料税)",
                                   kColumns[c].name));
}

void RateReader::ReadRow(const TableRow& table_row) {
  const Row row(table_row, index_);
  const TableCell& code_cell = row.At(kCode);
  auto code = MunicipalityCode::TryParse(Trim(code_cell.text));
  if (!code)
    throw InputError(code_cell.pos,
                     "団体コード: " + MunicipalityCodeProblem(code_cell.text, row.Text(kName)));
  const TableCell& year_cell = row.At(kYear);
  auto fy = FiscalYear::TryParse(year_cell.text);
  if (!fy)
    throw InputError(year_cell.pos, "年度: " + Quoted(year_cell.text) +
                                        "は年度として読めません。2026、R8、令和8年度 のように"
                                        "書いてください");
  const TableCell& part_cell = row.At(kPart);
  auto part = TryParsePart(row.Text(kPart));
  if (!part)
    throw InputError(part_cell.pos, "分: " + Quoted(part_cell.text) + "は使えません。" +
                                        PartShortLabelsText("、") + " (または " + PartKeysText() +
                                        ") のどれかを書いてください");

  auto [it, inserted] = by_key_.try_emplace({code->str(), fy->year()}, schedules_.size());
  if (inserted) {
    Building b;
    b.s.municipality = code->str();
    b.s.fiscal_year = fy->year();
    b.label = code->str() + " " + fy->ToWareki();
    b.first_kind_cell = row.At(kKind).pos;
    b.s.cells.first_part = part_cell.pos;
    schedules_.push_back(std::move(b));
  }
  Building& b = schedules_[it->second];
  const int p = static_cast<int>(*part);
  if (b.part_line[p] != 0)
    throw InputError(
        part_cell.pos,
        fmt::format("分: {1}の{0}はすでに{2}行目にあります。1つの分は1行にしてください",
                    PartLabel(*part), b.label, b.part_line[p]));
  b.part_line[p] = part_cell.pos.line;
  b.s.cells.part[p] = part_cell.pos;

  if (!row.Blank(kName)) {
    const std::string name = row.Text(kName);
    if (b.s.name.empty()) {
      b.s.name = name;
      b.name_pos = row.Cell(kName)->pos;
    } else if (b.s.name != name) {
      throw InputError(
          row.Cell(kName)->pos,
          fmt::format(
              "市町村名: {}行目と違います ({})。同じ団体コードには同じ市町村名を書いてください",
              b.name_pos.line, b.label));
    }
  }

  PartRates& r = b.s.parts[p];
  r.levied = true;
  r.income_rate = RateCell(row.At(kIncomeRate), kIncomeRate, Rational(1, 2));
  if (!row.Blank(kAssetRate)) r.asset_rate = RateCell(*row.Cell(kAssetRate), kAssetRate, 1);
  r.per_capita = YenCell(row.At(kPerCapita), kPerCapita, kMaxPerCapita);
  if (!row.Blank(kPerHousehold))
    r.per_household = YenCell(*row.Cell(kPerHousehold), kPerHousehold, kMaxPerCapita);
  if (!row.Blank(kAdultAddon)) {
    r.adult_addon = YenCell(*row.Cell(kAdultAddon), kAdultAddon, kMaxPerCapita);
    if (r.adult_addon != 0 && *part != Part::kKodomo)
      throw InputError(
          row.Cell(kAdultAddon)->pos,
          "18歳以上均等割額: 子ども分の行だけに書きます。この行は空欄か0にしてください");
  }
  if (!row.Blank(kCap)) {
    r.cap = YenCell(*row.Cell(kCap), kCap, kMaxCap);
    b.s.cells.cap[p] = row.Cell(kCap)->pos;
  }
  r.reduced_per_capita = ReducedTable(row, kReducedPerCapita2, r.per_capita, "均等割額");
  r.reduced_per_household =
      ReducedTable(row, static_cast<Column>(kReducedPerHousehold2), r.per_household, "平等割額");
  // 独自減免 of the 均等割 of members under 18: every one (二本松市, 鳩山町) or those who are
  // not 未就学児 (昭島市: 未就学児 have the national ½ instead).
  if (!row.Blank(kUnder18Relief) && !row.Blank(kSchoolAgeRelief))
    throw InputError(row.Cell(kSchoolAgeRelief)->pos,
                     "独自減免_未就学児を除く18歳未満均等割: 同じ行に独自減免_18歳未満均等割が"
                     "あるときは空欄にしてください (18歳未満の均等割の独自減免は分ごとに1つです)");
  for (const Column c : {kUnder18Relief, kSchoolAgeRelief}) {
    if (row.Blank(c)) continue;
    const premium::Ppm ratio = RateCell(*row.Cell(c), c, 1);
    if (ratio == 0) continue;
    MunicipalRelief relief;
    relief.name = std::string(kColumns[c].name) + " (" + PartLabel(*part) + ")";
    relief.parts[p] = true;
    relief.per_capita_ratio[premium::kSchool] = ratio;
    if (c == kUnder18Relief) relief.per_capita_ratio[premium::kPreschool] = ratio;
    b.s.reliefs.push_back(std::move(relief));
  }
  if (!row.Blank(kPartUnit)) {
    r.rounding_unit = UnitCell(*row.Cell(kPartUnit), kPartUnit);
    b.part_unit_cell[p] = row.Cell(kPartUnit)->pos;
  }
  if (!row.Blank(kFormerRelief))
    r.former_relief = YesNoCell(*row.Cell(kFormerRelief), kFormerRelief);
  if (!row.Blank(kTokuteiRelief))
    r.tokutei_relief = YesNoCell(*row.Cell(kTokuteiRelief), kTokuteiRelief);

  if (!row.Blank(kKind)) Merge(b.kind, KindCell(row.At(kKind)), row.At(kKind), kKind, b.label);
  if (!row.Blank(kUnit))
    Merge(b.unit, UnitCell(*row.Cell(kUnit), kUnit), *row.Cell(kUnit), kUnit, b.label);
  if (!row.Blank(kScope))
    Merge(b.scope, ScopeCell(*row.Cell(kScope)), *row.Cell(kScope), kScope, b.label);
  if (!row.Blank(kReductionUnit))
    Merge(b.reduction_unit, UnitCell(*row.Cell(kReductionUnit), kReductionUnit),
          *row.Cell(kReductionUnit), kReductionUnit, b.label);
  if (!row.Blank(kCapProrated))
    Merge(b.cap_prorated, YesNoCell(*row.Cell(kCapProrated), kCapProrated), *row.Cell(kCapProrated),
          kCapProrated, b.label);
  if (!row.Blank(kReductionSide))
    Merge(b.reduction_side, SideCell(*row.Cell(kReductionSide)), *row.Cell(kReductionSide),
          kReductionSide, b.label);
  if (!row.Blank(kKeigenScope))
    Merge(b.keigen_on_total, KeigenScopeCell(*row.Cell(kKeigenScope)), *row.Cell(kKeigenScope),
          kKeigenScope, b.label);
  const std::string source = row.Text(kSource);
  if (!source.empty() && std::find(b.sources.begin(), b.sources.end(), source) == b.sources.end())
    b.sources.push_back(source);
}

void RateReader::Finish(Building& b) {
  RateSchedule& s = b.s;
  if (!b.kind.value)
    throw InputError(
        b.first_kind_cell,
        fmt::format("料税: {}のどの行にも料か税がありません。少なくとも1行に書いてください",
                    b.label));
  s.kind = *b.kind.value;
  // 保険税: 100円未満切捨て (地方税法 20条の4の2③); 保険料: the 条例's unit, 1円 unless stated.
  if (s.kind == LevyKind::kZei && b.unit.value && *b.unit.value != 100)
    throw InputError(b.unit.pos,
                     "端数単位: 保険税は100円未満を切り捨てます (地方税法 20条の4の2③)。100 か"
                     "空欄にしてください");
  s.rounding_unit = b.unit.value.value_or(s.kind == LevyKind::kZei ? 100 : 1);
  s.rounding_scope = b.scope.value.value_or(RoundingScope::kPart);
  s.reduction_unit = b.reduction_unit.value.value_or(1);
  s.reduction_rounding = b.reduction_side.value.value_or(premium::ReductionRounding::kReduction);
  s.keigen_on_total = b.keigen_on_total.value.value_or(false);
  s.cap_prorated = b.cap_prorated.value.value_or(true);
  // 分端数単位: a 分 of its own unit. Not with rounding on the total, and for 保険税 only 100
  // (地方税法 20条の4の2③).
  for (int p = 0; p < kPartCount; ++p) {
    if (!b.part_unit_cell[p]) continue;
    if (s.rounding_scope == RoundingScope::kTotal)
      throw InputError(
          *b.part_unit_cell[p],
          fmt::format("分端数単位: 端数処理が合計 ({}行目) のときは空欄にしてください (分ごとで"
                      "なく合計で端数処理します)",
                      b.scope.pos.line));
    if (s.kind == LevyKind::kZei && *s.parts[p].rounding_unit != 100)
      throw InputError(*b.part_unit_cell[p],
                       "分端数単位: 保険税は100円未満を切り捨てます (地方税法 20条の4の2③)。100 "
                       "か空欄にしてください");
  }
  for (const std::string& src : b.sources) s.source += (s.source.empty() ? "" : "; ") + src;
}

std::vector<RateSchedule> RateReader::Read(int fiscal_year) {
  IndexColumns();
  if (table_.rows.empty())
    throw InputError({table_.file, 2, 1},
                     "料率の行がありません。見出し行の下に料率を書いてください");
  for (const TableRow& row : table_.rows) ReadRow(row);
  std::vector<RateSchedule> out;
  std::vector<std::string> years;
  for (Building& b : schedules_) {
    Finish(b);
    const std::string year = FiscalYear(b.s.fiscal_year).ToWareki();
    if (std::find(years.begin(), years.end(), year) == years.end()) years.push_back(year);
    if (b.s.fiscal_year == fiscal_year) out.push_back(std::move(b.s));
  }
  if (out.empty()) {
    std::string list;
    for (const std::string& y : years) list += (list.empty() ? "" : ", ") + y;
    // At the 年度 cell of the first row.
    const SourcePos at = index_[kYear] ? table_.rows.front().cells[*index_[kYear]].pos
                                       : SourcePos{table_.file, 2, 1};
    throw InputError(at, fmt::format("{}の料率がありません (年度の列)。このファイルにある年度: {}",
                                     FiscalYear(fiscal_year).ToWareki(), list));
  }
  return out;
}

}  // namespace

std::vector<premium::RateSchedule> LoadRateSchedules(const std::string& path, int fiscal_year) {
  const Table t = ReadTable(path);
  return RateReader(t).Read(fiscal_year);
}

const premium::RateSchedule& FindRateSchedule(const std::vector<premium::RateSchedule>& schedules,
                                              const std::string& code,
                                              const std::string& rates_path, int fiscal_year) {
  for (const auto& s : schedules)
    if (s.municipality == code) return s;
  throw InputError({rates_path, 0, 0},
                   fmt::format("団体コード {} の{}の料率がありません。料率表に行を加えるか、"
                               "団体コード・年度を確かめてください",
                               code, FiscalYear(fiscal_year).ToWareki()));
}

premium::CompiledSchedule CompileRateSchedule(const premium::RateSchedule& s,
                                              const premium::NationalRules& rules,
                                              const std::string& rates_path) {
  try {
    return premium::Compile(s, rules);
  } catch (const premium::ScheduleError& e) {
    // At the cell of the rate file: the 分 of a row not levied this year, the cap above the
    // 政令's, or for a missing 分 the first row of the municipality's year.
    const int p = static_cast<int>(e.part());
    SourcePos at = e.kind() == premium::ScheduleError::kMissingPart     ? s.cells.first_part
                   : e.kind() == premium::ScheduleError::kPartNotLevied ? s.cells.part[p]
                                                                        : s.cells.cap[p];
    if (at.file.empty()) at = {rates_path, 0, 0};
    throw InputError(at, e.what());
  }
}

}  // namespace kokuho
