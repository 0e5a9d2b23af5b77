// The case loader on the bundled sample: the same case read from CSV and from xlsx
// gives the same result, and the sample's figures satisfy the totals.
#include "readers/case_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../io/io_test_util.h"
#include "io/table_reader.h"
#include "io/xlsx_writer.h"
#include "nofukin/engine.h"
#include "report/json_report.h"

namespace kokuho {
namespace {

const std::string kGunma = std::string(KOKUHO_SOURCE_DIR) + "/examples/gunma";

TEST(CaseLoader, GunmaSampleLoads) {
  nofukin::Case c = LoadCase(kGunma);
  EXPECT_EQ(c.prefecture, "群馬県");
  EXPECT_EQ(c.fiscal_year.year(), 2027);
  EXPECT_EQ(c.municipalities.size(), 35u);
  ASSERT_EQ(c.parts.size(), 4u);  // FY2027 ≥ FY2026: 子ども・子育て支援納付金分 included
  EXPECT_EQ(c.parts.back(), Part::kKodomo);
  EXPECT_EQ(c.policy(Part::kIryo).alpha, Rational::Parse("0.75"));
  // Rows come out in 団体コード order (the residual tie-break follows it).
  for (size_t i = 1; i < c.municipalities.size(); ++i)
    EXPECT_LT(c.municipalities[i - 1].code, c.municipalities[i].code);
}

// transition_relief.split (issue 12 item 10): which 分 the 激変緩和 reduces.
TEST(CaseLoader, ReliefSplitKey) {
  EXPECT_EQ(LoadCase(kGunma).relief.split, nofukin::ReliefSplit::kProportional);  // default
  const std::string yaml = io_test::ReadBytes(kGunma + "/prefecture.yaml");
  const std::string anchor = "  allowance: 0.01\n";
  ASSERT_NE(yaml.find(anchor), std::string::npos);
  auto with_split = [&](const std::string& value) {
    io_test::TempDir dir;
    std::filesystem::copy(kGunma, dir.path(), std::filesystem::copy_options::recursive);
    std::string y = yaml;
    y.replace(y.find(anchor), anchor.size(), anchor + "  split: " + value + "\n");
    io_test::WriteBytes(dir.Path("prefecture.yaml"), y);
    return LoadCase(dir.path()).relief.split;
  };
  EXPECT_EQ(with_split("医療分"), nofukin::ReliefSplit::kIryoOnly);
  EXPECT_EQ(with_split("iryo"), nofukin::ReliefSplit::kIryoOnly);
  EXPECT_EQ(with_split("各分の納付金に比例"), nofukin::ReliefSplit::kProportional);
  try {
    with_split("支援分");
    FAIL() << "no throw";
  } catch (const InputError& e) {
    EXPECT_GT(e.pos().line, 0);
    EXPECT_NE(e.message().find("transition_relief.split: 「支援分」は使えません"),
              std::string::npos)
        << e.what();
  }
}

TEST(CaseLoader, XlsxTableGivesTheSameResultAsCsv) {
  io_test::TempDir dir;
  // The same table as an xlsx sheet named 市町村 (numbers as numbers, text as text).
  Table csv = ReadTable(kGunma + "/municipalities.csv");
  XlsxSheet sheet;
  sheet.name = "市町村";
  for (const auto& h : csv.header) sheet.header.push_back(h.text);
  for (const auto& row : csv.rows) {
    std::vector<XlsxCell> cells;
    for (const auto& cell : row.cells) {
      const bool numeric =
          !cell.text.empty() && cell.text.find_first_not_of("0123456789.") == std::string::npos;
      cells.push_back(numeric ? XlsxCell::Decimal(std::stod(cell.text), "General")
                              : XlsxCell::Text(cell.text));
    }
    sheet.rows.push_back(std::move(cells));
  }
  WriteXlsx(dir.Path("municipalities.xlsx"), {sheet});
  std::ifstream in(kGunma + "/prefecture.yaml");
  std::string yaml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string from = "municipalities: municipalities.csv";
  ASSERT_NE(yaml.find(from), std::string::npos);
  yaml.replace(yaml.find(from), from.size(),
               "municipalities: municipalities.xlsx\nmunicipalities_sheet: 市町村");
  std::ofstream(dir.Path("prefecture.yaml")) << yaml;

  nofukin::Case from_csv = LoadCase(kGunma);
  nofukin::Case from_xlsx = LoadCase(dir.path());
  EXPECT_EQ(NofukinJson(from_csv, nofukin::Compute(from_csv)).dump(),
            NofukinJson(from_xlsx, nofukin::Compute(from_xlsx)).dump());
}

TEST(CaseLoader, SampleTotalsCloseToTheYen) {
  nofukin::Case c = LoadCase(kGunma);
  nofukin::Result r = nofukin::Compute(c);
  Yen required = 0;
  for (Part p : c.parts) required += c.policy(p).RequiredPremiumTotal();
  Yen pools = 0;
  for (const auto& d : r.relief.pools) pools += d.drawn;
  // Σ納付金 = Σ保険料収納必要総額 − relief paid from the pools (no 退職分 in the sample).
  EXPECT_EQ(r.nofukin_total(), required - pools);
  EXPECT_GT(r.relief.municipalities_relieved, 0);
}

}  // namespace
}  // namespace kokuho
