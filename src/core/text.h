// Text helpers for Japanese users' files: 全角 → 半角 for digits and number
// punctuation, trimming (including the ideographic space U+3000), display width.
#pragma once

#include <string>
#include <string_view>

namespace kokuho {

/// Maps full-width ASCII (U+FF01–U+FF5E: ０-９, Ａ-Ｚ, ．，－％／ …) to ASCII, the
/// ideographic space to a space, and "−" (U+2212 MINUS SIGN) to '-'. The katakana "ー" is left
/// alone: it is a letter in names, and guessing it as a minus would be a silent guess.
/// Other characters are left alone. Input and output are UTF-8.
std::string NormalizeWidth(std::string_view utf8);

/// Removes leading/trailing ASCII whitespace and U+3000.
std::string_view Trim(std::string_view utf8);

/// Width of the text in terminal columns: East Asian wide and full-width characters
/// count 2, others 1 (enough for aligning tables of Japanese names and numbers).
int DisplayWidth(std::string_view utf8);

/// Whether the bytes are well-formed UTF-8.
bool IsValidUtf8(std::string_view bytes);

/// A value a user typed, for an error message: trimmed, in 「」, cut after 30 bytes at a
/// character boundary ("…"), bytes that are not UTF-8 shown as "?". Never for personal figures
/// (incomes, names): those are named by their row only.
///   Quoted("abc") → "「abc」"
std::string Quoted(std::string_view value);

/// `text` with the ASCII letters A–Z lowered and every other byte kept (UTF-8 untouched; no
/// locale): for file extensions, header values and keywords such as "TRUE".
std::string AsciiLower(std::string_view text);

}  // namespace kokuho
