// `kokuho serve` under hostile clients, on an ephemeral loopback port, with raw sockets (a
// well-behaved HTTP client cannot send two Content-Length headers or stall mid-header):
// request smuggling shapes, oversized and endless heads and bodies, slow and idle
// connections while a probe must still be answered quickly, traversal in every encoding,
// malformed and deeply nested JSON, wrong methods and media types, the token, the security
// headers, no CORS, and no household figure or terminal control character in the log.
// Bounded: a few hundred connections at most and about 20 s in all.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "cli/serve_inputs.h"
#include "server/server.h"

namespace kokuho::server {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

std::shared_ptr<const AppData> Data() {
  static const auto data = std::make_shared<const AppData>(
      cli::LoadServeData(KOKUHO_SOURCE_DIR "/examples/gunma",
                         KOKUHO_SOURCE_DIR "/examples/levy/rates-gunma-sample.csv", ""));
  return data;
}

class Running {
 public:
  explicit Running(ServeOptions o = {})
      : server_(Data(), [&] {
          o.port = 0;
          return o;
        }()) {
    port_ = server_.Bind();
    thread_ = std::thread([this] { server_.Run(); });
  }
  ~Running() {
    server_.Stop();
    thread_.join();
  }
  int port() const { return port_; }

 private:
  AppServer server_;
  int port_ = 0;
  std::thread thread_;
};

ServeOptions Quiet() {
  ServeOptions o;
  o.log = false;
  return o;
}

/// A TCP connection to the server (blocking, with a receive timeout).
class Conn {
 public:
  explicit Conn(int port) {
    fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok_ = fd_ >= 0 && connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    timeval tv{10, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    int yes = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  }
  ~Conn() {
    if (fd_ >= 0) close(fd_);
  }
  Conn(const Conn&) = delete;
  Conn& operator=(const Conn&) = delete;
  Conn(Conn&& o) noexcept : fd_(o.fd_), ok_(o.ok_) { o.fd_ = -1; }

  bool ok() const { return ok_; }
  int fd() const { return fd_; }

  /// Sends all of `bytes` (false when the server closed the connection first).
  bool Send(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t n = send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  /// Sends `bytes` while watching for an answer; stops sending as soon as one arrives (a
  /// server that refuses early answers before the request is complete). Returns the number
  /// of bytes sent.
  size_t SendUntilAnswered(std::string_view bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
      pollfd p{fd_, POLLIN | POLLOUT, 0};
      if (poll(&p, 1, 10'000) <= 0) break;
      if (p.revents & (POLLIN | POLLHUP | POLLERR)) break;
      const ssize_t n = send(fd_, bytes.data() + sent, std::min<size_t>(bytes.size() - sent, 65536),
                             MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0 && errno == EAGAIN) continue;
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    return sent;
  }

  /// Reads one response: the head, then Content-Length bytes of body.
  std::string ReadResponse() {
    std::string in;
    size_t head_end;
    while ((head_end = in.find("\r\n\r\n")) == std::string::npos)
      if (!ReadMore(in)) return in;
    size_t length = 0;
    const size_t at = Lower(in.substr(0, head_end)).find("\r\ncontent-length:");
    if (at != std::string::npos) length = std::stoul(in.substr(at + 17));
    while (in.size() < head_end + 4 + length)
      if (!ReadMore(in)) break;
    std::string response = in.substr(0, head_end + 4 + length);
    rest_ = in.substr(response.size());
    return response;
  }

  /// Whether the server closed the connection (EOF or reset) within `timeout`.
  bool ClosedWithin(milliseconds timeout) {
    const auto end = Clock::now() + timeout;
    char buf[4096];
    while (Clock::now() < end) {
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, 50) > 0) {
        const ssize_t n = recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
        if (n == 0 || (n < 0 && errno != EAGAIN)) return true;
      }
    }
    return false;
  }

 private:
  static std::string Lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  bool ReadMore(std::string& in) {
    if (!rest_.empty()) {
      in += rest_;
      rest_.clear();
      return true;
    }
    char buf[65536];
    const ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) return false;
    in.append(buf, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool ok_ = false;
  std::string rest_;
};

int StatusOf(const std::string& response) {
  if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return 0;
  return std::stoi(response.substr(9, 3));
}

std::string Header(const std::string& response, const std::string& name) {
  const std::string head = response.substr(0, response.find("\r\n\r\n"));
  std::string lower_head = head, lower_name = name;
  for (char& c : lower_head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : lower_name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const size_t at = lower_head.find("\r\n" + lower_name + ":");
  if (at == std::string::npos) return "";
  size_t from = at + 3 + name.size();
  while (from < head.size() && head[from] == ' ') ++from;
  return head.substr(from, head.find("\r\n", from) - from);
}

std::string Body(const std::string& response) {
  const size_t at = response.find("\r\n\r\n");
  return at == std::string::npos ? "" : response.substr(at + 4);
}

/// One request on a new connection; the response.
std::string Exchange(int port, const std::string& request) {
  Conn c(port);
  if (!c.ok() || !c.Send(request)) return "";
  return c.ReadResponse();
}

std::string Get(const std::string& path, const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

std::string Post(const std::string& path, const std::string& body,
                 const std::string& type = "application/json", const std::string& extra = "") {
  return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra + "\r\n" + body;
}

/// Milliseconds a fresh probe takes to get GET /api/case answered (-1: not answered).
long ProbeMs(int port) {
  const auto start = Clock::now();
  const std::string r = Exchange(port, Get("/api/case"));
  if (StatusOf(r) != 200) return -1;
  return static_cast<long>(std::chrono::duration_cast<milliseconds>(Clock::now() - start).count());
}

/// Raises the open-file limit to what `wanted` descriptors need; the count it allows.
int AllowDescriptors(int wanted) {
  rlimit r{};
  getrlimit(RLIMIT_NOFILE, &r);
  if (r.rlim_cur < r.rlim_max) {
    r.rlim_cur = r.rlim_max;
    setrlimit(RLIMIT_NOFILE, &r);
  }
  // Both ends live in this process, plus what the test and the server need besides.
  const long room = (static_cast<long>(r.rlim_cur) - 200) / 2;
  return static_cast<int>(std::min<long>(wanted, room));
}

// --- framing: request smuggling shapes and oversized requests, refused before the token ---

TEST(HostileClient, TwoContentLengthHeadersAreRefused) {
  ServeOptions o = Quiet();
  o.token = NewToken();  // the framing is checked before the token
  Running s(o);
  const std::string r =
      Exchange(s.port(),
               "POST /api/compute HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
               "\r\nContent-Length: 2\r\nContent-Length: 13\r\n\r\n{}{\"alpha\":0}");
  EXPECT_EQ(StatusOf(r), 400) << r;
  EXPECT_NE(Body(r).find("Content-Length"), std::string::npos);
  EXPECT_EQ(Header(r, "Connection"), "close");
}

TEST(HostileClient, TwoHostHeadersAreRefused) {
  Running s(Quiet());
  const std::string r =
      Exchange(s.port(), "GET /api/case HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\n\r\n");
  EXPECT_EQ(StatusOf(r), 400) << r;
  EXPECT_NE(Body(r).find("Host"), std::string::npos);
}

TEST(HostileClient, TransferEncodingWithContentLengthIsRefused) {
  Running s(Quiet());
  const std::string r =
      Exchange(s.port(),
               "POST /api/compute HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
  EXPECT_EQ(StatusOf(r), 400) << r;
}

TEST(HostileClient, TenThousandHeadersAreRefusedEarly) {
  ServeOptions o = Quiet();
  o.token = NewToken();
  Running s(o);
  std::string request = "GET /api/case HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 10'000; ++i) request += "X-Filler-" + std::to_string(i) + ": y\r\n";
  request += "\r\n";
  {
    Conn c(s.port());
    ASSERT_TRUE(c.ok());
    c.SendUntilAnswered(request);
    const std::string r = c.ReadResponse();
    EXPECT_EQ(StatusOf(r), 431) << r.substr(0, 200);
    EXPECT_TRUE(c.ClosedWithin(milliseconds(3000)));  // not read as a next request
  }
  // A million header lines (20 MB): refused after about a hundred, long before the client has
  // sent them all (what it sent beyond is at most what the socket buffers hold).
  request = "GET /api/case HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 1'000'000; ++i) request += "X-Filler: yyyyyyyyyy\r\n";
  Conn c(s.port());
  ASSERT_TRUE(c.ok());
  const size_t sent = c.SendUntilAnswered(request);
  EXPECT_EQ(StatusOf(c.ReadResponse()), 431);
  EXPECT_LT(sent, request.size() / 2);
}

TEST(HostileClient, HugeHeaderLinesAreRefused) {
  Running s(Quiet());
  Conn c(s.port());
  ASSERT_TRUE(c.ok());
  const std::string request =
      "GET /api/case HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + std::string(4 << 20, 'a') +
      "\r\n\r\n";
  c.SendUntilAnswered(request);
  const int status = StatusOf(c.ReadResponse());
  EXPECT_TRUE(status == 431 || status == 400) << status;
}

TEST(HostileClient, OversizedContentLengthIsRefusedWithoutReadingTheBody) {
  ServeOptions o = Quiet();
  o.token = NewToken();
  Running s(o);
  Conn c(s.port());
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(
      c.Send("POST /api/compute HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
             "application/json\r\nContent-Length: 10000000000\r\n\r\n"));
  const auto start = Clock::now();
  const std::string r = c.ReadResponse();  // no body sent at all
  EXPECT_EQ(StatusOf(r), 413) << r;
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(3));
}

TEST(HostileClient, ChunkedBodyOverTheLimitIsRefusedEarly) {
  ServeOptions o = Quiet();
  o.token = NewToken();
  Running s(o);
  Conn c(s.port());
  ASSERT_TRUE(c.ok());
  std::string request =
      "POST /api/compute HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  const std::string chunk = "10000\r\n" + std::string(0x10000, ' ') + "\r\n";
  for (int i = 0; i < 256; ++i) request += chunk;  // 16 MiB, never terminated
  const size_t sent = c.SendUntilAnswered(request);
  const std::string r = c.ReadResponse();
  const int status = StatusOf(r);
  // 413 (the body cap) — or 401 before it for want of a token, which also ends it early.
  EXPECT_TRUE(status == 413 || status == 401) << r.substr(0, 200);
  EXPECT_LT(sent, request.size());
}

TEST(HostileClient, ChunkedBodyWithinTheLimitIsServed) {
  Running s(Quiet());
  const std::string r =
      Exchange(s.port(),
               "POST /api/compute HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"alp\r\n9\r\nha\": 0.3}\r\n0\r\n\r\n");
  EXPECT_EQ(StatusOf(r), 200) << r.substr(0, 300);
}

// --- slow and idle clients ---

TEST(HostileClient, SlowClientsDoNotStopOthers) {
  Running s(Quiet());
  // 24 clients that send a header line every 800 ms and never finish.
  std::atomic<bool> stop{false};
  std::vector<Conn> slow;
  for (int i = 0; i < 24; ++i) {
    slow.emplace_back(s.port());
    ASSERT_TRUE(slow.back().ok());
    slow.back().Send("GET /api/case HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  }
  std::thread trickle([&] {
    for (int k = 0; !stop && k < 15; ++k) {
      for (auto& c : slow) c.Send("X-Slow-" + std::to_string(k) + ": y\r\n");
      for (int t = 0; !stop && t < 8; ++t) std::this_thread::sleep_for(milliseconds(100));
    }
  });
  std::this_thread::sleep_for(milliseconds(500));
  for (int probe = 0; probe < 4; ++probe) {
    const long ms = ProbeMs(s.port());
    EXPECT_GE(ms, 0) << "probe " << probe << " not answered";
    EXPECT_LT(ms, 2000) << "probe " << probe;
    std::this_thread::sleep_for(milliseconds(300));
  }
  stop = true;
  trickle.join();
}

TEST(HostileClient, SlowHeadIsCutAtItsDeadline) {
  Running s(Quiet());
  Conn c(s.port());
  ASSERT_TRUE(c.ok());
  c.Send("GET /api/case HTTP/1.1\r\n");
  // One line every 500 ms never completes the head; the server ends it at its deadline (10 s)
  // with 408, not later.
  const auto start = Clock::now();
  std::string r;
  for (int k = 0; k < 40 && r.empty(); ++k) {
    c.Send("X-Slow: y\r\n");
    pollfd p{c.fd(), POLLIN, 0};
    if (poll(&p, 1, 500) > 0) r = c.ReadResponse();
  }
  EXPECT_EQ(StatusOf(r), 408) << r;
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(13));
}

TEST(HostileClient, IdleSocketsDoNotStopOthers) {
  Running s(Quiet());
  const int n = AllowDescriptors(2000);
  ASSERT_GE(n, 400) << "too few file descriptors for the test";
  std::vector<Conn> idle;
  idle.reserve(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) {
    idle.emplace_back(s.port());
    if (!idle.back().ok()) break;
  }
  EXPECT_EQ(static_cast<int>(idle.size()), n);
  for (int probe = 0; probe < 4; ++probe) {
    const long ms = ProbeMs(s.port());
    EXPECT_GE(ms, 0) << "probe " << probe << " not answered";
    EXPECT_LT(ms, 2000) << "probe " << probe;
  }
  // Partial requests (a request line and no more) on many sockets: the same.
  for (int i = 0; i < std::min(n, 200); ++i)
    idle[static_cast<size_t>(i)].Send("GET / HTTP/1.1\r\n");
  for (int probe = 0; probe < 4; ++probe) {
    const long ms = ProbeMs(s.port());
    EXPECT_GE(ms, 0) << "probe " << probe << " not answered";
    EXPECT_LT(ms, 2000) << "probe " << probe;
  }
}

TEST(HostileClient, IdleKeepAliveConnectionIsClosed) {
  Running s(Quiet());
  Conn c(s.port());
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(c.Send(Get("/api/case")));
  EXPECT_EQ(StatusOf(c.ReadResponse()), 200);
  EXPECT_TRUE(c.ClosedWithin(milliseconds(8000)));  // idle timeout 5 s
}

TEST(HostileClient, ManyConcurrentRequestsAreAllAnswered) {
  Running s(Quiet());
  const int n = AllowDescriptors(300);
  std::vector<Conn> conns;
  for (int i = 0; i < n; ++i) {
    conns.emplace_back(s.port());
    ASSERT_TRUE(conns.back().ok());
  }
  const std::string body = R"({"alpha": 0.25})";
  for (auto& c : conns) ASSERT_TRUE(c.Send(Post("/api/compute", body)));
  int ok = 0;
  for (auto& c : conns) {
    const std::string r = c.ReadResponse();
    if (StatusOf(r) == 200 && nlohmann::json::parse(Body(r))["municipalities"].size() == 35) ++ok;
  }
  EXPECT_EQ(ok, n);
}

TEST(HostileClient, KeepAliveAndPipelinedRequestsAreServed) {
  Running s(Quiet());
  Conn c(s.port());
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(c.Send(Get("/api/case") + Post("/api/compute", "{}") + Get("/api/compute")));
  EXPECT_EQ(StatusOf(c.ReadResponse()), 200);
  EXPECT_EQ(StatusOf(c.ReadResponse()), 200);
  EXPECT_EQ(StatusOf(c.ReadResponse()), 200);
  ASSERT_TRUE(c.Send(Get("/api/case")));  // the same connection, later
  EXPECT_EQ(StatusOf(c.ReadResponse()), 200);
}

// --- paths, methods, media types, JSON ---

TEST(HostileClient, TraversalInEveryEncodingIsRefused) {
  Running s(Quiet());
  for (const char* path : {"/../../etc/passwd",
                           "/..%2f..%2fetc%2fpasswd",
                           "/%2e%2e/%2e%2e/etc/passwd",
                           "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
                           "/%252e%252e/%252e%252e/etc/passwd",
                           "/..%252f..%252fetc%252fpasswd",
                           "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",
                           "/%e0%80%ae%e0%80%ae/etc/passwd",
                           "/..%5c..%5cetc%5cpasswd",
                           "/..\\..\\etc\\passwd",
                           "/assets/../../../etc/passwd",
                           "/assets/..%2f..%2f..%2fetc%2fpasswd",
                           "//etc/passwd",
                           "/./../etc/passwd",
                           "/etc/passwd",
                           "/%2fetc%2fpasswd",
                           "/..;/..;/etc/passwd",
                           "/%00../etc/passwd",
                           "/index.html%00.png",
                           "/assets/%2e%2e%00/x"}) {
    const std::string r = Exchange(s.port(), Get(path));
    const int status = StatusOf(r);
    EXPECT_GE(status, 400) << path;
    EXPECT_LT(status, 500) << path;
    EXPECT_EQ(r.find("root:"), std::string::npos) << path;
  }
}

TEST(HostileClient, WrongMethodsAndMediaTypesAreRefused) {
  Running s(Quiet());
  for (const char* method : {"PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "FOO"}) {
    const std::string r = Exchange(s.port(), std::string(method) +
                                                 " /api/compute HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                                 "Content-Length: 0\r\n\r\n");
    const int status = StatusOf(r);
    EXPECT_GE(status, 400) << method;
    EXPECT_LT(status, 500) << method;
  }
  for (const char* type :
       {"application/jsonp", "text/plain", "application/json-patch+json",
        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/json", ""}) {
    const std::string r = Exchange(s.port(), Post("/api/compute", "{}", type));
    EXPECT_EQ(StatusOf(r), 415) << "'" << type << "'";
  }
  const std::string no_type = Exchange(
      s.port(), "POST /api/compute HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}");
  EXPECT_EQ(StatusOf(no_type), 415);
  for (const char* type : {"application/json", "application/json; charset=utf-8",
                           "Application/JSON", " application/json ;charset=UTF-8"}) {
    const std::string r = Exchange(s.port(), Post("/api/compute", "{}", type));
    EXPECT_EQ(StatusOf(r), 200) << "'" << type << "'";
  }
}

TEST(HostileClient, MalformedAndDeeplyNestedJsonAreRefused) {
  Running s(Quiet());
  const std::vector<std::string> bodies = {"",
                                           "{",
                                           "}",
                                           "[]",
                                           "null",
                                           "\"x\"",
                                           "{\"alpha\": }",
                                           "{\"alpha\": 0.5,}",
                                           "{'alpha': 1}",
                                           "{\"alpha\": NaN}",
                                           "{\"alpha\": 1e400}",
                                           "{\"alpha\": -1e400}",
                                           "{\"alpha\": 0.5}x",
                                           "\xff\xfe{}",
                                           std::string(500'000, '['),
                                           std::string(300'000, '{'),
                                           [] {
                                             std::string b;
                                             for (int i = 0; i < 5000; ++i) b += "{\"a\":";
                                             return b;
                                           }(),
                                           [] {
                                             std::string b = "{\"beta_prime\":";
                                             for (int i = 0; i < 20; ++i) b += "{\"iryo\":";
                                             return b + "1" + std::string(20, '}') + "}";
                                           }()};
  for (const std::string& body : bodies) {
    const auto start = Clock::now();
    const std::string r = Exchange(s.port(), Post("/api/compute", body));
    EXPECT_EQ(StatusOf(r), 400) << body.substr(0, 40);
    EXPECT_LT(Clock::now() - start, std::chrono::seconds(2)) << body.substr(0, 40);
    EXPECT_EQ(Body(r).find("1e400"), std::string::npos);
  }
  for (const char* path : {"/api/levy", "/api/export", "/api/municipalities/102016"}) {
    const std::string r = Exchange(s.port(), Post(path, std::string(200'000, '[')));
    EXPECT_EQ(StatusOf(r), 400) << path;
  }
}

// --- token, headers, CORS, log ---

TEST(HostileClient, TokenIsRequiredWhenExposed) {
  ServeOptions o = Quiet();
  o.token = NewToken();
  Running s(o);
  for (const std::string& extra : std::vector<std::string>{
           std::string(), "X-Kokuho-Token: \r\n", "X-Kokuho-Token: " + o.token.substr(1) + "\r\n",
           "X-Kokuho-Token: " + o.token + "x\r\n",
           "X-Kokuho-Token: " + std::string(o.token.size(), '0') + "\r\n",
           "Cookie: kokuho_token=" + o.token.substr(0, 31) + (o.token.back() == '0' ? "1" : "0") +
               "\r\n"}) {
    EXPECT_EQ(StatusOf(Exchange(s.port(), Get("/api/case", extra))), 401) << extra;
    EXPECT_EQ(StatusOf(Exchange(s.port(), Post("/api/levy", "{}", "application/json", extra))),
              401);
  }
  EXPECT_EQ(StatusOf(Exchange(s.port(), Get("/api/case", "X-Kokuho-Token: " + o.token + "\r\n"))),
            200);
  // The comparison reads every byte whatever differs (SameToken); correct at each position.
  for (size_t i = 0; i < o.token.size(); ++i) {
    std::string t = o.token;
    t[i] = t[i] == 'a' ? 'b' : 'a';
    EXPECT_FALSE(SameToken(t, o.token)) << i;
  }
}

TEST(HostileClient, SecurityHeadersAndNoStore) {
  Running s(Quiet());
  const std::string page = Exchange(s.port(), Get("/"));
  EXPECT_EQ(StatusOf(page), 200);
  EXPECT_EQ(Header(page, "X-Content-Type-Options"), "nosniff");
  EXPECT_NE(Header(page, "Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_NE(Header(page, "Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
  const std::string levy = Exchange(
      s.port(), Post("/api/levy", R"({"municipality": "102016", "year": 2026, "household": )"
                                  R"({"members": [{"head": true, "age": 40, "income": )"
                                  R"({"salary_revenue": 4000000}}]}})"));
  EXPECT_EQ(StatusOf(levy), 200) << levy.substr(0, 300);
  EXPECT_EQ(Header(levy, "Cache-Control"), "no-store");
  EXPECT_EQ(Header(levy, "X-Content-Type-Options"), "nosniff");
  const std::string bad_levy = Exchange(s.port(), Post("/api/levy", "{\"household\": 1}"));
  EXPECT_EQ(StatusOf(bad_levy), 400);
  EXPECT_EQ(Header(bad_levy, "Cache-Control"), "no-store");
  for (const char* path : {"/api/case", "/api/compute", "/api/municipalities/102016"})
    EXPECT_EQ(Header(Exchange(s.port(), Get(path)), "Cache-Control"), "no-store") << path;
}

TEST(HostileClient, NoCorsForOtherOrigins) {
  Running s(Quiet());
  const std::string origin = "Origin: https://evil.example\r\n";
  for (const std::string& request :
       {Get("/api/case", origin), Post("/api/compute", "{}", "application/json", origin),
        "OPTIONS /api/compute HTTP/1.1\r\nHost: 127.0.0.1\r\n" + origin +
            "Access-Control-Request-Method: POST\r\nAccess-Control-Request-Headers: "
            "content-type\r\n\r\n"}) {
    const std::string r = Exchange(s.port(), request);
    EXPECT_NE(StatusOf(r), 0);
    EXPECT_EQ(Header(r, "Access-Control-Allow-Origin"), "") << request.substr(0, 40);
    EXPECT_EQ(Header(r, "Access-Control-Allow-Credentials"), "");
  }
}

TEST(HostileClient, NoIncomeOrControlCharacterReachesTheLog) {
  ServeOptions o;
  o.log = true;
  testing::internal::CaptureStderr();
  {
    Running s(o);
    const std::string household =
        R"({"members": [{"head": true, "age": 40, "income": {"salary_revenue": 9876543}}]})";
    EXPECT_EQ(StatusOf(Exchange(s.port(), Post("/api/levy", R"({"municipality": "102016", )"
                                                            R"("year": 2026, "household": )" +
                                                                household + "}"))),
              200);
    // Refused forms of the same figure: out of range, wrong type, malformed, overflow.
    for (const std::string& body :
         {std::string(R"({"municipality": "102016", "year": 2026, "household": {"members": )"
                      R"([{"age": 40, "income": {"salary_revenue": -9876543}}]}})"),
          std::string(R"({"municipality": "102016", "year": 2026, "household": {"members": )"
                      R"([{"age": 40, "income": {"salary_revenue": "9876543x"}}]}})"),
          std::string(R"({"municipality": "102016", "year": 9876543, "household": {}})"),
          std::string(R"({"alpha": 9876543e400})"), std::string(R"({"alpha": 9876543)")}) {
      for (const char* path : {"/api/levy", "/api/compute"}) {
        const std::string r = Exchange(s.port(), Post(path, body));
        EXPECT_GE(StatusOf(r), 400) << body;
        EXPECT_LT(StatusOf(r), 500) << body;
      }
    }
    // A path with terminal control characters (ESC [31m, BEL, NUL after decoding).
    Exchange(s.port(), Get("/%1b%5b31mred%07%00x"));
  }
  const std::string log = testing::internal::GetCapturedStderr();
  EXPECT_NE(log.find("POST /api/levy 200"), std::string::npos) << log;
  EXPECT_EQ(log.find("9876543"), std::string::npos) << log;
  EXPECT_EQ(log.find('\x1b'), std::string::npos);
  EXPECT_EQ(log.find('\x07'), std::string::npos);
  EXPECT_NE(log.find("\\x1B[31mred\\x07"), std::string::npos) << log;
  EXPECT_EQ(log.find("internal error"), std::string::npos) << log;
}

TEST(ServerLog, EscapesAndMasks) {
  EXPECT_EQ(EscapeForLog("/a\x1b[31m\x07\x7f\\b"), "/a\\x1B[31m\\x07\\x7F\\x5Cb");
  EXPECT_EQ(EscapeForLog("/市町村"), "/市町村");
  EXPECT_EQ(MaskDigits("number overflow parsing '9876543e400' at 12"),
            "number overflow parsing '#e#' at #");
}

}  // namespace
}  // namespace kokuho::server
