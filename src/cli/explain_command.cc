#include <fmt/format.h>

#include <iostream>

#include "cli/commands.h"
#include "core/error.h"
#include "nofukin/engine.h"
#include "readers/case_loader.h"

namespace kokuho::cli {
namespace {

struct ExplainRun {
  std::string case_path;
  std::string municipality;
  std::string part;
};

void PrintStep(int number, const TraceStep& s) {
  std::cout << fmt::format("[{}] {}", number, s.step);
  if (s.part) std::cout << fmt::format(" ({})", PartLabel(*s.part));
  std::cout << "\n";
  if (!s.formula.empty()) std::cout << "    式: " << s.formula << "\n";
  for (const auto& [name, value] : s.inputs) std::cout << fmt::format("    {}: {}\n", name, value);
  if (!s.result.empty()) std::cout << "    結果: " << s.result << "\n";
  if (!s.rounding.empty()) std::cout << "    端数処理: " << s.rounding << "\n";
  if (!s.source.empty()) std::cout << "    根拠: " << s.source << "\n";
  std::cout << "\n";
}

int RunExplain(const ExplainRun& run) {
  nofukin::Case c = LoadCase(run.case_path);
  auto code = MunicipalityCode::TryParse(run.municipality);
  const nofukin::MunicipalityInput* target = nullptr;
  for (const auto& m : c.municipalities)
    if (code && m.code == *code) target = &m;
  if (!target) {
    std::cerr << "kokuho: error: --municipality: 団体コード「" << run.municipality
              << "」の市町村はこの事例にありません。事例の6桁の団体コード (例: "
              << c.municipalities.front().code.str() << ") を指定してください\n";
    return 1;
  }
  std::optional<Part> only;
  if (!run.part.empty()) {
    only = TryParsePart(run.part);
    if (!only || !c.HasPart(*only)) {
      std::cerr << "kokuho: error: --part: 「" << run.part << "」はこの事例の分ではありません。"
                << PartKeysText() << " のどれかを指定してください\n";
      return 1;
    }
  }
  nofukin::Result r = nofukin::Compute(c, {.trace = true});
  const auto& m = *std::find_if(r.municipalities.begin(), r.municipalities.end(),
                                [&](const auto& x) { return x.code == target->code; });
  std::cout << fmt::format("{} {} ({}) — {} 納付金・標準保険料率の算定過程 ({})\n\n", c.prefecture,
                           m.name, m.code.str(), c.fiscal_year.ToWareki(), c.coefficients_label);
  int number = 1;
  for (Part p : c.parts) {
    if (only && p != *only) continue;
    std::cout << "━━ " << PartLabel(p) << " ━━\n\n";
    for (const auto& s : r.trace.steps())
      if (s.part == p && (s.subject.empty() || s.subject == m.code.str())) PrintStep(number++, s);
  }
  for (const auto& s : r.trace.steps())
    if (!s.part && (s.subject == m.code.str() || s.subject.empty())) PrintStep(number++, s);
  std::cout << fmt::format("納付金計: {}円", FormatYen(m.nofukin_total));
  if (m.retiree_nofukin)
    std::cout << fmt::format(" (うち退職被保険者等分 {}円)", FormatYen(m.retiree_nofukin));
  std::cout << "\n";
  return 0;
}

}  // namespace

void RegisterExplain(CLI::App& app, Action& action) {
  auto run = std::make_shared<ExplainRun>();
  CLI::App* cmd = app.add_subcommand("explain", "ある市町村の納付金・標準保険料率の算定過程を示す");
  cmd->add_option("CASE", run->case_path, "事例フォルダ または prefecture.yaml")->required();
  cmd->add_option("--municipality,-m", run->municipality, "団体コード (6桁)")->required();
  cmd->add_option("--part,-p", run->part, "分: " + PartKeysText(" / ") + " (既定: すべて)");
  cmd->callback([run, &action]() { action = [run]() { return RunExplain(*run); }; });
}

}  // namespace kokuho::cli
