// One receipt as readable text, laid out like a paper レセプト: the header (種別, 診療年月,
// 保険者, 公費), the 傷病名 with their names from the 傷病名・修飾語 masters, the 摘要 grouped
// by 診療識別 with the names of the codes from the masters and 点数 × 回数 per 算定単位,
// and the totals. Codes not in the masters show "(マスター未登録)" — nothing is guessed.
//
//   std::string text = RenderReceipt(batch, batch.receipts[0], file, &masters, {});
//
// Personal fields (氏名, 生年月日, 記号・番号, 受給者番号) are masked unless
// `show_personal` is set.
#pragma once

#include <string>

#include "claims/master.h"
#include "claims/model.h"

namespace kokuho::claims {

struct RenderOptions {
  bool show_personal = false;
};

/// The Japanese name of a 診療識別 code ("初診", "投薬 (内服)" …), empty when unknown.
std::string_view CategoryName(int category);

/// Describes a レセプト種別 ("医科・医保単独・本人入院外"), as far as the code table goes.
std::string ReceiptTypeText(int type);

/// Renders `receipt` (of `batch`, read from `file`). `masters` may be null.
std::string RenderReceipt(const ClaimBatch& batch, const Receipt& receipt, const FileSummary& file,
                          const MasterSet* masters, const RenderOptions& options);

}  // namespace kokuho::claims
