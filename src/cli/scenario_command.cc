// `kokuho scenario run|compare|sweep`: roadmaps to a unified premium level
// (docs/scenario-format.md).
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/output_formats.h"
#include "cli/premium_inputs.h"
#include "cli/scenario_inputs.h"
#include "cli/year_option.h"
#include "core/error.h"
#include "readers/scenario_loader.h"
#include "report/scenario_tables.h"
#include "report/write_reports.h"

namespace kokuho::cli {
namespace {

struct RunArgs {
  std::string file, population, out_dir, formats = "table";
  unsigned threads = 0;
  bool carry_forward = false;
};

struct CompareArgs {
  std::string a, b, out_dir, formats = "table";
};

struct SweepArgs {
  std::string file, alpha, collection, beta_prime, equal_share, allowance, out_dir,
      formats = "table";
  YearOption year;
  std::size_t top = 20;
  unsigned threads = 0;
};

int RunScenarioCommand(const RunArgs& a) {
  scenario::Scenario s = LoadScenario(a.file);
  scenario::Run run = RunWithHouseholds(s, a.population, a.threads, YearPolicy{a.carry_forward});
  std::vector<ReportTable> tables = ScenarioTables(run);
  // The terminal shows the years and the last year's municipalities; the files have all.
  std::vector<ReportTable> printed = tables;
  if (printed.size() > 1) {
    ReportTable& m = printed[1];
    const std::string last = run.years.back().plan.year.ToWareki();
    std::erase_if(m.rows, [&](const auto& row) { return row.front().text != last; });
    m.title += " — " + last + " (全年度はファイル出力に)";
  }
  return EmitReports(a.out_dir, a.formats, "scenario", tables, ScenarioJson(run), &printed,
                     run.parameter_notes.Lines());
}

int RunCompare(const CompareArgs& a) {
  scenario::Run ra = scenario::RunScenario(LoadScenario(a.a));
  scenario::Run rb = scenario::RunScenario(LoadScenario(a.b));
  scenario::Comparison c = scenario::Compare(ra, rb);
  ParameterNotes notes = ra.parameter_notes;
  notes.Merge(rb.parameter_notes);
  return EmitReports(a.out_dir, a.formats, "compare", ComparisonTables(c), ComparisonJson(c),
                     nullptr, notes.Lines());
}

std::vector<Rational> Axis(const std::string& text, const std::string& option) {
  if (text.empty()) return {};
  return ParseSweepAxis(text, option);
}

/// An α axis in a year where α is fixed (scenario::AlphaFixedReason): alone it is an error
/// that says so; with other axes it is dropped with a note on stderr.
void DropAlphaWhereFixed(const scenario::Scenario& s, FiscalYear year, scenario::SweepGrid& g) {
  if (g.alpha.empty()) return;
  const std::optional<std::string> why = scenario::AlphaFixedReason(s, year);
  if (!why) return;
  const bool alone = g.collection_rate.empty() && g.beta_prime.empty() &&
                     g.equal_share_index.empty() && g.allowance.empty();
  if (alone) throw CLI::ValidationError("--alpha", *why + " (--year で年度を選べます)");
  std::cerr << fmt::format("注意: {} --alpha を外して計算します\n", *why);
  g.alpha.clear();
}

int RunSweep(const SweepArgs& a) {
  scenario::Scenario s = LoadScenario(a.file);
  FiscalYear year = s.years.size() > 1 ? s.years[1].year : s.years.front().year;
  year = a.year.GetOr(year);
  scenario::SweepGrid g;
  g.alpha = Axis(a.alpha, "--alpha");
  g.collection_rate = Axis(a.collection, "--collection");
  g.beta_prime = Axis(a.beta_prime, "--beta-prime");
  g.equal_share_index = Axis(a.equal_share, "--equal-share");
  g.allowance = Axis(a.allowance, "--allowance");
  DropAlphaWhereFixed(s, year, g);
  if (g.size() > 1'000'000)
    throw CLI::ValidationError(
        "sweep",
        fmt::format("組み合わせが{}通りあります。1,000,000通り以下にしてください", g.size()));
  std::cerr << fmt::format("{}: {}通りを計算します\n", year.ToWareki(), g.size());
  std::vector<scenario::Variant> v = scenario::Sweep(s, year, g, a.threads);
  std::vector<ReportTable> printed = SweepTables(v, a.top);
  return EmitReports(a.out_dir, a.formats, "sweep", SweepTables(v, 0), SweepJson(v), &printed);
}

}  // namespace

void RegisterScenario(CLI::App& app, Action& action) {
  CLI::App* cmd = app.add_subcommand("scenario", "保険料水準の統一に向けたロードマップ (複数年度)");
  cmd->require_subcommand(1);

  auto run = std::make_shared<RunArgs>();
  CLI::App* r =
      cmd->add_subcommand("run", "シナリオの各年度の納付金・標準保険料率 (と世帯の保険料)");
  r->add_option("FILE", run->file, "シナリオファイル (YAML)")->required();
  r->add_option("--population", run->population,
                "世帯の人口ファイル (.kpop, CSV, xlsx); シナリオの households より優先");
  r->add_option("--threads", run->threads, "世帯の賦課計算のスレッド数 (既定: 全コア)");
  AddCarryForwardOption(*r, run->carry_forward);
  AddOutputOptions(*r, run->out_dir, run->formats);
  r->callback([run, r, &action]() {
    DefaultOutputFormats(*r, run->out_dir, run->formats);
    action = [run]() { return RunScenarioCommand(*run); };
  });

  auto cmp = std::make_shared<CompareArgs>();
  CLI::App* c =
      cmd->add_subcommand("compare", "2つのシナリオの比較 (市町村別・年度別, 差 = B − A)");
  c->add_option("A", cmp->a, "シナリオファイル A")->required();
  c->add_option("B", cmp->b, "シナリオファイル B")->required();
  AddOutputOptions(*c, cmp->out_dir, cmp->formats);
  c->callback([cmp, c, &action]() {
    DefaultOutputFormats(*c, cmp->out_dir, cmp->formats);
    action = [cmp]() { return RunCompare(*cmp); };
  });

  auto sw = std::make_shared<SweepArgs>();
  CLI::App* w = cmd->add_subcommand("sweep", "1年度の変数の組合せを比較 (最大上昇率の小さい順)");
  w->add_option("FILE", sw->file, "シナリオファイル")->required();
  AddYearOption(*w, sw->year, "R10", false, "変える年度 (既定: 2年度目)");
  w->add_option("--alpha", sw->alpha, "α の値 FROM:TO:STEP (またはカンマ区切り)");
  w->add_option("--collection", sw->collection, "全市町村共通の 標準的な収納率 (FROM:TO:STEP)");
  w->add_option("--beta-prime", sw->beta_prime, "β′ の値 FROM:TO:STEP");
  w->add_option("--equal-share", sw->equal_share, "均等割指数の値 FROM:TO:STEP");
  w->add_option("--allowance", sw->allowance, "激変緩和の x の値 FROM:TO:STEP");
  w->add_option("--top", sw->top, "表示する行数 (既定 20; ファイルには全行)");
  w->add_option("--threads", sw->threads, "スレッド数 (既定: 全コア)");
  AddOutputOptions(*w, sw->out_dir, sw->formats);
  w->callback([sw, w, &action]() {
    DefaultOutputFormats(*w, sw->out_dir, sw->formats);
    action = [sw]() { return RunSweep(*sw); };
  });
}

}  // namespace kokuho::cli
