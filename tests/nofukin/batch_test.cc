// ComputeAll is Compute in a threaded loop: same results, same order, errors passed on.
#include "nofukin/batch.h"

#include <gtest/gtest.h>

#include "test_cases.h"

namespace kokuho::nofukin {
namespace {

TEST(ComputeAll, SameResultsInOrderAsComputeOneByOne) {
  std::vector<Case> cases;
  for (const char* alpha : {"0", "0.25", "0.5", "0.75", "1"})
    cases.push_back(testing::WorkedExample(alpha));
  std::vector<Result> all = ComputeAll(cases, {}, 3);
  ASSERT_EQ(all.size(), cases.size());
  for (size_t k = 0; k < cases.size(); ++k) {
    Result one = Compute(cases[k]);
    for (size_t i = 0; i < one.municipalities.size(); ++i)
      EXPECT_EQ(all[k].municipalities[i].nofukin_total, one.municipalities[i].nofukin_total) << k;
    EXPECT_EQ(all[k].part(Part::kIryo)->gamma, one.part(Part::kIryo)->gamma) << k;
  }
}

TEST(ComputeAll, PassesOnACalculationError) {
  std::vector<Case> cases = {testing::WorkedExample("0.5"), testing::WorkedExample("0.5")};
  cases[1].municipalities.clear();  // "the case has no municipalities"
  EXPECT_THROW(ComputeAll(cases, {}, 2), CalculationError);
}

}  // namespace
}  // namespace kokuho::nofukin
