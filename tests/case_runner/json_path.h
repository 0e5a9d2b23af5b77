// JSON paths of the data cases (docs/test-cases.md): where in kokuho's --format json output
// an expected value is, and whether the value there is the one written in the case.
//
//   parts.iryo.total                          a key, then a key
//   municipalities[0].nofukin.iryo            an array index (0-based)
//   municipalities[code=102016].nofukin_total the first element whose `code` is 102016
//   municipalities.#                          the number of elements (or keys)
//
//   std::string why;
//   const nlohmann::json* v = FindJsonPath(doc, "parts.iryo.total", &why);
//   std::string miss = MatchJsonValue(*v, "32079941249", /*quoted=*/false);  // "" = equal
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace kokuho::cases {

/// The value at `path` in `doc`, or null with `why` (which step of the path failed and
/// what is there instead). A `#` step yields a number kept in `*scratch`.
const nlohmann::json* FindJsonPath(const nlohmann::json& doc, const std::string& path,
                                   std::string* why, nlohmann::json* scratch);

/// "" when `actual` is the expected value, else a sentence saying how it differs.
/// `expected` is the text written in the case file: quoted → the JSON value must be that
/// string; plain → a number (same shortest text, so 6.06 ≠ 6.060; whole numbers exactly;
/// 1,234,567 may be written with thousands separators), true, false or null.
std::string MatchJsonValue(const nlohmann::json& actual, const std::string& expected, bool quoted);

}  // namespace kokuho::cases
