// The KPI loaders (src/readers/kpi_loader.h): a good file reads as expected, and every bad
// input is refused with the exact file, line and column and what was expected.
// Positions: CSV line = physical line (header = 1), column = 1-based field number;
// YAML line and column are 1-based characters.
#include "readers/kpi_loader.h"

#include <gtest/gtest.h>

#include <map>

#include "../io/io_test_util.h"
#include "io/xlsx_writer.h"

namespace kokuho {
namespace {

using io_test::CatchInputError;
using io_test::TempDir;
using io_test::WriteBytes;

// Two KPIs: a ratio with exclusions (収納率) and an amount (法定外繰入).
constexpr const char* kDefs = R"(kpis:
  - key: collection_rate_current
    label: 収納率（現年度分）
    unit: percent
    direction: higher
    kind: ratio
    numerator: 収納額
    denominator: 調定額
    exclusions: 居所不明者分
    source: spec/finance.md §4
    targets:
      - year: R5
        value: 93%
        source: test
  - key: checkup
    label: 特定健診実施率
    unit: percent
    direction: higher
    kind: ratio
    numerator: 受診者数
    denominator: 対象者数
    source: test
  - key: transfer
    label: 法定外繰入額
    unit: yen
    direction: lower
    kind: amount
    source: test
)";

constexpr const char* kHeader = "団体コード,名称,年度,指標,分子,分母,除外額,値\n";

struct Fixture {
  TempDir dir;
  std::string defs_path = dir.Path("definitions.yaml");
  std::string data_path = dir.Path("kpi.csv");
  std::vector<kpi::Definition> defs;

  explicit Fixture(const std::string& defs_text = kDefs) { WriteBytes(defs_path, defs_text); }
  std::vector<kpi::Observation> Load(const std::string& csv) {
    WriteBytes(data_path, csv);
    defs = LoadKpiDefinitions(defs_path);
    return LoadKpiData(data_path, defs);
  }
};

void ExpectAt(const InputError& e, const std::string& file, int line, int column,
              const std::string& words) {
  EXPECT_EQ(e.pos().file, file);
  EXPECT_EQ(e.pos().line, line) << e.what();
  EXPECT_EQ(e.pos().column, column) << e.what();
  EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  // The message opens with "file:line:column: " ("file:line: " when column is 0).
  EXPECT_EQ(std::string(e.what()).rfind(SourcePos{file, line, column}.ToString() + ": ", 0), 0u)
      << e.what();
}

TEST(KpiLoader, ReadsDefinitions) {
  Fixture f;
  auto defs = LoadKpiDefinitions(f.defs_path);
  ASSERT_EQ(defs.size(), 3u);
  EXPECT_EQ(defs[0].label, "収納率（現年度分）");
  EXPECT_EQ(defs[0].exclusions, "居所不明者分");
  ASSERT_EQ(defs[0].targets.size(), 1u);
  EXPECT_EQ(defs[0].targets[0].year, FiscalYear(2023));
  EXPECT_EQ(defs[0].targets[0].value, Rational(93, 100));
  EXPECT_TRUE(defs[0].targets[0].confirmed);
  EXPECT_EQ(defs[2].kind, kpi::Kind::kAmount);
}

// 収納率 by amounts with 除外額; 特定健診 as a rate in percent (with and without %),
// by label and 和暦; an amount.
TEST(KpiLoader, ReadsData) {
  Fixture f;
  auto obs = f.Load(std::string(kHeader) +
                    "102016,前橋市,2023,collection_rate_current,931000,1000000,20000,95.00\n"
                    "102024,高崎市,令和5年度,特定健診実施率,,,,39.2788\n"
                    "10203,桐生市,R5,checkup,,,,\"40%\"\n"
                    "102016,前橋市,2023,transfer,,,,\"12,000,000\"\n");
  ASSERT_EQ(obs.size(), 4u);
  EXPECT_EQ(obs[0].value, Rational(95, 100));  // 931,000 / (1,000,000 − 20,000)
  EXPECT_EQ(*obs[0].Base(), Rational(980'000));
  EXPECT_EQ(obs[0].name, "前橋市");
  EXPECT_EQ(obs[1].key, "checkup");
  EXPECT_EQ(obs[1].year, FiscalYear(2023));
  EXPECT_EQ(obs[1].value, Rational::Parse("0.392788"));
  EXPECT_FALSE(obs[1].denominator.has_value());
  EXPECT_EQ(obs[2].code.str(), "102032");  // check digit added
  EXPECT_EQ(obs[2].value, Rational(40, 100));
  EXPECT_EQ(obs[3].value, Rational(12'000'000));
}

TEST(KpiLoader, FolderHoldsKpiCsv) {
  Fixture f;
  WriteBytes(f.data_path, std::string(kHeader) + "102016,前橋市,2023,checkup,,,,40\n");
  EXPECT_EQ(KpiDataFile(f.dir.path()), f.data_path);
  auto defs = LoadKpiDefinitions(f.defs_path);
  EXPECT_EQ(LoadKpiData(f.dir.path(), defs).size(), 1u);
}

// A CP932 file (as Excel saves "CSV (コンマ区切り)") with 全角 digits reads the same.
TEST(KpiLoader, ReadsCp932AndFullWidthDigits) {
  Fixture f;
  WriteBytes(f.data_path,
             io_test::ToCp932(std::string(kHeader) +
                              "１０２０１６,前橋市,令和５年度,特定健診実施率,,,,４０．５\n"));
  auto defs = LoadKpiDefinitions(f.defs_path);
  auto obs = LoadKpiData(f.data_path, defs);
  ASSERT_EQ(obs.size(), 1u);
  EXPECT_EQ(obs[0].code.str(), "102016");
  EXPECT_EQ(obs[0].value, Rational(405, 1000));
}

// An xlsx sheet reads like the CSV; a bad cell is reported at its sheet row and column.
TEST(KpiLoader, ReadsXlsx) {
  Fixture f;
  const std::string xlsx = f.dir.Path("kpi.xlsx");
  XlsxSheet sheet;
  sheet.name = "KPI";
  sheet.header = {"団体コード", "年度", "指標", "分子", "分母", "除外額"};
  sheet.rows = {{XlsxCell::Text("102016"), XlsxCell::Integer(2023, "0"),
                 XlsxCell::Text("collection_rate_current"), XlsxCell::Integer(931000),
                 XlsxCell::Integer(1000000), XlsxCell::Integer(20000)}};
  WriteXlsx(xlsx, {sheet});
  auto defs = LoadKpiDefinitions(f.defs_path);
  auto obs = LoadKpiData(xlsx, defs);
  ASSERT_EQ(obs.size(), 1u);
  EXPECT_EQ(obs[0].value, Rational(95, 100));  // 931,000 / 980,000

  sheet.rows.push_back({XlsxCell::Text("102024"), XlsxCell::Text("来年"),
                        XlsxCell::Text("collection_rate_current"), XlsxCell::Integer(1),
                        XlsxCell::Integer(2), XlsxCell::Empty()});
  WriteXlsx(xlsx, {sheet});
  InputError e = CatchInputError([&] { LoadKpiData(xlsx, defs); });
  ExpectAt(e, xlsx + "[KPI]", 3, 2, "年度: 「来年」は年度として読めません");  // file[sheet]:row:col
}

// The bundled definitions load, with the targets of 群馬県医療費適正化計画 (R6–R11):
// 特定健診 70%, 特定保健指導 45% by 令和11年度 (background 002, 3-6-2).
TEST(KpiLoader, BundledDefinitions) {
  auto defs = LoadKpiDefinitions(std::string(KOKUHO_SOURCE_DIR) + "/data/kpi/definitions.yaml");
  std::map<std::string, const kpi::Definition*> by_key;
  for (const auto& d : defs) by_key[d.key] = &d;
  for (const char* key :
       {"collection_rate_current", "collection_rate_arrears", "specific_health_checkup_rate",
        "specific_health_guidance_rate", "generic_drug_share", "non_statutory_transfer",
        "non_statutory_transfer_municipalities", "medical_cost_per_insured",
        "regional_difference_index"})
    EXPECT_TRUE(by_key.count(key)) << key;
  auto checkup = by_key.at("specific_health_checkup_rate")->TargetFor(FiscalYear(2029));
  EXPECT_EQ(checkup->value, Rational(70, 100));
  EXPECT_TRUE(checkup->confirmed);
  auto guidance = by_key.at("specific_health_guidance_rate")->TargetFor(FiscalYear(2029));
  EXPECT_EQ(guidance->value, Rational(45, 100));
  EXPECT_EQ(by_key.at("regional_difference_index")->direction, kpi::Direction::kLowerIsBetter);
  EXPECT_EQ(by_key.at("collection_rate_current")->exclusions, "居所不明者分");
}

// ---- Bad data: each row below is line 2 of the file. --------------------------------

struct BadData {
  const char* name;
  std::string csv;
  int line;
  int column;
  const char* words;
};

class KpiBadData : public ::testing::TestWithParam<BadData> {};

TEST_P(KpiBadData, RefusedAtTheCell) {
  const BadData& b = GetParam();
  Fixture f;
  InputError e = CatchInputError([&] { f.Load(b.csv); });
  ExpectAt(e, f.data_path, b.line, b.column, b.words);
}

const std::string H = kHeader;
INSTANTIATE_TEST_SUITE_P(
    Cases, KpiBadData,
    ::testing::Values(
        BadData{"UnknownColumn", "団体コード,年度,指標,分子数\n102016,2023,checkup,1\n", 1, 4,
                "見出し 分子数 はこの表では使えません"},
        BadData{"MissingKpiColumn", "団体コード,年度,値\n102016,2023,40\n", 1, 0,
                "列 指標 がありません"},
        BadData{"BadCheckDigit", H + "102017,前橋市,2023,checkup,,,,40\n", 2, 1,
                "団体コード: 「102017」は検査数字 (6桁目) が合いません"},
        BadData{"OtherPrefecture",
                H + "102016,前橋市,2023,checkup,,,,40\n111007,さいたま市,2023,checkup,,,,40\n", 3,
                1, "最初の行は都道府県コード 10"},
        BadData{"BadYear", H + "102016,前橋市,令和百年度,checkup,,,,40\n", 2, 3,
                "年度: 「令和百年度」は年度として読めません"},
        BadData{"UnknownKpi", H + "102016,前橋市,2023,tokutei,,,,40\n", 2, 4,
                "指標: 「tokutei」は定義にない KPI です"},
        BadData{"Duplicate",
                H + "102016,前橋市,2023,checkup,,,,40\n102016,前橋市,R5,特定健診実施率,,,,41\n", 3,
                4, "2回あります (最初は2行目)"},
        BadData{"NumeratorWithoutDenominator", H + "102016,前橋市,2023,checkup,50,,,\n", 2, 5,
                "分子: 同じ行に分母も書いてください"},
        BadData{"ExclusionAboveDenominator",
                H + "102016,前橋市,2023,collection_rate_current,0,100,200,\n", 2, 7,
                "除外額: 分母以下の額にしてください"},
        BadData{"ExclusionNotAllowed", H + "102016,前橋市,2023,checkup,50,100,10,\n", 2, 7,
                "には除外額がありません"},
        BadData{"ValueDisagrees",
                H + "102016,前橋市,2023,collection_rate_current,931000,1000000,20000,93.1\n", 2, 8,
                "値: 分子 ÷ 分母 (= 95.0000) と合いません"},
        BadData{"ValueNotANumber", H + "102016,前橋市,2023,checkup,,,,abc\n", 2, 8,
                "値: 「abc」は使えません。百分率"},
        BadData{"NoValue", H + "102016,前橋市,2023,checkup,,,,\n", 2, 8, "値: "},
        BadData{"AmountWithNumerator", H + "102016,前橋市,2023,transfer,5,,,5\n", 2, 5,
                "値 だけを書きます"},
        BadData{"FractionOfYen", H + "102016,前橋市,2023,transfer,,,,1.5\n", 2, 8,
                "値: 「1.5」は使えません。円単位の整数で書いてください"},
        BadData{"NegativeDenominator", H + "102016,前橋市,2023,checkup,1,-5,,\n", 2, 6,
                "分母: 0以上の整数で書いてください"}),
    [](const auto& info) { return std::string(info.param.name); });

// ---- Bad definitions. --------------------------------------------------------------

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

struct BadDefs {
  const char* name;
  std::string yaml;
  int line;
  int column;
  const char* words;
};

class KpiBadDefinitions : public ::testing::TestWithParam<BadDefs> {};

TEST_P(KpiBadDefinitions, RefusedAtTheKey) {
  const BadDefs& b = GetParam();
  Fixture f(b.yaml);
  InputError e = CatchInputError([&] { LoadKpiDefinitions(f.defs_path); });
  ExpectAt(e, f.defs_path, b.line, b.column, b.words);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, KpiBadDefinitions,
    ::testing::Values(
        // line 5 "    direction: higher" → "    diretion: higher": the key at column 5.
        BadDefs{"MisspeltKey",
                Replace(kDefs, "    direction: higher\n    kind: ratio\n    numerator: 収納額",
                        "    diretion: higher\n    kind: ratio\n    numerator: 収納額"),
                5, 5, "diretion"},
        // line 4 "    unit: percent" → value at column 11.
        BadDefs{
            "BadUnit",
            Replace(
                kDefs,
                "unit: percent\n    direction: higher\n    kind: ratio\n    numerator: 収納額",
                "unit: percentage\n    direction: higher\n    kind: ratio\n    numerator: 収納額"),
            4, 11,
            "「percentage」は使えません。count, index, percent, yen のどれかを書いてください"},
        // line 12 "      - year: R5" → value at column 15.
        BadDefs{"BadTargetYear", Replace(kDefs, "year: R5", "year: someday"), 12, 15,
                "年度を 2029、令和11年度、R11 のように書いてください"},
        // line 13 "        value: 93%" → value at column 16.
        BadDefs{"BadTargetValue", Replace(kDefs, "value: 93%", "value: high"), 13, 16,
                "「high」は使えません。百分率"},
        // The third KPI (line 23) reuses the first key.
        BadDefs{"DuplicateKey", Replace(kDefs, "key: transfer", "key: collection_rate_current"), 23,
                5, "2行目の KPI ですでに使われています"},
        // An amount KPI with a numerator: line 29 (after "    source: test"), its value at
        // column 16.
        BadDefs{"AmountWithNumerator", std::string(kDefs) + "    numerator: x\n", 29, 16,
                "numerator は比率の KPI (kind: ratio) だけに書けます"}),
    [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace kokuho
