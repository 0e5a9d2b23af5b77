#include "cli/incentive_inputs.h"

#include <fmt/format.h>

#include "core/error.h"
#include "core/fiscal_year.h"
#include "io/value_parser.h"
#include "readers/incentive_loader.h"

namespace kokuho::cli {

IncentiveOutcome ComputeIncentive(const IncentiveRun& run) {
  // The year comes from --year (checked by its option) or from a scenario's incentive:
  // entry (checked here, naming the scenario's key).
  auto year = FiscalYear::TryParse(run.year.text);
  if (!year)
    throw InputError({"--year", 0, 0}, "「" + run.year.text +
                                           "」は年度として読めません。R3、2021、令和3年度 のように"
                                           "指定してください");
  IncentiveOutcome o;
  o.rules = run.rules_path.empty()
                ? LoadIncentiveRules(*year, run.year.Policy())
                : LoadIncentiveRulesFile(run.rules_path, *year, run.year.Policy());
  if (!run.budget.empty()) o.budget = ParseYen(run.budget, {"--budget", 0, 0}, "市町村分 budget");
  if (!run.national_path.empty()) o.national = LoadNationalAverage(run.national_path, o.rules);
  std::vector<incentive::Entity> entities = LoadIncentiveData(run.data_path, o.rules);
  o.scores = incentive::Score(o.rules, entities);
  if (o.budget) {
    if (o.scores.municipal.empty())
      throw InputError({run.data_path, 0, 0}, "--budget: データに市町村の行がありません");
    o.grants = incentive::AllocateGrant(*o.budget, o.scores.municipal);
  }
  return o;
}

}  // namespace kokuho::cli
