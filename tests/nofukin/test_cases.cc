#include "test_cases.h"

#include <fmt/format.h>

namespace kokuho::nofukin::testing {

MunicipalityCode CodeFor(int n) { return *MunicipalityCode::TryParse(fmt::format("10{:03d}", n)); }

Case WorkedExample(const std::string& alpha) {
  Case c;
  c.prefecture = "例示県";
  c.prefecture_code = "10";
  c.fiscal_year = FiscalYear(2024);
  c.parts = {Part::kIryo};
  c.allocation = LevyMethod::kThree;
  PartPolicy& p = c.policy(Part::kIryo);
  // 保険料収納必要総額 chosen so that C = 7,500,000,000 after the items:
  // C = total + Σ減算 (10,000,000) − Σ加算 (5,000,000) ⇒ total = 7,495,000,000.
  p.expenses = {{"保険給付費等", 7'495'000'000}};
  p.alpha = Rational::Parse(alpha);
  p.beta = Rational::Parse("0.9");
  p.beta_prime = p.beta;
  p.equal_share_index = Rational::Parse("0.7");
  p.standard_levy = LevyMethod::kThree;
  p.prefecture_collection_rate = Rational::Parse("0.95");
  c.items = {{"地単減額", "地単", Part::kIryo, +1, ItemStage::kNofukin},
             {"努力支援", "努力", Part::kIryo, -1, ItemStage::kNofukin},
             {"保健事業費", "保健", Part::kIryo, +1, ItemStage::kStandardRate},
             {"保険者支援分", "支援", Part::kIryo, -1, ItemStage::kStandardRate}};
  struct Row {
    const char* name;
    int n, h;
    Yen income;
    const char* eps;
    Yen chitan, doryoku, hoken, shien;
    const char* r;
  };
  const Row rows[] = {
      {"A", 50000, 32000, 40'000'000'000, "0.98", 5'000'000, 0, 150'000'000, 120'000'000, "0.93"},
      {"B", 20000, 13000, 12'000'000'000, "1.05", 0, 0, 60'000'000, 70'000'000, "0.95"},
      {"C", 5000, 3500, 2'500'000'000, "1.12", 0, 10'000'000, 20'000'000, 25'000'000, "0.97"},
  };
  int k = 1;
  for (const Row& row : rows) {
    MunicipalityInput m{CodeFor(k++)};
    m.name = row.name;
    MunicipalityPartInput& mp = m.part(Part::kIryo);
    mp.insured = row.n;
    mp.households = row.h;
    mp.income_years = {row.income};
    mp.collection_rate = Rational::Parse(row.r);
    mp.own = {LevyMethod::kThree, Rational::Parse("0.9") / Rational::Parse("1.9"),
              Rational::Parse("0.7"), Rational(0), mp.collection_rate};
    m.epsilon = Rational::Parse(row.eps);
    m.item_amounts = {row.chitan, row.doryoku, row.hoken, row.shien};
    c.municipalities.push_back(std::move(m));
  }
  return c;
}

}  // namespace kokuho::nofukin::testing
