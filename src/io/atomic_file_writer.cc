#include "io/atomic_file_writer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "io/temp_names.h"

namespace kokuho {
namespace {

constexpr std::size_t kBufferSize = 1 << 20;

[[noreturn]] void ThrowErrno(const std::string& what, const std::string& path) {
  // "<path>: <what, Japanese> (<the system's reason>)"
  throw std::runtime_error(fmt::format("{}: {} ({})", path, what, std::strerror(errno)));
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(const std::string& path) : path_(path) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.parent_path();
  if (dir.empty()) dir = ".";
  // A temporary a killed run left for the same target is removed first (temp_names.h).
  const std::string prefix = "." + target.filename().string() + ".";
  RemoveStaleTemps(dir.string(), prefix, false);
  temp_ = (dir / (prefix + TempNameInfix() + "XXXXXX")).string();
  fd_ = mkstemp(temp_.data());
  if (fd_ < 0)
    ThrowErrno("このフォルダに一時ファイルを作れません。フォルダと書き込みの権限を確かめてください",
               dir.string());
  buffer_.reserve(kBufferSize);
}

AtomicFileWriter::~AtomicFileWriter() {
  if (committed_) return;
  if (fd_ >= 0) close(fd_);
  unlink(temp_.c_str());  // best effort: never throw from a destructor
}

void AtomicFileWriter::WriteRaw(const char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t k = write(fd_, p, n);
    if (k < 0) {
      if (errno == EINTR) continue;
      ThrowErrno("書き込めません。空き容量と書き込みの権限を確かめてください", path_);
    }
    p += k;
    n -= static_cast<std::size_t>(k);
  }
}

void AtomicFileWriter::Flush() {
  WriteRaw(buffer_.data(), buffer_.size());
  buffer_.clear();
}

void AtomicFileWriter::Write(const void* data, std::size_t size) {
  const char* p = static_cast<const char*>(data);
  written_ += size;
  if (buffer_.size() + size <= kBufferSize) {
    buffer_.append(p, size);
    return;
  }
  Flush();
  if (size >= kBufferSize) {
    WriteRaw(p, size);  // a large column goes straight from its vector to the file
  } else {
    buffer_.append(p, size);
  }
}

void AtomicFileWriter::WriteZeros(std::size_t count) {
  static const char kZeros[64] = {};
  while (count > 0) {
    const std::size_t n = count < sizeof kZeros ? count : sizeof kZeros;
    Write(kZeros, n);
    count -= n;
  }
}

void AtomicFileWriter::Commit() {
  if (committed_) throw std::logic_error("AtomicFileWriter::Commit called twice");
  Flush();
  struct stat existing;
  mode_t mode;
  if (stat(path_.c_str(), &existing) == 0) {
    mode = existing.st_mode & 07777;
  } else {
    const mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  if (fchmod(fd_, mode) != 0) ThrowErrno("ファイルの権限を設定できません", path_);
  if (fsync(fd_) != 0)
    ThrowErrno("書き込めません。空き容量と書き込みの権限を確かめてください", path_);
  const int fd = fd_;
  fd_ = -1;
  if (close(fd) != 0)
    ThrowErrno("書き込めません。空き容量と書き込みの権限を確かめてください", path_);
  if (std::rename(temp_.c_str(), path_.c_str()) != 0)
    ThrowErrno("書き込めません。空き容量と書き込みの権限を確かめてください", path_);
  committed_ = true;
}

}  // namespace kokuho
