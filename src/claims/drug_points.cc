#include "claims/drug_points.h"

namespace kokuho::claims {

std::int64_t DrugPoints(std::int64_t price_hundredths, std::int64_t quantity_e5) {
  if (price_hundredths <= 0 || quantity_e5 <= 0) return 0;
  // Amount in units of 1e-7 yen (hundredths × 1e-5): exact, no rounding before the rule.
  const std::int64_t amount = price_hundredths * quantity_e5;
  constexpr std::int64_t kYen = 10'000'000;  // 1 円 in these units
  if (amount <= 15 * kYen) return 1;         // 15 円以下: 1 点 (F200 / J300)
  // 15 円を超える場合は 10 円又はその端数を増すごとに 1 点を加算: 1 + ⌈(amount − 15円) / 10円⌉.
  const std::int64_t over = amount - 15 * kYen;
  return 1 + (over + 10 * kYen - 1) / (10 * kYen);
}

std::int64_t ShareYen(std::int64_t yen, int tenths) {
  if (yen <= 0) return 0;
  const std::int64_t raw = yen * tenths;  // in tenths of a yen
  // 一部負担金の端数処理 (国保法 42条2項): 5 円未満切捨て、5 円以上は 10 円に切上げ, i.e. round
  // to the nearest 10 円 with 5 円 up; in tenths of a yen: (raw + 50) / 100 × 10.
  return (raw + 50) / 100 * 10;
}

int ShareTenths(std::uint16_t receipt_type) {
  const int d2 = receipt_type / 100 % 10, d4 = receipt_type % 10;
  if (d2 == 3) return d4 == 9 || d4 == 0 ? 3 : 1;  // 後期: 高入7/高外7 3割, else 1割
  if (d4 == 3 || d4 == 4 || d4 == 7 || d4 == 8) return 2;
  return 3;
}

}  // namespace kokuho::claims
