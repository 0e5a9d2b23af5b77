// The municipality table of a case (docs/case-format.md §2) and the optional
// age-band table (§3), read into a nofukin::Case whose prefecture settings are
// already loaded (parts, items, relief policy, defaults for the own basis).
#pragma once

#include <set>
#include <string>

#include "io/table.h"
#include "nofukin/model.h"

namespace kokuho {

/// The column names the table format defines (docs/case-format.md §2), for every 分;
/// an individual item may not reuse one of them.
std::set<std::string> StandardColumns();

/// Fills c.municipalities from the table. Unknown columns, missing required columns,
/// bad values, duplicate or invalid codes and codes of another prefecture are errors.
void ReadMunicipalityTable(const Table& table, nofukin::Case& c);

/// Fills each municipality's age_bands.
void ReadAgeBands(const Table& table, nofukin::Case& c);

/// Every municipality has ε given or age bands to compute it from.
void CheckEpsilonSources(const Table& table, const nofukin::Case& c);

}  // namespace kokuho
