// The rule tables of the 二次点検 read from data/claims/check_rules.yaml and a user's folder:
// the R06 rows from 2024-06, the R04 rows before, user rows replacing bundled ones by code,
// and bad rows at file:line:column.
#include "readers/claims/check_rules_loader.h"

#include <gtest/gtest.h>

#include "../io/io_test_util.h"

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

}  // namespace
}  // namespace kokuho
