// LoadRateSchedules (docs/rates-format.md): good tables (CSV, CP932, xlsx, the Gunma sample)
// give the expected schedules; each bad cell gives an InputError at its file:line:column.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../io/io_test_util.h"
#include "../japanese_text.h"
#include "cli/premium_inputs.h"
#include "io/xlsx_writer.h"
#include "premium/schedule.h"
#include "readers/premium_rules_loader.h"
#include "readers/rate_schedule_loader.h"

namespace kokuho {
namespace {

using io_test::CatchInputError;
using premium::LevyKind;
using premium::RateSchedule;
using premium::RoundingScope;

constexpr const char* kHeader =
    "団体コード,市町村名,年度,分,所得割率,資産割率,均等割額,平等割額,18歳以上均等割額,"
    "賦課限度額,料税,端数単位,出典\n";

// Two municipalities in FY2026 (one 保険税, one 保険料 with 10円) and one FY2025 row.
constexpr const char* kGood =
    "102016,前橋市,令和8年度,医療,7.25%,,32000,16000,,,税,,https://example.jp/a\n"
    "102016,前橋市,R8,支援,0.0231,,10200,7100,,,税,,https://example.jp/a\n"
    "10201,前橋市,2026,介護分,2.1%,,14300,6500,,,,,https://example.jp/b\n"
    "102016,,令和8年度,kodomo,0.28%,,1350,,80,,税,100,\n"
    "102024,高崎市,令和8年度,医療,７．０５％,25%,\"29,600\",22500,,650000,保険料,10,\n"
    "102024,高崎市,令和8年度,支援,2.63%,,7000,7100,,,,,\n"
    "102024,高崎市,令和8年度,介護,2.44%,,11700,5500,,,,,\n"
    "102024,高崎市,令和8年度,子ども,0.3%,,1200,,90,,,,\n"
    "102024,高崎市,令和7年度,医療,7%,,29000,22000,,,料,1,\n";

std::vector<RateSchedule> LoadCsv(const io_test::TempDir& dir, const std::string& body,
                                  int fy = 2026, const std::string& header = kHeader) {
  io_test::WriteBytes(dir.Path("r.csv"), header + body);
  return LoadRateSchedules(dir.Path("r.csv"), fy);
}

void ExpectGood(const std::vector<RateSchedule>& s) {
  ASSERT_EQ(s.size(), 2u);
  const RateSchedule& m = s[0];
  EXPECT_EQ(m.municipality, "102016");
  EXPECT_EQ(m.name, "前橋市");
  EXPECT_EQ(m.fiscal_year, 2026);
  EXPECT_EQ(m.kind, LevyKind::kZei);
  EXPECT_EQ(m.rounding_unit, 100);  // 保険税 default (and stated once)
  EXPECT_EQ(m.rounding_scope, RoundingScope::kPart);
  EXPECT_EQ(m.reduction_unit, 1);
  EXPECT_TRUE(m.cap_prorated);
  EXPECT_EQ(m.source, "https://example.jp/a; https://example.jp/b");
  EXPECT_TRUE(m.reliefs.empty());
  for (const auto& p : m.parts) EXPECT_TRUE(p.levied);
  EXPECT_EQ(m.parts[0].income_rate, 72'500);
  EXPECT_EQ(m.parts[0].per_capita, 32'000);
  EXPECT_EQ(m.parts[0].per_household, 16'000);
  EXPECT_EQ(m.parts[0].asset_rate, 0);
  EXPECT_FALSE(m.parts[0].cap);
  EXPECT_FALSE(m.parts[0].reduced_per_capita);
  EXPECT_EQ(m.parts[1].income_rate, 23'100);
  EXPECT_EQ(m.parts[2].income_rate, 21'000);
  EXPECT_EQ(m.parts[3].income_rate, 2'800);
  EXPECT_EQ(m.parts[3].per_capita, 1'350);
  EXPECT_EQ(m.parts[3].per_household, 0);
  EXPECT_EQ(m.parts[3].adult_addon, 80);

  const RateSchedule& t = s[1];
  EXPECT_EQ(t.municipality, "102024");
  EXPECT_EQ(t.kind, LevyKind::kRyo);
  EXPECT_EQ(t.rounding_unit, 10);
  EXPECT_EQ(t.source, "");
  EXPECT_EQ(t.parts[0].income_rate, 70'500);
  EXPECT_EQ(t.parts[0].asset_rate, 250'000);
  EXPECT_EQ(t.parts[0].per_capita, 29'600);
  EXPECT_EQ(t.parts[0].cap, 650'000);
  EXPECT_EQ(t.parts[3].adult_addon, 90);
}

TEST(RateLoader, LoadsTheYearsRows) {
  io_test::TempDir dir;
  ExpectGood(LoadCsv(dir, kGood));
  const auto fy2025 = LoadCsv(dir, kGood, 2025);
  ASSERT_EQ(fy2025.size(), 1u);
  EXPECT_EQ(fy2025[0].municipality, "102024");
  EXPECT_EQ(fy2025[0].rounding_unit, 1);  // 保険料 stated 1円
  EXPECT_TRUE(fy2025[0].parts[0].levied);
  EXPECT_FALSE(fy2025[0].parts[1].levied);  // Compile reports the missing 分, not the loader
}

TEST(RateLoader, ReadsCp932) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("sjis.csv"), io_test::ToCp932(std::string(kHeader) + kGood));
  ExpectGood(LoadRateSchedules(dir.Path("sjis.csv"), 2026));
}

TEST(RateLoader, ReadsXlsx) {
  io_test::TempDir dir;
  XlsxSheet sheet;
  sheet.name = "料率";
  sheet.header = {"団体コード", "市町村名", "年度", "分",  "所得割率",
                  "均等割額",   "平等割額", "料税", "出典"};
  const char* parts[] = {"医療", "支援", "介護"};
  for (const char* part : parts)
    sheet.rows.push_back({XlsxCell::Text("102016"), XlsxCell::Text("前橋市"),
                          XlsxCell::Integer(2025, "0"), XlsxCell::Text(part),
                          XlsxCell::Decimal(0.0725, "0.00%"), XlsxCell::Integer(32000),
                          XlsxCell::Integer(16000), XlsxCell::Text("税"), XlsxCell::Empty()});
  WriteXlsx(dir.Path("r.xlsx"), {sheet});
  const auto s = LoadRateSchedules(dir.Path("r.xlsx"), 2025);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].parts[2].income_rate, 72'500);
  EXPECT_EQ(s[0].parts[2].per_capita, 32'000);
  EXPECT_EQ(s[0].rounding_unit, 100);
}

TEST(RateLoader, OptionalColumns) {
  io_test::TempDir dir;
  const std::string header =
      "団体コード,年度,分,所得割率,均等割額,平等割額,料税,端数単位,端数処理,軽減額端数単位,"
      "限度額月割,軽減後均等割_2割,軽減後均等割_5割,軽減後均等割_7割,軽減後平等割_2割,"
      "軽減後平等割_5割,軽減後平等割_7割,独自減免_18歳未満均等割\n";
  const auto s = LoadCsv(dir,
                         "103446,R8,医療,6%,30000,20000,料,1,合計,100,しない,"
                         "24000,15000,9000,16000,10000,6000,50%\n"
                         "103446,R8,支援,2%,10000,,料,,,,,,,,,,,\n",
                         2026, header);
  ASSERT_EQ(s.size(), 1u);
  const RateSchedule& r = s[0];
  EXPECT_EQ(r.name, "");
  EXPECT_EQ(r.rounding_unit, 1);
  EXPECT_EQ(r.rounding_scope, RoundingScope::kTotal);
  EXPECT_EQ(r.reduction_unit, 100);
  EXPECT_FALSE(r.cap_prorated);
  ASSERT_TRUE(r.parts[0].reduced_per_capita);
  EXPECT_EQ(*r.parts[0].reduced_per_capita, (std::array<Yen, 3>{24'000, 15'000, 9'000}));
  ASSERT_TRUE(r.parts[0].reduced_per_household);
  EXPECT_EQ(*r.parts[0].reduced_per_household, (std::array<Yen, 3>{16'000, 10'000, 6'000}));
  EXPECT_FALSE(r.parts[1].reduced_per_capita);
  ASSERT_EQ(r.reliefs.size(), 1u);
  EXPECT_TRUE(r.reliefs[0].parts[0]);
  EXPECT_FALSE(r.reliefs[0].parts[1]);
  EXPECT_EQ(r.reliefs[0].per_capita_ratio[premium::kSchool], 500'000);
  EXPECT_EQ(r.reliefs[0].per_capita_ratio[premium::kPreschool], 500'000);
  EXPECT_EQ(r.reliefs[0].per_capita_ratio[premium::kAdult], 0);
}

// The columns added for issue 12: a rounding unit per 分 (分端数単位), which side of a
// reduction is truncated (軽減額端数), 軽減額 on the household total (軽減額計算), 旧被扶養者
// and 特定世帯 per 分, and the 独自減免 of the under-18 均等割 that leaves out 未就学児 (昭島市).
TEST(RateLoader, Issue12Columns) {
  io_test::TempDir dir;
  const std::string header =
      "団体コード,年度,分,所得割率,均等割額,料税,分端数単位,軽減額端数,軽減額計算,旧被扶養者減免,"
      "特定世帯軽減,独自減免_未就学児を除く18歳未満均等割\n";
  const auto s = LoadCsv(dir,
                         "103446,R8,医療,6%,30000,料,10,軽減後,世帯合計,,,50%\n"
                         "103446,R8,支援,2%,10000,料,100,,,,,\n"
                         "103446,R8,子ども,0.3%,1000,料,,,,する,しない,\n",
                         2026, header);
  ASSERT_EQ(s.size(), 1u);
  const RateSchedule& r = s[0];
  EXPECT_EQ(r.rounding_unit, 1);
  EXPECT_EQ(r.parts[0].rounding_unit, 10);
  EXPECT_EQ(r.parts[1].rounding_unit, 100);
  EXPECT_FALSE(r.parts[3].rounding_unit);
  EXPECT_EQ(r.reduction_rounding, premium::ReductionRounding::kRemainder);
  EXPECT_TRUE(r.keigen_on_total);
  EXPECT_EQ(r.parts[3].former_relief, true);
  EXPECT_EQ(r.parts[3].tokutei_relief, false);
  EXPECT_FALSE(r.parts[0].former_relief);
  ASSERT_EQ(r.reliefs.size(), 1u);
  EXPECT_EQ(r.reliefs[0].per_capita_ratio[premium::kSchool], 500'000);
  EXPECT_EQ(r.reliefs[0].per_capita_ratio[premium::kPreschool], 0);  // 未就学児 left out
}

// Schedules the year's rules refuse are reported at the cell (cli::CompileSchedule, which
// `levy`, `microsim` and `solve-rates` use): a missing 介護 row at the first row's 分, a 子ども
// row before FY2026 at its 分, a cap above the 政令's at the cap.
TEST(RateLoader, RuleErrorsNameTheCell) {
  io_test::TempDir dir;
  const std::string path = dir.Path("r.csv");
  auto error_of = [&](const std::string& body, int fy) {
    io_test::WriteBytes(path, kHeader + body);
    const auto schedules = LoadRateSchedules(path, fy);
    const premium::NationalRules rules = LoadNationalRules(fy);
    return CatchInputError([&] { cli::CompileSchedule(schedules.at(0), rules, path); });
  };
  const std::string iryo = "102016,前橋市,R7,医療,7%,,30000,20000,,,税,,\n";  // line 2
  const std::string shien = "102016,前橋市,R7,支援,2%,,10000,5000,,,税,,\n";  // line 3
  const std::string kaigo = "102016,前橋市,R7,介護,2%,,12000,5000,,,税,,\n";  // line 4
  InputError e = error_of(iryo + shien, 2025);
  EXPECT_EQ(e.pos().line, 2);
  EXPECT_EQ(e.pos().column, 4);
  EXPECT_NE(std::string(e.what()).find("介護"), std::string::npos) << e.what();
  e = error_of(iryo + shien + kaigo + "102016,前橋市,R7,子ども,0.3%,,1000,,,,税,,\n", 2025);
  EXPECT_EQ(e.pos().line, 5);
  EXPECT_EQ(e.pos().column, 4);
  EXPECT_NE(std::string(e.what()).find("賦課されません"), std::string::npos) << e.what();
  e = error_of(iryo + "102016,前橋市,R7,支援,2%,,10000,5000,,270000,税,,\n" + kaigo, 2025);
  EXPECT_EQ(e.pos().line, 3);
  EXPECT_EQ(e.pos().column, 10);
  EXPECT_NE(
      std::string(e.what()).find("賦課限度額 270,000円 は政令の上限 260,000円 を超えています"),
      std::string::npos)
      << e.what();
}

TEST(RateLoader, GunmaSampleLoadsAndCompiles) {
  const std::string path = std::string(KOKUHO_SOURCE_DIR) + "/examples/levy/rates-gunma-sample.csv";
  for (int fy : {2024, 2025, 2026}) {
    SCOPED_TRACE(fy);
    const auto schedules = LoadRateSchedules(path, fy);
    ASSERT_EQ(schedules.size(), 35u);
    const premium::NationalRules rules = LoadNationalRules(fy);
    int ryo = 0, four = 0, two = 0;
    for (const RateSchedule& s : schedules) {
      EXPECT_NO_THROW(premium::Compile(s, rules)) << s.municipality;
      EXPECT_EQ(s.parts[3].levied, fy >= 2026);
      ryo += s.kind == LevyKind::kRyo;
      four += s.parts[0].asset_rate > 0;
      two += s.parts[0].per_household == 0;
      if (s.kind == LevyKind::kZei)
        EXPECT_EQ(s.rounding_unit, 100);
      else
        EXPECT_TRUE(s.rounding_unit == 1 || s.rounding_unit == 10);
    }
    EXPECT_EQ(ryo, 3);
    EXPECT_EQ(four, 3);
    EXPECT_EQ(two, 2);
  }
}

struct BadCase {
  const char* name;
  std::string text;  // the whole file
  int line, column;
  const char* says;
};

std::vector<BadCase> BadCases() {
  const std::string h = kHeader;
  const std::string ok = "102016,前橋市,R8,医療,7%,,30000,20000,,,税,,\n";  // line 2
  return {
      {"unknown column",
       "団体コード,年度,分,所得割率,均等割額,料税,平等割\n102016,R8,医療,7%,1,税,1\n", 1, 7,
       "見出し 「平等割」は料率表では使えません"},
      {"column twice",
       "団体コード,年度,分,所得割率,均等割額,料税,分\n102016,R8,医療,7%,1,税,医療\n", 1, 7,
       "見出し 分 が2回あります"},
      {"missing column", "団体コード,年度,分,均等割額,料税\n102016,R8,医療,1,税\n", 1, 6,
       "列 所得割率 がありません"},
      {"check digit", h + "102017,前橋市,R8,医療,7%,,30000,20000,,,税,,\n", 2, 1, "団体コード"},
      {"year", h + "102016,前橋市,R8x,医療,7%,,30000,20000,,,税,,\n", 2, 3,
       "年度: 「R8x」は年度として読めません"},
      {"part", h + "102016,前橋市,R8,基礎,7%,,30000,20000,,,税,,\n", 2, 4,
       "分: 「基礎」は使えません"},
      {"part twice", h + ok + "102016,前橋市,2026,医療分,7%,,30000,20000,,,税,,\n", 3, 4,
       "分: 102016 令和8年度の医療分はすでに2行目にあります"},
      {"income rate over 50%", h + "102016,前橋市,R8,医療,55%,,30000,20000,,,税,,\n", 2, 5,
       "所得割率: 「55%」は範囲外です。0〜50% の率を"},
      {"income rate blank", h + "102016,前橋市,R8,医療,,,30000,20000,,,税,,\n", 2, 5,
       "所得割率: 値がありません"},
      {"income rate too fine", h + "102016,前橋市,R8,医療,7.12345%,,30000,20000,,,税,,\n", 2, 5,
       "所得割率: 「7.12345%」は小数点以下が7桁以上あります"},
      {"per capita over a million", h + "102016,前橋市,R8,医療,7%,,1000001,20000,,,税,,\n", 2, 7,
       "均等割額: 1,000,000円以下の額を書いてください"},
      {"per household negative", h + "102016,前橋市,R8,医療,7%,,30000,-1,,,税,,\n", 2, 8,
       "平等割額: 0円以上の金額を入力してください"},
      {"adult addon on 医療", h + "102016,前橋市,R8,医療,7%,,30000,20000,100,,税,,\n", 2, 9,
       "18歳以上均等割額: 子ども分の行だけに書きます"},
      {"cap malformed", h + "102016,前橋市,R8,医療,7%,,30000,20000,,67万,税,,\n", 2, 10,
       "賦課限度額: 金額を整数 (円) で入力してください"},
      {"kind", h + "102016,前橋市,R8,医療,7%,,30000,20000,,,地方税,,\n", 2, 11,
       "料税: 「地方税」は使えません。料 (保険料) か税 (保険税)"},
      {"kind conflict", h + ok + "102016,前橋市,R8,支援,2%,,10000,5000,,,料,,\n", 3, 11,
       "料税: 2行目と違います (102016 令和8年度)"},
      {"kind never given", h + "102016,前橋市,R8,医療,7%,,30000,20000,,,,,\n", 2, 11,
       "料税: 102016 令和8年度のどの行にも料か税がありません"},
      {"unit", h + "102016,前橋市,R8,医療,7%,,30000,20000,,,料,5,\n", 2, 12,
       "端数単位: 「5」は使えません。1、10、100 (円)"},
      {"unit conflict",
       h + "102016,前橋市,R8,医療,7%,,30000,20000,,,料,10,\n"
           "102016,前橋市,R8,支援,2%,,10000,5000,,,料,1,\n",
       3, 12, "端数単位: 2行目と違います"},
      {"unit for 税", h + "102016,前橋市,R8,医療,7%,,30000,20000,,,税,10,\n", 2, 12,
       "端数単位: 保険税は100円未満を切り捨てます"},
      {"name differs", h + ok + "102016,高崎市,R8,支援,2%,,10000,5000,,,税,,\n", 3, 2,
       "市町村名: 2行目と違います"},
      {"no rows for the year", h + "102016,前橋市,R7,医療,7%,,30000,20000,,,税,,\n", 2, 3,
       "令和8年度の料率がありません (年度の列)。このファイルにある年度: 令和7年度"},
      {"reduced table partial",
       "団体コード,年度,分,所得割率,均等割額,料税,軽減後均等割_2割,軽減後均等割_5割,"
       "軽減後均等割_7割\n102016,R8,医療,7%,30000,税,24000,,9000\n",
       2, 8, "軽減後均等割_5割: 軽減後の額は2割・5割・7割の3つとも書くか"},
      {"reduced above gross",
       "団体コード,年度,分,所得割率,均等割額,料税,軽減後均等割_2割,軽減後均等割_5割,"
       "軽減後均等割_7割\n102016,R8,医療,7%,30000,税,30001,15000,9000\n",
       2, 7, "軽減後均等割_2割: 均等割額以下の額を書いてください"},
      {"reduced out of order",
       "団体コード,年度,分,所得割率,均等割額,料税,軽減後均等割_2割,軽減後均等割_5割,"
       "軽減後均等割_7割\n102016,R8,医療,7%,30000,税,24000,15000,16000\n",
       2, 9, "軽減後均等割_7割: 軽減後均等割_5割以下の額を書いてください"},
      {"scope", "団体コード,年度,分,所得割率,均等割額,料税,端数処理\n102016,R8,医療,7%,1,税,各分\n",
       2, 7, "端数処理: 「各分」は使えません。分ごと"},
      {"prorated",
       "団体コード,年度,分,所得割率,均等割額,料税,限度額月割\n102016,R8,医療,7%,1,税,yes\n", 2, 7,
       "限度額月割: 「yes」は使えません。する か しない"},
      {"part unit with 合計",
       "団体コード,年度,分,所得割率,均等割額,料税,端数単位,端数処理,分端数単位\n"
       "102016,R8,医療,7%,1,料,100,合計,10\n",
       2, 9, "分端数単位: 端数処理が合計 (2行目) のときは空欄にしてください"},
      {"part unit 10 for 税",
       "団体コード,年度,分,所得割率,均等割額,料税,分端数単位\n102016,R8,医療,7%,1,税,10\n", 2, 7,
       "分端数単位: 保険税は100円未満を切り捨てます"},
      {"reduction side",
       "団体コード,年度,分,所得割率,均等割額,料税,軽減額端数\n102016,R8,医療,7%,1,税,切捨て\n", 2,
       7, "軽減額端数: 「切捨て」は使えません。軽減額"},
      {"keigen scope",
       "団体コード,年度,分,所得割率,均等割額,料税,軽減額計算\n102016,R8,医療,7%,1,税,合計\n", 2, 7,
       "軽減額計算: 「合計」は使えません。人ごと"},
      {"former relief",
       "団体コード,年度,分,所得割率,均等割額,料税,旧被扶養者減免\n102016,R8,医療,7%,1,税,有\n", 2,
       7, "旧被扶養者減免: 「有」は使えません。する か しない"},
      {"two under-18 reliefs",
       "団体コード,年度,分,所得割率,均等割額,料税,独自減免_18歳未満均等割,"
       "独自減免_未就学児を除く18歳未満均等割\n102016,R8,医療,7%,1,税,50%,50%\n",
       2, 8,
       "独自減免_未就学児を除く18歳未満均等割: 同じ行に独自減免_18歳未満均等割があるときは空欄に"},
      {"relief over 100%",
       "団体コード,年度,分,所得割率,均等割額,料税,独自減免_18歳未満均等割\n"
       "102016,R8,医療,7%,1,税,150%\n",
       2, 7, "独自減免_18歳未満均等割: 「150%」は範囲外です"},
  };
}

TEST(RateLoader, BadCellsNameTheirPlace) {
  for (const BadCase& c : BadCases()) {
    SCOPED_TRACE(c.name);
    io_test::TempDir dir;
    const std::string path = dir.Path("r.csv");
    io_test::WriteBytes(path, c.text);
    const InputError e = CatchInputError([&] { LoadRateSchedules(path, 2026); });
    EXPECT_EQ(e.pos().file, path);
    EXPECT_EQ(e.pos().line, c.line) << e.what();
    EXPECT_EQ(e.pos().column, c.column) << e.what();
    EXPECT_NE(std::string(e.what()).find(c.says), std::string::npos) << e.what();
    EXPECT_EQ(test::JapaneseMessageProblem(e.message()), "") << e.what();
  }
}

}  // namespace
}  // namespace kokuho
