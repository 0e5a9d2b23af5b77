// io/chosei_loader: the embedded coefficients, the sample data, and bad coefficient and
// data files rejected at file:line:column.
#include <gtest/gtest.h>

#include <fstream>

#include "../io/io_test_util.h"
#include "io/chosei_loader.h"

namespace kokuho {
namespace {

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

const std::string kCoeff =
    "years:\n"                                                            // 1
    "  - fiscal_year: R5\n"                                               // 2
    "    ouneki_coeff: {value: \"0.35\", confirmed: false, source: x}\n"  // 3
    "    ouneki_cap: {value: \"46330.86\", confirmed: false, source: x}\n"
    "    ounou_coeff: {value: \"0.0000007003787\", confirmed: true, source: x}\n"
    "    ounou_cap: {value: \"0.0924897571335\", confirmed: true, source: x}\n"  // 6
    "    ounou_places: 13\n"                                                     // 7
    "    ounou_rounding: {value: half_up, confirmed: false, source: x}\n";       // 8

const std::string kData =
    "都道府県コード,都道府県名,医療給付費等,公費等,前期高齢者交付金,平均被保険者数,総所得金額等,"
    "地域差指数\n"
    "01,A,1600000000,400000000,200000000,10000,2000000000,1.25\n"
    "02,B,1600000000,400000000,200000000,10000,2000000000,\n";

std::string CoeffError(const std::string& text) {
  try {
    ParseChoseiCoefficients(text, "c.yaml", FiscalYear(2023));
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
      {"unknown key", Replace(kCoeff, "    ounou_places", "    ounou_place"),
       "c.yaml:7:5: years[0]: unknown key 'ounou_place'"},
      {"cap above 1", Replace(kCoeff, "\"0.0924897571335\"", "\"1.5\""), "c.yaml:6:24:"},
      {"not a number", Replace(kCoeff, "\"0.35\"", "abc"), "c.yaml:3:27:"},
      {"confirmed not boolean",
       Replace(kCoeff, "confirmed: true, source: x}\n    ounou_cap",
               "confirmed: maybe, source: x}\n    ounou_cap"),
       "c.yaml:5:"},
      {"bad rounding", Replace(kCoeff, "half_up", "nearest"),
       "c.yaml:8:29: years[0].ounou_rounding.value: expected floor, ceil or half_up"},
      {"no such year", Replace(kCoeff, "R5", "R4"), "c.yaml: no coefficients for 令和5年度"},
      {"year twice", kCoeff + Replace(kCoeff.substr(7), "", ""),
       "c.yaml:9:18: years[1].fiscal_year: 令和5年度 appears twice"},
  };
  for (const auto& c : cases) {
    std::string msg = CoeffError(c.text);
    EXPECT_EQ(msg.substr(0, std::string(c.expected).size()), c.expected) << c.what << "\n" << msg;
  }
}

TEST(ChoseiLoader, BadDataNameLineAndColumn) {
  struct Case {
    const char* what;
    std::string text;
    const char* expected;
  };
  const Case cases[] = {
      {"missing column", Replace(kData, ",公費等,", ",公費,"), "d.csv:1: missing column 公費等"},
      {"bad code", Replace(kData, "02,B", "48,B"),
       "d.csv:3:1: 都道府県コード: expected a prefecture code 01 to 47"},
      {"code twice", Replace(kData, "02,B", "01,B"), "d.csv:3:1: 都道府県コード 01 appears twice"},
      {"fraction of a yen",
       Replace(kData, ",400000000,200000000,10000,2000000000,1.25",
               ",400000000.5,200000000,10000,2000000000,1.25"),
       "d.csv:2:4: 公費等"},
      {"deductions exceed benefits", Replace(kData, "01,A,1600000000", "01,A,500000000"),
       "d.csv:2:5: 公費等 + 前期高齢者交付金 exceed 医療給付費等"},
      {"zero insured", Replace(kData, ",10000,2000000000,1.25", ",0,2000000000,1.25"),
       "d.csv:2:6: 平均被保険者数"},
      {"negative index", Replace(kData, "1.25", "-1.25"), "d.csv:2:8: 地域差指数"},
      {"no rows", kData.substr(0, kData.find('\n') + 1), "d.csv: no data rows"},
  };
  for (const auto& c : cases) {
    std::string msg = DataError(c.text);
    EXPECT_EQ(msg.substr(0, std::string(c.expected).size()), c.expected) << c.what << "\n" << msg;
  }
}

}  // namespace
}  // namespace kokuho
