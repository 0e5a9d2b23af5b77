// Checks a population built in memory from columns (the Python module's DataFrames and
// numpy arrays), before it reaches the levy: the structure the .kpop reader checks (sizes,
// member offsets, municipality indexes) and the values the table reader checks cell by
// cell (dates, amounts, flags, one 世帯主 and an insured member per household), so that
// columns from any source are refused the way a file would be, never levied as they come.
//
//   premium::Population p = …;           // columns from a DataFrame
//   CheckPopulation(p, "<DataFrame>");   // InputError({"<DataFrame>", row, 0}, "head (世帯 7): …")
#pragma once

#include <string>

#include "premium/population.h"

namespace kokuho {

/// Throws InputError({name, r, 0}, "<column> (世帯 <id>): what is wrong and what to write", in
/// Japanese) at the first wrong value, r the 1-based member row (the household's first row for
/// household columns); messages never contain an amount. Checks: column sizes, member offsets from
/// 0, monotone, ending at the member count, every household with a member; municipality indexes
/// inside the table and 6-digit 団体コード with their check digit; birth dates and the other dates
/// valid (0 = none), 出産予定月 a valid yyyymm or 0; amounts 0 to 10,000,000,000 yen; only known
/// flag bits; exactly one 世帯主 and at least one 国保 member per household; 特定同一 only for a
/// member who is not insured; 離職日 and 離職理由コード together, with a known code.
void CheckPopulation(const premium::Population& pop, const std::string& name);

/// CheckPopulation in two parts, for columns read in place (a view has its sizes by
/// construction): the structure (member offsets, municipality indexes and codes), then each
/// household's values (CheckHousehold, in row order: the first error is the lowest row;
/// premium::PrepareAll runs it beside the preparation). Same messages.
void CheckPopulationStructure(const premium::PopulationView& pop, const std::string& name);
void CheckHousehold(const premium::PopulationView& pop, std::size_t h, const std::string& name);

}  // namespace kokuho
