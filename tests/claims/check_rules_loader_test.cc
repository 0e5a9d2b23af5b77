// The rule tables of the 二次点検 read from data/claims/check_rules.yaml and a user's folder:
// the R06 rows from 2024-06, the R04 rows before, user rows replacing bundled ones by code,
// and bad rows at file:line:column.
#include "readers/claims/check_rules_loader.h"

#include <gtest/gtest.h>

#include "../io/io_test_util.h"
#include "check_test_util.h"
#include "claims/check_engine.h"

namespace kokuho {
namespace {

TEST(ClaimsRuleBook, TheBundledTablesByMonth) {
  ClaimsRuleBook book("", YearPolicy{});
  const claims::RuleTable& r06 = book.For(202406);
  EXPECT_EQ(r06.from_month, 202406);
  ASSERT_EQ(r06.FrequencyOf(160010010).size(), 1u);  // HbA1c 月1回
  EXPECT_EQ(r06.frequency[r06.FrequencyOf(160010010)[0]].limit, 1);
  EXPECT_FALSE(r06.FrequencyOf(113707110).empty());  // 生活習慣病管理料(II), R06 only
  EXPECT_TRUE(r06.IsFirstVisit(111000110));
  EXPECT_TRUE(r06.IsPrescriptionFee(120002910));
  EXPECT_EQ(r06.first_visit_gap_months, 1);
  const claims::RuleTable& r04 = book.For(202405);
  EXPECT_EQ(r04.from_month, 202204);
  EXPECT_TRUE(r04.FrequencyOf(113707110).empty());
  EXPECT_FALSE(r04.FrequencyOf(160010010).empty());
  // Every row is unconfirmed: the notes say so.
  EXPECT_FALSE(book.notes().empty());
  // Past the R06 table (the R08 改定 from 2026-06): refused unless carried forward.
  EXPECT_THROW(book.For(202606), YearNotKnownError);
  ClaimsRuleBook carried("", YearPolicy{true});
  EXPECT_FALSE(carried.For(202606).FrequencyOf(160010010).empty());
  EXPECT_TRUE(carried.notes().AnyCarriedForward());
}

TEST(ClaimsRuleBook, MonthsBeforeTheFirstEntryAreReportedAsGaps) {
  // The bundled table starts at 2022-04 (R04): 2021-10 has no rows, and that is said (the
  // bundled sample RECEIPTC_GAIRAI_SAMPLE.UKE is of 診療年月 2021-10).
  ClaimsRuleBook book("", YearPolicy{});
  EXPECT_TRUE(book.For(202110).frequency.empty());
  EXPECT_FALSE(book.For(202204).frequency.empty());
  const std::vector<std::string> gaps = book.Gaps();
  ASSERT_FALSE(gaps.empty());
  for (const std::string& g : gaps) {
    EXPECT_NE(g.find("2021年10月"), std::string::npos) << g;
    EXPECT_EQ(g.find("2022年4月"), std::string::npos) << g;
  }
  ClaimsRuleBook covered("", YearPolicy{});
  covered.For(202407);
  EXPECT_TRUE(covered.Gaps().empty());
}

TEST(ClaimsRuleBook, UserRowsReplaceAndExtend) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("mine.yaml"),
                      "frequency:\n"
                      "  description: 独自\n"
                      "  law: 電子点数表\n"
                      "  period: month\n"
                      "  known_through: open\n"
                      "  values:\n"
                      "    - from: 2024-06\n"
                      "      confirmed: true\n"
                      "      source: 電子点数表 05\n"
                      "      rules:\n"
                      "        - {code: \"160010010\", period: 月, limit: 2, source: 例}\n"
                      "        - {code: \"160999910\", period: 3月, limit: 1, source: 例}\n");
  ClaimsRuleBook book(dir.path(), YearPolicy{});
  const claims::RuleTable& t = book.For(202407);
  ASSERT_EQ(t.FrequencyOf(160010010).size(), 1u);
  EXPECT_EQ(t.frequency[t.FrequencyOf(160010010)[0]].limit, 2);  // replaced
  ASSERT_EQ(t.FrequencyOf(160999910).size(), 1u);                // added
  EXPECT_EQ(t.frequency[t.FrequencyOf(160999910)[0]].period.months, 3);
  EXPECT_EQ(book.Files().size(), 2u);
}

TEST(ClaimsRuleBook, BadRowsAtTheirPosition) {
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("bad.yaml"),
                      "frequency:\n"
                      "  law: x\n"
                      "  period: month\n"
                      "  known_through: open\n"
                      "  values:\n"
                      "    - from: 2024-06\n"
                      "      confirmed: true\n"
                      "      source: x\n"
                      "      rules:\n"
                      "        - {code: \"160010010\", period: 7月, limit: 1, source: x}\n");
  ClaimsRuleBook book(dir.path(), YearPolicy{});
  try {
    book.For(202407);
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bad.yaml:10:"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("frequency.period"), std::string::npos) << e.what();
  }
}

TEST(ClaimsRuleBook, BundledAndUserExclusiveAndInclusiveRows) {
  // Bundled: 初診料 × 再診料 (1日, 背反区分 1) from 2022-04; 生活習慣病管理料 (I)(II) include
  // 特定疾患療養管理料 in their month from 2024-06 (R06 codes), no 包括 rows before.
  ClaimsRuleBook bundled("", YearPolicy{});
  const claims::RuleTable& r06 = bundled.For(202406);
  ASSERT_FALSE(r06.PairsOf(111000110).empty());
  const claims::PairRule& p = r06.Pairs()[r06.PairsOf(111000110)[0]];
  EXPECT_EQ(p.second, 112007410u);
  EXPECT_EQ(p.keep, claims::KeepSide::kFirst);
  EXPECT_EQ(p.unit, claims::PairUnit::kDay);
  EXPECT_EQ(r06.PairsOf(113001810).size(), 4u);  // in four 生活習慣病管理料 groups
  EXPECT_TRUE(bundled.For(202405).PairsOf(113001810).empty());
  EXPECT_TRUE(bundled.Gaps().empty());

  // A user's rows: a 背反 row given the other way round replaces the bundled one (same pair,
  // same unit); a 1週間 pair and a 同時 包括 group are added.
  io_test::TempDir dir;
  io_test::WriteBytes(dir.Path("haihan.yaml"),
                      "exclusive:\n"
                      "  law: 電子点数表 03\n"
                      "  period: month\n"
                      "  known_through: open\n"
                      "  values:\n"
                      "    - from: 2024-06\n"
                      "      confirmed: true\n"
                      "      source: 電子点数表 03-1, 03-4\n"
                      "      rules:\n"
                      "        - {code1: \"112007410\", code2: \"111000110\", unit: 1日, keep: 2,"
                      " special: true, source: 03-1}\n"
                      "        - {code1: \"140111110\", code2: \"140222210\", unit: 週, keep: 3,"
                      " source: 03-4}\n"
                      "inclusive:\n"
                      "  law: 電子点数表 01, 02\n"
                      "  period: month\n"
                      "  known_through: open\n"
                      "  values:\n"
                      "    - from: 2024-06\n"
                      "      confirmed: true\n"
                      "      source: 電子点数表 02\n"
                      "      rules:\n"
                      "        - {code: \"140009310\", group: \"J045\", unit: \"03\", included:"
                      " [{code: \"140999910\"}, {code: \"140999810\", special: true}],"
                      " source: 02}\n");
  ClaimsRuleBook book(dir.path(), YearPolicy{});
  const claims::RuleTable& t = book.For(202407);
  ASSERT_EQ(t.PairsOf(111000110).size(), 1u);
  const claims::PairRule& replaced = t.Pairs()[t.PairsOf(111000110)[0]];
  EXPECT_EQ(replaced.first, 112007410u);
  EXPECT_EQ(replaced.keep, claims::KeepSide::kSecond);
  EXPECT_TRUE(replaced.special);
  ASSERT_EQ(t.PairsOf(140222210).size(), 1u);
  EXPECT_EQ(t.Pairs()[t.PairsOf(140222210)[0]].unit, claims::PairUnit::kWeek);
  ASSERT_EQ(t.PairsOf(140009310).size(), 2u);  // the group's two members
  const claims::PairRule& member = t.Pairs()[t.PairsOf(140999810)[0]];
  EXPECT_TRUE(member.inclusive);
  EXPECT_EQ(member.unit, claims::PairUnit::kSimultaneous);
  EXPECT_EQ(member.keep, claims::KeepSide::kFirst);
  EXPECT_TRUE(member.special);
  EXPECT_EQ(t.inclusive.back().group, "J045");
}

TEST(ClaimsRuleBook, TheBundledPairsFindTheirCases) {
  // With the bundled table only. 診療年月 2024-06 (R06): 再診料, 外来管理加算 (52 点) and
  // 創傷処置 on the 5th → H01 on 外来管理加算 (背反区分 2: the 処置 stays), 52 点;
  // 生活習慣病管理料(I)(糖尿病) on the 3rd and 特定疾患療養管理料 (225 点) on the 17th → H02
  // on 特定疾患療養管理料, 225 点. The same receipt in 2024-05 (R04 entry: no 包括 rows) →
  // H01 only.
  auto run = [](const std::string& month, int billing) {
    ClaimsRuleBook book("", YearPolicy{});
    claims::InstitutionTable inst;
    claims::CheckEngine engine(book, inst);
    check_test::MedFile f("1000001", billing);
    f.Add(check_test::Person{}, month)
        .Si("12", "112007410", 75, {3, 5, 17})
        .Si("13", "112011010", 52, {5})
        .Si("40", "140000610", 52, {5})
        .Si("13", "113041910", 760, {3})
        .Si("13", "113001810", 225, {17});
    std::vector<claims::Finding> out;
    engine.AddMonth(check_test::ViewOf({{f.Name(), f.Bytes()}}, inst), out);
    return out;
  };
  const std::vector<claims::Finding> r06 = run("202406", 202407);
  ASSERT_EQ(r06.size(), 2u);
  EXPECT_EQ(r06[0].rule, "H01");
  EXPECT_EQ(r06[0].code, 112011010u);
  EXPECT_EQ(r06[0].points, 52);
  EXPECT_EQ(r06[1].rule, "H02");
  EXPECT_EQ(r06[1].code, 113001810u);
  EXPECT_EQ(r06[1].points, 225);
  const std::vector<claims::Finding> r04 = run("202405", 202406);
  ASSERT_EQ(r04.size(), 1u);
  EXPECT_EQ(r04[0].rule, "H01");
}

TEST(ClaimsRuleBook, BadExclusiveAndInclusiveRowsAtTheirPosition) {
  auto error = [](const std::string& body) {
    io_test::TempDir dir;
    io_test::WriteBytes(dir.Path("bad.yaml"), body);
    ClaimsRuleBook book(dir.path(), YearPolicy{});
    try {
      book.For(202407);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  const std::string head =
      "  law: x\n  period: month\n  known_through: open\n  values:\n    - from: 2024-06\n"
      "      confirmed: true\n      source: x\n      rules:\n";
  // 背反区分 4 does not exist (1, 2, 3).
  std::string e = error("exclusive:\n" + head +
                        "        - {code1: \"111000110\", code2: \"112007410\", unit: 日, "
                        "keep: 4, source: x}\n");
  EXPECT_NE(e.find("bad.yaml:10:"), std::string::npos) << e;
  EXPECT_NE(e.find("keep"), std::string::npos) << e;
  // A 包括 group has no 1週間 unit (包括単位 01–03 only).
  e = error("inclusive:\n" + head +
            "        - {code: \"113999910\", unit: 週, included: [{code: \"160999810\"}], "
            "source: x}\n");
  EXPECT_NE(e.find("bad.yaml:10:"), std::string::npos) << e;
  EXPECT_NE(e.find("unit"), std::string::npos) << e;
  // The same code on both sides.
  e = error("exclusive:\n" + head +
            "        - {code1: \"111000110\", code2: \"111000110\", unit: 日, keep: 1, "
            "source: x}\n");
  EXPECT_NE(e.find("同じコード"), std::string::npos) << e;
}

}  // namespace
}  // namespace kokuho
