#include "server/static_files.h"

namespace kokuho::server {
namespace {

constexpr size_t kMaxPath = 256;

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::string ContentTypeFor(std::string_view path) {
  if (EndsWith(path, ".html")) return "text/html; charset=utf-8";
  if (EndsWith(path, ".js") || EndsWith(path, ".mjs")) return "text/javascript; charset=utf-8";
  if (EndsWith(path, ".css")) return "text/css; charset=utf-8";
  if (EndsWith(path, ".json") || EndsWith(path, ".topojson"))
    return "application/json; charset=utf-8";
  if (EndsWith(path, ".svg")) return "image/svg+xml";
  if (EndsWith(path, ".png")) return "image/png";
  if (EndsWith(path, ".ico")) return "image/x-icon";
  if (EndsWith(path, ".woff2")) return "font/woff2";
  return "application/octet-stream";
}

StaticLookup LookupStatic(std::string_view request_path, std::span<const EmbeddedFile> files) {
  StaticLookup out;
  if (request_path.empty() || request_path.front() != '/' || request_path.size() > kMaxPath) {
    out.status = 400;
    return out;
  }
  for (unsigned char ch : request_path)
    if (ch < 0x20 || ch == 0x7f || ch == '\\' || ch == '%') {
      out.status = 400;
      return out;
    }
  if (request_path.find("..") != std::string_view::npos ||
      request_path.find("//") != std::string_view::npos) {
    out.status = 400;
    return out;
  }
  std::string_view rel = request_path.substr(1);
  if (rel.empty()) rel = "index.html";
  for (const EmbeddedFile& f : files)
    if (f.path == rel) {
      out.status = 200;
      out.file = &f;
      out.content_type = ContentTypeFor(rel);
      return out;
    }
  out.status = 404;
  return out;
}

StaticLookup LookupStatic(std::string_view request_path) {
  return LookupStatic(request_path, EmbeddedAppFiles());
}

}  // namespace kokuho::server
