#include "claims/linkage.h"

#include "core/text.h"

namespace kokuho::claims {

std::string NormalizeKey(std::string_view utf8) {
  const std::string wide = NormalizeWidth(utf8);
  std::string out;
  out.reserve(wide.size());
  for (char c : wide)
    if (c != ' ') out.push_back(c);
  return out;
}

std::string PersonKey(const ClaimBatch& batch, const Receipt& receipt) {
  std::string insurer, branch, kohi;
  for (const Record& r : batch.RecordsOf(receipt)) {
    if (r.type == RecordCodeOf("HO") && insurer.empty()) {
      insurer = NormalizeKey(batch.Field(r, 1)) + "|" + NormalizeKey(batch.Field(r, 2)) + "|" +
                NormalizeKey(batch.Field(r, 3));
    } else if (r.type == RecordCodeOf("SN") && branch.empty()) {
      branch = NormalizeKey(batch.Field(r, 6));
    } else if (r.type == RecordCodeOf("KO") && kohi.empty()) {
      kohi = NormalizeKey(batch.Field(r, 1)) + "|" + NormalizeKey(batch.Field(r, 2));
    }
  }
  if (!insurer.empty()) return insurer + "|" + branch;
  return kohi;
}

}  // namespace kokuho::claims
