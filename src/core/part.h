// Part (分): the separately computed components of 国保 納付金 and premiums.
//
//   kIryo   医療分 (基礎分; 一般納付金)          key "iryo"
//   kShien  後期高齢者支援金分 (支援金等納付金)    key "shien"
//   kKaigo  介護納付金分 (members aged 40–64)    key "kaigo"
//   kKodomo 子ども・子育て支援納付金分 (from FY2026) key "kodomo"
//
// Which parts exist in a fiscal year is data (data/nofukin/parts.yaml).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace kokuho {

enum class Part { kIryo = 0, kShien = 1, kKaigo = 2, kKodomo = 3 };

inline constexpr std::array<Part, 4> kAllParts = {Part::kIryo, Part::kShien, Part::kKaigo,
                                                  Part::kKodomo};
inline constexpr int kPartCount = 4;

/// "iryo", "shien", "kaigo", "kodomo" (stable JSON keys).
std::string PartKey(Part part);
/// "医療分", "後期高齢者支援金分", "介護納付金分", "子ども・子育て支援納付金分".
std::string PartLabel(Part part);
/// "医療", "支援", "介護", "子ども" (column prefixes, narrow table headers).
std::string PartShortLabel(Part part);
/// "iryo, shien, kaigo, kodomo" (every key, for messages); `last` joins the last two
/// (e.g. " or " gives "iryo, shien, kaigo or kodomo").
std::string PartKeysText(std::string_view last = ", ");
/// "医療, 支援, 介護, 子ども" likewise.
std::string PartShortLabelsText(std::string_view last = ", ");
/// Accepts the key, the label or the short label.
std::optional<Part> TryParsePart(std::string_view text);

}  // namespace kokuho
