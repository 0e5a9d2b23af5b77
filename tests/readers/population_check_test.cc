// The population check in one piece (CheckPopulation) and in two, fused with the
// preparation (CheckPopulationStructure, then CheckHousehold run by PrepareAll on every
// thread, as the Python module does for numpy columns read in place): the same first
// error, at the same row, with the same message, however the households are split across
// threads; and a population that passes is prepared exactly as without the check.
#include "readers/population_check.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "../japanese_text.h"
#include "../premium/population_test_util.h"
#include "core/error.h"
#include "premium/batch.h"
#include "premium/synth.h"
#include "readers/premium_rules_loader.h"

namespace kokuho {
namespace {

using premium::Population;
using premium::PopulationView;

/// The message of the error `fn` throws ("" when none).
template <typename Fn>
std::string ErrorOf(Fn&& fn) {
  try {
    fn();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

/// The first error as the Python module finds it: the structure, then each household's
/// values beside its preparation on `threads` threads.
std::string FusedError(const Population& pop, const premium::NationalRules& rules,
                       unsigned threads) {
  return ErrorOf([&] {
    const PopulationView view = pop.View();
    CheckPopulationStructure(view, "<columns>");
    premium::PrepareAll(view, rules, threads, {},
                        [&](std::size_t h) { CheckHousehold(view, h, "<columns>"); });
  });
}

class PopulationCheckTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    pop_ = new Population(premium::Synthesize(premium::testing::SmallPrefecture(4000, 11)));
    rules_ = new premium::NationalRules(LoadNationalRules(2026));
  }
  static void TearDownTestSuite() {
    delete pop_;
    delete rules_;
  }
  static Population* pop_;
  static premium::NationalRules* rules_;
};
Population* PopulationCheckTest::pop_ = nullptr;
premium::NationalRules* PopulationCheckTest::rules_ = nullptr;

TEST_F(PopulationCheckTest, CleanPopulationPreparedAsWithoutTheCheck) {
  EXPECT_EQ(ErrorOf([&] { CheckPopulation(*pop_, "<columns>"); }), "");
  std::atomic<std::size_t> checked{0};
  const PopulationView view = pop_->View();
  const auto with = premium::PrepareAll(view, *rules_, 2, {}, [&](std::size_t h) {
    CheckHousehold(view, h, "<columns>");
    ++checked;
  });
  const auto without = premium::PrepareAll(*pop_, *rules_, 1);
  EXPECT_EQ(checked, pop_->households());
  ASSERT_EQ(with.size(), without.size());
  for (std::size_t h = 0; h < with.size(); ++h) {
    ASSERT_EQ(with[h].tier, without[h].tier) << h;
    ASSERT_EQ(with[h].keigen_income, without[h].keigen_income) << h;
    ASSERT_EQ(with[h].municipality, without[h].municipality) << h;
    ASSERT_EQ(with[h].BaseMonths(false), without[h].BaseMonths(false)) << h;
    ASSERT_EQ(with[h].BaseMonths(true), without[h].BaseMonths(true)) << h;
  }
}

// Two wrong values, one in each half of the households (each thread's chunk): the fused
// check reports the first in row order, as the whole check does, on 1, 2 and 3 threads.
TEST_F(PopulationCheckTest, FirstErrorInRowOrderOnEveryThreadCount) {
  const std::size_t late = pop_->households() - 10, early = 300;
  struct Corruption {
    const char* what;
    void (*apply)(Population&, std::size_t household);
  };
  const Corruption corruptions[] = {
      {"negative amount",
       [](Population& p, std::size_t h) { p.salary_revenue[p.member_offset[h]] = -1; }},
      {"no head",
       [](Population& p, std::size_t h) {
         for (auto i = p.member_offset[h]; i < p.member_offset[h + 1]; ++i)
           p.flags[i] &= ~premium::kHead;
       }},
      {"bad date", [](Population& p, std::size_t h) { p.joined[p.member_offset[h]] = 20260231; }},
  };
  for (const Corruption& first : corruptions)
    for (const Corruption& second : corruptions) {
      Population p = *pop_;
      second.apply(p, late);
      first.apply(p, early);
      const std::string whole = ErrorOf([&] { CheckPopulation(p, "<columns>"); });
      ASSERT_NE(whole, "") << first.what;
      EXPECT_NE(whole.find(fmt::format("(世帯 {}): ", p.household_id[early])), std::string::npos)
          << whole;
      for (unsigned threads : {1u, 2u, 3u})
        EXPECT_EQ(FusedError(p, *rules_, threads), whole)
            << first.what << " then " << second.what << ", " << threads << " threads";
    }
}

// Every check, one at a time on a clean population: the error is at the row of the wrong
// value (the household's first row for a household column), in Japanese (the guard of
// tests/japanese_text.h), opens with the column and the household ("flags (世帯 17): "),
// says what to write, and never shows an amount.
TEST_F(PopulationCheckTest, EachCheckIsJapaneseAtItsRow) {
  // A household of two or more members, the second insured and not the head.
  std::size_t h = 200;
  while (pop_->member_offset[h + 1] - pop_->member_offset[h] < 2 ||
         !(pop_->flags[pop_->member_offset[h] + 1] & premium::kInsured) ||
         (pop_->flags[pop_->member_offset[h] + 1] & premium::kHead))
    ++h;
  const std::size_t b = pop_->member_offset[h], m = b + 1;
  // An amount that would show if a message printed one.
  constexpr std::int64_t kSecret = 987'654'321;
  struct Case {
    const char* column;
    std::size_t row;  // 0-based member row the error must name
    const char* says;
    std::function<void(Population&)> apply;
  };
  const std::vector<Case> cases = {
      {"tokutei_since", b, "特定世帯となった日を yyyymmdd の整数",
       [&](Population& p) { p.tokutei_since[h] = 20260230; }},
      {"birth_date", m, "生年月日を yyyymmdd の整数", [&](Population& p) { p.birth_date[m] = 1; }},
      {"flags", m, "「193」には使えないビットがあります",
       [&](Population& p) { p.flags[m] = premium::kInsured | 64 | 128; }},
      {"tokutei_doitsu", m, "国保の加入 (insured) を 0 にしてください",
       [&](Population& p) { p.flags[m] |= premium::kTokuteiDoitsu; }},
      {"joined", m, "日付を yyyymmdd の整数", [&](Population& p) { p.joined[m] = 20261301; }},
      {"left", m, "日付を yyyymmdd の整数", [&](Population& p) { p.left[m] = 20260000; }},
      {"former_dependent_since", m, "日付を yyyymmdd の整数",
       [&](Population& p) { p.former_dependent_since[m] = 2026; }},
      {"left", m, "資格喪失日 (left) は資格取得日 (joined) より後の日付",
       [&](Population& p) {
         p.joined[m] = 20260601;
         p.left[m] = 20260601;
       }},
      {"birth_month", m, "出産予定月を yyyymm の整数",
       [&](Population& p) { p.birth_month[m] = 202613; }},
      {"birth_multiple", m, "出産予定月 (birth_month) も入力",
       [&](Population& p) {
         p.birth_month[m] = 0;
         p.flags[m] |= premium::kBirthMultiple;
       }},
      {"other_income", m, "金額は0以上100億円以下の円単位の整数",
       [&](Population& p) { p.other_income[m] = -kSecret; }},
      {"fixed_asset_tax", m, "金額は0以上100億円以下の円単位の整数",
       [&](Population& p) { p.fixed_asset_tax[m] = kSecret * 100; }},
      {"land_gains_deduction", m, "特別控除は分離譲渡所得 (land_gains) 以下の額",
       [&](Population& p) {
         p.land_gains[m] = kSecret;
         p.land_gains_deduction[m] = kSecret + 1;
       }},
      {"unemployment_reason", m, "離職理由コード「13」は使えません",
       [&](Population& p) {
         p.unemployment_separation[m] = 20250930;
         p.unemployment_reason[m] = 13;
       }},
      {"unemployment_reason", m, "離職理由コードも入力してください",
       [&](Population& p) {
         p.unemployment_separation[m] = 20250930;
         p.unemployment_reason[m] = 0;
       }},
      {"unemployment_separation", m, "離職日も入力してください",
       [&](Population& p) {
         p.unemployment_separation[m] = 0;
         p.unemployment_reason[m] = 11;
       }},
      {"head", b, "世帯主は1世帯に1人だけにしてください (この世帯は2人)",
       [&](Population& p) { p.flags[m] |= premium::kHead; }},
      {"head", b, "(この世帯は0人)",
       [&](Population& p) {
         for (auto i = p.member_offset[h]; i < p.member_offset[h + 1]; ++i)
           p.flags[i] &= ~premium::kHead;
       }},
      {"insured", b, "国保に加入している人 (insured = 1) を1世帯に1人以上",
       [&](Population& p) {
         for (auto i = p.member_offset[h]; i < p.member_offset[h + 1]; ++i)
           p.flags[i] &= ~premium::kInsured;
       }},
  };
  for (const Case& c : cases) {
    Population p = *pop_;
    c.apply(p);
    try {
      CheckPopulation(p, "<columns>");
      ADD_FAILURE() << c.column << " " << c.says << ": no error";
    } catch (const InputError& e) {
      const std::string& msg = e.message();
      EXPECT_EQ(e.pos().file, "<columns>");
      EXPECT_EQ(e.pos().line, static_cast<int>(c.row + 1)) << msg;
      EXPECT_EQ(msg.rfind(fmt::format("{} (世帯 {}): ", c.column, p.household_id[h]), 0), 0u)
          << msg;
      EXPECT_NE(msg.find(c.says), std::string::npos) << msg;
      EXPECT_EQ(test::JapaneseMessageProblem(msg), "") << msg;
      EXPECT_EQ(msg.find("987"), std::string::npos) << msg;
      EXPECT_EQ(msg.find("98,7"), std::string::npos) << msg;
    }
  }
}

// The structure and the column sizes, in Japanese with the value found and the one expected.
TEST_F(PopulationCheckTest, StructureErrorsAreJapanese) {
  struct Case {
    const char* starts;
    const char* says;
    std::function<void(Population&)> apply;
  };
  const std::vector<Case> cases = {
      {"member_offset: ", "最初の値は 0 にしてください（「1」）",
       [](Population& p) { p.member_offset[0] = 1; }},
      {"member_offset (世帯 ", "どの世帯にも世帯員が1人以上必要です",
       [](Population& p) { p.member_offset[3] = p.member_offset[2]; }},
      {"member_offset: ", "member_offset は世帯数 + 1",
       [](Population& p) { p.member_offset.pop_back(); }},
      {"members: ", "世帯員ごとの列は世帯員数と同じ", [](Population& p) { p.joined.push_back(0); }},
      {"municipality: ", "「102017」は検査数字 (6桁目) が合いません。102016",
       [](Population& p) { p.municipalities[0] = "102017"; }},
      {"municipality: ", "「10201」は検査数字付きの6桁で書いてください (この団体コードなら 102016)",
       [](Population& p) { p.municipalities[0] = "10201"; }},
  };
  for (const Case& c : cases) {
    Population p = *pop_;
    p.municipalities[0] = "102016";  // 前橋市, so that the expected codes are known
    c.apply(p);
    std::string msg;
    try {
      CheckPopulation(p, "<columns>");
    } catch (const InputError& e) {
      msg = e.message();
    }
    EXPECT_EQ(msg.rfind(c.starts, 0), 0u) << msg;
    EXPECT_NE(msg.find(c.says), std::string::npos) << msg;
    EXPECT_EQ(test::JapaneseMessageProblem(msg), "") << msg;
  }
}

// A structural error (a municipality index outside the table) late in the rows comes
// before a wrong value early: the structure is checked first, as in CheckPopulation.
TEST_F(PopulationCheckTest, StructureBeforeValues) {
  Population p = *pop_;
  p.salary_revenue[5] = -1;
  p.municipality[p.households() - 1] = 9;
  const std::string whole = ErrorOf([&] { CheckPopulation(p, "<columns>"); });
  EXPECT_NE(whole.find("municipality (世帯 "), std::string::npos) << whole;
  EXPECT_NE(whole.find("市町村の番号「9」が市町村表 (3 市町村、番号は 0〜2) の外です"),
            std::string::npos)
      << whole;
  EXPECT_EQ(FusedError(p, *rules_, 2), whole);
}

// The hook's contract on its own: the lowest failing household's exception, every
// household below it checked, none prepared after a failure in its chunk; a check error
// wins over a preparation error elsewhere.
TEST_F(PopulationCheckTest, PrepareAllRethrowsTheLowestCheckError) {
  const PopulationView view = pop_->View();
  for (unsigned threads : {1u, 2u, 4u}) {
    std::atomic<std::size_t> below{0};
    try {
      premium::PrepareAll(view, *rules_, threads, {}, [&](std::size_t h) {
        if (h < 1500) ++below;
        if (h == 3900 || h == 1500 || h == 2600) throw std::runtime_error(std::to_string(h));
      });
      ADD_FAILURE() << "no exception";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "1500") << threads << " threads";
    }
    EXPECT_EQ(below, 1500u) << threads << " threads";
  }
  // 産前産後 (出産予定月) for a member under 18: Prepare throws CalculationError (spec §5.4).
  Population p = *pop_;
  std::size_t child = p.member_offset[100];
  while (!(p.flags[child] & premium::kInsured)) ++child;
  p.birth_date[child] = 20160401;
  p.birth_month[child] = 202607;
  const PopulationView bad = p.View();
  EXPECT_THROW(premium::PrepareAll(bad, *rules_, 2), CalculationError);
  try {
    premium::PrepareAll(bad, *rules_, 2, {}, [](std::size_t h) {
      if (h == 3000) throw std::runtime_error("check");
    });
    ADD_FAILURE() << "no exception";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "check");
  }
}

}  // namespace
}  // namespace kokuho
