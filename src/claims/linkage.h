// Linkage keys: the 保険者番号 / 記号 / 番号 / 枝番 of a receipt normalised so that the same
// person's receipts from different institutions match (docs/claims-format.md).
//
// Only keys are normalised; the records keep the text as written. Rules: full-width
// ASCII (０-９, Ａ-Ｚ, －) to half-width, the ideographic and ASCII spaces dropped (国保
// 保険者番号 are 6 digits right-aligned in 8 with spaces: "  138057" → "138057"), the
// katakana "ー" left alone (core/text.h NormalizeWidth).
//
//   NormalizeKey("１９Ｄ０００１")  // "19D0001"
//   PersonKey(batch, receipt)      // "138057|12345678|10|" (保険者番号|記号|番号|枝番)
#pragma once

#include <string>
#include <string_view>

#include "claims/model.h"

namespace kokuho::claims {

/// Full-width to half-width, spaces removed.
std::string NormalizeKey(std::string_view utf8);

/// 保険者番号|記号|番号|枝番 (HO and SN 枝番) of a receipt, normalised; for a 公費単独
/// receipt the first KO's 公費負担者番号|受給者番号. Empty when neither is present.
std::string PersonKey(const ClaimBatch& batch, const Receipt& receipt);

}  // namespace kokuho::claims
