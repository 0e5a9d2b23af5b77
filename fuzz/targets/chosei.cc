// 普通調整交付金: coefficients (YAML; an empty first part: the embedded ones of R5) and the
// data table, split at "\n%%%%\n", computed.
#include <optional>

#include "chosei/grant.h"
#include "core/error.h"
#include "fuzz/fuzz_target.h"
#include "readers/chosei_loader.h"

KOKUHO_FUZZ_TARGET(chosei) {
  using namespace kokuho::fuzz;
  const auto parts = SplitParts(AsText(data, size), 2);
  const kokuho::FiscalYear year = *kokuho::FiscalYear::TryParse("R5");
  // The embedded coefficients are parsed once (the suite covers them).
  static const kokuho::chosei::Coefficients embedded = kokuho::LoadChoseiCoefficients(year);
  try {
    std::optional<kokuho::chosei::Coefficients> parsed;
    if (!parts[0].empty())
      parsed = kokuho::ParseChoseiCoefficients(parts[0], "coefficients.yaml", year);
    const kokuho::chosei::Coefficients& c = parsed ? *parsed : embedded;
    const auto prefectures = kokuho::LoadChoseiData(WriteScratch("data.csv", parts[1]));
    kokuho::chosei::ComputeAll(c, prefectures);
  } catch (const kokuho::InputError&) {
  } catch (const kokuho::CalculationError&) {
  }
}
