// io/parameter_file: the one format of data/ (docs/parameters.md) — resolution by year,
// income-year series, known_through and carrying forward, and bad files at
// file:line:column.
#include "io/parameter_file.h"

#include <gtest/gtest.h>

#include "../io/io_test_util.h"

namespace kokuho {
namespace {

const std::string kFile =
    "known_through: 2026\n"                                           // 1
    "limit:\n"                                                        // 2
    "  law: 施行令 第1条\n"                                           // 3
    "  values:\n"                                                     // 4
    "    - {from: 2018, amount: 100, confirmed: true, source: a}\n"   // 5
    "    - {from: 2022, amount: 200, confirmed: false, source: b}\n"  // 6
    "table:\n"                                                        // 7
    "  period: income_year\n"                                         // 8
    "  values:\n"                                                     // 9
    "    - {from: 2020, amount: 1, confirmed: true, source: c}\n"     // 10
    "    - {from: 2025, amount: 2, confirmed: true, source: d}\n"     // 11
    "law_shape:\n"                                                    // 12
    "  known_through: open\n"                                         // 13
    "  values:\n"                                                     // 14
    "    - {from: 2018, amount: 3, confirmed: true, source: e}\n";    // 15

int Amount(const ParameterFile& f, const std::string& series, int year, ParameterNotes& notes,
           YearPolicy policy = {}) {
  ResolvedEntry e = f.Resolve(series, FiscalYear(year), policy, notes);
  e.map.ExpectKeys(ResolvedEntry::Fields({"amount"}));
  const int v = e.map.Integer("amount", 0, 1000);
  e.map.RejectUnknownKeys();
  return v;
}

TEST(ParameterFile, TheLastEntryFromOrBeforeTheYear) {
  const ParameterFile f = ParameterFile::Parse(kFile, "p.yaml");
  ParameterNotes notes;
  EXPECT_EQ(Amount(f, "limit", 2018, notes), 100);
  EXPECT_EQ(Amount(f, "limit", 2021, notes), 100);
  EXPECT_TRUE(notes.empty());  // both confirmed, within known_through
  EXPECT_EQ(Amount(f, "limit", 2022, notes), 200);
  ASSERT_EQ(notes.notes().size(), 1u);  // the unconfirmed 2022 entry
  EXPECT_EQ(notes.notes()[0].kind, ParameterNote::kUnconfirmed);
  EXPECT_EQ(notes.notes()[0].source, "b");
  // The same note twice is kept once.
  EXPECT_EQ(Amount(f, "limit", 2023, notes), 200);
  EXPECT_EQ(notes.notes().size(), 2u);  // a different year is a different note
}

TEST(ParameterFile, IncomeYearSeriesUseTheYearBefore) {
  const ParameterFile f = ParameterFile::Parse(kFile, "p.yaml");
  ParameterNotes notes;
  // FY2025 uses 2024 incomes (entry from 2020); FY2026 uses 2025 incomes (from 2025).
  EXPECT_EQ(Amount(f, "table", 2025, notes), 1);
  EXPECT_EQ(Amount(f, "table", 2026, notes), 2);
  // FY2020 uses 2019 incomes: before the first entry.
  EXPECT_FALSE(f.TryResolve("table", FiscalYear(2020), {}, notes).has_value());
}

TEST(ParameterFile, PastKnownThroughOnlyCarriedForwardOnRequest) {
  const ParameterFile f = ParameterFile::Parse(kFile, "p.yaml");
  ParameterNotes notes;
  try {
    Amount(f, "limit", 2027, notes);
    ADD_FAILURE() << "2027 accepted";
  } catch (const YearNotKnownError& e) {
    // At the known_through that stops it, naming the option.
    EXPECT_EQ(std::string(e.what()).rfind("p.yaml:1:16: 令和9年度のlimitは未確認です", 0), 0u)
        << e.what();
  }
  EXPECT_EQ(Amount(f, "limit", 2027, notes, YearPolicy{true}), 200);
  EXPECT_TRUE(notes.AnyCarriedForward());
  EXPECT_EQ(notes.Lines().front().rfind("令和9年度: limit (p.yaml) は令和8年度までしか", 0), 0u)
      << notes.Lines().front();
  // The note carries the series' description, which names it in a report's 注意事項 (a
  // council reads 「賦課限度額」, not the key).
  const ParameterFile described = ParameterFile::Parse(
      "known_through: 2026\nlimit:\n  description: 賦課限度額\n  values:\n"
      "    - {from: 2018, amount: 100, confirmed: true, source: a}\n",
      "d.yaml");
  ParameterNotes carried;
  EXPECT_EQ(Amount(described, "limit", 2027, carried, YearPolicy{true}), 100);
  ASSERT_EQ(carried.notes().size(), 1u);
  EXPECT_EQ(carried.notes()[0].kind, ParameterNote::kCarriedForward);
  EXPECT_EQ(carried.notes()[0].description, "賦課限度額");
  // An open series is never past its known years.
  ParameterNotes none;
  EXPECT_EQ(Amount(f, "law_shape", 2040, none), 3);
  EXPECT_TRUE(none.empty());
}

TEST(ParameterFile, AYearBeforeTheFirstEntry) {
  const ParameterFile f = ParameterFile::Parse(kFile, "p.yaml");
  ParameterNotes notes;
  EXPECT_FALSE(f.TryResolve("limit", FiscalYear(2017), {}, notes).has_value());
  const InputError e = io_test::CatchInputError([&] { Amount(f, "limit", 2017, notes); });
  EXPECT_EQ(std::string(e.what()).rfind("p.yaml:5:7: 平成29年度のlimitはありません", 0), 0u)
      << e.what();
}

std::string Error(const std::string& text) {
  return io_test::CatchInputError([&] { ParameterFile::Parse(text, "p.yaml"); }).what();
}

std::string Replace(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

TEST(ParameterFile, BadFilesNameTheirPlace) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const Case cases[] = {
      {Replace(kFile, "from: 2022", "from: 2017"),
       "p.yaml:6:14: limit.values[1].from: 値は from の古い順に書いてください"},
      {Replace(kFile, "from: 2022", "from: 20X2"), "p.yaml:6:14: limit.values[1].from"},
      {Replace(kFile, "confirmed: false, source: b", "confirmed: perhaps, source: b"), "p.yaml:6:"},
      {Replace(kFile, ", source: b", ""), "p.yaml:6:7: limit.values[1]: 項目 source がありません"},
      {Replace(kFile, "source: b", "source: \"\""), "p.yaml:6:"},
      {Replace(kFile, "  law: 施行令 第1条\n", "  lw: 施行令 第1条\n"), "p.yaml:3:3:"},
      {Replace(kFile, "period: income_year", "period: calendar"),
       "p.yaml:8:11: table.period: 「calendar」は使えません。fiscal_year、income_year、month"},
      {Replace(kFile, "known_through: 2026\n", "known_through: 2020\n"),
       "p.yaml:1:16: limit: known_through 2020 が最後の値の年度 2022 より前です"},
      {Replace(kFile, "known_through: 2026\n", ""),
       "p.yaml:1:1: limit: known_through がありません"},
      {Replace(kFile, "  known_through: open\n", "  known_through: never\n"),
       "p.yaml:13:18: law_shape.known_through"},
      {"known_through: 2026\n", "p.yaml:1:1: 系列が1つもありません"},
      {kFile + "empty:\n  values: []\n",
       "p.yaml:17:11: empty.values: 値を1つ以上のリストで書いてください"},
  };
  for (const Case& c : cases) {
    const std::string m = Error(c.text);
    EXPECT_EQ(m.rfind(c.expected, 0), 0u) << c.expected << "\n  got: " << m;
  }
}

TEST(ParameterFile, MonthSeriesResolveByMonth) {
  // period: month (診療年月 rules): the entry from 2024-06 applies to 2024-06 and after, the
  // one from 2022-04 before; 2026-06 is past known_through 2026-05.
  const std::string text =
      "known_through: 2026-05\n"                                         // 1
      "rules:\n"                                                         // 2
      "  law: 点数表\n"                                                  // 3
      "  period: month\n"                                                // 4
      "  values:\n"                                                      // 5
      "    - {from: 2022-04, amount: 1, confirmed: true, source: a}\n"   // 6
      "    - {from: 202406, amount: 2, confirmed: false, source: b}\n";  // 7
  const ParameterFile f = ParameterFile::Parse(text, "m.yaml");
  ParameterNotes notes;
  auto amount = [&](std::int32_t month, YearPolicy policy = {}) {
    auto e = f.TryResolveMonth("rules", month, policy, notes);
    if (!e) return -1;
    e->map.ExpectKeys(ResolvedEntry::Fields({"amount"}));
    return e->map.Integer("amount", 0, 9);
  };
  EXPECT_EQ(amount(202203), -1);
  EXPECT_EQ(amount(202204), 1);
  EXPECT_EQ(amount(202405), 1);
  EXPECT_TRUE(notes.empty());
  EXPECT_EQ(amount(202406), 2);
  ASSERT_EQ(notes.notes().size(), 1u);
  EXPECT_EQ(notes.Lines().front().rfind("2024年6月: rules (m.yaml, 2024年6月から適用) は未確認", 0),
            0u)
      << notes.Lines().front();
  EXPECT_THROW(amount(202606), YearNotKnownError);
  EXPECT_EQ(amount(202606, YearPolicy{true}), 2);
  EXPECT_EQ(f.Series("rules").entries[1].from_month, 202406);
  // A fiscal-year lookup of a month series resolves April of that year.
  ParameterNotes n2;
  EXPECT_EQ(f.TryResolve("rules", FiscalYear(2024), {}, n2)->from_month, 202204);
  // Bad months and order, at their positions.
  const std::string bad =
      "rules:\n  period: month\n  known_through: open\n  values:\n"
      "    - {from: 2024-13, amount: 1, confirmed: true, source: a}\n";
  EXPECT_EQ(Error(bad).rfind(
                "p.yaml:5:14: rules.values[0].from: 年月を 2024-06 のように書いてください", 0),
            0u)
      << Error(bad);
  const std::string order =
      "rules:\n  period: month\n  known_through: open\n  values:\n"
      "    - {from: 2024-06, amount: 1, confirmed: true, source: a}\n"
      "    - {from: 2022-04, amount: 1, confirmed: true, source: a}\n";
  EXPECT_NE(Error(order).find("古い順に書いてください (2022-04 が 2024-06 の後にあります)"),
            std::string::npos)
      << Error(order);
  const std::string yearly =
      "known_through: 2026\nrules:\n  period: month\n  values:\n"
      "    - {from: 2024-06, amount: 1, confirmed: true, source: a}\n";
  EXPECT_NE(
      Error(yearly).find("月ごとの系列 (period: month) の known_through は 2026-05 のような年月"),
      std::string::npos)
      << Error(yearly);
}

TEST(ParameterFile, EveryEmbeddedFileLoads) {
  const std::vector<std::string> files = EmbeddedParameterFiles();
  EXPECT_GE(files.size(), 5u);
  for (const std::string& path : files) {
    const ParameterFile f = ParameterFile::Embedded(path);
    for (const ParameterSeries* s : f.AllSeries()) {
      EXPECT_FALSE(s->law.empty()) << path << " " << s->name << ": every series names its law";
      EXPECT_FALSE(s->description.empty()) << path << " " << s->name;
    }
  }
}

}  // namespace
}  // namespace kokuho
