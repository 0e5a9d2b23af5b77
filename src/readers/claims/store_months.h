// The claims stores a check or list run reads, in 請求年月 order, each turned into a check
// view (claims/check_view.h) from its typed columns, block by block.
//
//   for (const StoreMonth& s : FindStores({"store/"})) {
//     claims::CheckMonth m;
//     ReadStoreView(s.path, institutions, {}, m);   // verified blocks; no text parsing
//     engine.AddMonth(m, findings);
//   }
//
// or, to read the next month while the engines run (one table per month, then adopted):
//
//   claims::InstitutionTable local;
//   ReadStoreView(s.path, local, {}, m);
//   AdoptInstitutions(local, institutions, m);
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "claims/check_view.h"

namespace kokuho {

struct StoreMonth {
  std::string path;
  std::int32_t billing_month = 0;  ///< 請求年月 of its files
  std::uint64_t receipts = 0;
};

/// The .kclm files named (a folder stands for its claims-*.kclm), ordered by 請求年月 then
/// path. Throws InputError for a path that is not a store, a folder without one, or two
/// stores of the same 請求年月 (months must not be counted twice).
std::vector<StoreMonth> FindStores(const std::vector<std::string>& paths);

/// Reads every block of a store into `out` (appending).
void ReadStoreView(const std::string& path, claims::InstitutionTable& institutions,
                   const claims::ViewOptions& options, claims::CheckMonth& out);

/// Renumbers the institutions of `month` (read with a table of its own, `local`) into the
/// run's table `run`, interning them in `local`'s order, so that reading a month into a
/// fresh table and adopting it gives the same numbers, names and kinds as reading it into
/// `run` directly. This lets the next month be read while the engines use `run` on this one
/// (src/cli/claims_check_command.cc).
void AdoptInstitutions(const claims::InstitutionTable& local, claims::InstitutionTable& run,
                       claims::CheckMonth& month);

}  // namespace kokuho
