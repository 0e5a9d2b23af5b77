// Loads the モデル世帯 (model households) of the 説明資料 (`kokuho handout`,
// docs/handout.md): a YAML file whose `households` list gives, for each household, a short
// `label` for the page and the keys of one household file (docs/household-format.md)
// except `municipality`. The default list is data/handout/model_households.yaml (embedded in
// the binary); a case folder's own model_households.yaml replaces it.
//
//   std::vector<scenario::ModelHousehold> list = LoadModelHouseholds(
//       ModelHouseholdsPath("examples/gunma-kakutei", ""), 2027);
#pragma once

#include <string>
#include <vector>

#include "scenario/model_households.h"

namespace kokuho {

/// The embedded default list's repository path.
inline constexpr const char* kDefaultModelHouseholds = "data/handout/model_households.yaml";

/// Which list to use: `option` when given (--model-households), else the case folder's
/// model_households.yaml when it exists (`case_path` is the folder or its prefecture.yaml),
/// else kDefaultModelHouseholds.
std::string ModelHouseholdsPath(const std::string& case_path, const std::string& option);

/// Reads the list for `fiscal_year` (ages become birth dates in that year). The path
/// kDefaultModelHouseholds reads the embedded file. Throws InputError at the file, line and
/// column: no list, an empty list or more than kMaxModelHouseholds, a missing or empty
/// `label`, a label given twice, `municipality` in an entry, and every household error.
std::vector<scenario::ModelHousehold> LoadModelHouseholds(const std::string& path, int fiscal_year);

/// Like LoadModelHouseholds for YAML text in memory; `name` stands for the file.
std::vector<scenario::ModelHousehold> ParseModelHouseholds(const std::string& text,
                                                           const std::string& name,
                                                           int fiscal_year);

/// At most this many households (the 説明資料 is one page).
inline constexpr std::size_t kMaxModelHouseholds = 8;

}  // namespace kokuho
