#include "core/municipality_code.h"

#include <fmt/format.h>

#include "core/text.h"

namespace kokuho {

int MunicipalityCode::CheckDigit(std::string_view d) {
  int sum = 0;
  for (int k = 0; k < 5; ++k) sum += (6 - k) * (d[static_cast<size_t>(k)] - '0');
  return (11 - sum % 11) % 10;
}

std::optional<MunicipalityCode> MunicipalityCode::TryParse(std::string_view raw) {
  std::string s = NormalizeWidth(Trim(raw));
  if (s.size() != 5 && s.size() != 6) return std::nullopt;
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  int pref = (s[0] - '0') * 10 + (s[1] - '0');
  if (pref < 1 || pref > 47) return std::nullopt;
  int check = CheckDigit(s);
  if (s.size() == 5) return MunicipalityCode(s + static_cast<char>('0' + check));
  if (s[5] - '0' != check) return std::nullopt;
  return MunicipalityCode(s);
}

std::string MunicipalityCodeProblem(std::string_view raw, std::string_view name) {
  constexpr const char* kExpected =
      "団体コードは検査数字付きの6桁 (または検査数字を除いた5桁) で書いてください (例: 前橋市 "
      "102016)";
  const std::string s = NormalizeWidth(Trim(raw));
  const bool digits = !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
  if (digits && (s.size() == 5 || s.size() == 6)) {
    const int pref = (s[0] - '0') * 10 + (s[1] - '0');
    if (pref < 1 || pref > 47)
      return fmt::format("{}の上2桁 {} は都道府県コード (01〜47) ではありません。{}", Quoted(raw),
                         s.substr(0, 2), kExpected);
    if (s.size() == 6)
      return fmt::format("{}は検査数字 (6桁目) が合いません。{}{}{} ではありませんか。{}",
                         Quoted(raw), s.substr(0, 5), MunicipalityCode::CheckDigit(s),
                         name.empty() ? "" : " " + std::string(name), kExpected);
  }
  if (digits) return fmt::format("{}は{}桁です。{}", Quoted(raw), s.size(), kExpected);
  return fmt::format("{}は団体コードとして読めません。{}", Quoted(raw), kExpected);
}

std::optional<std::string> TryParsePrefectureCode(std::string_view raw) {
  std::string s = NormalizeWidth(Trim(raw));
  if (s.size() == 6) {
    auto code = MunicipalityCode::TryParse(s);
    if (!code || s.substr(2, 3) != "000") return std::nullopt;
    return code->prefecture();
  }
  if (s.size() == 1) s = "0" + s;
  if (s.size() != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') return std::nullopt;
  const int n = (s[0] - '0') * 10 + (s[1] - '0');
  if (n < 1 || n > 47) return std::nullopt;
  return s;
}

}  // namespace kokuho
