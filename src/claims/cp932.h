// CP932 (Windows-31J, the Shift_JIS of レセ電 files) ⇄ UTF-8 by table lookup, for the
// claims hot path: one line at a time, ASCII runs copied as they are.
//
// The tables are built once (thread-safe, on first use) from the system's iconv "CP932"
// converter, the same converter io/encoding.h uses for users' CSV files, so both agree
// on every character (NEC/IBM extensions, 外字 as private-use code points).
//
//   std::string out;
//   std::size_t bad;
//   if (!AppendCp932AsUtf8(bytes, out, bad)) …  // bytes[bad] starts an invalid sequence
//
// Why the parser may split CP932 lines on bytes: a CP932 character is one byte
// (0x00–0x7F ASCII, 0xA1–0xDF half-width katakana) or a lead byte (0x81–0x9F, 0xE0–0xFC)
// followed by a trail byte in 0x40–0x7E or 0x80–0xFC. No trail byte is below 0x40, so the
// separators ',' (0x2C), CR (0x0D), LF (0x0A), '"' (0x22) and X'1A' never occur inside a
// character: every such byte in a CP932 file is the ASCII character itself. (A trail byte
// can be 0x5C '\' or 0x7C '|'; the parser gives those no meaning.) UTF-8 has the same
// property (continuation bytes are 0x80–0xBF).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kokuho::claims {

/// Appends `bytes` (CP932) to `out` as UTF-8. On an invalid or truncated sequence returns
/// false with `bad_offset` = the offset in `bytes` of its first byte (out then holds the
/// text decoded before it).
bool AppendCp932AsUtf8(std::string_view bytes, std::string& out, std::size_t& bad_offset);

/// Appends `utf8` to `out` as CP932. On a character CP932 cannot encode (or invalid
/// UTF-8) returns false with `bad_offset` = its offset in `utf8`.
bool AppendUtf8AsCp932(std::string_view utf8, std::string& out, std::size_t& bad_offset);

/// The number of characters (code points) in the first `bytes` bytes of UTF-8 text;
/// used to turn byte offsets into the character columns of messages.
int Utf8CharCount(std::string_view utf8);

}  // namespace kokuho::claims
