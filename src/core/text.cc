#include "core/text.h"

#include <cstdint>

namespace kokuho {
namespace {

// Decodes one UTF-8 code point at s[i]; returns its length (1 on invalid bytes).
int Decode(std::string_view s, size_t i, char32_t& cp) {
  auto b = static_cast<unsigned char>(s[i]);
  int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (len == 0 || i + len > s.size()) {
    cp = 0xFFFD;
    return 1;
  }
  if (len == 1) {
    cp = b;
    return 1;
  }
  cp = b & (0xFF >> (len + 1));
  for (int k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) {
      cp = 0xFFFD;
      return 1;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  return len;
}

bool IsWide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

}  // namespace

std::string NormalizeWidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    int len = Decode(s, i, cp);
    if (cp >= 0xFF01 && cp <= 0xFF5E) {
      out += static_cast<char>(cp - 0xFF01 + 0x21);
    } else if (cp == 0x3000) {
      out += ' ';
    } else if (cp == 0x2212) {
      out += '-';
    } else {
      out.append(s.substr(i, static_cast<size_t>(len)));
    }
    i += static_cast<size_t>(len);
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  auto strip_front = [&]() {
    if (!s.empty() &&
        (s.front() == ' ' || s.front() == '\t' || s.front() == '\r' || s.front() == '\n')) {
      s.remove_prefix(1);
      return true;
    }
    if (s.substr(0, 3) == "\xE3\x80\x80") {
      s.remove_prefix(3);
      return true;
    }
    return false;
  };
  auto strip_back = [&]() {
    if (!s.empty() &&
        (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
      s.remove_suffix(1);
      return true;
    }
    if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") {
      s.remove_suffix(3);
      return true;
    }
    return false;
  };
  while (strip_front()) {
  }
  while (strip_back()) {
  }
  return s;
}

int DisplayWidth(std::string_view s) {
  int width = 0;
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    i += static_cast<size_t>(Decode(s, i, cp));
    width += IsWide(cp) ? 2 : 1;
  }
  return width;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    char32_t cp;
    int len = Decode(s, i, cp);
    if (cp == 0xFFFD && !(len == 3 && s.substr(i, 3) == "\xEF\xBF\xBD")) return false;
    if (len > 1) {
      // Reject overlong encodings and surrogates.
      if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
          (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return false;
    }
    i += static_cast<size_t>(len);
  }
  return true;
}

std::string Quoted(std::string_view value) {
  const std::string_view t = Trim(value);
  std::string out = "「";
  size_t i = 0;
  while (i < t.size() && i < 30) {
    char32_t cp;
    const int len = Decode(t, i, cp);
    const bool invalid = cp == 0xFFFD && len == 1;
    if (invalid || cp < 0x20 || cp == 0x7F)
      out += '?';  // a byte that is not UTF-8, or a control character
    else
      out.append(t.substr(i, static_cast<size_t>(len)));
    i += static_cast<size_t>(len);
  }
  if (i < t.size()) out += "…";
  return out + "」";
}

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace kokuho
