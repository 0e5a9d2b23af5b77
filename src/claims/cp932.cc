#include "claims/cp932.h"

#include <iconv.h>

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

namespace kokuho::claims {
namespace {

// Converts one short sequence with iconv; returns the output or an empty string.
std::string IconvOne(iconv_t cd, const char* in, std::size_t size) {
  char buffer[16];
  char* src = const_cast<char*>(in);  // iconv does not write through the input pointer
  std::size_t src_left = size;
  char* dst = buffer;
  std::size_t dst_left = sizeof buffer;
  iconv(cd, nullptr, nullptr, nullptr, nullptr);  // reset the shift state
  if (iconv(cd, &src, &src_left, &dst, &dst_left) == static_cast<std::size_t>(-1) || src_left != 0)
    return {};
  return std::string(buffer, sizeof buffer - dst_left);
}

void AppendUtf8(char32_t c, std::string& out) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Decodes one UTF-8 sequence at s[i]; returns its length (0 when invalid) and the code point.
std::size_t DecodeUtf8(std::string_view s, std::size_t i, char32_t& c) {
  const auto b = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  if (b < 0x80) {
    c = b;
    return 1;
  }
  if ((b >> 5) == 0x6 && cont(1)) {
    c = ((b & 0x1Fu) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3Fu);
    return c >= 0x80 ? 2 : 0;
  }
  if ((b >> 4) == 0xE && cont(1) && cont(2)) {
    c = ((b & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3Fu) << 6) |
        (static_cast<unsigned char>(s[i + 2]) & 0x3Fu);
    return c >= 0x800 && (c < 0xD800 || c > 0xDFFF) ? 3 : 0;
  }
  if ((b >> 3) == 0x1E && cont(1) && cont(2) && cont(3)) {
    c = 0x10000;  // outside the BMP: CP932 has no such character
    return 4;
  }
  return 0;
}

// The decode table: for each double-byte code (lead << 8 | trail) its BMP code point,
// 0 when invalid; single bytes in `single` (0xFFFF = invalid). The encode table maps each
// BMP code point to its CP932 bytes (0 = not encodable), as iconv chooses them.
struct Tables {
  std::array<std::uint16_t, 256> single{};
  std::vector<std::uint16_t> pair;    // 65536 entries
  std::vector<std::uint16_t> encode;  // 65536 entries

  Tables() : pair(65536, 0), encode(65536, 0) {
    iconv_t to_utf8 = iconv_open("UTF-8", "CP932");
    iconv_t from_utf8 = iconv_open("CP932", "UTF-8");
    if (to_utf8 == reinterpret_cast<iconv_t>(-1) || from_utf8 == reinterpret_cast<iconv_t>(-1))
      throw std::runtime_error(
          "この環境の iconv では CP932 (Shift_JIS) と UTF-8 を変換できません。glibc の変換"
          "モジュール (Debian では libc6 の gconv) が入っているか確かめてください");
    auto code_point = [](const std::string& u) -> char32_t {
      char32_t c = 0;
      return !u.empty() && DecodeUtf8(u, 0, c) == u.size() && c < 0x10000 ? c : 0;
    };
    for (int b = 0; b < 256; ++b) {
      single[b] = 0xFFFF;
      const char ch = static_cast<char>(b);
      if (b < 0x80) {
        single[b] = static_cast<std::uint16_t>(b);
      } else if (b >= 0xA1 && b <= 0xDF) {
        if (char32_t c = code_point(IconvOne(to_utf8, &ch, 1)))
          single[b] = static_cast<std::uint16_t>(c);
      }
    }
    for (int lead = 0x81; lead <= 0xFC; ++lead) {
      if (lead > 0x9F && lead < 0xE0) continue;
      for (int trail = 0x40; trail <= 0xFC; ++trail) {
        if (trail == 0x7F) continue;
        const char in[2] = {static_cast<char>(lead), static_cast<char>(trail)};
        if (char32_t c = code_point(IconvOne(to_utf8, in, 2)))
          pair[(lead << 8) | trail] = static_cast<std::uint16_t>(c);
      }
    }
    // Encode: every code point the decoder can produce, encoded the way iconv does.
    std::vector<bool> seen(65536, false);
    auto add = [&](std::uint16_t c) {
      if (c == 0 || c == 0xFFFF || seen[c]) return;
      seen[c] = true;
      std::string u;
      AppendUtf8(c, u);
      std::string b = IconvOne(from_utf8, u.data(), u.size());
      if (b.size() == 1) encode[c] = static_cast<unsigned char>(b[0]);
      if (b.size() == 2)
        encode[c] = static_cast<std::uint16_t>((static_cast<unsigned char>(b[0]) << 8) |
                                               static_cast<unsigned char>(b[1]));
    };
    for (int b = 0x80; b < 256; ++b) add(single[b]);
    for (std::uint16_t c : pair) add(c);
    iconv_close(to_utf8);
    iconv_close(from_utf8);
  }
};

const Tables& GetTables() {
  static const Tables tables;  // built once; thread-safe initialisation
  return tables;
}

}  // namespace

bool AppendCp932AsUtf8(std::string_view bytes, std::string& out, std::size_t& bad_offset) {
  const Tables& t = GetTables();
  const std::size_t n = bytes.size();
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  // Room for the worst case (a byte of CP932 is at most 3 bytes of UTF-8), written through
  // a pointer, then trimmed.
  const std::size_t base = out.size();
  out.resize(base + 3 * n);
  char* o = out.data() + base;
  auto put = [&o](std::uint16_t c) {
    if (c < 0x80) {
      *o++ = static_cast<char>(c);
    } else if (c < 0x800) {
      *o++ = static_cast<char>(0xC0 | (c >> 6));
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    } else {
      *o++ = static_cast<char>(0xE0 | (c >> 12));
      *o++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      *o++ = static_cast<char>(0x80 | (c & 0x3F));
    }
  };
  std::size_t i = 0;
  bool ok = true;
  while (i < n) {
    const unsigned char b = p[i];
    if (b < 0x80) {
      *o++ = static_cast<char>(b);
      ++i;
      continue;
    }
    if (b >= 0xA1 && b <= 0xDF) {
      if (t.single[b] == 0xFFFF) {
        bad_offset = i;
        ok = false;
        break;
      }
      put(t.single[b]);
      ++i;
      continue;
    }
    const std::uint16_t c = i + 1 < n ? t.pair[(b << 8) | p[i + 1]] : 0;
    if (c == 0) {
      bad_offset = i;
      ok = false;
      break;
    }
    put(c);
    i += 2;
  }
  out.resize(static_cast<std::size_t>(o - out.data()));
  return ok;
}

bool AppendUtf8AsCp932(std::string_view utf8, std::string& out, std::size_t& bad_offset) {
  const Tables& t = GetTables();
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto b = static_cast<unsigned char>(utf8[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    char32_t c = 0;
    const std::size_t len = DecodeUtf8(utf8, i, c);
    if (len == 0 || c >= 0x10000 || t.encode[c] == 0) {
      bad_offset = i;
      return false;
    }
    const std::uint16_t e = t.encode[c];
    if (e > 0xFF) out.push_back(static_cast<char>(e >> 8));
    out.push_back(static_cast<char>(e & 0xFF));
    i += len;
  }
  return true;
}

int Utf8CharCount(std::string_view utf8) {
  int n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

}  // namespace kokuho::claims
