// `kokuho chosei DATA --year Y [--coefficients FILE] [--out DIR] [--format table,csv,xlsx,json]`:
// 普通調整交付金 per prefecture (調整対象需要額 − 調整対象収入額, 基礎賦課分) and, for rows
// with a 地域差指数, the Finance Ministry's reform variant (age-adjusted standard cost level)
// with the gain or loss of each prefecture (docs/chosei-format.md).
//
//   kokuho chosei examples/chosei-sample/data.csv --year R5
#include <fmt/format.h>

#include <iostream>
#include <sstream>
#include <string>

#include "chosei/grant.h"
#include "cli/commands.h"
#include "cli/output_formats.h"
#include "cli/year_option.h"
#include "core/error.h"
#include "core/fiscal_year.h"
#include "readers/chosei_loader.h"
#include "report/chosei_tables.h"
#include "report/warnings_table.h"
#include "report/write_reports.h"

namespace kokuho::cli {
namespace {

struct ChoseiRun {
  std::string data_path;
  YearOption year;                ///< --year R5 and --carry-forward
  std::string coefficients_path;  ///< empty: the embedded data/chosei/coefficients.yaml
  std::string out_dir;
  std::string formats = "table";
};

int RunChosei(const ChoseiRun& run) {
  OutputFormats f = ParseOutputFormats(run.formats);
  const FiscalYear year = run.year.Get();
  chosei::Coefficients c =
      run.coefficients_path.empty()
          ? LoadChoseiCoefficients(year, run.year.Policy())
          : LoadChoseiCoefficientsFile(run.coefficients_path, year, run.year.Policy());
  std::vector<chosei::Prefecture> prefectures = LoadChoseiData(run.data_path);
  ChoseiReport rep{c, chosei::ComputeAll(c, prefectures)};
  std::vector<ReportTable> tables = BuildChoseiTables(rep);
  nlohmann::ordered_json json = ChoseiJson(rep);
  AddWarnings(c.notes.Lines(), tables, json);
  WarnParameterNotes(c.notes);
  const bool files = f.files.csv || f.files.xlsx || f.files.json;
  if (f.files.json && !f.files.csv && !f.files.xlsx && run.out_dir.empty()) {
    std::cout << json.dump(2) << "\n";
    return 0;
  }
  if (f.table) {
    for (const auto& t : tables) std::cout << PrintedTable(t, f.wide) << "\n";
    const int unconfirmed = c.UnconfirmedCount();
    if (unconfirmed > 0)
      std::cout << fmt::format(
          "注意: 係数 {} のうち {} 件は未確認 (confirmed: false) の仮の値です。"
          "省令の本文で確認するまで参考値として扱ってください。\n",
          c.file, unconfirmed);
    std::cout << "範囲: 基礎賦課分のみ。後期高齢者支援金等分・介護納付金分と、予算総額に合わせる"
                 "調整率は含みません。改革案 = 調整対象需要額 ÷ 地域差指数 (1円未満切り捨て)。\n";
  }
  if (files) {
    std::string dir = run.out_dir.empty() ? "kokuho-output" : run.out_dir;
    for (const auto& path : WriteReports(dir, "chosei", f.files, tables, json))
      std::cerr << "wrote " << path << "\n";
  }
  return 0;
}

}  // namespace

void RegisterChosei(CLI::App& app, Action& action) {
  auto run = std::make_shared<ChoseiRun>();
  CLI::App* cmd = app.add_subcommand(
      "chosei", "普通調整交付金 (需要額 − 収入額) と改革案 (年齢調整後の医療費水準) の比較");
  cmd->add_option("DATA", run->data_path, "都道府県のデータ (CSV または xlsx)")->required();
  AddYearOption(*cmd, run->year, "R5");
  cmd->add_option("--coefficients", run->coefficients_path,
                  "係数の YAML (既定: 同梱の data/chosei/coefficients.yaml)");
  AddOutputOptions(*cmd, run->out_dir, run->formats);
  cmd->callback([run, cmd, &action]() {
    DefaultOutputFormats(*cmd, run->out_dir, run->formats);
    action = [run]() { return RunChosei(*run); };
  });
}

}  // namespace kokuho::cli
