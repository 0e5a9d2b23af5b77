// `kokuho age-index DATA --standard FILE [--mode indirect|direct] [--epsilon]
//  [--out DIR] [--format table,csv,xlsx,json]`: age-standardised indices per
// municipality (docs/ageindex-format.md).
//
//   indirect: observed ÷ expected against the standard's band rates (年齢調整後医療費指数
//             ε for costs, a standardised ratio like an SMR for cases);
//   direct:   age-adjusted rate against a standard population (年齢調整 有病率).
//
// --epsilon (indirect, 医療費) adds ageindex_epsilon.csv with the columns 団体コード,
// 市町村名, 医療費指数 of the 納付金 case table (docs/case-format.md).
//
//   kokuho age-index examples/ageindex-sample/data_cases.csv
//       --standard examples/ageindex-sample/standard_cases.csv --mode direct
#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "ageindex/standardise.h"
#include "cli/commands.h"
#include "cli/output_formats.h"
#include "core/error.h"
#include "readers/ageindex_loader.h"
#include "report/report_table.h"
#include "report/write_reports.h"

namespace kokuho::cli {
namespace {

struct AgeIndexRun {
  std::string data_path;
  std::string standard_path;
  std::string mode = "indirect";
  bool epsilon = false;
  std::string out_dir;
  std::string formats = "table";
};

namespace {

// Display rounding (half-up; the JSON also carries the exact values):
constexpr int kIndexPlaces = 4;  // indices and ratios, like the published 医療費指数 (0.9685)
constexpr int kYenPlaces = 2;    // per-capita costs and expected costs in yen
constexpr int kPercentPlaces = 3;  // case rates in %

// A rate per person as shown: yen per person (cost) or % (cases).
ReportCell RateCell(const Rational& rate, AgeMeasure measure) {
  return measure == AgeMeasure::kCost ? ReportCell::Decimal(rate, kYenPlaces)
                                      : ReportCell::Decimal(rate * Rational(100), kPercentPlaces);
}

std::string RateHeader(const std::string& prefix, AgeMeasure measure) {
  return prefix + (measure == AgeMeasure::kCost ? "1人当たり医療費(円)" : "率(%)");
}

// All municipalities pooled band by band (the 全体 row).
AgeIndexMunicipality Pooled(const AgeIndexData& data) {
  AgeIndexMunicipality all;
  all.name = "全体";
  for (const AgeIndexMunicipality& m : data.municipalities) {
    if (all.bands.empty()) {
      all.bands = m.bands;
      continue;
    }
    for (size_t a = 0; a < m.bands.size(); ++a) {
      all.bands[a].population += m.bands[a].population;
      all.bands[a].observed += m.bands[a].observed;
    }
  }
  return all;
}

std::string Where(const std::string& code) { return code.empty() ? "全体" : code; }

}  // namespace

int RunAgeIndex(const AgeIndexRun& run) {
  OutputFormats f = ParseOutputFormats(run.formats);
  const bool direct = run.mode == "direct";
  if (!direct && run.mode != "indirect")
    throw InputError({"--mode", 0, 0},
                     "「" + run.mode +
                         "」は使えません。indirect (間接法) か direct (直接法) を指定してください");
  ageindex::Standard standard = LoadAgeStandard(run.standard_path);
  if (!direct && standard.rate.empty())
    throw InputError({run.standard_path, 1, 0},
                     "--mode indirect (間接法) には、すべての年齢階級の基準率が必要です");
  if (direct && standard.population.empty())
    throw InputError({run.standard_path, 1, 0},
                     "--mode direct (直接法) には、すべての年齢階級の基準人口が必要です");
  AgeIndexData data = LoadAgeIndexData(run.data_path, standard);
  if (run.epsilon && (direct || data.measure != AgeMeasure::kCost))
    throw InputError({"--epsilon", 0, 0},
                     "医療費指数の列には --mode indirect と 医療費 の列が必要です");

  std::vector<AgeIndexMunicipality> rows = data.municipalities;
  rows.push_back(Pooled(data));
  const AgeMeasure measure = data.measure;
  const std::string obs = data.observed_column;

  ReportTable main;
  main.key = "ageindex";
  main.sheet = direct ? "年齢調整(直接法)" : "年齢調整指数(間接法)";
  main.header = {"団体コード", "市町村名", data.population_column, obs};
  nlohmann::ordered_json json;
  json["mode"] = direct ? "direct" : "indirect";
  json["measure"] = obs;
  json["population"] = data.population_column;
  json["data"] = data.file;
  json["standard"] = run.standard_path;
  if (auto crude = standard.CrudeRate()) json["standard_crude_rate"] = crude->ToString();
  json["municipalities"] = nlohmann::ordered_json::array();
  ReportTable eps;
  eps.key = "ageindex_epsilon";
  eps.title = "医療費指数 (納付金 case table column, docs/case-format.md)";
  eps.sheet = "医療費指数";
  eps.header = {"団体コード", "市町村名", "医療費指数"};

  if (!direct) {
    main.title = measure == AgeMeasure::kCost
                     ? "年齢調整後医療費指数 (間接法: 実績医療費 ÷ "
                       "基準の年齢階級別1人当たり医療費による期待値)"
                     : fmt::format("標準化{}比 (間接法: 観察{} ÷ 基準の年齢階級別率による期待{})",
                                   obs, obs, obs);
    main.header.push_back("期待" + obs);
    main.header.push_back(RateHeader("粗", measure));
    main.header.push_back(measure == AgeMeasure::kCost ? "医療費指数" : "標準化比");
    for (const AgeIndexMunicipality& m : rows) {
      ageindex::IndirectResult r;
      try {
        r = ageindex::Indirect(m.bands, standard);
      } catch (const CalculationError& e) {
        throw CalculationError(Where(m.code.str()) + ": " + e.what());
      }
      main.rows.push_back(
          {ReportCell::Text(m.code.str()), ReportCell::Text(m.name),
           ReportCell::Integer(r.population), ReportCell::Integer(r.observed.Floor()),
           ReportCell::Decimal(r.expected, kYenPlaces), RateCell(r.crude_rate, measure),
           ReportCell::Decimal(r.index, kIndexPlaces)});
      json["municipalities"].push_back({{"code", m.code.str()},
                                        {"name", m.name},
                                        {"population", r.population},
                                        {"observed", r.observed.ToString()},
                                        {"expected", r.expected.ToString()},
                                        {"crude_rate", r.crude_rate.ToString()},
                                        {"index", r.index.ToString()},
                                        {"index_rounded", r.index.ToDecimalString(kIndexPlaces)}});
      if (!m.code.str().empty())
        eps.rows.push_back({ReportCell::Text(m.code.str()), ReportCell::Text(m.name),
                            ReportCell::Decimal(r.index, kIndexPlaces)});
    }
  } else {
    std::optional<Rational> crude = standard.CrudeRate();
    main.title = measure == AgeMeasure::kCost
                     ? "年齢調整 1人当たり医療費 (直接法: 基準人口で重み付け)"
                     : fmt::format("年齢調整{}率 (直接法: 基準人口で重み付け)", obs);
    main.header.push_back(RateHeader("粗", measure));
    main.header.push_back(RateHeader("年齢調整", measure));
    if (crude) main.header.push_back("基準比");
    for (const AgeIndexMunicipality& m : rows) {
      ageindex::DirectResult r;
      try {
        r = ageindex::Direct(m.bands, standard);
      } catch (const CalculationError& e) {
        throw CalculationError(Where(m.code.str()) + ": " + e.what());
      }
      std::vector<ReportCell> row = {
          ReportCell::Text(m.code.str()),    ReportCell::Text(m.name),
          ReportCell::Integer(r.population), ReportCell::Integer(r.observed.Floor()),
          RateCell(r.crude_rate, measure),   RateCell(r.adjusted_rate, measure)};
      nlohmann::ordered_json j = {{"code", m.code.str()},
                                  {"name", m.name},
                                  {"population", r.population},
                                  {"observed", r.observed.ToString()},
                                  {"crude_rate", r.crude_rate.ToString()},
                                  {"adjusted_rate", r.adjusted_rate.ToString()}};
      if (r.ratio) {
        row.push_back(ReportCell::Decimal(*r.ratio, kIndexPlaces));
        j["ratio_to_standard"] = r.ratio->ToString();
      }
      main.rows.push_back(std::move(row));
      json["municipalities"].push_back(std::move(j));
    }
  }

  std::vector<ReportTable> tables = {main};
  if (run.epsilon) tables.push_back(eps);
  const bool files = f.files.csv || f.files.xlsx || f.files.json;
  if (f.files.json && !f.files.csv && !f.files.xlsx && run.out_dir.empty()) {
    std::cout << json.dump(2) << "\n";
    return 0;
  }
  if (f.table) {
    for (const ReportTable& t : tables) std::cout << PrintedTable(t, f.wide) << "\n";
    if (direct) {
      if (auto crude = standard.CrudeRate())
        std::cout << fmt::format("基準集団の粗{}: {}\n",
                                 measure == AgeMeasure::kCost ? "1人当たり医療費 (円)" : "率 (%)",
                                 RateCell(*crude, measure).Display());
    }
    std::cout << fmt::format("表示は四捨五入 (指数 {} 桁, 円 {} 桁, % {} 桁); JSON に厳密値\n",
                             kIndexPlaces, kYenPlaces, kPercentPlaces);
  }
  if (files) {
    std::string dir = run.out_dir.empty() ? "kokuho-output" : run.out_dir;
    for (const auto& path : WriteReports(dir, "ageindex", f.files, tables, json))
      std::cerr << "wrote " << path << "\n";
  }
  return 0;
}

}  // namespace

void RegisterAgeIndex(CLI::App& app, Action& action) {
  auto run = std::make_shared<AgeIndexRun>();
  CLI::App* cmd = app.add_subcommand(
      "age-index", "年齢調整: 間接法の医療費指数・標準化比, 直接法の年齢調整率 (有病率)");
  cmd->add_option("DATA", run->data_path,
                  "年齢階級別の表 (CSV または xlsx): 団体コード, 年齢階級, 被保険者数|人口, "
                  "医療費|件数|患者数")
      ->required();
  cmd->add_option("--standard", run->standard_path,
                  "基準 (CSV, xlsx または YAML): 年齢階級, 基準率 と/または 基準人口")
      ->required();
  cmd->add_option("--mode", run->mode, "indirect (間接法: 実績 ÷ 期待) または direct (直接法)")
      ->default_str("indirect");
  cmd->add_flag("--epsilon", run->epsilon,
                "納付金の市町村表の 医療費指数 列 (ageindex_epsilon) も書く");
  AddOutputOptions(*cmd, run->out_dir, run->formats);
  cmd->callback([run, cmd, &action]() {
    DefaultOutputFormats(*cmd, run->out_dir, run->formats);
    action = [run]() { return RunAgeIndex(*run); };
  });
}

}  // namespace kokuho::cli
