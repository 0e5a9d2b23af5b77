#include "fuzz/fuzz_target.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "io/input_limits.h"

namespace kokuho::fuzz {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kSeparator = "\n%%%%\n";

/// Owns the scratch directory; removes it when the process exits normally.
struct Scratch {
  std::string path;
  pid_t owner = 0;
  Scratch() {
    std::error_code ec;
    const fs::path base = fs::is_directory("/dev/shm", ec) && access("/dev/shm", W_OK) == 0
                              ? fs::path("/dev/shm")
                              : fs::temp_directory_path();
    std::string pattern = (base / "kokuho-fuzz-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("cannot create a scratch directory for fuzzing");
    path = pattern;
    owner = getpid();
  }
  ~Scratch() {
    std::error_code ec;
    if (getpid() == owner) fs::remove_all(path, ec);  // a forked child leaves it to its parent
  }
};

}  // namespace

std::vector<Target>& Targets() {
  static std::vector<Target> targets;
  return targets;
}

const Target* FindTarget(std::string_view name) {
  for (const Target& t : Targets())
    if (name == t.name) return &t;
  return nullptr;
}

Registrar::Registrar(const char* name, TargetFn fn) { Targets().push_back({name, fn}); }

const std::string& ScratchDir() {
  static Scratch scratch;
  return scratch.path;
}

std::string WriteScratch(const std::string& name, std::string_view bytes) {
  // POSIX calls: a stream's buffer and locale cost more than writing a short input.
  const std::string path = ScratchDir() + "/" + name;
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool ok = fd >= 0;
  for (size_t done = 0; ok && done < bytes.size();) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    ok = n > 0;
    if (ok) done += static_cast<size_t>(n);
  }
  if (fd >= 0 && close(fd) != 0) ok = false;
  if (!ok) throw std::runtime_error("cannot write " + path);
  return path;
}

std::vector<std::string> SplitParts(std::string_view input, std::size_t parts) {
  std::vector<std::string> out;
  while (out.size() + 1 < parts) {
    const size_t at = input.find(kSeparator);
    if (at == std::string_view::npos) break;
    out.emplace_back(input.substr(0, at));
    input.remove_prefix(at + kSeparator.size());
  }
  out.emplace_back(input);
  out.resize(parts);
  return out;
}

std::string SourceDir() {
  if (const char* env = std::getenv("KOKUHO_SOURCE_DIR"); env && *env) return env;
#ifdef KOKUHO_SOURCE_DIR
  return KOKUHO_SOURCE_DIR;
#else
  return ".";
#endif
}

void UseFuzzLimits() {
  InputLimits l;
  l.document_bytes = 1 << 20;
  l.document_nodes = 100'000;
  l.nesting_depth = 64;
  l.table_bytes = 4 << 20;
  l.table_rows = 100'000;
  l.table_columns = 16'384;
  l.table_cells = 1'000'000;
  l.xlsx_unzipped_bytes = 16 << 20;
  l.population_bytes = 16 << 20;
  l.population_rows = 1'000'000;
  l.memory_bytes = 1ull << 30;
  SetLimitsForTesting(l);
}

}  // namespace kokuho::fuzz
