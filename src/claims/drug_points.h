// 薬剤料の点数: the price of one unit of a drug (a day's dose for 内服) turned into 点数, and
// the patient's share of an amount in yen, with their roundings.
//
//   DrugPoints(4520, 100000)   // 45.20 円 × 1 = 45.20 円 → 1 + ⌈(45.20 − 15) / 10⌉ = 5 点
//   DrugPoints(1390, 100000)   // 13.90 円 → 1 点 (15 円以下)
//   ShareYen(1230, 3)          // 1,230 円 × 3割 = 369 円 → 370 円 (10 円未満四捨五入)
//
// Sources: 医科診療報酬点数表 第2章 第5部 投薬 F200 薬剤 (使用薬剤の薬価が15円以下である
// 場合は1点、15円を超える場合は10円又はその端数を増すごとに1点を加算; the same wording as
// J300, docs/claims-format.md, which for prices above 15 円 is 1 + ⌈(price − 15) / 10⌉);
// 一部負担金の端数: 国民健康保険法 第42条第2項 and 健康保険法 第75条 (5 円未満切捨て、
// 5 円以上 10 円未満は 10 円に切上げ).
#pragma once

#include <cstdint>

namespace kokuho::claims {

/// 点数 of one unit: `price` in hundredths of a yen (薬価 × 100), `quantity` in
/// hundred-thousandths (使用量 × 100000, as the claims model keeps it). 0 when the
/// price or quantity is not positive.
std::int64_t DrugPoints(std::int64_t price_hundredths, std::int64_t quantity_e5);

/// The patient's share of `yen` at `tenths` 割 (1–3), rounded to 10 円 by the 一部負担金
/// rule (5 円未満切捨て, 5 円以上切上げ).
std::int64_t ShareYen(std::int64_t yen, int tenths);

/// The 負担割合 (割) of a receipt from its レセプト種別 and the patient's age at the month:
/// 後期高齢者 (2nd digit 3): 3割 for 高入7/高外7 (4th digit 9/0), else 1割 (the 2割 of
/// 一般II cannot be told from the 種別 alone and is taken as 1割; documented); 国保: 2割 for
/// 未就学 (六入/六外, 4th digit 3/4) and 高齢受給者 一般 (高入一/高外一, 7/8), 3割 otherwise.
/// Sources: 国民健康保険法 第42条第1項; 高齢者の医療の確保に関する法律 第67条.
int ShareTenths(std::uint16_t receipt_type);

}  // namespace kokuho::claims
