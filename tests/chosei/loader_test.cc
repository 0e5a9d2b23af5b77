// readers/chosei_loader: the embedded coefficients, the sample data, and bad coefficient and
// data files rejected at file:line:column.
#include <gtest/gtest.h>

#include <fstream>

#include "../io/io_test_util.h"
#include "readers/chosei_loader.h"

namespace kokuho {
namespace {

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

const std::string kCoeff =
    "known_through: R5\n"                                                         // 1
    "ouneki_coeff:\n"                                                             // 2
    "  values:\n"                                                                 // 3
    "    - {from: R5, value: \"0.35\", confirmed: false, source: x}\n"            // 4
    "ouneki_cap:\n"                                                               // 5
    "  values:\n"                                                                 // 6
    "    - {from: R5, value: \"46330.86\", confirmed: false, source: x}\n"        // 7
    "ounou_coeff:\n"                                                              // 8
    "  values:\n"                                                                 // 9
    "    - {from: R5, value: \"0.0000007003787\", confirmed: true, source: x}\n"  // 10
    "ounou_cap:\n"                                                                // 11
    "  values:\n"                                                                 // 12
    "    - {from: R5, value: \"0.0924897571335\", confirmed: true, source: x}\n"  // 13
    "ounou_places:\n"                                                             // 14
    "  values:\n"                                                                 // 15
    "    - {from: R5, value: 13, confirmed: true, source: x}\n"                   // 16
    "ounou_rounding:\n"                                                           // 17
    "  values:\n"                                                                 // 18
    "    - {from: R5, value: half_up, confirmed: false, source: x}\n";            // 19

const std::string kData =
    "都道府県コード,都道府県名,医療給付費等,公費等,前期高齢者交付金,平均被保険者数,総所得金額等,"
    "地域差指数\n"
    "01,A,1600000000,400000000,200000000,10000,2000000000,1.25\n"
    "02,B,1600000000,400000000,200000000,10000,2000000000,\n";

std::string CoeffError(const std::string& text, int year = 2023) {
  try {
    ParseChoseiCoefficients(text, "c.yaml", FiscalYear(year));
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

std::string DataError(const std::string& text) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("d.csv"), text);
  try {
    LoadChoseiData(dir.Path("d.csv"));
  } catch (const InputError& e) {
    std::string m = e.what();
    size_t at = m.find("d.csv");
    return at == std::string::npos ? m : m.substr(at);
  }
  return "no error";
}

TEST(ChoseiLoader, EmbeddedR5AndSample) {
  chosei::Coefficients c = LoadChoseiCoefficients(FiscalYear(2023));
  EXPECT_EQ(c.ounou_cap, Rational::Parse("0.0924897571335"));
  EXPECT_EQ(c.ounou_coeff, Rational::Parse("0.0000007003787"));
  // ouneki_coeff (placeholder) and ouneki_cap (the pre-amendment cap): unchanged by the review
  // of spec/finance.md Addendum A.2, which found no amended value for either.
  EXPECT_EQ(c.UnconfirmedCount(), 2);
  auto ps = LoadChoseiData(std::string(KOKUHO_SOURCE_DIR) + "/examples/chosei-sample/data.csv");
  ASSERT_EQ(ps.size(), 5u);
  EXPECT_EQ(ps[0].code, "01");
  EXPECT_EQ(ps[0].benefits, 480'000'000'000);
  EXPECT_EQ(*ps[4].region_index, Rational::Parse("0.88"));
  EXPECT_EQ(ParseChoseiCoefficients(kCoeff, "c.yaml", FiscalYear(2023)).ouneki_cap,
            Rational::Parse("46330.86"));
}

TEST(ChoseiLoader, OptionalIndexMayBeBlank) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("d.csv"), kData);
  auto ps = LoadChoseiData(dir.Path("d.csv"));
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_TRUE(ps[0].region_index);
  EXPECT_FALSE(ps[1].region_index);
}

TEST(ChoseiLoader, BadCoefficientsNameLineAndColumn) {
  struct Case {
    const char* what;
    std::string text;
    const char* expected;
  };
  const Case cases[] = {
      {"unknown series", Replace(kCoeff, "ounou_places:", "ounou_place:"),
       "c.yaml:14:1: 系列 「ounou_place」は使えません"},
      {"unknown key", Replace(kCoeff, "value: 13,", "value: 13, note: n, extra: 1,"), "c.yaml:16:"},
      {"cap above 1", Replace(kCoeff, "\"0.0924897571335\"", "\"1.5\""), "c.yaml:13:25:"},
      {"not a number", Replace(kCoeff, "\"0.35\"", "abc"), "c.yaml:4:25:"},
      {"confirmed not boolean",
       Replace(kCoeff, "\"0.0000007003787\", confirmed: true",
               "\"0.0000007003787\", confirmed: maybe"),
       "c.yaml:10:"},
      {"places not a count", Replace(kCoeff, "value: 13,", "value: 1.5,"), "c.yaml:16:25:"},
      {"bad rounding", Replace(kCoeff, "half_up", "nearest"),
       "c.yaml:19:25: ounou_rounding.value: 「nearest」は使えません。floor、ceil、half_up"},
      {"year twice",
       Replace(kCoeff, "ounou_cap:\n",
               "ounou_cap:\n  values:\n    - {from: R5, value: 1, "
               "confirmed: true, source: x}\n"),
       "c.yaml:"},
      {"missing source",
       Replace(kCoeff, "value: 13, confirmed: true, source: x", "value: 13, confirmed: true"),
       "c.yaml:16:7: ounou_places.values[0]: 項目 source がありません"},
  };
  for (const auto& c : cases) {
    std::string msg = CoeffError(c.text);
    EXPECT_EQ(msg.substr(0, std::string(c.expected).size()), c.expected) << c.what << "\n" << msg;
  }
}

// A year before the first value, or past known_through, is refused where the file says so.
TEST(ChoseiLoader, YearsOutsideTheFile) {
  EXPECT_EQ(CoeffError(kCoeff, 2022).substr(0, 40).find("c.yaml:4:7:"), 0u)
      << CoeffError(kCoeff, 2022);
  const std::string past = CoeffError(kCoeff, 2024);
  EXPECT_EQ(past.find("c.yaml:1:16:"), 0u) << past;
  EXPECT_NE(past.find("--carry-forward"), std::string::npos) << past;
  // Carried forward on request, with a note that every output prints.
  chosei::Coefficients c =
      ParseChoseiCoefficients(kCoeff, "c.yaml", FiscalYear(2024), YearPolicy{true});
  EXPECT_EQ(c.ounou_cap, Rational::Parse("0.0924897571335"));
  EXPECT_TRUE(c.notes.AnyCarriedForward());
}

TEST(ChoseiLoader, BadDataNameLineAndColumn) {
  struct Case {
    const char* what;
    std::string text;
    const char* expected;
  };
  const Case cases[] = {
      {"missing column", Replace(kData, ",公費等,", ",公費,"), "d.csv:1: 列 公費等 がありません"},
      {"bad code", Replace(kData, "02,B", "48,B"),
       "d.csv:3:1: 都道府県コード: 「48」は都道府県コードではありません"},
      {"code twice", Replace(kData, "02,B", "01,B"), "d.csv:3:1: 都道府県コード: 01 が2回あります"},
      {"fraction of a yen",
       Replace(kData, ",400000000,200000000,10000,2000000000,1.25",
               ",400000000.5,200000000,10000,2000000000,1.25"),
       "d.csv:2:4: 公費等"},
      {"deductions exceed benefits", Replace(kData, "01,A,1600000000", "01,A,500000000"),
       "d.csv:2:5: 公費等 + 前期高齢者交付金 が医療給付費等を超えています"},
      {"zero insured", Replace(kData, ",10000,2000000000,1.25", ",0,2000000000,1.25"),
       "d.csv:2:6: 平均被保険者数"},
      {"negative index", Replace(kData, "1.25", "-1.25"), "d.csv:2:8: 地域差指数"},
      {"no rows", kData.substr(0, kData.find('\n') + 1),
       "d.csv: 見出し行の後にデータの行がありません"},
  };
  for (const auto& c : cases) {
    std::string msg = DataError(c.text);
    EXPECT_EQ(msg.substr(0, std::string(c.expected).size()), c.expected) << c.what << "\n" << msg;
  }
}

}  // namespace
}  // namespace kokuho
