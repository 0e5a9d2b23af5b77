#include "io/encoding.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "core/error.h"
#include "core/text.h"
#include "io/input_limits.h"

namespace kokuho {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr char kNoCp932[] =
    "この環境の iconv では CP932 (Shift_JIS) と UTF-8 を変換できません。glibc の変換モジュール "
    "(Debian では libc6 の gconv) が入っているか確かめてください";
constexpr char kUtf16Message[] =
    "UTF-16 のファイルは読めません。UTF-8 か CP932 (Shift_JIS) で保存し直してください";

// Position (1-based line and byte column) of byte `offset` in `text`.
SourcePos PosAt(std::string_view text, size_t offset, const std::string& file) {
  std::string_view before = text.substr(0, offset);
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < before.size(); ++i) {
    if (before[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return SourcePos{file, line, static_cast<int>(offset - line_start) + 1};
}

// Offset of the first byte of `text` that does not start a well-formed UTF-8 sequence.
size_t FirstInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    auto b = static_cast<unsigned char>(text[i]);
    size_t len = b < 0x80           ? 1
                 : (b >> 5) == 0x6  ? 2
                 : (b >> 4) == 0xE  ? 3
                 : (b >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || i + len > text.size() || !IsValidUtf8(text.substr(i, len))) return i;
    i += len;
  }
  return text.size();
}

// RAII for an iconv descriptor.
class Iconv {
 public:
  Iconv(const char* to, const char* from) : cd_(iconv_open(to, from)) {}
  ~Iconv() {
    if (ok()) iconv_close(cd_);
  }
  Iconv(const Iconv&) = delete;
  Iconv& operator=(const Iconv&) = delete;
  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
  iconv_t get() const { return cd_; }

 private:
  iconv_t cd_;
};

// Converts `in` with `cd` into `out`. On failure returns false and sets `bad_offset` to the
// offset of the first byte that could not be converted.
bool Convert(Iconv& cd, std::string_view in, std::string& out, size_t& bad_offset) {
  iconv(cd.get(), nullptr, nullptr, nullptr, nullptr);
  out.assign(in.size() * 3 / 2 + 16, '\0');
  // iconv's interface is not const-correct; it does not write through the input pointer.
  char* src = const_cast<char*>(in.data());
  size_t src_left = in.size();
  size_t written = 0;
  while (src_left > 0) {
    char* dst = out.data() + written;
    size_t dst_left = out.size() - written;
    size_t rc = iconv(cd.get(), &src, &src_left, &dst, &dst_left);
    written = out.size() - dst_left;
    if (rc != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    // EILSEQ (invalid sequence) or EINVAL (truncated sequence at the end).
    bad_offset = static_cast<size_t>(src - in.data());
    return false;
  }
  out.resize(written);
  return true;
}

// One converter per thread, reset to its initial state before each use: iconv_open loads
// and sets up the gconv module each time, which cost more than decoding a short file.
bool Cp932ToUtf8(std::string_view in, std::string& out, size_t& bad_offset) {
  thread_local Iconv cd("UTF-8", "CP932");
  if (!cd.ok()) throw std::runtime_error(kNoCp932);
  return Convert(cd, in, out, bad_offset);
}

}  // namespace

bool TryEncodeUtf8AsCp932(std::string_view utf8, std::string& out, size_t& bad_offset) {
  thread_local Iconv cd("CP932", "UTF-8");
  if (!cd.ok()) throw std::runtime_error(kNoCp932);
  return Convert(cd, utf8, out, bad_offset);
}

bool TryDecodeToUtf8(std::string_view bytes, std::string& out, DecodeFailure& failure) {
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    failure = {0, true, kUtf16Message};
    return false;
  }
  if (size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    failure = {nul, true,
               std::string("ファイルに NUL バイトがあります (UTF-16 では?)。") + kUtf16Message};
    return false;
  }
  const bool had_bom = bytes.substr(0, kUtf8Bom.size()) == kUtf8Bom;
  const size_t skip = had_bom ? kUtf8Bom.size() : 0;
  std::string_view text = bytes.substr(skip);
  if (IsValidUtf8(text)) {
    out.assign(text);
    return true;
  }
  const size_t utf8_bad = FirstInvalidUtf8(text);
  if (had_bom) {
    // The BOM says UTF-8: report the broken UTF-8 rather than guessing CP932.
    failure = {skip + utf8_bad, true,
               "ファイルは UTF-8 の BOM で始まりますが、ここが UTF-8 の文字として読めません。"
               "UTF-8 で保存し直してください"};
    return false;
  }
  size_t cp932_bad = 0;
  if (Cp932ToUtf8(text, out, cp932_bad)) return true;
  // Report the place where the likelier reading failed: the one that got further.
  failure = {std::max(utf8_bad, cp932_bad), utf8_bad >= cp932_bad,
             "ここが UTF-8 の文字としても CP932 (Shift_JIS) の文字としても読めません。テキストの"
             "ファイルか、文字コードを確かめてください"};
  return false;
}

SourcePos DecodeFailurePos(std::string_view bytes, const DecodeFailure& failure,
                           const std::string& file) {
  SourcePos pos = PosAt(bytes, failure.offset, file);
  // Column in characters: decode the line's bytes before the failure the way that worked.
  std::string_view prefix = bytes.substr(failure.offset - static_cast<size_t>(pos.column - 1),
                                         static_cast<size_t>(pos.column - 1));
  if (prefix.substr(0, kUtf8Bom.size()) == kUtf8Bom) prefix.remove_prefix(kUtf8Bom.size());
  std::string decoded;
  size_t unused = 0;
  if (!failure.prefix_is_utf8 && Cp932ToUtf8(prefix, decoded, unused)) prefix = decoded;
  int chars = 0;
  for (char c : prefix) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  pos.column = chars + 1;
  return pos;
}

std::string DecodeToUtf8(std::string_view bytes, const std::string& file) {
  std::string out;
  DecodeFailure failure;
  if (!TryDecodeToUtf8(bytes, out, failure))
    throw InputError(DecodeFailurePos(bytes, failure, file), failure.message);
  return out;
}

namespace {

/// An open file descriptor, closed on scope exit.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

/// The bytes of the regular file at `path`, at most `limit` of them (CheckFileSize beyond).
/// POSIX calls, not a stream: an input is often a few bytes, and std::ifstream's buffer
/// and locale work cost more than reading it (the fuzzers read one file per input).
std::string ReadRegularFile(const std::string& path, std::uint64_t limit, const std::string& what,
                            const std::string& env) {
  Fd f;
  // O_NONBLOCK: a FIFO or device named as input must not block the open (refused below).
  f.fd = open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  struct stat st;
  if (f.fd < 0 || fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode))
    throw InputError({path, 0, 0}, CannotOpenMessage(path));
  const std::uint64_t size = static_cast<std::uint64_t>(st.st_size);
  CheckFileSize(path, size, limit, what, env);
  // Read until the end, at most limit + 1 bytes: a file may grow while read, or (under
  // /proc) report size 0 and yield gigabytes.
  std::string bytes(static_cast<size_t>(size) + 1, '\0');
  size_t got = 0;
  for (;;) {
    if (got == bytes.size()) bytes.resize(std::max<size_t>(bytes.size() * 2, 4096));
    const ssize_t n = read(f.fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw InputError({path, 0, 0}, "ファイルを読めません (読み取り中の失敗)");
    if (n == 0) break;
    got += static_cast<size_t>(n);
    if (got > limit) CheckFileSize(path, got, limit, what, env);
  }
  bytes.resize(got);
  return bytes;
}

}  // namespace

std::string CannotOpenMessage(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return "ファイルがありません。パスを確かめてください";
  if (std::filesystem::is_directory(path, ec))
    return "これはフォルダです。ファイルを指定してください";
  return "ファイルを開けません。読み取りの権限を確かめてください";
}

std::string ReadFileBytes(const std::string& path) {
  return ReadRegularFile(path, UINT64_MAX, "ファイル", "");
}

std::string ReadFileBytes(const std::string& path, std::uint64_t limit, const std::string& what,
                          const std::string& env) {
  return ReadRegularFile(path, limit, what, env);
}

std::string ReadTextFile(const std::string& path) {
  return DecodeToUtf8(ReadFileBytes(path), path);
}

}  // namespace kokuho
