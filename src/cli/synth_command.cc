// `kokuho synth --case DIR|TABLE --households N --seed S [--year R8] --out FILE`: a
// synthetic 国保 population for a case's municipalities (団体コード, 市町村名, 被保険者数,
// 世帯数 of its 市町村表), written as .kpop or .csv (docs/synth.md, docs/population-format.md).
//
//   kokuho synth --case examples/gunma --seed 1 --out gunma.kpop   # the case's Σ世帯数
//   kokuho synth --case examples/gunma --households 1000000 --seed 1 --out big.kpop
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "cli/premium_inputs.h"
#include "cli/year_option.h"
#include "core/error.h"
#include "core/municipality_code.h"
#include "io/table_reader.h"
#include "io/value_parser.h"
#include "io/yaml_reader.h"
#include "premium/synth.h"
#include "readers/population_io.h"
#include "readers/premium_rules_loader.h"

namespace kokuho::cli {
namespace {

namespace fs = std::filesystem;

struct SynthRun {
  std::string case_path;
  std::int64_t households = 0;  ///< 0: the case's own Σ世帯数
  std::uint64_t seed = 1;
  YearOption year;  ///< default: the last year the national levy rules are known for
  std::string out;
};

/// The 市町村表 of a case: DIR/prefecture.yaml's `municipalities` (and sheet), else the
/// path itself when it is a table.
Table ReadCaseTable(const std::string& case_path) {
  std::error_code ec;
  if (!fs::exists(case_path, ec))
    throw InputError({case_path, 0, 0},
                     "ファイルもフォルダもありません。事例のフォルダ (prefecture.yaml と市町村表)"
                     " か市町村表 (.csv/.xlsx) を指定してください");
  if (!fs::is_directory(case_path, ec)) return ReadTable(case_path);
  const fs::path yaml = fs::path(case_path) / "prefecture.yaml";
  if (!fs::exists(yaml, ec))
    throw InputError({case_path, 0, 0},
                     "このフォルダに prefecture.yaml がありません。事例のフォルダか市町村表 "
                     "(.csv/.xlsx) を指定してください");
  const YAML::Node root = LoadYamlStrict(yaml.string());
  std::string name = "municipalities.csv", sheet;
  if (root.IsMap() && root["municipalities"] && root["municipalities"].IsScalar())
    name = root["municipalities"].Scalar();
  if (root.IsMap() && root["municipalities_sheet"] && root["municipalities_sheet"].IsScalar())
    sheet = root["municipalities_sheet"].Scalar();
  return ReadTable((fs::path(case_path) / name).string(), sheet);
}

std::vector<premium::SynthMunicipality> ReadMunicipalities(const Table& t) {
  std::array<std::size_t, 4> col{};
  const char* names[] = {"団体コード", "市町村名", "被保険者数", "世帯数"};
  for (int i = 0; i < 4; ++i) {
    auto c = t.ColumnIndex(names[i]);
    if (!c)
      throw InputError({t.file, t.header.empty() ? 1 : t.header[0].pos.line, 0},
                       fmt::format("列 {} がありません (合成には 団体コード、市町村名、被保険者数、"
                                   "世帯数 の列が必要です)",
                                   names[i]));
    col[i] = *c;
  }
  std::vector<premium::SynthMunicipality> out;
  for (const TableRow& row : t.rows) {
    premium::SynthMunicipality m;
    const TableCell& code = row.cells[col[0]];
    auto parsed = MunicipalityCode::TryParse(code.text);
    if (!parsed)
      throw InputError(code.pos,
                       "団体コード: " + MunicipalityCodeProblem(code.text, row.cells[col[1]].text));
    m.code = parsed->str();
    m.name = std::string(row.cells[col[1]].text);
    m.insured = ParseCount(row.cells[col[2]].text, row.cells[col[2]].pos, "被保険者数");
    m.households = ParseCount(row.cells[col[3]].text, row.cells[col[3]].pos, "世帯数");
    if (m.insured < m.households)
      throw InputError(row.cells[col[2]].pos,
                       "被保険者数: 世帯数より少なくなっています (どの世帯にも被保険者が1人以上"
                       "います)。被保険者数と世帯数を確かめてください");
    for (const auto& other : out)
      if (other.code == m.code) throw InputError(code.pos, "団体コード: 表に2回あります");
    out.push_back(std::move(m));
  }
  return out;
}

int RunSynth(const SynthRun& run) {
  premium::SynthOptions options;
  options.fiscal_year = run.year.GetOr(LastKnownLevyYear()).year();
  options.seed = run.seed;
  options.municipalities = ReadMunicipalities(ReadCaseTable(run.case_path));
  // Without --households, as many households as the case has (Σ世帯数), so that totals
  // levied on the population agree with the case's 納付金 and rates.
  std::int64_t households = run.households;
  if (households == 0)
    for (const auto& m : options.municipalities)
      if ((households += m.households) > 100'000'000) break;  // counts ≤ 18 digits: no overflow
  if (households < 1 || households > 100'000'000)
    throw InputError(
        {"--households", 0, 0},
        fmt::format("世帯数 {} は使えません。1〜100,000,000 を指定してください", households));
  options.households = households;
  const std::string ext = fs::path(run.out).extension().string();
  if (ext != ".kpop" && ext != ".csv")
    throw InputError({"--out", 0, 0},
                     "出力ファイルは拡張子 .kpop か .csv の名前を指定してください");

  const auto start = std::chrono::steady_clock::now();
  const premium::Population pop = premium::Synthesize(options);
  const auto generated = std::chrono::steady_clock::now();
  WritePopulation(run.out, pop);
  const auto written = std::chrono::steady_clock::now();
  const auto ms = [](auto a, auto b) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
  };
  std::cerr << fmt::format(
      "synth: {} households, {} members, {} municipalities → {} (generated in {} ms, written in "
      "{} ms)\n",
      pop.households(), pop.members(), pop.municipalities.size(), run.out, ms(start, generated),
      ms(generated, written));
  return 0;
}

}  // namespace

void RegisterSynth(CLI::App& app, Action& action) {
  auto run = std::make_shared<SynthRun>();
  CLI::App* cmd = app.add_subcommand(
      "synth",
      "合成国保人口の生成 (市町村の世帯数・被保険者数に合わせた架空の世帯; docs/synth.md)");
  cmd->add_option("--case", run->case_path,
                  "事例フォルダ (prefecture.yaml + 市町村表) または市町村表そのもの")
      ->required();
  cmd->add_option("--households", run->households, "作る世帯数 (既定: 事例の Σ世帯数)");
  cmd->add_option("--seed", run->seed, "乱数の種 (同じ種なら同じ人口)")->required();
  AddYearOption(*cmd, run->year, "R8", false, "年度 (既定: 全国共通ルールが確認済みの最終年度)");
  cmd->add_option("--out", run->out, "出力ファイル: .kpop (列指向バイナリ) または .csv")
      ->required();
  cmd->callback([run, &action]() { action = [run]() { return RunSynth(*run); }; });
}

}  // namespace kokuho::cli
