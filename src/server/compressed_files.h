// Compression of the web app's files, done once per file instead of once per response.
//
// cpp-httplib (Debian's build has zlib and brotli on) compresses every response as it is sent
// when the client accepts it, brotli at its slowest setting: 4.4 s of CPU for the app's 637 KB
// script on this machine, per request, which made the first page load take seconds in
// Chromium (curl, which asks for no encoding, got the file in 19 ms). GuardedServer therefore
// hides a request's Accept-Encoding from httplib (kAcceptEncodingHeader keeps it), and the
// server sends its embedded files gzip-compressed from a cache filled on first use; API
// answers are sent as they are (small, and loopback is the common case).
//
//   if (AcceptsGzip(req)) body = GzipOnce(file.content);  // same bytes on every call
#pragma once

#include <httplib.h>

#include <string_view>

namespace kokuho::server {

/// Where GuardedServer keeps the client's Accept-Encoding once it has hidden it from httplib.
inline constexpr const char* kAcceptEncodingHeader = "X-Kokuho-Accept-Encoding";

/// Whether the request accepts gzip (RFC 9110 §12.5.3: "gzip" or "*" listed without q=0).
bool AcceptsGzip(const httplib::Request& req);
bool AcceptsGzip(std::string_view accept_encoding);

/// The gzip stream of `content`, which must live as long as the process (an embedded file):
/// computed on the first call for that content (zlib level 9, no name, mtime 0, so the bytes
/// are the same on every run) and kept. Thread-safe.
std::string_view GzipOnce(std::string_view content);

}  // namespace kokuho::server
