#include "server/compressed_files.h"

#include <zlib.h>

#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include "core/text.h"

namespace kokuho::server {

bool AcceptsGzip(const httplib::Request& req) {
  return AcceptsGzip(req.get_header_value(kAcceptEncodingHeader));
}

namespace {

std::string Lower(std::string_view text) { return AsciiLower(Trim(text)); }

}  // namespace

bool AcceptsGzip(std::string_view accept_encoding) {
  // A list of codings, each with optional parameters: "gzip, deflate;q=0.5, br".
  size_t start = 0;
  while (start <= accept_encoding.size()) {
    size_t end = accept_encoding.find(',', start);
    if (end == std::string_view::npos) end = accept_encoding.size();
    const std::string_view item = accept_encoding.substr(start, end - start);
    const size_t semicolon = item.find(';');
    const std::string name = Lower(item.substr(0, semicolon));
    const std::string weight =
        semicolon == std::string_view::npos ? "" : Lower(item.substr(semicolon + 1));
    // q=0 (or 0.0, 0.000) means "not acceptable".
    const bool refused =
        weight.rfind("q=0", 0) == 0 && weight.find_first_not_of("0.", 2) == std::string::npos;
    if ((name == "gzip" || name == "x-gzip" || name == "*") && !refused) return true;
    start = end + 1;
  }
  return false;
}

namespace {

std::string Gzip(std::string_view in) {
  z_stream z{};
  // windowBits 15 + 16: a gzip header and trailer; the header zlib writes has no name and
  // mtime 0.
  if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("zlib: deflateInit2 failed");
  std::string out(deflateBound(&z, static_cast<uLong>(in.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
  return out;
}

}  // namespace

std::string_view GzipOnce(std::string_view content) {
  static std::mutex mutex;
  static std::map<const char*, std::unique_ptr<const std::string>> cache;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(content.data());
    if (it != cache.end() && it->second->size() > 0) return *it->second;
  }
  // Compressed outside the lock (two first requests may both compress; the same bytes).
  auto gz = std::make_unique<const std::string>(Gzip(content));
  std::lock_guard<std::mutex> lock(mutex);
  auto [it, inserted] = cache.emplace(content.data(), std::move(gz));
  return *it->second;
}

}  // namespace kokuho::server
