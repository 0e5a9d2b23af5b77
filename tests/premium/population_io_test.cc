// Population files: CSV/xlsx ↔ Population ↔ .kpop round trips, the checks on every bad
// row (file:line:column, never an income in the message) and on every damaged .kpop.
#include "readers/population_io.h"

#include <gtest/gtest.h>

#include <cstring>

#include "../io/io_test_util.h"
#include "../japanese_text.h"
#include "io/table_reader.h"
#include "io/xlsx_writer.h"
#include "population_test_util.h"
#include "premium/synth.h"
#include "readers/population_table.h"

namespace kokuho {
namespace {

using io_test::CatchInputError;
using io_test::ReadBytes;
using io_test::TempDir;
using io_test::WriteBytes;
using premium::Population;
using premium::testing::ExpectSamePopulation;
using premium::testing::SmallPrefecture;

constexpr const char* kHeader =
    "世帯番号,団体コード,世帯主,国保,特定同一,生年月日,年齢,所得申告,資格取得日,資格喪失日,"
    "給与収入,専従者給与,公的年金等収入,事業所得,専従者給与支払,その他所得,分離譲渡所得,"
    "譲渡特別控除,総所得金額等,軽減判定所得,固定資産税,旧被扶養者取得日,離職日,離職理由コード,"
    "出産予定月,多胎,特定世帯開始日\n";

// Four households exercising every column (FY2026):
//  1 前橋市: head 42 (給与 4,800,000 with thousands commas), spouse 40 expecting in 2026-09,
//    children 10 and 4.
//  2 高崎市: 擬制世帯主 and 特定同一 born 昭和23年5月1日 (後期), one insured member aged 72,
//    特定世帯 since 2023-05-01.
//  3 前橋市: head with 総所得金額等 and 軽減判定所得 given (給与収入 kept for the earner
//    test), an undeclared member aged 30 (離職 2025-12-31, code 11).
//  4 高崎市: 旧被扶養者 aged ６８ (全角) joining and leaving during the year, 固定資産税,
//    分離譲渡所得 with its 特別控除.
constexpr const char* kRows =
    "1,102016,1,,,,42,,,,\"4,800,000\",,,,,,,,,,,,,,,,\n"
    "1,102016,0,1,0,,40,1,,,1000000,0,0,0,0,0,0,0,,,0,,,,2026-09,0,\n"
    "1,102016,0,1,0,2015-12-24,,1,,,,,,,,,,,,,,,,,,,\n"
    "1,102016,0,1,0,,4,,,,,,,,,,,,,,,,,,,,\n"
    "2,102024,1,0,1,昭和23年5月1日,,1,,,,,2400000,,,,,,,,,,,,,,2023-05-01\n"
    "2,102024,0,1,0,1953-10-10,,1,,,,,1200000,,,,,,,,,,,,,,R5.5.1\n"
    "3,102016,1,1,0,,55,1,,,2500000,,,,,,,,2000000,2100000,,,,,,,\n"
    "3,102016,0,1,0,,30,0,,,3000000,,,,,,,,,,,,2025-12-31,11,,,\n"
    "4,102024,1,1,0,,６８,1,2026-06-15,2027-01-10,,,900000,,,,5000000,3000000,,,45000,"
    "2025-06-01,,,,,\n";

std::string Csv() { return std::string(kHeader) + kRows; }

TEST(PopulationIo, CsvReadsEveryColumn) {
  TempDir dir;
  WriteBytes(dir.Path("pop.csv"), Csv());
  const Population p = ReadPopulation(dir.Path("pop.csv"), 2026);
  ASSERT_EQ(p.households(), 4u);
  ASSERT_EQ(p.members(), 9u);
  EXPECT_EQ(p.municipalities, (std::vector<std::string>{"102016", "102024"}));
  EXPECT_EQ(p.household_id, (std::vector<std::int64_t>{1, 2, 3, 4}));
  EXPECT_EQ(p.municipality, (std::vector<std::uint16_t>{0, 1, 0, 1}));
  EXPECT_EQ(p.member_offset, (std::vector<std::uint32_t>{0, 4, 6, 8, 9}));
  EXPECT_EQ(p.birth_date[0], 19840402);  // age 42 on 2026-04-01 → born 1984-04-02
  EXPECT_EQ(p.birth_date[4], 19480501);  // 昭和23年5月1日
  EXPECT_EQ(p.birth_date[8], 19580402);  // ６８
  EXPECT_EQ(p.salary_revenue[0], 4'800'000);
  EXPECT_EQ(p.birth_month[1], 202609);
  EXPECT_EQ(p.flags[0], premium::kInsured | premium::kHead | premium::kIncomeDeclared);
  EXPECT_EQ(p.flags[4], premium::kHead | premium::kTokuteiDoitsu | premium::kIncomeDeclared);
  EXPECT_EQ(p.tokutei_since, (std::vector<std::int32_t>{0, 20230501, 0, 0}));
  EXPECT_EQ(p.flags[6] & premium::kIncomeGiven, premium::kIncomeGiven);
  EXPECT_EQ(p.total_income[6], 2'000'000);
  EXPECT_EQ(p.reduction_income[6], 2'100'000);
  EXPECT_EQ(p.flags[7] & premium::kIncomeDeclared, 0);
  EXPECT_EQ(p.unemployment_separation[7], 20251231);
  EXPECT_EQ(p.unemployment_reason[7], 11);
  EXPECT_EQ(p.joined[8], 20260615);
  EXPECT_EQ(p.left[8], 20270110);
  EXPECT_EQ(p.former_dependent_since[8], 20250601);
  EXPECT_EQ(p.fixed_asset_tax[8], 45'000);
  EXPECT_EQ(p.land_gains[8], 5'000'000);
  EXPECT_EQ(p.land_gains_deduction[8], 3'000'000);
}

TEST(PopulationIo, CsvToKpopToPopulationIsIdentical) {
  TempDir dir;
  WriteBytes(dir.Path("pop.csv"), Csv());
  const Population a = ReadPopulation(dir.Path("pop.csv"), 2026);
  WritePopulation(dir.Path("pop.kpop"), a);
  ExpectSamePopulation(a, ReadPopulation(dir.Path("pop.kpop"), 2026));
}

TEST(PopulationIo, Cp932AndBomReadLikeUtf8) {
  TempDir dir;
  WriteBytes(dir.Path("utf8.csv"), Csv());
  WriteBytes(dir.Path("bom.csv"), "\xEF\xBB\xBF" + Csv());
  WriteBytes(dir.Path("sjis.csv"), io_test::ToCp932(Csv()));
  const Population a = ReadPopulation(dir.Path("utf8.csv"), 2026);
  ExpectSamePopulation(a, ReadPopulation(dir.Path("bom.csv"), 2026));
  ExpectSamePopulation(a, ReadPopulation(dir.Path("sjis.csv"), 2026));
}

TEST(PopulationIo, XlsxReadsLikeCsv) {
  TempDir dir;
  WriteBytes(dir.Path("pop.csv"), Csv());
  const Population a = ReadPopulation(dir.Path("pop.csv"), 2026);
  // The same table as an xlsx sheet (every cell as text).
  XlsxSheet sheet;
  sheet.name = "世帯員";
  for (std::string_view n : {"世帯番号",       "団体コード",
                             "世帯主",         "国保",
                             "特定同一",       "生年月日",
                             "年齢",           "所得申告",
                             "資格取得日",     "資格喪失日",
                             "給与収入",       "専従者給与",
                             "公的年金等収入", "事業所得",
                             "専従者給与支払", "その他所得",
                             "分離譲渡所得",   "譲渡特別控除",
                             "総所得金額等",   "軽減判定所得",
                             "固定資産税",     "旧被扶養者取得日",
                             "離職日",         "離職理由コード",
                             "出産予定月",     "多胎",
                             "特定世帯開始日"})
    sheet.header.emplace_back(n);
  const Table t = ReadTable(dir.Path("pop.csv"));
  for (const TableRow& r : t.rows) {
    std::vector<XlsxCell> row;
    for (const TableCell& c : r.cells)
      row.push_back(c.text.empty() ? XlsxCell::Empty() : XlsxCell::Text(c.text));
    sheet.rows.push_back(row);
  }
  WriteXlsx(dir.Path("pop.xlsx"), {sheet});
  ExpectSamePopulation(a, ReadPopulation(dir.Path("pop.xlsx"), 2026));
}

TEST(PopulationIo, CsvWriteReadRoundTripOfASynthesizedPopulation) {
  TempDir dir;
  const Population a = premium::Synthesize(SmallPrefecture(3'000));
  WritePopulation(dir.Path("synth.csv"), a);
  const std::string bytes = ReadBytes(dir.Path("synth.csv"));
  EXPECT_EQ(bytes.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(bytes.find("\r\n"), std::string::npos);
  ExpectSamePopulation(a, ReadPopulation(dir.Path("synth.csv"), 2026));
  WritePopulation(dir.Path("synth.kpop"), a);
  ExpectSamePopulation(a, ReadPopulation(dir.Path("synth.kpop"), 2026));
}

TEST(PopulationIo, EmptyPopulationRoundTripsThroughKpop) {
  TempDir dir;
  Population empty;
  empty.municipalities = {"102016"};
  WritePopulation(dir.Path("empty.kpop"), empty);
  ExpectSamePopulation(empty, ReadPopulation(dir.Path("empty.kpop"), 2026));
}

TEST(PopulationIo, WriteRefusesOtherExtensions) {
  TempDir dir;
  EXPECT_THROW(WritePopulation(dir.Path("pop.txt"), Population()), InputError);
  EXPECT_THROW(ReadPopulation(dir.Path("pop.parquet"), 2026), InputError);
}

// --- bad rows ------------------------------------------------------------------------------

struct BadCsv {
  const char* name;
  const char* rows;  // after "世帯番号,団体コード,世帯主,国保,年齢,生年月日,給与収入\n"
  int line, column;
  const char* says;
};

TEST(PopulationIo, BadRowsNameFileLineColumnAndNeverTheIncome) {
  const BadCsv cases[] = {
      {"two heads", "1,102016,1,1,40,,3456789\n1,102016,1,1,38,,3456789\n", 3, 3,
       "2人目の世帯主がいます"},
      {"household in two places",
       "1,102016,1,1,40,,3456789\n2,102016,1,1,50,,3456789\n1,102016,0,1,10,,\n", 4, 1,
       "世帯 1 の行が2か所にあります"},
      {"negative income", "1,102016,1,1,40,,-3456789\n", 2, 7, "0以上の金額を書いてください"},
      {"insured aged 80", "1,102016,1,1,80,,3456789\n", 2, 5, "0〜74の整数"},
      // 後期 from the 75th birthday 2026-04-01, the 賦課期日 itself (premium/member_age.h).
      {"insured 75 on 4月1日", "1,102016,1,1,,1951-04-01,3456789\n", 2, 6,
       "すでに75歳の誕生日を迎えていて"},
      {"bad date", "1,102016,1,1,,1980-02-30,3456789\n", 2, 6, "日付を 2026-04-01"},
      {"no head", "1,102016,0,1,40,,3456789\n", 2, 3, "世帯主がいません"},
      {"bad 団体コード", "1,102017,1,1,40,,3456789\n", 2, 2, "検査数字 (6桁目) が合いません"},
      {"amount too large", "1,102016,1,1,40,,34567890123\n", 2, 7, "100億円以下"},
      {"fraction of a yen", "1,102016,1,1,40,,3456789.5\n", 2, 7, "円単位の整数"},
  };
  for (const BadCsv& c : cases) {
    SCOPED_TRACE(c.name);
    TempDir dir;
    const std::string path = dir.Path("bad.csv");
    WriteBytes(path,
               std::string("世帯番号,団体コード,世帯主,国保,年齢,生年月日,給与収入\n") + c.rows);
    const InputError e = CatchInputError([&] { ReadPopulation(path, 2026); });
    EXPECT_EQ(e.pos().file, path);
    EXPECT_EQ(e.pos().line, c.line);
    EXPECT_EQ(e.pos().column, c.column);
    EXPECT_NE(std::string(e.what()).find(c.says), std::string::npos) << e.what();
    EXPECT_EQ(test::JapaneseMessageProblem(e.message()), "") << e.what();
    EXPECT_EQ(std::string(e.what()).find("3456789"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("3,456,789"), std::string::npos) << e.what();
  }
}

// The household file's rule (issue 12 item 4): born 1951-04-02, 75 by age on 2026-04-01 but
// in 後期高齢者医療 only from the birthday 4月2日, so a 国保 member on the 賦課期日.
TEST(PopulationIo, BornOnAprilSecondTurning75IsInsuredOnTheAssessmentDay) {
  TempDir dir;
  const std::string path = dir.Path("p.csv");
  WriteBytes(path,
             "世帯番号,団体コード,世帯主,国保,年齢,生年月日,給与収入\n"
             "1,102016,1,1,,1951-04-02,3456789\n");
  const Population p = ReadPopulation(path, 2026);
  ASSERT_EQ(p.members(), 1u);
  EXPECT_EQ(p.birth_date[0], 19510402);
}

TEST(PopulationIo, HeaderErrors) {
  TempDir dir;
  WriteBytes(dir.Path("a.csv"), "世帯番号,団体コード,世帯主,年令\n1,102016,1,40\n");
  EXPECT_NE(std::string(CatchInputError([&] { ReadPopulation(dir.Path("a.csv"), 2026); }).what())
                .find("見出し 年令 は被保険者の表では使えません"),
            std::string::npos);
  WriteBytes(dir.Path("b.csv"), "世帯番号,世帯主,年齢\n1,1,40\n");
  EXPECT_NE(std::string(CatchInputError([&] { ReadPopulation(dir.Path("b.csv"), 2026); }).what())
                .find("列 団体コード がありません"),
            std::string::npos);
}

// --- damaged .kpop ---------------------------------------------------------------------------

TEST(PopulationIo, EveryDamageToAKpopIsAnInputError) {
  TempDir dir;
  const std::string good = dir.Path("good.kpop");
  WritePopulation(good, premium::Synthesize(SmallPrefecture(500)));
  const std::string bytes = ReadBytes(good);
  struct Damage {
    const char* name;
    std::string bytes;
    const char* says;
  };
  auto flipped = [&](std::size_t at) {
    std::string b = bytes;
    b[at] = static_cast<char>(b[at] ^ 0x20);
    return b;
  };
  // The first directory entry (household_id) gives its data offset at +48.
  std::uint64_t directory = 0, first_column = 0;
  std::memcpy(&directory, bytes.data() + 40, 8);
  std::memcpy(&first_column, bytes.data() + directory + 48, 8);
  std::string version = bytes;
  version[12] = 2;
  const Damage damages[] = {
      {"truncated by one byte", bytes.substr(0, bytes.size() - 1), "途中で切れています"},
      {"truncated inside the header", bytes.substr(0, 40), "途中で切れています"},
      {"empty file", "", "KOKUHOPOP"},
      {"trailing bytes", bytes + "x", "余分な1バイト"},
      {"flipped byte in the last column", flipped(bytes.size() - 3), "checksum mismatch in column"},
      {"flipped byte in the first column", flipped(first_column + 9),
       "checksum mismatch in column 'household_id'"},
      {"flipped byte in the directory", flipped(200), "ファイルが壊れています"},
      {"wrong magic", flipped(0), "KOKUHOPOP"},
      {"wrong version", version, "形式の版 2 は読めません"},
  };
  for (const Damage& d : damages) {
    SCOPED_TRACE(d.name);
    const std::string path = dir.Path("bad.kpop");
    WriteBytes(path, d.bytes);
    const InputError e = CatchInputError([&] { ReadPopulation(path, 2026); });
    EXPECT_EQ(e.pos().file, path);
    EXPECT_NE(std::string(e.what()).find(d.says), std::string::npos) << e.what();
  }
  EXPECT_NO_THROW(ReadPopulation(good, 2026));
}

TEST(PopulationIo, KpopStructureIsChecked) {
  TempDir dir;
  Population p = premium::Synthesize(SmallPrefecture(10));
  Population bad_index = p;
  bad_index.municipality[3] = 7;  // the table has 3
  WritePopulation(dir.Path("a.kpop"), bad_index);
  EXPECT_NE(std::string(CatchInputError([&] { ReadPopulation(dir.Path("a.kpop"), 2026); }).what())
                .find("municipality index 7 of household index 3 is out of range"),
            std::string::npos);
  Population no_birth = p;
  no_birth.birth_date[5] = 0;
  WritePopulation(dir.Path("c.kpop"), no_birth);
  EXPECT_NE(std::string(CatchInputError([&] { ReadPopulation(dir.Path("c.kpop"), 2026); }).what())
                .find("member index 5 has no birth date"),
            std::string::npos);
  Population bad_offsets = p;
  std::swap(bad_offsets.member_offset[2], bad_offsets.member_offset[3]);
  if (bad_offsets.member_offset[2] == bad_offsets.member_offset[3]) bad_offsets.member_offset[2]++;
  WritePopulation(dir.Path("b.kpop"), bad_offsets);
  EXPECT_NE(std::string(CatchInputError([&] { ReadPopulation(dir.Path("b.kpop"), 2026); }).what())
                .find("not monotone"),
            std::string::npos);
}

}  // namespace
}  // namespace kokuho
