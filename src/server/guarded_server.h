// GuardedServer: cpp-httplib's Server with the connection handling replaced, so that a few
// slow or idle clients cannot deny service to the others and no request can make the server
// buffer more than its limits (docs/web-app.md, "Limits").
//
// cpp-httplib 0.11 (Debian bookworm) gives each connection a worker thread for its whole
// life and reads a request's headers without a time or count limit: 8 connections that send
// a header line every few seconds, or that stay idle, take every worker. Here:
//   - an idle connection (waiting for its next request) holds no thread: one epoll thread
//     watches them all and hands a connection to a worker only when bytes arrive; it closes
//     a connection idle for longer than `idle_timeout` (the oldest first beyond `max_idle`);
//   - a worker reads a request through GuardedStream, which bounds the request head by time
//     (`head_timeout` from its first byte), lines (`max_header_lines`) and bytes
//     (`max_head_bytes`), and the body by time and bytes (chunked bodies too), before
//     httplib buffers them;
//   - while other connections wait for a worker, a worker gives up on a request whose bytes
//     stop coming for `busy_grace` (a slow client is dropped, not waited for).
//   - once the headers are read, before routing: one Host, one Content-Length, not both
//     Content-Length and Transfer-Encoding (the shapes of request smuggling), a declared body
//     within max_body_bytes.
// A refused request gets its status (400, 408, 413, 431) through CurrentRequestGuard() — the
// pre-routing handler and the error handler answer with it — and its connection is closed
// after the response ("Connection: close"). A connection closed with a request body unread
// is drained for up to `linger` (and max_body_bytes) first, so that a client still sending
// reads the answer instead of a reset.
//
//   GuardedServer http(ConnectionLimits{});
//   http.Get("/", handler);                    // routes as with httplib::Server
//   int port = http.BindGuarded("127.0.0.1", 0);
//   http.Start(); http.listen_after_bind();    // serves until Shutdown() from another thread
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace kokuho::server {

/// The bounds of one connection and one request.
struct ConnectionLimits {
  std::chrono::milliseconds idle_timeout{5'000};    ///< waiting for a request's first byte
  std::chrono::milliseconds head_timeout{10'000};   ///< first byte → end of the headers
  std::chrono::milliseconds body_timeout{30'000};   ///< end of the headers → end of the body
  std::chrono::milliseconds write_timeout{10'000};  ///< each wait to send the response
  std::chrono::milliseconds busy_grace{100};        ///< a wait for bytes while others queue
  std::chrono::milliseconds linger{2'000};          ///< draining an unread body before closing
  std::size_t max_header_lines = 100;               ///< header fields (besides the request line)
  std::size_t max_head_bytes = 64 << 10;            ///< request line + headers
  std::size_t max_body_bytes = 1 << 20;             ///< body (chunked: its decoded size, checked
                                                    ///< on the raw bytes with room for framing)
  std::size_t max_requests = 10'000;                ///< requests per connection
  std::size_t max_idle = 4'096;  ///< connections kept idle, and kept holding part of a head
  std::size_t threads = 8;       ///< workers (requests served at once)
};

/// Why the connection layer refused the current request (0: it did not).
struct RequestGuard {
  int status = 0;       ///< 400 framing, 408 too slow, 413 body too large, 431 head too large
  std::string message;  ///< for the client
  bool close = false;   ///< close the connection after this response
};

/// The guard of the request the calling thread is serving (nullptr outside a request). The
/// routing handlers may set close = true to close the connection after their response.
RequestGuard* CurrentRequestGuard();

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits);
  ~GuardedServer() override;

  /// bind_to_port / bind_to_any_port (port 0) with SO_REUSEADDR (not SO_REUSEPORT: no other
  /// process may bind the port too) and a full listen backlog. Returns the port, -1 on error.
  int BindGuarded(const std::string& host, int port);
  /// Starts the epoll and worker threads (before listen_after_bind).
  void Start();
  /// Stops listening, ends every connection and joins the threads (any thread; idempotent).
  void Shutdown();

  const ConnectionLimits& limits() const { return limits_; }

 private:
  struct Impl;
  bool process_and_close_socket(int sock) override;

  ConnectionLimits limits_;
  std::unique_ptr<Impl> impl_;
  int listen_fd_ = -1;
};

}  // namespace kokuho::server
