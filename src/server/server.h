// `kokuho serve`: the local web application's HTTP server (cpp-httplib). It serves the
// embedded front end (static_files.h) and the JSON API (api.h, docs/web-app.md).
//
// Security: it binds 127.0.0.1 unless told otherwise, and then refuses requests whose Host
// header is not a loopback name (a web page elsewhere cannot reach it by DNS rebinding).
// Bound to another address it requires a token on every request (query ?token=, the cookie
// it sets, or the X-Kokuho-Token header). Before the token, a request's framing is checked
// (one Host, one Content-Length, at most 100 header fields, a body within the cap: 400, 431,
// 413), and slow or idle connections are bounded (guarded_server.h). POST bodies must be
// JSON (415), API answers are sent with Cache-Control: no-store, and the log holds method,
// path (control characters escaped), status and time only — never a body or a query
// string (household incomes are personal figures).
//
//   AppServer server(std::make_shared<AppData>(cli::LoadServeData("examples/gunma", "", "")), {});
//   int port = server.Bind();   // 8080, or any free port with options.port = 0
//   server.Run();               // until Stop()
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "server/api.h"

namespace kokuho::server {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                       ///< 0: any free port
  std::string token;                     ///< required on every request when not empty
  std::size_t max_body_bytes = 1 << 20;  ///< larger bodies: 413
  bool log = true;                       ///< one line per request on stderr
  int threads = 8;  ///< workers: requests served at once (idle connections take none)
};

class AppServer {
 public:
  AppServer(std::shared_ptr<const AppData> data, ServeOptions options);
  ~AppServer();
  AppServer(const AppServer&) = delete;
  AppServer& operator=(const AppServer&) = delete;

  /// Binds the address; returns the port. Throws std::runtime_error when it cannot.
  int Bind();
  /// Serves until Stop() (call Bind() first).
  void Run();
  /// Stops Run() from any thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// 127.0.0.1, ::1, localhost (the hosts that need no token).
bool IsLoopbackHost(std::string_view host);

/// The Host header of a loopback server: "127.0.0.1", "localhost" or "[::1]", any port.
bool IsLoopbackHostHeader(std::string_view host_header);

/// A random token: 32 hex digits from the system's random source.
std::string NewToken();

/// Constant-time comparison (a token is not guessed byte by byte from response times).
bool SameToken(std::string_view a, std::string_view b);

/// `text` for the request log: control characters (ESC, BEL, NUL …, DEL) and the backslash
/// as \xNN, so that a percent-encoded path cannot drive the operator's terminal.
std::string EscapeForLog(std::string_view text);

/// `text` with every run of digits replaced by one '#' (an unexpected error's message in
/// the log must not carry a figure from a request body).
std::string MaskDigits(std::string_view text);

}  // namespace kokuho::server
