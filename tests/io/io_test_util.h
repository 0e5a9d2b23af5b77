// Helpers shared by the io tests: a temporary directory under /tmp, raw file
// access, CP932 encoding via iconv, and reading one part of a zip (xlsx) file.
//
//   io_test::TempDir dir;                         // removed with its contents at scope end
//   io_test::WriteBytes(dir.Path("a.csv"), io_test::ToCp932("団体コード\n"));
#pragma once

#include <gtest/gtest.h>
#include <iconv.h>
#include <stdlib.h>
#include <zip.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kokuho::io_test {

/// Runs `f` and returns the InputError it throws; a test failure if it throws none.
template <typename F>
InputError CatchInputError(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "expected an InputError";
  return InputError({}, "");
}

/// A fresh directory /tmp/kokuho-io-test-XXXXXX, removed recursively on destruction.
class TempDir {
 public:
  TempDir() {
    std::string pattern = "/tmp/kokuho-io-test-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// The directory itself.
  const std::string& path() const { return path_; }
  /// A path inside the directory.
  std::string Path(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

/// Writes `bytes` to `path` as they are.
inline void WriteBytes(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

/// The bytes of the file at `path`.
inline std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// Names of the entries of `dir` (hidden ones included), sorted.
inline std::vector<std::string> ListDir(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

/// `utf8` encoded as CP932 (Shift_JIS) with glibc's iconv.
inline std::string ToCp932(std::string_view utf8) {
  iconv_t cd = iconv_open("CP932", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) throw std::runtime_error("iconv_open failed");
  std::string out(utf8.size() * 2 + 4, '\0');
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* dst = out.data();
  size_t out_left = out.size();
  size_t rc = iconv(cd, &in, &in_left, &dst, &out_left);
  iconv_close(cd);
  if (rc == static_cast<size_t>(-1)) throw std::runtime_error("not encodable in CP932");
  out.resize(out.size() - out_left);
  return out;
}

/// The uncompressed content of entry `name` of the zip file at `path`, if present.
inline std::optional<std::string> ReadZipEntry(const std::string& path, const std::string& name) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (zip == nullptr) return std::nullopt;
  std::optional<std::string> result;
  if (zip_file_t* f = zip_fopen(zip, name.c_str(), 0)) {
    std::string data;
    char buffer[4096];
    zip_int64_t n;
    while ((n = zip_fread(f, buffer, sizeof buffer)) > 0)
      data.append(buffer, static_cast<size_t>(n));
    zip_fclose(f);
    result = data;
  }
  zip_discard(zip);
  return result;
}

/// Writes a zip file holding `entries` (name, content), e.g. a hand-made xlsx.
inline void WriteZip(const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& entries) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  if (zip == nullptr) throw std::runtime_error("zip_open failed");
  for (const auto& [name, content] : entries) {
    zip_source_t* src = zip_source_buffer(zip, content.data(), content.size(), 0);
    if (src == nullptr || zip_file_add(zip, name.c_str(), src, ZIP_FL_OVERWRITE) < 0) {
      zip_source_free(src);
      zip_discard(zip);
      throw std::runtime_error("zip_file_add failed");
    }
  }
  if (zip_close(zip) != 0) throw std::runtime_error("zip_close failed");
}

}  // namespace kokuho::io_test
