// `kokuho handout CASE --out DIR [-m CODE]… [--provisional CASE] [--previous CASE] [--pdf]
//  [--model-households FILE | --no-model-households] [--carry-forward]`:
// the one-page 説明資料 of each municipality (handout-<団体コード>.html, with --pdf also .pdf,
// A4 landscape) with its モデル世帯's premiums under its 市町村標準保険料率, the comparison of
// every municipality's 納付金 against the provisional coefficients (仮係数) and the previous
// year in 千円 (nofukin_diff.html, one CSV per table, nofukin_diff.xlsx, nofukin_diff.json)
// and the モデル世帯 of every municipality (model_households.csv, a sheet of the workbook,
// model_households.json), written all or nothing (docs/handout.md).
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/output_formats.h"
#include "cli/year_option.h"
#include "core/error.h"
#include "core/fiscal_year.h"
#include "core/parameter_notes.h"
#include "nofukin/engine.h"
#include "readers/case_loader.h"
#include "readers/model_households_loader.h"
#include "readers/premium_rules_loader.h"
#include "report/handout.h"
#include "report/html_report.h"
#include "report/model_household_tables.h"
#include "report/nofukin_diff_tables.h"
#include "report/pdf_export.h"
#include "report/scenario_report.h"
#include "report/write_reports.h"

namespace kokuho::cli {
namespace {

struct HandoutArgs {
  std::string case_path, provisional, previous, out_dir;
  std::string formats;
  std::vector<std::string> municipalities;  ///< empty: every municipality of the case
  bool pdf = false;
  std::string model_households;  ///< --model-households (default: the case's, else data/)
  bool no_model_households = false;
  bool carry_forward = false;
};

// The levy rules of `fy` for the モデル世帯; a year past the data says how to go on.
premium::NationalRules ModelHouseholdRules(FiscalYear fy, bool carry_forward) {
  try {
    return LoadNationalRules(fy.year(), "", YearPolicy{carry_forward});
  } catch (const YearNotKnownError& e) {
    throw YearNotKnownError(e.pos(), e.message() +
                                         " (モデル世帯の保険料の試算に使います。モデル世帯を"
                                         "載せない場合は --no-model-households)");
  }
}

// The モデル世帯 and their rules for CASE's year and, with --previous, the year before.
struct ModelInputs {
  std::vector<scenario::ModelHousehold> households, previous_households;
  std::optional<premium::NationalRules> rules, previous_rules;
};

std::set<std::string> Codes(const nofukin::Case& c) {
  std::set<std::string> codes;
  for (const auto& m : c.municipalities) codes.insert(m.code.str());
  return codes;
}

// The 仮係数 case must be the same prefecture, year and municipalities as CASE.
void CheckProvisional(const nofukin::Case& c, const nofukin::Case& p, const std::string& path) {
  if (p.prefecture_code != c.prefecture_code || p.fiscal_year != c.fiscal_year)
    throw InputError({path, 0, 0},
                     fmt::format("--provisional: {} {} の事例です。比較には同じ都道府県・同じ年度 "
                                 "({} {}) の仮係数の事例フォルダを指定してください",
                                 p.prefecture, p.fiscal_year.ToWareki(), c.prefecture,
                                 c.fiscal_year.ToWareki()));
  if (Codes(p) != Codes(c))
    throw InputError({path, 0, 0},
                     "--provisional: 市町村の団体コードが比較元の事例と一致しません "
                     "(仮係数と確定係数は同じ市町村で算定します)");
}

// The previous year's case: the same prefecture, the fiscal year before CASE's.
void CheckPrevious(const nofukin::Case& c, const nofukin::Case& p, const std::string& path) {
  if (p.prefecture_code != c.prefecture_code ||
      p.fiscal_year != FiscalYear(c.fiscal_year.year() - 1))
    throw InputError({path, 0, 0},
                     fmt::format("--previous: {} {} の事例です。{} の前年度 ({}) の事例フォルダを"
                                 "指定してください",
                                 p.prefecture, p.fiscal_year.ToWareki(), c.prefecture,
                                 FiscalYear(c.fiscal_year.year() - 1).ToWareki()));
}

int RunHandout(const HandoutArgs& a) {
  // Before any work: a missing Chromium is known at once, and nothing is written.
  const std::string chromium = a.pdf ? FindChromium() : "";
  if (a.pdf && chromium.empty()) throw std::runtime_error(std::string(kChromiumMissingMessage));
  const nofukin::Case c = LoadCase(a.case_path);
  // The tables read no per-municipality w_i (ComputeOptions::detail, as `kokuho nofukin`).
  const nofukin::Result r = nofukin::Compute(c, {.detail = false});
  std::optional<nofukin::Case> prov_case, prev_case;
  std::optional<nofukin::Result> prov, prev;
  if (!a.provisional.empty()) {
    prov_case = LoadCase(a.provisional);
    CheckProvisional(c, *prov_case, a.provisional);
    prov = nofukin::Compute(*prov_case, {.detail = false});
  }
  if (!a.previous.empty()) {
    prev_case = LoadCase(a.previous);
    CheckPrevious(c, *prev_case, a.previous);
    prev = nofukin::Compute(*prev_case, {.detail = false});
  }
  // Which municipalities get a handout.
  std::vector<std::size_t> chosen;
  for (const std::string& text : a.municipalities) {
    const auto code = MunicipalityCode::TryParse(text);
    std::size_t found = r.municipalities.size();
    for (std::size_t i = 0; i < r.municipalities.size(); ++i)
      if (code && r.municipalities[i].code == *code) found = i;
    if (found == r.municipalities.size())
      throw InputError(
          {"--municipality", 0, 0},
          fmt::format("'{}' はこの事例の市町村の団体コードではありません "
                      "(6桁の団体コード、例: {} {})",
                      text, r.municipalities.front().code.str(), r.municipalities.front().name));
    chosen.push_back(found);
  }
  if (a.municipalities.empty())
    for (std::size_t i = 0; i < r.municipalities.size(); ++i) chosen.push_back(i);

  // モデル世帯: the same list levied in CASE's year and, with --previous, the year before
  // (ages and incomes as given, each year under its own standard rates and rules).
  ModelInputs mi;
  HandoutModelHouseholds model;
  if (!a.no_model_households) {
    const std::string path = ModelHouseholdsPath(a.case_path, a.model_households);
    mi.households = LoadModelHouseholds(path, c.fiscal_year.year());
    mi.rules = ModelHouseholdRules(c.fiscal_year, a.carry_forward);
    model.households = &mi.households;
    model.rules = &*mi.rules;
    if (prev_case) {
      mi.previous_households = LoadModelHouseholds(path, prev_case->fiscal_year.year());
      mi.previous_rules = ModelHouseholdRules(prev_case->fiscal_year, a.carry_forward);
      model.previous_case = &*prev_case;
      model.previous_households = &mi.previous_households;
      model.previous_rules = &*mi.previous_rules;
    }
  }
  ParameterNotes case_notes = c.parameter_notes;  // what the comparison's page rests on
  if (prov_case) case_notes.Merge(prov_case->parameter_notes);
  if (prev_case) case_notes.Merge(prev_case->parameter_notes);
  ParameterNotes notes = case_notes;  // every output's 注意事項 (the files hold モデル世帯 too)
  if (mi.rules) notes.Merge(mi.rules->notes);
  if (mi.previous_rules) notes.Merge(mi.previous_rules->notes);
  const HandoutInputs in{c, r, prov ? &*prov : nullptr, prev ? &*prev : nullptr,
                         model.households ? &model : nullptr};
  std::vector<ExtraFile> files;
  std::set<std::size_t> done;
  for (std::size_t i : chosen) {
    if (!done.insert(i).second) continue;  // a code given twice
    const nofukin::MunicipalityResult& m = r.municipalities[i];
    const std::string stem = HandoutStem(m);
    const std::string html = RenderHtmlReport(HandoutReport(in, i), a.case_path);
    files.push_back({stem + ".html", html});
    if (a.pdf) {
      std::cerr << fmt::format("PDF: {} {} …\n", m.code.str(), m.name);
      files.push_back({stem + ".pdf", PrintHtmlToPdf(html, chromium)});
    }
  }
  const NofukinComparison cmp{r, in.provisional, in.previous};
  std::vector<ReportTable> tables = NofukinDiffTables(cmp);
  // The comparison's page is made from its own tables; the モデル世帯 table is added to the
  // files after it (model_households.csv, a sheet of the workbook, model_households.json).
  const nlohmann::ordered_json report = NofukinDiffReport(cmp, tables, c.notice, case_notes);
  const std::string html = RenderHtmlReport(report, a.case_path);
  files.push_back({"nofukin_diff.html", html});
  if (a.pdf) files.push_back({"nofukin_diff.pdf", PrintHtmlToPdf(html, chromium)});
  // The pages are files: they are written even under --format table (with the JSON).
  std::string formats = a.formats;
  const OutputFormats f = ParseOutputFormats(formats);
  if (!f.files.csv && !f.files.xlsx && !f.files.json) formats += ",json";
  const std::vector<ReportTable> printed = {tables.front()};
  if (in.model) {
    tables.push_back(ModelHouseholdsAllTable(model, c, r, in.previous));
    if (ParseOutputFormats(formats).files.json)
      files.push_back(
          {"model_households.json",
           ModelHouseholdsReport(tables.back(), c, in.previous != nullptr, notes).dump(2) + "\n"});
  }
  return EmitReports(a.out_dir, formats, "nofukin_diff", tables, report, &printed, notes.Lines(),
                     files);
}

}  // namespace

void RegisterHandout(CLI::App& app, Action& action) {
  auto args = std::make_shared<HandoutArgs>();
  CLI::App* cmd = app.add_subcommand(
      "handout",
      "市町村ごとの説明資料 (1枚, A4横) と 仮係数→確定係数・前年度の納付金比較表 (千円)");
  cmd->add_option("CASE", args->case_path,
                  "事例フォルダ (prefecture.yaml のあるフォルダ) または その YAML ファイル")
      ->required();
  cmd->add_option("--municipality,-m", args->municipalities,
                  "説明資料を作る市町村の団体コード (繰り返し可; 省略時は全市町村)");
  cmd->add_option("--provisional", args->provisional,
                  "同じ年度の仮係数の事例フォルダ (CASE を確定係数として比較)");
  cmd->add_option("--previous", args->previous, "前年度の事例フォルダ (前年度比較)");
  cmd->add_option("--model-households", args->model_households,
                  "モデル世帯のファイル (YAML; 省略時は事例フォルダの model_households.yaml、"
                  "なければ kokuho の既定の4世帯)");
  cmd->add_flag("--no-model-households", args->no_model_households,
                "説明資料にモデル世帯の保険料 (試算) を載せない");
  AddCarryForwardOption(*cmd, args->carry_forward);
  cmd->add_flag(
      "--pdf", args->pdf,
      "各 HTML の PDF も作る (A4横; headless Chromium で印刷, chromium パッケージが必要)");
  AddOutputOptions(*cmd, args->out_dir, args->formats);
  cmd->get_option("--out")->required();
  cmd->callback([args, cmd, &action]() {
    DefaultOutputFormats(*cmd, args->out_dir, args->formats);
    action = [args]() { return RunHandout(*args); };
  });
}

}  // namespace kokuho::cli
