// Loading the fund plan (YAML) and the deficit table (CSV/xlsx): the sample loads, and each
// bad input is an InputError at file:line:column.
#include "readers/finance_loader.h"

#include <gtest/gtest.h>

#include "../io/io_test_util.h"
#include "io/yaml_reader.h"

namespace kokuho {
namespace {

bool StartsWith(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

using io_test::CatchInputError;
using io_test::TempDir;
using io_test::ToCp932;
using io_test::WriteBytes;

const std::string kSample = std::string(KOKUHO_SOURCE_DIR) + "/examples/gunma-finance";

const char* kFundHead =
    "years: {from: R7, to: R9}\n"
    "opening: {main: 100000000}\n";

std::string FundError(const std::string& yaml, TempDir& dir) {
  const std::string path = dir.Path("fund.yaml");
  WriteBytes(path, yaml);
  InputError e = CatchInputError([&] {
    finance::FundPlan p = LoadFundPlan(path);
    finance::SimulateFund(p);
  });
  std::string text = e.what();
  EXPECT_EQ(text.rfind(path + ":", 0), 0u) << text;
  return text.substr(path.size() + 1);
}

TEST(FundLoader, SampleLoadsAndRuns) {
  finance::FundPlan p = LoadFundPlan(kSample + "/fund.yaml");
  EXPECT_EQ(p.first_year.year(), 2025);
  EXPECT_EQ(p.last_year.year(), 2030);
  EXPECT_EQ(p.names.size(), 35u);
  EXPECT_EQ(p.opening[finance::Account::kMain], 4'800'000'000);
  finance::FundLedger l = finance::SimulateFund(p);
  EXPECT_EQ(l.years.size(), 6u);
}

TEST(FundLoader, EmbeddedNode) {
  YAML::Node root = ParseYamlStrict(
      "scenario: x\n"
      "fund:\n"
      "  years: {from: 2025, to: 2026}\n"
      "  events:\n"
      "    2025:\n"
      "      - {type: loan, municipality: 102032, amount: 10000001}\n",
      "scenario.yaml");
  finance::FundPlan p = ParseFundPlan(root["fund"], "scenario.yaml");
  ASSERT_EQ(p.events.size(), 1u);
  EXPECT_EQ(p.events[0].pos.line, 6);
  EXPECT_EQ(p.events[0].pos.column, 9);
  // Empty fund: the overdraw names the embedding file.
  try {
    finance::SimulateFund(p);
    ADD_FAILURE();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("scenario.yaml:6:9: 令和7年度 基金本体", 0), 0u)
        << e.what();
  }
}

TEST(FundLoader, BadInputs) {
  TempDir dir;
  const std::string h = kFundHead;
  EXPECT_PRED2(StartsWith, FundError(h + "colour: red\n", dir),
               "3:1: fund: 項目 colour は使えません");
  EXPECT_PRED2(StartsWith, FundError(h + "opening: {main: 1}\n", dir), "3:1:");  // duplicate key
  EXPECT_NE(FundError(h + "opening: {main: 1}\n", dir).find("が2回あります"), std::string::npos);
  EXPECT_PRED2(StartsWith, FundError("years: {from: R7, to: R9}\nopening: {main: -5}\n", dir),
               "2:17:");
  EXPECT_PRED2(StartsWith, FundError(h + "events:\n  R8: []\n  R7: []\n", dir),
               "5:3: events: 令和7年度 は 令和8年度 の後に");
  EXPECT_PRED2(StartsWith, FundError(h + "events:\n  R10: []\n", dir),
               "4:3: events: 令和10年度 は期間");
  EXPECT_PRED2(
      StartsWith,
      FundError(h + "events:\n  R7:\n    - {type: loan, municipality: 102017, amount: 1}\n", dir),
      "5:34: events.R7[0].municipality: 「102017」は検査数字");
  EXPECT_PRED2(
      StartsWith,
      FundError(h + "events:\n  R7:\n    - {type: lend, municipality: 102016, amount: 1}\n", dir),
      "5:14: events.R7[0].type:");
  EXPECT_PRED2(
      StartsWith,
      FundError(h + "events:\n  R7:\n    - {type: loan, municipality: 102016, amount: -1}\n", dir),
      "5:50: events.R7[0].amount");
  EXPECT_PRED2(StartsWith,
               FundError(h + "events:\n  R7:\n    - {type: loan, municipality: 102016, amount: 1, "
                             "account: main}\n",
                         dir),
               "5:53: events.R7[0]: 項目 account は使えません");
  EXPECT_NE(
      FundError(h + "events:\n  R7:\n    - {type: grant, municipality: 102016, amount: 1}\n", dir)
          .find("shortfall (収納不足額) も書いてください"),
      std::string::npos);
  // The engine's refusals keep the event's place.
  EXPECT_PRED2(
      StartsWith,
      FundError(h + "events:\n  R8:\n    - type: drawdown\n      amount: 100000001\n", dir),
      "5:7: 令和8年度 基金本体");
  EXPECT_PRED2(StartsWith,
               FundError(h + "events:\n  R7:\n    - {type: grant, municipality: 102016, amount: 6, "
                             "shortfall: 11}\n",
                         dir),
               "5:7: grant:");
  EXPECT_NE(FundError(h + "parameters: {loan_instalments: 0}\n", dir).find("3:32:"),
            std::string::npos);
}

TEST(FundLoader, UnknownMunicipality) {
  TempDir dir;
  const std::string list = dir.Path("m.csv");
  WriteBytes(list, "団体コード,市町村名\n102016,前橋市\n");
  const std::string path = dir.Path("fund.yaml");
  WriteBytes(path, std::string(kFundHead) +
                       "events:\n  R7:\n    - {type: loan, municipality: 102024, amount: 1}\n");
  FinanceLoadOptions o;
  o.known_municipalities = LoadMunicipalityList(list);
  InputError e = CatchInputError([&] { LoadFundPlan(path, o); });
  EXPECT_EQ(std::string(e.what()),
            path + ":5:34: events.R7[0].municipality: 102024 は市町村の一覧にありません");
}

const char* kDeficitHeader =
    "団体コード,市町村名,年度,決算補填目的,保険者の政策,過年度の赤字,決算補填等以外,"
    "繰上充用新規増加分,計画基準年度,解消目標年度,削減予定額\n";

std::string DeficitError(const std::string& csv, TempDir& dir) {
  const std::string path = dir.Path("d.csv");
  WriteBytes(path, csv);
  InputError e = CatchInputError([&] { LoadDeficits(path); });
  std::string text = e.what();
  EXPECT_EQ(text.rfind(path + ":", 0), 0u) << text;
  return text.substr(path.size() + 1);
}

TEST(DeficitLoader, SampleLoads) {
  FinanceLoadOptions o;
  o.known_municipalities =
      LoadMunicipalityList(std::string(KOKUHO_SOURCE_DIR) + "/examples/gunma/municipalities.csv");
  finance::DeficitInput in = LoadDeficits(kSample + "/deficits.csv", o);
  EXPECT_EQ(in.rows.size(), 105u);
  EXPECT_EQ(in.plans.size(), 4u);
  finance::DeficitResult r = finance::EvaluateDeficits(in);
  ASSERT_EQ(r.kpis.size(), 3u);
  EXPECT_EQ(r.kpis[0].with_plan, 2);  // R4: 桐生市, みどり市
  EXPECT_EQ(r.kpis[2].with_plan, 4);
}

TEST(DeficitLoader, Cp932WarekiAndFullWidthDigits) {
  TempDir dir;
  const std::string path = dir.Path("d.csv");
  WriteBytes(path, ToCp932(std::string(kDeficitHeader) +
                           "１０２０１６,前橋市,令和４年度,１,０,０,０,０,R4,R6,\n"
                           "102016,前橋市,令和5年度,0,0,0,0,0,,,1\n"));
  finance::DeficitInput in = LoadDeficits(path);
  ASSERT_EQ(in.rows.size(), 2u);
  EXPECT_EQ(in.rows[0].year.year(), 2022);
  EXPECT_EQ(in.rows[0].settlement, 1);
  EXPECT_EQ(in.plans.begin()->second.target_year.year(), 2024);
}

TEST(DeficitLoader, BadInputs) {
  TempDir dir;
  const std::string h = kDeficitHeader;
  EXPECT_PRED2(StartsWith, DeficitError("団体コード,年度,色\n102016,R4,x\n", dir),
               "1:3: 見出し 色 はこの表では使えません");
  EXPECT_EQ(DeficitError("団体コード,年度,決算補填目的\n102016,R4,1\n", dir),
            "1: 列 保険者の政策 がありません。見出し行に加えてください");
  EXPECT_PRED2(StartsWith, DeficitError(h + "102017,前橋市,R4,0,0,0,0,0,,,\n", dir),
               "2:1: 団体コード:");
  EXPECT_PRED2(StartsWith, DeficitError(h + "102016,前橋市,R4,-1,0,0,0,0,,,\n", dir), "2:4: ");
  EXPECT_EQ(DeficitError(h + "102016,前橋市,R5,0,0,0,0,0,,,\n102016,前橋市,R4,0,0,0,0,0,,,\n", dir),
            "3:3: 年度: 102016 の行は年度の古い順に1年度1行で書いてください (前の行: 2行目)");
  EXPECT_PRED2(
      StartsWith,
      DeficitError(h + "102016,前橋市,R4,0,0,0,0,0,,,\n102016,前橋市,R4,0,0,0,0,0,,,\n", dir),
      "3:3: 年度:");
  EXPECT_PRED2(StartsWith, DeficitError(h + "102016,前橋市,R4,0,0,0,0,0,R4,,\n", dir), "2:9: ");
  EXPECT_PRED2(StartsWith, DeficitError(h + "102016,前橋市,R4,0,0,0,0,0,R4,R3,\n", dir),
               "2:10: 解消目標年度:");
  EXPECT_PRED2(StartsWith, DeficitError(h + "102016,前橋市,R4,0,0,0,0,0,,,5\n", dir),
               "2:11: 削減予定額: 102016 には計画");
  EXPECT_PRED2(StartsWith, DeficitError(h + "102016,前橋市,R4,1,0,0,0,0,R4,R6,5\n", dir),
               "2:11: 削減予定額: 令和4年度 は計画の期間");
  EXPECT_PRED2(StartsWith,
               DeficitError(h + "102016,前橋市,R4,1,0,0,0,0,R4,R6,\n"
                                "102016,前橋市,R5,1,0,0,0,0,R4,R7,\n",
                            dir),
               "3:9:");
  EXPECT_PRED2(StartsWith,
               DeficitError(h + "102016,前橋市,R4,0,0,0,0,0,,,\n102024,高崎市,R4,0,0,0,0,0,,,\n"
                                "132012,八王子市,R4,0,0,0,0,0,,,\n",
                            dir),
               "4:1: 団体コード:");
}

}  // namespace
}  // namespace kokuho
