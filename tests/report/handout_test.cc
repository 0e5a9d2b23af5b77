// The 説明資料 (report/handout.h) and the 仮係数 → 確定係数 / 前年度 comparison
// (report/nofukin_diff_tables.h): a worked example on hand-made results (every figure
// derivable below), the 千円 rounding as a property over random yen, and the sums that
// must hold on results of the engine.
//
// Worked example (two municipalities, 医療分 and 支援分; yen):
//                    確定係数 R9               仮係数 R9                 前年度 R8
//   A 医療      1,234,567,890            1,233,500,000            1,170,000,000
//   A 支援        345,678,500              345,500,000              330,000,000
//   A 計        1,580,246,390            1,579,000,000            1,500,000,000
//   B 医療         98,765,600               98,800,000              105,000,000
//   B 支援         12,345,500               12,347,000               15,000,000
//   B 計          111,111,100              111,147,000              120,000,000
//   合計        1,691,357,490            1,690,147,000            1,620,000,000
// 千円 (四捨五入, halves away from zero):
//   A 計 1,580,246.390 → 1,580,246; B 計 111,111.100 → 111,111; 合計 1,691,357.490 → 1,691,357
//   差 確定−仮: A 1,246,390 → 1,246; B −35,900 → −36; 合計 1,210,490 → 1,210
//   増減率: A 1,246,390 / 1,579,000,000 = 0.0789…% → 0.08; B −35,900 / 111,147,000 → −0.03
//   前年度比: A 80,246,390 → 80,246 (5.3497…% → 5.35); B −8,888,900 → −8,889 (−7.4074% →
//   −7.41); 合計 71,357,490 → 71,357 (4.4048% → 4.40)
//   医療分: A 1,234,567.890 → 1,234,568, B 98,765.600 → 98,766, but 合計 1,333,333,490 →
//   1,333,333: the printed rows add to 1,333,334, one more than the 合計 from the yen.
//   支援分 差 B: 12,345,500 − 12,347,000 = −1,500 → −2 (a half, away from zero);
//   支援分 B 確定 12,345,500 → 12,346 (a half, up).
#include "report/handout.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>

#include "../cli_runner.h"
#include "../io/io_test_util.h"
#include "../nofukin/test_cases.h"
#include "io/encoding.h"
#include "nofukin/engine.h"
#include "report/html_report.h"
#include "report/nofukin_diff_tables.h"

namespace kokuho {
namespace {

using nofukin::Case;
using nofukin::MunicipalityResult;
using nofukin::Result;

// A hand-made result: municipalities {name, 医療 P, 支援 P}.
struct Row {
  const char* code;
  const char* name;
  Yen iryo, shien;
};

Result MakeResult(int year, const std::string& label, const std::vector<Row>& rows) {
  Result r;
  r.prefecture = "群馬県";
  r.fiscal_year = FiscalYear(year);
  r.coefficients_label = label;
  for (Part p : {Part::kIryo, Part::kShien}) {
    nofukin::PartResult pr;
    pr.part = p;
    r.parts.push_back(pr);
  }
  for (const Row& row : rows) {
    MunicipalityResult m;
    m.code = *MunicipalityCode::TryParse(row.code);
    m.name = row.name;
    m.part(Part::kIryo).nofukin = row.iryo;
    m.part(Part::kIryo).base = row.iryo;
    m.part(Part::kShien).nofukin = row.shien;
    m.part(Part::kShien).base = row.shien;
    m.nofukin_total = row.iryo + row.shien;
    r.municipalities.push_back(m);
  }
  return r;
}

Result Confirmed() {
  return MakeResult(2027, "確定係数",
                    {{"102016", "前橋市", 1'234'567'890, 345'678'500},
                     {"102024", "高崎市", 98'765'600, 12'345'500}});
}
Result Provisional() {
  return MakeResult(2027, "仮係数",
                    {{"102016", "前橋市", 1'233'500'000, 345'500'000},
                     {"102024", "高崎市", 98'800'000, 12'347'000}});
}
Result Previous() {
  return MakeResult(2026, "確定係数",
                    {{"102016", "前橋市", 1'170'000'000, 330'000'000},
                     {"102024", "高崎市", 105'000'000, 15'000'000}});
}

std::string Cell(const ReportTable& t, size_t row, size_t col) {
  return t.rows.at(row).at(col).Plain();
}

const ReportTable& Table(const std::vector<ReportTable>& ts, const std::string& key) {
  for (const auto& t : ts)
    if (t.key == key) return t;
  throw std::runtime_error("no table " + key);
}

TEST(ThousandYen, RoundsHalfAwayFromZeroWithinHalfAThousand) {
  EXPECT_EQ(ThousandYen(1'580'246'390), 1'580'246);
  EXPECT_EQ(ThousandYen(12'345'500), 12'346);
  EXPECT_EQ(ThousandYen(-1'500), -2);
  EXPECT_EQ(ThousandYen(-1'499), -1);
  EXPECT_EQ(ThousandYen(499), 0);
  // Property: the nearest 千円, a half going away from zero, by integer arithmetic.
  std::mt19937_64 rng(15);
  std::uniform_int_distribution<Yen> d(-9'000'000'000'000LL, 9'000'000'000'000LL);
  for (int k = 0; k < 20000; ++k) {
    const Yen y = k % 2 ? d(rng) : d(rng) / 1000 * 1000 + 500 * (k % 4 == 0 ? 1 : -1);
    const Yen t = ThousandYen(y);
    const Yen rest = y - t * 1000;
    ASSERT_LE(std::abs(rest), 500) << y;
    if (std::abs(rest) == 500) ASSERT_EQ(rest > 0, y < 0) << y;  // the half went away from 0
  }
}

TEST(NofukinDiff, WorkedExampleInThousandYen) {
  const Result cur = Confirmed(), prov = Provisional(), prev = Previous();
  const auto tables = NofukinDiffTables({cur, &prov, &prev});
  const ReportTable& t = Table(tables, "nofukin_diff");
  ASSERT_EQ(t.header.size(), 9u);
  EXPECT_EQ(t.header[2], "仮係数 (千円)");
  EXPECT_EQ(t.header[3], "確定係数 (千円)");
  EXPECT_EQ(t.header[4], "差 確定係数−仮係数 (千円)");
  EXPECT_EQ(t.header[6], "前年度 令和8年度 (千円)");
  ASSERT_EQ(t.rows.size(), 3u);
  // 前橋市: 仮 1,579,000 | 確定 1,580,246 | 差 1,246 | 0.08% | 前年度 1,500,000 | 80,246 | 5.35%
  const std::vector<std::string> a = {"102016", "前橋市",  "1579000", "1580246", "1246",
                                      "0.08",   "1500000", "80246",   "5.35"};
  for (size_t c = 0; c < a.size(); ++c) EXPECT_EQ(Cell(t, 0, c), a[c]) << c;
  const std::vector<std::string> b = {"102024", "高崎市", "111147", "111111", "-36",
                                      "-0.03",  "120000", "-8889",  "-7.41"};
  for (size_t c = 0; c < b.size(); ++c) EXPECT_EQ(Cell(t, 1, c), b[c]) << c;
  const std::vector<std::string> total = {"",     "合計",    "1690147", "1691357", "1210",
                                          "0.07", "1620000", "71357",   "4.40"};
  for (size_t c = 0; c < total.size(); ++c) EXPECT_EQ(Cell(t, 2, c), total[c]) << c;

  // 医療分: the 合計 is rounded from the yen (1,333,333), not the sum of the printed rows.
  const ReportTable& iryo = Table(tables, "nofukin_diff_iryo");
  EXPECT_EQ(Cell(iryo, 0, 3), "1234568");
  EXPECT_EQ(Cell(iryo, 1, 3), "98766");
  EXPECT_EQ(Cell(iryo, 2, 3), "1333333");
  // 支援分 高崎市: 12,345,500 → 12,346; 差 −1,500 → −2.
  const ReportTable& shien = Table(tables, "nofukin_diff_shien");
  EXPECT_EQ(Cell(shien, 1, 3), "12346");
  EXPECT_EQ(Cell(shien, 1, 4), "-2");
  // The 円 table is exact.
  const ReportTable& yen = Table(tables, "nofukin_diff_yen");
  EXPECT_EQ(Cell(yen, 2, 3), "1691357490");
  EXPECT_EQ(Cell(yen, 2, 4), "1210490");
  EXPECT_EQ(Cell(yen, 1, 7), "-8888900");
}

TEST(NofukinDiff, WithoutComparisonsOnlyTheYearsColumn) {
  const Result cur = Confirmed();
  const auto tables = NofukinDiffTables({cur});
  const ReportTable& t = Table(tables, "nofukin_diff");
  EXPECT_EQ(t.header, (std::vector<std::string>{"団体コード", "市町村名", "確定係数 (千円)"}));
  EXPECT_EQ(Cell(t, 2, 2), "1691357");
}

TEST(NofukinDiff, AMunicipalityOnlyInThePreviousYearKeepsTheTotals) {
  const Result cur = Confirmed();
  // The previous year had a third municipality (merged since): its row shows only there,
  // and the 前年度 合計 is that year's total.
  Result prev = MakeResult(2026, "確定係数",
                           {{"102016", "前橋市", 1'170'000'000, 330'000'000},
                            {"102024", "高崎市", 105'000'000, 15'000'000},
                            {"102032", "桐生市", 1'000, 0}});
  const auto tables = NofukinDiffTables({cur, nullptr, &prev});
  const ReportTable& t = Table(tables, "nofukin_diff_yen");
  ASSERT_EQ(t.rows.size(), 4u);
  EXPECT_EQ(Cell(t, 2, 1), "桐生市 (前年度のみ)");
  EXPECT_EQ(Cell(t, 2, 2), "");
  EXPECT_EQ(Cell(t, 3, 3), std::to_string(prev.nofukin_total()));
}

// On the engine's own results (the worked example of spec §1.6 under three α, standing for
// 仮係数, 確定係数 and the year before): every column of the 円 table adds up to that
// result's Σ納付金 to the yen, every 差 is 確定 − 仮 to the yen, and each 千円 合計 is the
// rounded Σ of the yen.
TEST(NofukinDiff, SumsAndDifferencesHoldOnEngineResults) {
  const Result prov = nofukin::Compute(nofukin::testing::WorkedExample("0.5"));
  const Result cur = nofukin::Compute(nofukin::testing::WorkedExample("0.25"));
  Result prev = nofukin::Compute(nofukin::testing::WorkedExample("0"));
  prev.fiscal_year = FiscalYear(cur.fiscal_year.year() - 1);
  const auto tables = NofukinDiffTables({cur, &prov, &prev});
  const ReportTable& yen = Table(tables, "nofukin_diff_yen");
  // Columns: code, name, 仮, 確定, 差, %, 前年度, 増減, %.
  Yen s_prov = 0, s_cur = 0, s_diff = 0, s_prev = 0, s_chg = 0;
  for (size_t i = 0; i + 1 < yen.rows.size(); ++i) {
    const auto& row = yen.rows[i];
    EXPECT_EQ(row[4].integer, row[3].integer - row[2].integer) << i;
    EXPECT_EQ(row[7].integer, row[3].integer - row[6].integer) << i;
    s_prov += row[2].integer;
    s_cur += row[3].integer;
    s_diff += row[4].integer;
    s_prev += row[6].integer;
    s_chg += row[7].integer;
  }
  const auto& total = yen.rows.back();
  EXPECT_EQ(total[2].integer, prov.nofukin_total());
  EXPECT_EQ(total[3].integer, cur.nofukin_total());
  EXPECT_EQ(total[6].integer, prev.nofukin_total());
  EXPECT_EQ(s_prov, total[2].integer);
  EXPECT_EQ(s_cur, total[3].integer);
  EXPECT_EQ(s_diff, total[4].integer);
  EXPECT_EQ(s_prev, total[6].integer);
  EXPECT_EQ(s_chg, total[7].integer);
  EXPECT_EQ(total[4].integer, cur.nofukin_total() - prov.nofukin_total());
  const ReportTable& k = Table(tables, "nofukin_diff");
  EXPECT_EQ(k.rows.back()[3].integer, ThousandYen(cur.nofukin_total()));
  EXPECT_EQ(k.rows.back()[4].integer, ThousandYen(cur.nofukin_total() - prov.nofukin_total()));
  for (const auto& pr : cur.parts) {
    const ReportTable& p = Table(tables, "nofukin_diff_" + PartKey(pr.part));
    EXPECT_EQ(p.rows.back()[3].integer, ThousandYen(pr.nofukin_total));
  }
}

// The handout's case: the parts, the published decimals and a 丈比べ base.
Case HandoutCase() {
  Case c;
  c.prefecture = "群馬県";
  c.prefecture_code = "10";
  c.fiscal_year = FiscalYear(2027);
  c.coefficients_label = "確定係数";
  c.notice = "架空の数値を含むサンプルです (非公式)";
  c.parts = {Part::kIryo, Part::kShien};
  c.relief.enabled = true;
  c.relief.natural_growth = Rational(12, 1000);
  c.relief.allowance = Rational(1, 100);
  for (const char* code : {"102016", "102024"}) {
    nofukin::MunicipalityInput m;
    m.code = *MunicipalityCode::TryParse(code);
    c.municipalities.push_back(m);
  }
  c.municipalities[0].relief_base_per_capita = 150'000;
  return c;
}

// 前橋市's handout: 医療分 P = 基礎額 1,240,000,000 + 加算 4,567,890 − 減算 10,000,000 − 激変緩和 0
// = 1,234,567,890; rates 7.35% / 35,120円 / 24,600円; per head 150,000 → 157,500 (+5.00%),
// limit 150,000 × 1.022 = 153,300, after relief 153,300 (+2.20%), relief 1,234,567円 → 1,235千円.
Result HandoutResult() {
  Result r = Confirmed();
  auto& iryo = r.municipalities[0].part(Part::kIryo);
  iryo.base = 1'240'000'000;
  iryo.individual_add = 4'567'890;
  iryo.individual_sub = 10'000'000;
  iryo.municipal_standard.income_rate_percent = Rational::Parse("7.35");
  iryo.municipal_standard.per_capita = 35'120;
  iryo.municipal_standard.per_household = 24'600;
  iryo.own_basis = iryo.municipal_standard;
  r.parts[0].prefecture_standard.income_rate_percent = Rational::Parse("8.1");
  r.parts[0].prefecture_standard.per_capita = 40'001;
  auto& m = r.municipalities[0];
  m.metric_before = Rational(157'500);
  m.metric_limit = Rational(153'300);
  m.metric_after = Rational(153'300);
  m.relief_total = 1'234'567;
  return r;
}

TEST(Handout, WorkedExampleTablesForOneMunicipality) {
  const Case c = HandoutCase();
  const Result r = HandoutResult(), prov = Provisional(), prev = Previous();
  const auto tables = HandoutTables({c, r, &prov, &prev}, 0);
  const ReportTable& n = Table(tables, "handout_nofukin");
  // 分 | 基礎額 | 加算 | 減算 | 激変緩和 | 納付金 | 仮係数 | 差 | 前年度 | 前年度比 | %
  const std::vector<std::string> iryo = {"医療分",  "1240000", "4568",    "10000", "0",   "1234568",
                                         "1233500", "1068",    "1170000", "64568", "5.52"};
  for (size_t k = 0; k < iryo.size(); ++k) EXPECT_EQ(Cell(n, 0, k), iryo[k]) << k;
  // 合計: 納付金 1,580,246,390 → 1,580,246; 差 1,246; 前年度比 80,246 (5.35%).
  ASSERT_EQ(n.rows.size(), 3u);
  EXPECT_EQ(Cell(n, 2, 0), "合計");
  EXPECT_EQ(Cell(n, 2, 5), "1580246");
  EXPECT_EQ(Cell(n, 2, 7), "1246");
  EXPECT_EQ(Cell(n, 2, 9), "80246");
  EXPECT_EQ(Cell(n, 2, 10), "5.35");
  const ReportTable& rates = Table(tables, "handout_rates");
  // 分 | 都道府県 所得割 均等割 | 市町村 所得割 均等割 平等割 | 方式 | 算定基準 所得割 均等割
  // 平等割
  EXPECT_EQ(Cell(rates, 0, 1), "8.10");  // the published 2 decimals, not 8.1
  EXPECT_EQ(Cell(rates, 0, 2), "40001");
  EXPECT_EQ(Cell(rates, 0, 3), "7.35");
  EXPECT_EQ(Cell(rates, 0, 4), "35120");
  EXPECT_EQ(Cell(rates, 0, 5), "24600");
  EXPECT_EQ(Cell(rates, 0, 6), "3方式");
  const ReportTable& change = Table(tables, "handout_change");
  const std::vector<std::string> ch = {"150000", "157500", "5.00", "153300",
                                       "153300", "2.20",   "1235"};
  for (size_t k = 0; k < ch.size(); ++k) EXPECT_EQ(Cell(change, 0, k), ch[k]) << k;
  // 高崎市 has no 丈比べ base: no change table.
  EXPECT_EQ(HandoutTables({c, r}, 1).size(), 2u);
}

TEST(Handout, OnePageForCouncilsWithTheNoticeAndNoDeveloperText) {
  Case c = HandoutCase();
  c.parameter_notes.Add({ParameterNote::kUnconfirmed, "caps", "data/premium/national.yaml",
                         FiscalYear(2027), FiscalYear(2027), "国保法施行令 第29条の7",
                         "賦課限度額"});
  const Result r = HandoutResult(), prov = Provisional();
  const nlohmann::ordered_json page = HandoutReport({c, r, &prov}, 0);
  EXPECT_NO_THROW(ValidateReport(nlohmann::json::parse(page.dump())));
  EXPECT_EQ(page["notice"], c.notice);
  EXPECT_NE(page["title"].get<std::string>().find("前橋市"), std::string::npos);
  // The handout is one section (one printed page) and the appendix of sources.
  ASSERT_EQ(page["sections"].size(), 2u);
  EXPECT_EQ(page["sections"][1]["role"], "appendix");
  EXPECT_EQ(page["layout"], "compact");
  const std::string text =
      page["sections"][0].dump() + page["warnings"].dump() + page["title"].dump();
  EXPECT_NE(page["warnings"].dump().find("未確認の値を含み"), std::string::npos)
      << page["warnings"];
  for (const char* bad : {"docs/", ".yaml", "confirmed", "data/"})
    EXPECT_EQ(text.find(bad), std::string::npos) << bad << " in " << text;
  // The summary states the figures of the table.
  const std::string summary = page["sections"][0]["text"];
  EXPECT_NE(summary.find("1,580,246千円"), std::string::npos) << summary;
  EXPECT_NE(summary.find("仮係数から +1,246千円"), std::string::npos) << summary;
  EXPECT_NE(summary.find("激変緩和 1,235千円"), std::string::npos) << summary;
}

TEST(Handout, TheLayoutFieldIsCheckedLikeTheOthers) {
  nlohmann::json r = {
      {"schema", "kokuho.report/1"}, {"title", "t"}, {"sections", nlohmann::json::array()}};
  r["layout"] = "compact";
  EXPECT_NO_THROW(ValidateReport(r));
  r["layout"] = "one-page";
  EXPECT_THROW(ValidateReport(r), InputError);
}

// `kokuho handout` on the sample: 確定係数 against 仮係数, one municipality; all files,
// byte-identical on re-run; a mismatched comparison case is refused with nothing written.
TEST(HandoutCli, WritesPagesAndComparisonByteIdentically) {
  io_test::TempDir scratch;
  const std::string dir = scratch.path();
  const std::string ex = std::string(KOKUHO_SOURCE_DIR) + "/examples/";
  for (const char* out : {"a", "b"}) {
    testing::CliRun run = testing::RunKokuho(
        {"handout", ex + "gunma-kakutei", "--provisional", ex + "gunma", "-m", "102016", "-m",
         "102024", "--out", out, "--format", "csv,xlsx,json", "--carry-forward"},
        dir, dir);
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  for (const char* f :
       {"handout-102016.html", "handout-102024.html", "nofukin_diff.html", "nofukin_diff.csv",
        "nofukin_diff_iryo.csv", "nofukin_diff_yen.csv", "nofukin_diff.xlsx", "nofukin_diff.json",
        "model_households.csv", "model_households.json"}) {
    const std::string a = ReadFileBytes(dir + "/a/" + f), b = ReadFileBytes(dir + "/b/" + f);
    EXPECT_FALSE(a.empty()) << f;
    EXPECT_EQ(a, b) << f << " differs on re-run";
  }
  EXPECT_FALSE(std::filesystem::exists(dir + "/a/handout-102032.html"));
  const std::string csv = ReadFileBytes(dir + "/a/nofukin_diff.csv");
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("仮係数 (千円)"), std::string::npos);
  const std::string html = ReadFileBytes(dir + "/a/handout-102016.html");
  EXPECT_NE(html.find("架空の数値を含むサンプル"), std::string::npos);
  // モデル世帯: on the page and, for every municipality (35 × 4 rows), in the files.
  EXPECT_NE(html.find("モデル世帯の保険料"), std::string::npos);
  const std::string model = ReadFileBytes(dir + "/a/model_households.csv");
  EXPECT_NE(model.find("団体コード,市町村名,モデル世帯,軽減,医療分,支援分,介護分,子ども分,合計"),
            std::string::npos)
      << model.substr(0, 200);
  EXPECT_EQ(std::count(model.begin(), model.end(), '\n'), 1 + 35 * 4);
  // The year's levy rules are carried forward (R9): the files say so.
  EXPECT_NE(ReadFileBytes(dir + "/a/model_households.json").find("令和8年度までの値"),
            std::string::npos);

  // Without --carry-forward the R9 rules are not known: refused naming both ways on, with
  // nothing written; --no-model-households leaves the table out.
  testing::CliRun unknown_year =
      testing::RunKokuho({"handout", ex + "gunma-kakutei", "-m", "102016", "--out", "e"}, dir, dir);
  EXPECT_NE(unknown_year.exit_code, 0);
  EXPECT_NE(unknown_year.err.find("--carry-forward"), std::string::npos) << unknown_year.err;
  EXPECT_NE(unknown_year.err.find("--no-model-households"), std::string::npos) << unknown_year.err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/e"));
  testing::CliRun without = testing::RunKokuho(
      {"handout", ex + "gunma-kakutei", "-m", "102016", "--out", "f", "--no-model-households"}, dir,
      dir);
  ASSERT_EQ(without.exit_code, 0) << without.err;
  EXPECT_EQ(ReadFileBytes(dir + "/f/handout-102016.html").find("モデル世帯"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir + "/f/model_households.csv"));

  // The previous year must be the year before: the same R9 case is refused, nothing written.
  testing::CliRun bad = testing::RunKokuho(
      {"handout", ex + "gunma-kakutei", "--previous", ex + "gunma", "--out", "c"}, dir, dir);
  EXPECT_NE(bad.exit_code, 0);
  EXPECT_NE(bad.err.find("--previous"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("令和8年度"), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/c"));
  testing::CliRun unknown =
      testing::RunKokuho({"handout", ex + "gunma", "-m", "999999", "--out", "d"}, dir, dir);
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("999999"), std::string::npos) << unknown.err;
  EXPECT_FALSE(std::filesystem::exists(dir + "/d"));
}

}  // namespace
}  // namespace kokuho
