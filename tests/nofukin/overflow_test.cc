// Issue 12 item 8: yen sums used to wrap around int64 silently (expenses written as a sum of
// huge values gave exit 0 and a plausible wrong total; smaller overflows a misleading "must
// be positive"). Every sum is checked now; an overflow is an input error at the position of
// the amount that caused it (core/yen.h).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../io/io_test_util.h"
#include "nofukin/engine.h"
#include "readers/case_loader.h"
#include "test_cases.h"

namespace kokuho::nofukin {
namespace {

namespace fs = std::filesystem;
using testing::WorkedExample;

constexpr Yen k18Digits = 999'999'999'999'999'999;  // the largest amount a reader accepts

// The message of the InputError `fn` throws (empty when it throws something else or nothing).
template <typename F>
InputError Caught(F&& fn) {
  try {
    fn();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no InputError";
  return InputError({}, "");
}

TEST(YenOverflow, ExpensesSumIsCheckedAtTheAmountThatOverflows) {
  // 9 × (10^18 − 1) = 8,999,999,999,999,999,991 fits; the tenth amount leaves int64. Before,
  // the sum wrapped to a negative or plausible positive total.
  Case c = WorkedExample("0.5");
  PartPolicy& p = c.policy(Part::kIryo);
  p.expenses.clear();
  for (int i = 0; i < 10; ++i)
    p.expenses.push_back(
        {fmt::format("x{}", i), k18Digits, SourcePos{"prefecture.yaml", 30 + i, 11}});
  const InputError e = Caught([&] { p.RequiredPremiumTotal(); });
  EXPECT_EQ(e.pos().line, 39);  // the tenth amount
  EXPECT_EQ(e.pos().column, 11);
  EXPECT_NE(e.message().find("扱える金額の範囲"), std::string::npos) << e.what();
  EXPECT_THROW(Compute(c), InputError);
}

TEST(YenOverflow, MunicipalityItemsAreCheckedAtTheRow) {
  // Ten 加算 items of 10^18 − 1 yen on one municipality: their sum leaves int64.
  Case c = WorkedExample("0.5");
  for (int k = 0; k < 10; ++k)
    c.items.push_back(
        {fmt::format("巨額{}", k), fmt::format("巨額{}", k), Part::kIryo, +1, ItemStage::kNofukin});
  for (auto& m : c.municipalities)
    for (int k = 0; k < 10; ++k) m.item_amounts.push_back(k18Digits);
  c.municipalities[1].row = SourcePos{"municipalities.csv", 3, 0};
  c.municipalities[0].row = SourcePos{"municipalities.csv", 2, 0};
  const InputError e = Caught([&] { Compute(c); });
  EXPECT_EQ(e.pos().file, "municipalities.csv");
  EXPECT_EQ(e.pos().line, 2);  // the first municipality's own items overflow
  EXPECT_NE(e.message().find("個別加算の合計"), std::string::npos) << e.what();
}

TEST(YenOverflow, SumsAcrossMunicipalitiesAreChecked) {
  // One more 加算 item of 10^18 − 1 yen on every municipality: each municipality's own sum
  // fits, Σ個別加算 over municipalities does not once a tenth is added (10 × ~10^18 > 9.2 ×
  // 10^18). The worked example's A, B, C come first, then copies on lines 5, 6, …: the tenth
  // municipality is the seventh copy, line 11.
  Case c = WorkedExample("0.5");
  c.items.push_back({"巨額", "巨額", Part::kIryo, +1, ItemStage::kNofukin});
  for (auto& m : c.municipalities) m.item_amounts.push_back(k18Digits);
  const MunicipalityInput copy = c.municipalities[2];
  for (int i = 0; i < 9; ++i) {
    MunicipalityInput m = copy;
    m.code = testing::CodeFor(10 + i);
    m.row = SourcePos{"municipalities.csv", 5 + i, 0};
    c.municipalities.push_back(m);
  }
  const InputError e = Caught([&] { Compute(c); });
  EXPECT_EQ(e.pos().line, 11);
  EXPECT_NE(e.message().find("Σ個別加算"), std::string::npos) << e.what();
}

// Through the loader: the YAML sum is checked at the entry that overflows, and 19-digit
// amounts are refused in prefecture.yaml as in the CSV (at most 18 digits).
class CaseOverflow : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::copy(KOKUHO_SOURCE_DIR "/tests/data/bad_inputs/base", dir_.path(),
             fs::copy_options::recursive);
    yaml_ = io_test::ReadBytes(dir_.Path("prefecture.yaml"));
  }
  void WriteYaml(const std::string& from, const std::string& to) {
    std::string y = yaml_;
    const size_t at = y.find(from);
    ASSERT_NE(at, std::string::npos);
    y.replace(at, from.size(), to);
    io_test::WriteBytes(dir_.Path("prefecture.yaml"), y);
  }
  io_test::TempDir dir_;
  std::string yaml_;
};

TEST_F(CaseOverflow, YamlExpensesOverflowAtTheEntry) {
  // Lines 25–26 hold the base expenses (30,000,000,000 and 20,000,000); eleven entries of
  // 9 × 10^17 follow on lines 27–37. Σ after k of them = 30,020,000,000 + k × 9 × 10^17:
  // k = 10 gives 9,000,000,030,020,000,000 (fits), k = 11 does not — the entry x10, line 37,
  // whose value starts at column 12 ("      x10: ").
  std::string extra;
  for (int i = 0; i < 11; ++i) extra += fmt::format("      x{}: 900000000000000000\n", i);
  WriteYaml("      前期高齢者納付金等: 20000000\n", "      前期高齢者納付金等: 20000000\n" + extra);
  const InputError e = Caught([&] { LoadCase(dir_.path()); });
  EXPECT_EQ(e.pos().line, 37) << e.what();
  EXPECT_EQ(e.pos().column, 12) << e.what();
  EXPECT_NE(e.message().find("parts.iryo.expenses.x10"), std::string::npos) << e.what();
}

TEST_F(CaseOverflow, YamlNineteenDigitsRefused) {
  WriteYaml("      前期高齢者納付金等: 20000000\n",
            "      前期高齢者納付金等: 20000000\n      x: 1000000000000000000\n");
  const InputError e = Caught([&] { LoadCase(dir_.path()); });
  EXPECT_EQ(e.pos().line, 27) << e.what();
  EXPECT_EQ(e.pos().column, 10) << e.what();
  EXPECT_NE(e.message().find("18桁以下で入力してください"), std::string::npos) << e.what();
}

}  // namespace
}  // namespace kokuho::nofukin
