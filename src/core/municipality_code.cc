#include "core/municipality_code.h"

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
