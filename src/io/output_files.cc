#include "io/output_files.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "io/atomic_file_writer.h"
#include "io/temp_names.h"

namespace kokuho {
namespace {

namespace fs = std::filesystem;

[[noreturn]] void ThrowErrno(const std::string& what, const std::string& path) {
  // "<path>: <what, Japanese> (<the system's reason>)"
  throw std::runtime_error(fmt::format("{}: {} ({})", path, what, std::strerror(errno)));
}

}  // namespace

OutputStage::OutputStage(const std::string& target_dir) : target_dir_(target_dir) {
  std::error_code ec;
  fs::create_directories(target_dir_, ec);
  if (ec || !fs::is_directory(target_dir_)) {
    throw std::runtime_error(fmt::format("{}: 出力フォルダを作れません ({})", target_dir_,
                                         ec ? ec.message() : "同じ名前のファイルがあります"));
  }
  // Staging directories a killed run left here are removed first (temp_names.h).
  RemoveStaleTemps(target_dir_, ".", true);
  std::string pattern = (fs::path(target_dir_) / ("." + TempNameInfix() + "XXXXXX")).string();
  if (mkdtemp(pattern.data()) == nullptr)
    ThrowErrno("このフォルダに一時フォルダを作れません。書き込みの権限を確かめてください",
               target_dir_);
  temp_dir_ = pattern;
}

OutputStage::~OutputStage() {
  if (committed_ || temp_dir_.empty()) return;
  std::error_code ec;
  fs::remove_all(temp_dir_, ec);  // best effort: never throw from a destructor
}

std::string OutputStage::PathFor(const std::string& name) {
  if (committed_) throw std::logic_error("OutputStage::PathFor after Commit");
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos)
    throw std::invalid_argument("OutputStage::PathFor: not a plain file name: " + name);
  if (staged_.insert(name).second) names_.push_back(name);
  return (fs::path(temp_dir_) / name).string();
}

void OutputStage::Commit() {
  if (committed_) throw std::logic_error("OutputStage::Commit called twice");
  // Check first, so that a missing file moves nothing.
  for (const std::string& name : names_) {
    std::error_code ec;
    if (!fs::is_regular_file(fs::path(temp_dir_) / name, ec)) {
      throw std::runtime_error(fmt::format("output file {} was staged but never written", name));
    }
  }
  for (const std::string& name : names_) {
    std::string from = (fs::path(temp_dir_) / name).string();
    std::string to = (fs::path(target_dir_) / name).string();
    if (std::rename(from.c_str(), to.c_str()) != 0)
      ThrowErrno("出力ファイルをここに移せません", to);
  }
  committed_ = true;
  std::error_code ec;
  fs::remove_all(temp_dir_, ec);
}

void WriteFileAtomic(const std::string& path, std::string_view bytes) {
  AtomicFileWriter out(path);  // temporary file, fsync, rename; mode kept
  out.Write(bytes.data(), bytes.size());
  out.Commit();
}

}  // namespace kokuho
