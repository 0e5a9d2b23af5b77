// The population check in one piece (CheckPopulation) and in two, fused with the
// preparation (CheckPopulationStructure, then CheckHousehold run by PrepareAll on every
// thread, as the Python module does for numpy columns read in place): the same first
// error, at the same row, with the same message, however the households are split across
// threads; and a population that passes is prepared exactly as without the check.
#include "readers/population_check.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

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
      EXPECT_NE(whole.find(fmt::format("household {}", p.household_id[early])), std::string::npos)
          << whole;
      for (unsigned threads : {1u, 2u, 3u})
        EXPECT_EQ(FusedError(p, *rules_, threads), whole)
            << first.what << " then " << second.what << ", " << threads << " threads";
    }
}

// A structural error (a municipality index outside the table) late in the rows comes
// before a wrong value early: the structure is checked first, as in CheckPopulation.
TEST_F(PopulationCheckTest, StructureBeforeValues) {
  Population p = *pop_;
  p.salary_revenue[5] = -1;
  p.municipality[p.households() - 1] = 9;
  const std::string whole = ErrorOf([&] { CheckPopulation(p, "<columns>"); });
  EXPECT_NE(whole.find("municipality: index outside the table of 3 municipalities"),
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
