// MunicipalityCode: the 総務省 全国地方公共団体コード, 6 digits with a check digit.
//
// The 5-digit code abcde (2 digits prefecture, 3 digits municipality) gets a
// check digit  c = (11 − (6a + 5b + 4c + 3d + 2e) mod 11) mod 10
// (総務省「全国地方公共団体コード」の仕様; e.g. 前橋市 10201 → 102016).
//
//   auto code = MunicipalityCode::TryParse("102016");   // ok
//   MunicipalityCode::TryParse("10201");                  // ok, check digit appended
//   MunicipalityCode::TryParse("102017");                 // nullopt: wrong check digit
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kokuho {

class MunicipalityCode {
 public:
  /// An unset code (empty); only for default-constructed records.
  MunicipalityCode() = default;

  /// Accepts 6 digits with a correct check digit, or 5 digits (check digit added);
  /// 全角 digits too. Anything else: nullopt.
  static std::optional<MunicipalityCode> TryParse(std::string_view text);
  /// The check digit for a 5-digit code.
  static int CheckDigit(std::string_view five_digits);

  /// "102016".
  const std::string& str() const { return code_; }
  /// "10" — the prefecture (都道府県コード).
  std::string prefecture() const { return code_.substr(0, 2); }

  auto operator<=>(const MunicipalityCode&) const = default;

 private:
  explicit MunicipalityCode(std::string six) : code_(std::move(six)) {}
  std::string code_;
};

/// Why `text` is not a 団体コード, in Japanese for an error message, naming the value and
/// the fix; for a wrong check digit, the code the digits before it make (with `name`, the
/// municipality's name from the same row, when there is one):
///   MunicipalityCodeProblem("102058", "太田市")
///   // → "「102058」は検査数字 (6桁目) が合いません。102059 太田市
///   ではありませんか。団体コードは…"
std::string MunicipalityCodeProblem(std::string_view text, std::string_view name = "");

/// A 都道府県コード "01"–"47" from "1"–"47", "01"–"47" or the prefecture's 6-digit
/// 団体コード (e.g. "100005" 群馬県, municipal part 000 with its check digit); 全角 digits
/// too. Anything else: nullopt.
std::optional<std::string> TryParsePrefectureCode(std::string_view text);

}  // namespace kokuho
