// Fuzz targets: one function per parser a user or a client feeds, registered by name.
//
// The same functions run under libFuzzer (fuzz/fuzz_main.cc, one executable per target,
// clang with -fsanitize=fuzzer,address,undefined; fuzz/README.md) and in the normal test
// suite, which feeds them every file under fuzz/regressions/<name>/ (tests/fuzz/
// regressions_test.cc). A target returns normally for any input the product refuses
// cleanly (InputError and the like); anything else — a crash, a sanitizer report, an
// exception of another type — is a finding.
//
//   KOKUHO_FUZZ_TARGET(csv) {                  // fuzz/targets/csv.cc
//     try { kokuho::ParseCsvBytes(AsText(data, size), "fuzz.csv"); }
//     catch (const kokuho::InputError&) {}
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kokuho::fuzz {

using TargetFn = void (*)(const std::uint8_t* data, std::size_t size);

struct Target {
  const char* name;
  TargetFn fn;
};

/// Every target linked into this executable, in registration order.
std::vector<Target>& Targets();

/// The target named `name`, or nullptr.
const Target* FindTarget(std::string_view name);

struct Registrar {
  Registrar(const char* name, TargetFn fn);
};

/// The input as bytes in a string.
inline std::string AsText(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

/// A directory for the target's files, private to this process, removed at exit.
const std::string& ScratchDir();

/// Writes `bytes` to ScratchDir()/name (replacing it); returns the path.
std::string WriteScratch(const std::string& name, std::string_view bytes);

/// Splits `input` at each "\n%%%%\n" into at most `parts` pieces (missing ones are empty):
/// a target that reads several files takes them from one input.
std::vector<std::string> SplitParts(std::string_view input, std::size_t parts);

/// The repository root (examples/, data/): KOKUHO_SOURCE_DIR from the build, or the
/// environment variable KOKUHO_SOURCE_DIR.
std::string SourceDir();

/// Limits tight enough for fuzzing (a few MiB per input, memory well under libFuzzer's
/// -rss_limit_mb), set once by the harness before the first input.
void UseFuzzLimits();

}  // namespace kokuho::fuzz

#define KOKUHO_FUZZ_TARGET(name)                                                                \
  static void KokuhoFuzzTarget_##name(const std::uint8_t* data, std::size_t size);              \
  static const ::kokuho::fuzz::Registrar kokuho_fuzz_registrar_##name(#name,                    \
                                                                      KokuhoFuzzTarget_##name); \
  static void KokuhoFuzzTarget_##name(const std::uint8_t* data, std::size_t size)
