// Text encodings of users' files: UTF-8 (with or without BOM) and CP932.
//
// Japanese municipalities hand out CSV and YAML saved by Excel or Notepad, so a
// file may be UTF-8, UTF-8 with a byte order mark, or CP932 (Windows Shift_JIS).
// Every reader turns the raw bytes into UTF-8 first:
//
//   std::string text = ReadTextFile("examples/gunma/municipalities.csv");
//   // or, with bytes already in memory:
//   std::string utf8 = DecodeToUtf8(bytes, "municipalities.csv");
//
// UTF-16 files are refused with a message telling the user how to re-save them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace kokuho {

/// Why and where decoding failed: `offset` is the byte offset in the bytes given
/// (BOM included) of the first byte that could not be decoded, taken from whichever
/// reading (UTF-8 or CP932) got further; `prefix_is_utf8` says which one it was.
struct DecodeFailure {
  size_t offset = 0;
  bool prefix_is_utf8 = true;
  std::string message;
};

/// Decodes like DecodeToUtf8 without throwing: false and `failure` filled on error.
bool TryDecodeToUtf8(std::string_view bytes, std::string& out, DecodeFailure& failure);

/// The position of a failure: line, and column in characters (BOM not counted).
SourcePos DecodeFailurePos(std::string_view bytes, const DecodeFailure& failure,
                           const std::string& file);

/// Returns `bytes` as UTF-8: a UTF-8 byte order mark is stripped; valid UTF-8 is
/// returned unchanged; anything else is decoded as CP932 (Shift_JIS). Throws
/// InputError at the line and column (1-based; column in characters) of the first
/// byte that is neither, and for UTF-16 (a UTF-16 BOM or a NUL byte). `file` names
/// the source in messages.
std::string DecodeToUtf8(std::string_view bytes, const std::string& file);

/// Encodes UTF-8 text as CP932 (the system's iconv "CP932", the same table the readers use:
/// NEC/IBM extensions, 〜 − — ‖ to their CP932 forms). Returns false with `bad_offset` = the
/// byte offset in `utf8` of the first character CP932 has no code for (or of invalid UTF-8).
bool TryEncodeUtf8AsCp932(std::string_view utf8, std::string& out, size_t& bad_offset);

/// Why `path` cannot be opened as a file, for an InputError: 「ファイルがありません。…」 (missing),
/// 「これはフォルダです。…」 (a directory) or 「ファイルを開けません。…」 (anything else).
std::string CannotOpenMessage(const std::string& path);

/// Reads a whole file as raw bytes. Throws InputError({path, 0, 0}, CannotOpenMessage(path))
/// when it is missing, unreadable or not a regular file.
std::string ReadFileBytes(const std::string& path);

/// ReadFileBytes for a file whose size is bounded (input_limits.h): a file larger than
/// `limit` bytes is an InputError naming `what` and the environment variable `env` that
/// raises the limit, before anything is read.
std::string ReadFileBytes(const std::string& path, std::uint64_t limit, const std::string& what,
                          const std::string& env);

/// ReadFileBytes followed by DecodeToUtf8.
std::string ReadTextFile(const std::string& path);

}  // namespace kokuho
