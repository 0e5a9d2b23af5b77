#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/output_formats.h"
#include "nofukin/engine.h"
#include "readers/case_loader.h"
#include "readers/premium_rules_loader.h"
#include "report/json_report.h"
#include "report/nofukin_tables.h"
#include "report/warnings_table.h"
#include "report/write_reports.h"

namespace kokuho::cli {
int RunNofukin(const NofukinRun& run) {
  OutputFormats f = ParseOutputFormats(run.formats);
  nofukin::Case c = LoadCase(run.case_path);
  // The tables and JSON read no per-municipality w_i or C·w_i·γ: the integer allocation
  // leaves them unformed (ComputeOptions::detail).
  nofukin::Result r = nofukin::Compute(c, {.detail = false});
  std::vector<ReportTable> tables = BuildNofukinTables(c, r);
  nlohmann::ordered_json json = NofukinJson(c, r);
  AddWarnings(c.parameter_notes.Lines(), tables, json);
  const bool files = f.files.csv || f.files.xlsx || f.files.json;
  // `--format json` with no --out prints the JSON itself (for pipes).
  if (f.files.json && !f.files.csv && !f.files.xlsx && run.out_dir.empty()) {
    std::cout << json.dump(2) << "\n";
    return 0;
  }
  if (f.table) {
    for (const auto& t : tables) std::cout << PrintedTable(t, f.wide) << "\n";
    if (r.relief.short_of_funds)
      std::cout << fmt::format(
          "注意: 激変緩和の財源が不足しています (所要額 {}円, 財源 "
          "{}円)。各市町村の所要額を同じ割合で按分しました。\n",
          FormatYen(r.relief.needed), FormatYen(r.relief.granted));
  }
  if (files) {
    std::string dir = run.out_dir.empty() ? "kokuho-output" : run.out_dir;
    for (const auto& path : WriteReports(dir, "nofukin", f.files, tables, json))
      std::cerr << "wrote " << path << "\n";
  }
  return 0;
}

void RegisterNofukin(CLI::App& app, Action& action) {
  auto run = std::make_shared<NofukinRun>();
  CLI::App* cmd = app.add_subcommand("nofukin", "納付金と標準保険料率を算定する (compute a case)");
  cmd->add_option("CASE", run->case_path,
                  "事例フォルダ (prefecture.yaml のあるフォルダ) または その YAML ファイル")
      ->required();
  AddOutputOptions(*cmd, run->out_dir, run->formats);
  cmd->callback([run, cmd, &action]() {
    DefaultOutputFormats(*cmd, run->out_dir, run->formats);
    action = [run]() { return RunNofukin(*run); };
  });
}

void RegisterDemo(CLI::App& app, Action& action) {
  auto out = std::make_shared<std::string>("kokuho-demo");
  CLI::App* cmd = app.add_subcommand("demo", "サンプル県 (群馬県の35市町村, 非公式) で算定する");
  cmd->add_option("--out", *out, "出力ファイルのフォルダ")->default_str("kokuho-demo");
  cmd->callback([out, &action]() {
    action = [out]() {
      std::string case_dir = (std::filesystem::path(ExamplesDir()) / "gunma").string();
      std::cout << "サンプル県 (群馬県の市町村・一部実データ、その他は架空の数値; 非公式): "
                << case_dir << "\n\n";
      if (int rc = RunNofukin({case_dir, *out, "table,csv,xlsx,json"}); rc != 0) return rc;
      // The household levy on the same sample: one model household, then every household
      // of a synthetic population (100,000 households) under the sample rates.
      const std::string examples = ExamplesDir();
      // The household levy runs in the last year the national levy rules are known for.
      const FiscalYear levy_fy = LastKnownLevyYear();
      const std::string levy_year = std::to_string(levy_fy.year());
      const std::string pop = (std::filesystem::path(*out) / "population.kpop").string();
      const std::vector<std::vector<std::string>> steps = {
          {"levy", examples + "/levy/family.yaml", "-m", "102016", "--year", levy_year},
          {"synth", "--case", case_dir, "--households", "100000", "--seed", "1", "--year",
           levy_year, "--out", pop},
          {"microsim", pop, "--year", levy_year, "--out", *out, "--format", "table,csv,xlsx,json"},
          // The roadmap to a unified premium level, with the same households (as a fixed
          // panel), the fund and the deficit plans: tables, then the HTML report.
          // Its years (R9–R15) lie past the national levy rules known today (R8), so the
          // demo carries them forward, and every output says so (docs/parameters.md).
          {"scenario", "run", examples + "/gunma-roadmap/scenario.yaml", "--population", pop,
           "--carry-forward"},
          {"report", examples + "/gunma-roadmap/scenario.yaml", "--population", pop, "--out",
           (std::filesystem::path(*out) / "roadmap").string(), "--carry-forward"}};
      const std::string titles[] = {
          fmt::format("\n== モデル世帯の保険税 (前橋市, {}, 税率は架空) ==\n", levy_fy.ToWareki()),
          "\n== 合成世帯 10万世帯 (乱数 seed 1) ==\n", "\n== 全世帯の賦課 (microsim) ==\n",
          "\n== 保険料水準統一ロードマップ (準統一 R9 → 完全統一 R15, 架空) ==\n",
          "\n== ロードマップの報告書 (HTML・xlsx) ==\n"};
      for (size_t i = 0; i < steps.size(); ++i) {
        std::cout << titles[i] << std::flush;
        std::vector<std::string> args = {"kokuho"};
        args.insert(args.end(), steps[i].begin(), steps[i].end());
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        if (int rc = RunCli(static_cast<int>(argv.size()), argv.data()); rc != 0) return rc;
      }
      return 0;
    };
  });
}

}  // namespace kokuho::cli
