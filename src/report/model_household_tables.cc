#include "report/model_household_tables.h"

#include <fmt/format.h>

#include <optional>

#include "core/error.h"
#include "core/part.h"
#include "premium/prepared.h"
#include "report/council_notes.h"
#include "report/scenario_report.h"

namespace kokuho {
namespace {

using C = ReportCell;
using scenario::ModelHouseholdPremium;

const nofukin::MunicipalityResult* Find(const nofukin::Result* r, const MunicipalityCode& code) {
  if (!r) return nullptr;
  for (const auto& m : r->municipalities)
    if (m.code == code) return &m;
  return nullptr;
}

bool WithPrevious(const HandoutModelHouseholds& model, const nofukin::Result* previous) {
  return previous && model.has_previous();
}

// The rows of one municipality: this year's premiums, and the previous year's when given
// (nullopt for a municipality not in the previous year, e.g. after a merger).
struct Premiums {
  std::vector<ModelHouseholdPremium> now;
  std::optional<std::vector<ModelHouseholdPremium>> previous;
};

Premiums Compute(const HandoutModelHouseholds& model, const nofukin::Case& c,
                 const nofukin::Result* previous, const nofukin::MunicipalityResult& m) {
  Premiums out;
  out.now = scenario::ModelHouseholdPremiums(*model.households, m, c, *model.rules);
  if (WithPrevious(model, previous))
    if (const nofukin::MunicipalityResult* p = Find(previous, m.code))
      out.previous = scenario::ModelHouseholdPremiums(*model.previous_households, *p,
                                                      *model.previous_case, *model.previous_rules);
  return out;
}

// The spreadsheet column of 0-based index `i` ("A", … "Z", "AA" …).
std::string Column(std::size_t i) { return ExcelColumnLetters(static_cast<int>(i) + 1); }

// The page's columns (after 団体コード, 市町村名 in the files' table).
void Header(std::vector<std::string>& h, const nofukin::Case& c, bool with_previous) {
  h.push_back("モデル世帯");
  h.push_back("軽減");
  for (Part p : c.parts) h.push_back(PartShortLabel(p) + "分");
  h.push_back("合計");
  if (with_previous) {
    h.push_back("前年度 合計");
    h.push_back("増減");
  }
}

// Appends one household's cells to `row`. In the xlsx, 合計 is =SUM of the 分 and 増減 is
// 合計 − 前年度, over the cells to their left (their cached values are the yen below).
void Cells(std::vector<C>& row, const nofukin::Case& c, const ModelHouseholdPremium& now,
           const ModelHouseholdPremium* before, bool with_previous) {
  row.push_back(C::Text(now.label));
  row.push_back(C::Text(premium::TierLabel(now.tier)));
  const std::size_t first_part = row.size();
  for (Part p : c.parts) row.push_back(C::Integer(now.parts[static_cast<int>(p)]));
  const std::size_t total_col = row.size();
  C total = C::Integer(now.total);
  total.formula =
      fmt::format("=SUM({}{{row}}:{}{{row}})", Column(first_part), Column(total_col - 1));
  row.push_back(std::move(total));
  if (!with_previous) return;
  if (!before) {
    row.insert(row.end(), {C::Empty(), C::Empty()});
    return;
  }
  row.push_back(C::Integer(before->total));
  // Both are at most Σ 賦課限度額 (about 1 million yen): no overflow.
  C change = C::Integer(now.total - before->total);
  change.formula = fmt::format("={}{{row}}-{}{{row}}", Column(total_col), Column(total_col + 1));
  row.push_back(std::move(change));
}

}  // namespace

ReportTable ModelHouseholdTable(const HandoutModelHouseholds& model, const nofukin::Case& c,
                                const nofukin::Result& r, const nofukin::Result* previous,
                                std::size_t index) {
  const nofukin::MunicipalityResult& m = r.municipalities.at(index);
  const bool with_previous = WithPrevious(model, previous);
  ReportTable t;
  t.key = "handout_model_households";
  t.title = "モデル世帯の保険料 (市町村標準保険料率による試算・年額, 円)";
  t.sheet = "モデル世帯の保険料(円)";
  Header(t.header, c, with_previous);
  const Premiums p = Compute(model, c, previous, m);
  for (std::size_t k = 0; k < p.now.size(); ++k) {
    std::vector<C> row;
    Cells(row, c, p.now[k], p.previous ? &(*p.previous)[k] : nullptr, with_previous);
    t.rows.push_back(std::move(row));
  }
  return t;
}

ReportTable ModelHouseholdsAllTable(const HandoutModelHouseholds& model, const nofukin::Case& c,
                                    const nofukin::Result& r, const nofukin::Result* previous) {
  const bool with_previous = WithPrevious(model, previous);
  ReportTable t;
  t.key = "model_households";
  t.title = fmt::format("モデル世帯の保険料 ({} 市町村標準保険料率による試算・年額, 円)",
                        r.fiscal_year.ToWareki());
  t.sheet = "モデル世帯の保険料(円)";
  t.header = {"団体コード", "市町村名"};
  Header(t.header, c, with_previous);
  for (const nofukin::MunicipalityResult& m : r.municipalities) {
    const Premiums p = Compute(model, c, previous, m);
    for (std::size_t k = 0; k < p.now.size(); ++k) {
      std::vector<C> row = {C::Text(m.code.str()), C::Text(m.name)};
      Cells(row, c, p.now[k], p.previous ? &(*p.previous)[k] : nullptr, with_previous);
      t.rows.push_back(std::move(row));
    }
  }
  return t;
}

nlohmann::ordered_json ModelHouseholdsReport(const ReportTable& all, const nofukin::Case& c,
                                             bool with_previous, const ParameterNotes& notes) {
  nlohmann::ordered_json r;
  r["schema"] = "kokuho.report/1";
  r["title"] = fmt::format("{} {} モデル世帯の保険料 (市町村標準保険料率による試算)", c.prefecture,
                           c.fiscal_year.ToWareki());
  r["generated_by"] = "kokuho 0.1.0";
  if (!c.notice.empty()) r["notice"] = c.notice;
  if (!notes.empty()) r["warnings"] = CouncilWarnings(notes);
  nlohmann::ordered_json block = TableBlock(all);
  block["note"] = ModelHouseholdNote(c, with_previous);
  nlohmann::ordered_json blocks = nlohmann::ordered_json::array();
  blocks.push_back(std::move(block));
  nlohmann::ordered_json sections = nlohmann::ordered_json::array();
  sections.push_back(
      Section("model_households", "市町村別のモデル世帯の保険料", "", std::move(blocks)));
  if (auto appendix = SourcesAppendix(notes, {}); !appendix.is_null())
    sections.push_back(std::move(appendix));
  r["sections"] = std::move(sections);
  return r;
}

std::string ModelHouseholdNote(const nofukin::Case& c, bool with_previous) {
  // Short enough for two lines under the table on the printed page.
  std::string s = fmt::format(
      "{}の市町村標準保険料率で賦課した場合の試算で、実際の保険料率による額ではありません "
      "(限度額は政令の額、各分100円未満切捨て、法定軽減を適用。年齢は4月1日現在、所得は前年)。",
      c.fiscal_year.ToWareki());
  if (with_previous) s += "前年度は同じ世帯を前年度の標準保険料率とルールで試算した額。";
  return s;
}

}  // namespace kokuho
