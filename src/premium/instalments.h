// 期別の納付額: a household's yearly levy split over the 納期 (instalments) the municipality
// sets by ordinance. Every instalment but the first is the yearly amount ÷ the count,
// rounded down to the unit; the first takes the rest, so the instalments sum to the yearly
// amount to the yen.
//
//   SplitInstalments(580'800, 10, 1'000);  // {58'800, 58'000 × 9}
//   SplitInstalments(7'000, 10, 1'000);    // {7'000, 0 × 9}: each share under 1,000円
//
// Source: 地方税法 20条の4の2 第6項 (保険税: a share's fraction under 1,000円, or a share
// wholly under 1,000円, goes to the first 納期; an ordinance may provide otherwise). For a
// 保険料 the municipality's ordinance sets the unit (a choice: unit 1,000, 100 or 1).
#pragma once

#include <vector>

#include "core/yen.h"

namespace kokuho::premium {

/// The most 納期 a year can have (one a month).
inline constexpr int kMaxInstalments = 12;

/// The yearly `total` (≥ 0) split into `count` (1–12) instalments with the first taking
/// every fraction under `unit` (≥ 1) yen. Throws std::invalid_argument on a count or unit
/// out of range or a negative total.
std::vector<Yen> SplitInstalments(Yen total, int count, Yen unit);

}  // namespace kokuho::premium
