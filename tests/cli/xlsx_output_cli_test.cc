// What `kokuho nofukin --format csv,xlsx` writes, read back through kokuho's own xlsx reader
// (libzip + pugixml): every sheet holds the same header and cells as the CSV of its table,
// the 合計 row's SUM formulas read back as the engine's exact totals, every cell is in the
// Japanese font; and the tables printed with COLUMNS set fit that width (--wide prints all).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <map>
#include <pugixml.hpp>
#include <set>
#include <sstream>
#include <string>

#include "../cli_runner.h"
#include "../io/io_test_util.h"
#include "core/text.h"
#include "io/csv_reader.h"
#include "io/xlsx_reader.h"
#include "io/xlsx_writer.h"
#include "nofukin/engine.h"
#include "readers/case_loader.h"

namespace kokuho {
namespace {

using testing::CliRun;
using testing::RunKokuho;

const std::string kGunma = std::string(KOKUHO_SOURCE_DIR) + "/examples/gunma";

// The CSV file of each sheet of nofukin.xlsx, in workbook order (report/nofukin_tables.cc).
const std::vector<std::pair<std::string, std::string>> kSheets = {
    {"納付金", "nofukin.csv"},
    {"市町村標準保険料率", "standard_rates.csv"},
    {"都道府県標準保険料率", "prefecture_rates.csv"},
    {"計算_都道府県標準保険料率", "prefecture_rate_steps.csv"},
    {"算定基準別保険料率", "own_basis_rates.csv"},
    {"係数と総額", "coefficients.csv"},
    {"激変緩和", "relief.csv"},
    {"激変緩和財源", "relief_funding.csv"}};

// A cell of the xlsx equals the CSV's text, or, for a number, the same double (the CSV
// writes a rate as "6.30" with its published decimals, the workbook stores 6.3 with the
// number format 0.00). A formula's cached result keeps every digit Excel would compute (the
// 賦課総額F of the 計算シート): it must show as the CSV's text at the CSV's decimals.
bool SameValue(const std::string& csv, const std::string& xlsx, bool formula) {
  if (csv == xlsx) return true;
  char* end_c = nullptr;
  char* end_x = nullptr;
  const double c = std::strtod(csv.c_str(), &end_c);
  const double x = std::strtod(xlsx.c_str(), &end_x);
  if (csv.empty() || xlsx.empty() || *end_c != '\0' || *end_x != '\0') return false;
  if (!formula) return c == x;
  const size_t point = csv.find('.');
  const int places = point == std::string::npos ? 0 : static_cast<int>(csv.size() - point - 1);
  return fmt::format("{:.{}f}", x, places) == csv;
}

// The cells of sheet `n` (1-based) that hold a formula, as (row, column).
std::set<std::pair<int, int>> FormulaCells(const std::string& workbook, int n) {
  pugi::xml_document doc;
  const std::string xml =
      io_test::ReadZipEntry(workbook, fmt::format("xl/worksheets/sheet{}.xml", n)).value();
  EXPECT_TRUE(doc.load_string(xml.c_str()));
  std::set<std::pair<int, int>> out;
  for (pugi::xpath_node c : doc.select_nodes("//c[f]")) {
    const std::string ref = c.node().attribute("r").value();
    int col = 0;
    size_t i = 0;
    for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i)
      col = col * 26 + (ref[i] - 'A' + 1);
    out.insert({std::stoi(ref.substr(i)), col});
  }
  return out;
}

class NofukinXlsx : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new io_test::TempDir();
    CliRun r = RunKokuho({"nofukin", kGunma, "--out", "o", "--format", "csv,xlsx"},
                         scratch_->path(), scratch_->path());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    out_ = scratch_->path() + "/o";
  }
  static void TearDownTestSuite() {
    delete scratch_;
    scratch_ = nullptr;
  }
  static io_test::TempDir* scratch_;
  static std::string out_;
};
io_test::TempDir* NofukinXlsx::scratch_ = nullptr;
std::string NofukinXlsx::out_;

// Every sheet: title in row 1, the CSV's header in row 3, the CSV's rows from row 4.
TEST_F(NofukinXlsx, EverySheetHoldsTheCsvOfItsTable) {
  const std::vector<XlsxSheetCells> sheets = ReadXlsxCells(out_ + "/nofukin.xlsx");
  ASSERT_EQ(sheets.size(), kSheets.size());
  for (size_t s = 0; s < sheets.size(); ++s) {
    SCOPED_TRACE(sheets[s].name);
    EXPECT_EQ(sheets[s].name, kSheets[s].first);
    const Table csv = ReadCsv(out_ + "/" + kSheets[s].second);
    std::map<std::pair<int, int>, std::string> cell;
    for (const auto& c : sheets[s].cells) cell[{c.row, c.column}] = c.text;
    const std::set<std::pair<int, int>> formulas =
        FormulaCells(out_ + "/nofukin.xlsx", static_cast<int>(s + 1));
    for (size_t j = 0; j < csv.header.size(); ++j)
      EXPECT_EQ(cell[std::make_pair(3, static_cast<int>(j + 1))], csv.header[j].text);
    int compared = 0;
    for (size_t r = 0; r < csv.rows.size(); ++r) {
      for (size_t j = 0; j < csv.rows[r].cells.size(); ++j) {
        const std::string& want = csv.rows[r].cells[j].text;
        const std::pair<int, int> at(static_cast<int>(r + 4), static_cast<int>(j + 1));
        const std::string got = cell[at];
        if (want.empty() && got.empty()) continue;
        EXPECT_TRUE(SameValue(want, got, formulas.count(at) > 0))
            << "row " << r + 4 << " column " << j + 1 << ": csv " << want << ", xlsx " << got;
        ++compared;
      }
    }
    EXPECT_GT(compared, 0);
    // Nothing below the table.
    EXPECT_LE(sheets[s].cells.back().row, static_cast<int>(csv.rows.size() + 3));
  }
}

// The 合計 row of 納付金: =SUM formulas over the 35 municipalities (rows 4-38) whose cached
// values, read back without recalculation, are the engine's totals to the yen (Σ P_i of each
// 分 as PartResult::nofukin_total, Σ 納付金計, Σ 激変緩和, Σ 被保険者数).
TEST_F(NofukinXlsx, TotalRowFormulasCacheTheEngineTotals) {
  const nofukin::Case c = LoadCase(kGunma);
  const nofukin::Result r = nofukin::Compute(c);
  Yen total = 0, relief = 0;
  std::int64_t insured = 0;
  for (const auto& m : r.municipalities) {
    total += m.nofukin_total;
    relief += m.relief_total;
    insured += m.insured;
  }
  const int last = static_cast<int>(r.municipalities.size()) + 3;  // row 38
  const int total_row = last + 1;

  const std::string xml =
      io_test::ReadZipEntry(out_ + "/nofukin.xlsx", "xl/worksheets/sheet1.xml").value();
  const std::vector<XlsxSheetCells> sheets = ReadXlsxCells(out_ + "/nofukin.xlsx");
  std::map<int, std::string> bottom;  // column → text of the 合計 row
  for (const auto& cell : sheets[0].cells)
    if (cell.row == total_row) bottom[cell.column] = cell.text;
  EXPECT_EQ(bottom[2], "合計");
  // Columns: C 被保険者数, then one per 分 (D …), 納付金計, 1人当たり納付金, 激変緩和. All but
  // 1人当たり are formulas.
  ASSERT_EQ(r.parts.size(), c.parts.size());
  const int parts =
      static_cast<int>(c.parts.size());  // 4 in the sample: 医療, 支援金, 介護, 子ども
  const int total_col = 4 + parts, per_capita_col = total_col + 1, relief_col = total_col + 2;
  auto letter = [](int col) { return std::string(1, static_cast<char>('A' + col - 1)); };
  for (int col = 3; col <= relief_col; ++col) {
    const std::string f = fmt::format("<f>SUM({0}4:{0}{1})</f>", letter(col), last);
    if (col == per_capita_col) {
      EXPECT_EQ(xml.find(f), std::string::npos) << f;
    } else {
      EXPECT_NE(xml.find(f), std::string::npos) << f;
    }
  }
  EXPECT_EQ(bottom[3], std::to_string(insured));
  for (int p = 0; p < parts; ++p) {
    EXPECT_EQ(r.parts[static_cast<size_t>(p)].part, c.parts[static_cast<size_t>(p)]);
    EXPECT_EQ(bottom[4 + p], std::to_string(r.parts[static_cast<size_t>(p)].nofukin_total));
  }
  EXPECT_EQ(bottom[total_col], std::to_string(total));
  EXPECT_EQ(bottom[relief_col], std::to_string(relief));
}

// The 計算シート of the 都道府県標準保険料率: F, 所得割率 and 均等割 are formulas over the cells to
// their left; evaluated here in doubles as Excel evaluates them (ROUND = half away from zero,
// the sample case's 四捨五入; 所得割率 in % to 2 decimals, 均等割 to the yen), they give the
// cached values, which are the published figures of the 都道府県標準保険料率 sheet. E.g.
// 医療分: F = ΣS ÷ 収納率, 所得割率 = ROUND(F·β ÷ ((1+β)·ΣI), 4)·100 = 6.06,
// 均等割 = ROUND(F ÷ ((1+β)·ΣN) ÷ 1, 0)·1 = 50,321 円.
TEST_F(NofukinXlsx, RateStepFormulasReproduceThePublishedRates) {
  const std::string book = out_ + "/nofukin.xlsx";
  const std::vector<XlsxSheetCells> sheets = ReadXlsxCells(book);
  ASSERT_EQ(sheets[3].name, "計算_都道府県標準保険料率");
  const std::string xml = io_test::ReadZipEntry(book, "xl/worksheets/sheet4.xml").value();
  EXPECT_NE(xml.find("<f>B4/C4</f>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<f>ROUND(D4*E4/((1+E4)*F4),4)*100</f>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<f>ROUND(D4/((1+E4)*G4)/1,0)*1</f>"), std::string::npos) << xml;
  std::map<std::pair<int, int>, double> v;
  for (const auto& c : sheets[3].cells)
    if (c.row >= 4) v[{c.row, c.column}] = std::strtod(c.text.c_str(), nullptr);
  std::map<std::pair<int, int>, std::string> published;
  for (const auto& c : sheets[2].cells) published[{c.row, c.column}] = c.text;
  const std::set<std::pair<int, int>> formulas = FormulaCells(book, 4);
  int rows = 0;
  for (int row = 4; v.count({row, 2}); ++row, ++rows) {
    auto at = [&](int col) { return v.at({row, col}); };
    const double levy = at(2) / at(3);
    EXPECT_NEAR(at(4), levy, 1e-6 * levy);
    const double rate = std::round(levy * at(5) / ((1 + at(5)) * at(6)) * 1e4) / 1e4 * 100;
    const double per_capita = std::round(levy / ((1 + at(5)) * at(7)));
    EXPECT_TRUE(formulas.count({row, 8}) && formulas.count({row, 9})) << "row " << row;
    EXPECT_NEAR(at(8), rate, 1e-9) << "row " << row;
    EXPECT_EQ(at(9), per_capita) << "row " << row;
    // The same figures as the published table (所得割率 in B, 均等割 in C, same row order).
    EXPECT_EQ(at(8), std::strtod(published[std::make_pair(row, 2)].c_str(), nullptr));
    EXPECT_EQ(std::to_string(static_cast<long long>(at(9))), published[std::make_pair(row, 3)]);
  }
  EXPECT_EQ(rows, 4);  // 医療分, 支援金分, 介護分, 子ども分
}

// Every cell of every sheet is in 游ゴシック (no cell left in the default font).
TEST_F(NofukinXlsx, EveryCellIsInTheJapaneseFont) {
  const std::string styles = io_test::ReadZipEntry(out_ + "/nofukin.xlsx", "xl/styles.xml").value();
  EXPECT_NE(styles.find(std::string("<name val=\"") + kXlsxFontName + "\"/>"), std::string::npos);
  for (size_t s = 1; s <= kSheets.size(); ++s) {
    const std::string xml =
        io_test::ReadZipEntry(out_ + "/nofukin.xlsx", fmt::format("xl/worksheets/sheet{}.xml", s))
            .value();
    // Every <c> carries a style (s="N"): none falls back to the default Calibri style 0.
    size_t cells = 0, styled = 0;
    for (size_t at = xml.find("<c r="); at != std::string::npos; at = xml.find("<c r=", at + 1)) {
      ++cells;
      const size_t end = xml.find('>', at);
      if (xml.substr(at, end - at).find(" s=\"") != std::string::npos) ++styled;
    }
    EXPECT_GT(cells, 0u);
    EXPECT_EQ(styled, cells) << "sheet" << s;
  }
}

// Sets COLUMNS for the kokuho processes a test runs, and unsets it afterwards.
class ColumnsEnv {
 public:
  explicit ColumnsEnv(const char* value) { setenv("COLUMNS", value, 1); }
  ~ColumnsEnv() { unsetenv("COLUMNS"); }
};

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(TerminalTables, FittedToColumnsWithANoteAndWideShowsAll) {
  io_test::TempDir scratch;
  const CliRun whole = RunKokuho({"nofukin", kGunma}, scratch.path());
  ASSERT_EQ(whole.exit_code, 0) << whole.err;
  EXPECT_EQ(whole.out.find("列を省略"), std::string::npos);  // a pipe: printed whole
  CliRun fitted, wide;
  {
    ColumnsEnv env("80");
    fitted = RunKokuho({"nofukin", kGunma}, scratch.path());
    wide = RunKokuho({"nofukin", kGunma, "--wide"}, scratch.path());
  }
  ASSERT_EQ(fitted.exit_code, 0) << fitted.err;
  ASSERT_EQ(wide.exit_code, 0) << wide.err;
  EXPECT_EQ(wide.out, whole.out);
  EXPECT_NE(fitted.out.find("（列を省略: "), std::string::npos) << fitted.out;
  EXPECT_NE(fitted.out.find("--wide ですべて表示）"), std::string::npos);
  // Every rule line (as wide as its table) and every municipality row is within 80 columns;
  // the whole output had lines wider than that.
  int rules = 0;
  for (const std::string& line : Lines(fitted.out)) {
    if (line.rfind("---", 0) == 0) {
      ++rules;
      EXPECT_LE(DisplayWidth(line), 80) << line;
    }
    if (line.rfind("102016", 0) == 0) {
      EXPECT_LE(DisplayWidth(line), 80) << line;
    }
  }
  EXPECT_GT(rules, 0);
  int widest = 0;
  for (const std::string& line : Lines(whole.out)) widest = std::max(widest, DisplayWidth(line));
  EXPECT_GT(widest, 80);
  // The identifying columns and the total stay.
  EXPECT_NE(fitted.out.find("前橋市"), std::string::npos);
  EXPECT_NE(fitted.out.find("納付金計"), std::string::npos);
}

// levy prints one table; --wide is accepted there too, and COLUMNS wide enough changes nothing.
TEST(TerminalTables, LevyAcceptsWideAndAWideTerminalChangesNothing) {
  io_test::TempDir scratch;
  const std::string household = std::string(KOKUHO_SOURCE_DIR) + "/examples/levy/family.yaml";
  const CliRun plain =
      RunKokuho({"levy", household, "-m", "102016", "--year", "2026"}, scratch.path());
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  CliRun roomy, wide;
  {
    ColumnsEnv env("300");
    roomy = RunKokuho({"levy", household, "-m", "102016", "--year", "2026"}, scratch.path());
    wide =
        RunKokuho({"levy", household, "-m", "102016", "--year", "2026", "--wide"}, scratch.path());
  }
  EXPECT_EQ(roomy.out, plain.out);
  EXPECT_EQ(wide.out, plain.out);
}

}  // namespace
}  // namespace kokuho
