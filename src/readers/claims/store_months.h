// The claims stores a check or list run reads, in 請求年月 order, each turned into a check
// view (claims/check_view.h) from its typed columns, block by block.
//
//   for (const StoreMonth& s : FindStores({"store/"})) {
//     claims::CheckMonth m;
//     ReadStoreView(s.path, institutions, {}, m);   // verified blocks; no text parsing
//     engine.AddMonth(m, findings);
//   }
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

}  // namespace kokuho
