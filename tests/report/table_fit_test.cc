// Fitting printed tables to a terminal (report/table_fit.h): a worked example with the
// widths derived by hand, and properties over random tables.
#include "report/table_fit.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <sstream>

#include "core/text.h"

namespace kokuho {
namespace {

using C = ReportCell;

// Display widths (CJK = 2), each column the widest of header and cells:
//   団体コード 10 | 市町村名 8 | 被保険者数 10 | 医療分 13 ("1,234,567,890")
//   | 支援金分 11 ("123,456,789") | 納付金計 13 ("1,358,024,679")
// = 65, plus 5 gaps of 2 = 75 columns.
ReportTable Sample() {
  ReportTable t;
  t.key = "nofukin";
  t.title = "納付金";
  t.header = {"団体コード", "市町村名", "被保険者数", "医療分", "支援金分", "納付金計"};
  t.rows = {{C::Text("102016"), C::Text("前橋市"), C::Integer(12345), C::Integer(1234567890),
             C::Integer(123456789), C::Integer(1358024679)},
            {C::Text("102024"), C::Text("高崎市"), C::Integer(2345), C::Integer(34567890),
             C::Integer(3456789), C::Integer(38024679)}};
  return t;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(TableFit, WidthIsTheRenderedWidth) {
  EXPECT_EQ(RenderedWidth(Sample()), 75);
  // The rule line under the header is exactly that wide.
  EXPECT_EQ(Lines(RenderText(Sample()))[2], std::string(75, '-'));
}

TEST(TableFit, ATableThatFitsIsUnchanged) {
  const FittedTable f = FitToWidth(Sample(), 75);
  EXPECT_TRUE(f.omitted.empty());
  EXPECT_EQ(RenderTextFitted(Sample(), 75), RenderText(Sample()));
  EXPECT_EQ(RenderTextFitted(Sample(), 200), RenderText(Sample()));
}

// 74 columns: 団体コード and 市町村名 first (10 + 2 + 8 = 20), the total 納付金計 next (+15 = 35),
// then left to right: 被保険者数 (+12 = 47), 医療分 (+15 = 62); 支援金分 (+13 = 75) no longer fits.
TEST(TableFit, DropsTheLowestPriorityColumnFirst) {
  const FittedTable f = FitToWidth(Sample(), 74);
  EXPECT_EQ(f.table.header, (std::vector<std::string>{"団体コード", "市町村名", "被保険者数",
                                                      "医療分", "納付金計"}));
  EXPECT_EQ(f.omitted, std::vector<std::string>{"支援金分"});
  EXPECT_EQ(RenderedWidth(f.table), 62);
  ASSERT_EQ(f.table.rows.size(), 2u);
  EXPECT_EQ(f.table.rows[0].back().integer, 1358024679);
  const std::string text = RenderTextFitted(Sample(), 74);
  EXPECT_EQ(Lines(text).back(), "（列を省略: 支援金分。--wide ですべて表示）");
  EXPECT_NE(text.find("1,358,024,679"), std::string::npos);
  EXPECT_EQ(text.find("123,456,789"), std::string::npos);
}

// 61 columns: as above up to 被保険者数 (47); 医療分 (+15 = 62) does not fit, but the narrower
// 支援金分 after it (+13 = 60) does.
TEST(TableFit, ANarrowerLaterColumnCanStillFit) {
  const FittedTable f = FitToWidth(Sample(), 61);
  EXPECT_EQ(f.omitted, std::vector<std::string>{"医療分"});
  EXPECT_EQ(RenderedWidth(f.table), 60);
}

// 30 columns: only the identifying columns (20) fit; 5 columns: the first column alone,
// even though it is 10 wide.
TEST(TableFit, IdentifyingColumnsAreKeptFirst) {
  EXPECT_EQ(FitToWidth(Sample(), 30).table.header,
            (std::vector<std::string>{"団体コード", "市町村名"}));
  const FittedTable f = FitToWidth(Sample(), 5);
  EXPECT_EQ(f.table.header, std::vector<std::string>{"団体コード"});
  EXPECT_EQ(f.omitted.size(), 5u);
  EXPECT_EQ(Lines(RenderTextFitted(Sample(), 5)).back(),
            "（列を省略: 市町村名、被保険者数、医療分、支援金分、納付金計。--wide ですべて表示）");
}

// Properties over random tables and widths: kept + omitted are the header in order; the
// fitted table is within the width (unless only the first column is left); every omitted
// column would not have fitted (the greedy choice is maximal);
// every printed line but the title and the note is within the width.
TEST(TableFit, PropertiesOverRandomTables) {
  std::mt19937 rng(2026);
  const std::vector<std::string> words = {"前橋市", "a", "高崎市伊勢崎", "ｶﾅ", "合計", "区分"};
  for (int trial = 0; trial < 300; ++trial) {
    ReportTable t;
    t.title = "表";
    const int cols = 1 + static_cast<int>(rng() % 9);
    const int text_cols = static_cast<int>(rng() % 3);
    for (int j = 0; j < cols; ++j)
      t.header.push_back(words[rng() % words.size()] + std::to_string(j) +
                         (rng() % 4 == 0 ? "計" : ""));
    const int rows = static_cast<int>(rng() % 5);
    for (int r = 0; r < rows; ++r) {
      std::vector<C> row;
      for (int j = 0; j < cols; ++j)
        row.push_back(j < text_cols
                          ? C::Text(words[rng() % words.size()])
                          : C::Integer(static_cast<long long>(rng() % 100000000) * (rng() % 1000)));
      t.rows.push_back(std::move(row));
    }
    const int width = 1 + static_cast<int>(rng() % 120);
    const FittedTable f = FitToWidth(t, width);
    // Kept and omitted make up the header, each in table order.
    std::vector<std::string> merged;
    size_t k = 0, o = 0;
    for (const std::string& h : t.header) {
      if (k < f.table.header.size() && f.table.header[k] == h) {
        merged.push_back(f.table.header[k++]);
      } else if (o < f.omitted.size() && f.omitted[o] == h) {
        merged.push_back(f.omitted[o++]);
      }
    }
    ASSERT_EQ(merged, t.header) << "trial " << trial;
    ASSERT_FALSE(f.table.header.empty());
    EXPECT_EQ(f.table.header[0], t.header[0]);
    const int fitted = RenderedWidth(f.table);
    if (f.table.header.size() > 1) {
      EXPECT_LE(fitted, width) << "trial " << trial;
    }
    const std::vector<int> w = ColumnWidths(t);
    for (size_t j = 0; j < t.header.size(); ++j) {
      const bool omitted =
          std::find(f.omitted.begin(), f.omitted.end(), t.header[j]) != f.omitted.end();
      if (omitted) {
        EXPECT_GT(fitted + 2 + w[j], width) << "trial " << trial << " column " << j;
      }
    }
    if (RenderedWidth(t) <= width) {
      EXPECT_TRUE(f.omitted.empty());
    }
    const std::vector<std::string> lines = Lines(RenderTextFitted(t, width));
    for (size_t i = 1; i < lines.size(); ++i) {
      if (!f.omitted.empty() && i + 1 == lines.size()) break;  // the note
      if (f.table.header.size() > 1) {
        EXPECT_LE(DisplayWidth(lines[i]), width) << lines[i];
      }
    }
  }
}

// On screen every number carries thousands separators, whole or not; files keep the plain
// digits (Plain): 1,234,567.89 shown, 1234567.89 written.
TEST(TableFit, DecimalsOnScreenHaveThousandsSeparators) {
  const C big = C::Decimal(*Rational::TryParse("1234567.891"), 2);
  EXPECT_EQ(big.Display(), "1,234,567.89");
  EXPECT_EQ(big.Plain(), "1234567.89");
  EXPECT_EQ(C::Decimal(*Rational::TryParse("-1234.5"), 2).Display(), "-1,234.50");
  EXPECT_EQ(C::Decimal(*Rational::TryParse("999.5"), 1).Display(), "999.5");
  EXPECT_EQ(C::Decimal(*Rational::TryParse("33431695227"), 0).Display(), "33,431,695,227");
}

}  // namespace
}  // namespace kokuho
