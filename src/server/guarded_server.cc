#include "server/guarded_server.h"

#include <arpa/inet.h>
#include <fmt/format.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <list>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "core/text.h"
#include "server/compressed_files.h"

namespace kokuho::server {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

thread_local RequestGuard* current_guard = nullptr;

/// Runs httplib's per-connection task at once on the accepting thread: it only hands the
/// socket to GuardedServer's epoll thread (process_and_close_socket below).
class InlineTaskQueue : public httplib::TaskQueue {
 public:
  void enqueue(std::function<void()> fn) override { fn(); }
  void shutdown() override {}
};

int PollMs(Clock::duration d) {
  const auto ms = std::chrono::duration_cast<milliseconds>(d).count();
  return static_cast<int>(std::clamp<long long>(ms, 0, 60'000));
}

std::string AddressText(const sockaddr_storage& a) {
  char text[INET6_ADDRSTRLEN] = {};
  if (a.ss_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in&>(a).sin_addr, text, sizeof text);
  else if (a.ss_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6&>(a).sin6_addr, text, sizeof text);
  return text;
}

int PortOf(const sockaddr_storage& a) {
  if (a.ss_family == AF_INET) return ntohs(reinterpret_cast<const sockaddr_in&>(a).sin_port);
  if (a.ss_family == AF_INET6) return ntohs(reinterpret_cast<const sockaddr_in6&>(a).sin6_port);
  return -1;
}

}  // namespace

RequestGuard* CurrentRequestGuard() { return current_guard; }

/// What GuardedStream needs from the server: whether to give up waiting.
struct WaitPolicy {
  virtual ~WaitPolicy() = default;
  virtual bool Stopping() const = 0;
  /// Whether a connection with bytes to read waits for a worker.
  virtual bool Backlogged() const = 0;
};

namespace {

/// One connection's socket as httplib's Stream, with the request bounds of ConnectionLimits.
/// The read buffer lives as long as the connection (pipelined bytes stay for the next request).
class GuardedStream : public httplib::Stream {
 public:
  GuardedStream(int fd, const ConnectionLimits& limits, const WaitPolicy& policy)
      : fd_(fd), limits_(limits), policy_(policy) {}

  /// Resets the per-request bounds; `guard` receives a refusal.
  void BeginRequest(RequestGuard* guard) {
    guard_ = guard;
    head_ = true;
    head_bytes_ = 0;
    lines_ = 0;
    line_length_ = 0;
    body_bytes_ = 0;
    deadline_ = Clock::now() + limits_.head_timeout;
  }

  /// Body bytes handed to httplib for the current request.
  size_t body_bytes() const { return body_bytes_; }

  /// Whether bytes not yet handed to httplib are buffered.
  bool Buffered() const { return pos_ < buffer_.size(); }

  /// Whether the buffered bytes hold a whole request head (up to its blank line), or more
  /// than a head may have: then a worker can read it without waiting.
  bool HeadBuffered() const {
    const std::string_view b(buffer_.data() + pos_, buffer_.size() - pos_);
    return b.find("\n\r\n") != std::string_view::npos || b.find("\n\n") != std::string_view::npos ||
           b.size() > limits_.max_head_bytes;
  }

  /// Reads what the socket has now, without waiting, until `cap` bytes are buffered. Returns
  /// false at the end of the stream (the client closed) or on an error.
  bool ReadAvailable(size_t cap) {
    while (buffer_.size() - pos_ < cap) {
      const ssize_t n = Receive(MSG_DONTWAIT);
      if (n > 0) continue;
      return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
    }
    return true;
  }

  bool is_readable() const override { return Buffered() || Wait(); }
  bool is_writable() const override {
    pollfd p{fd_, POLLOUT, 0};
    return poll(&p, 1, PollMs(limits_.write_timeout)) > 0 && (p.revents & POLLOUT);
  }

  ssize_t read(char* ptr, size_t size) override {
    if (refused_ || size == 0) return refused_ ? -1 : 0;
    if (!Buffered()) {
      if (!Wait()) return -1;
      ssize_t got;
      do {
        got = Receive(0);
      } while (got < 0 && errno == EINTR);
      if (got <= 0) return got;
    }
    size_t n = std::min(size, buffer_.size() - pos_);
    if (head_) {
      // Head: count bytes and lines as they are handed over, and stop at the blank line.
      for (size_t i = 0; i < n; ++i) {
        const char c = buffer_[pos_ + i];
        if (++head_bytes_ > limits_.max_head_bytes)
          return Refuse(431, fmt::format("リクエスト行とヘッダーが{}バイトを超えています",
                                         limits_.max_head_bytes));
        if (c == '\n') {
          if (line_length_ == 0 && lines_ > 0) {  // the blank line ends the head
            head_ = false;
            deadline_ = Clock::now() + limits_.body_timeout;
            n = i + 1;
            break;
          }
          if (++lines_ > limits_.max_header_lines + 1)
            return Refuse(431,
                          fmt::format("ヘッダーが{}個を超えています", limits_.max_header_lines));
          line_length_ = 0;
        } else if (c != '\r') {
          ++line_length_;
        }
      }
    } else {
      // Body: bounded on the raw bytes, with room for chunked framing (the decoded size is
      // checked against max_body_bytes by the server).
      body_bytes_ += n;
      if (body_bytes_ > 2 * limits_.max_body_bytes + (64 << 10))
        return Refuse(
            413, fmt::format("リクエストの本文が{}バイトを超えています", limits_.max_body_bytes));
    }
    std::copy_n(buffer_.data() + pos_, n, ptr);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    size_t done = 0;
    while (done < size) {
      const ssize_t n = send(fd_, ptr + done, size - done, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        done += static_cast<size_t>(n);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && is_writable()) continue;
      return done > 0 ? static_cast<ssize_t>(done) : -1;
    }
    return static_cast<ssize_t>(done);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (getpeername(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
      ip = AddressText(a);
      port = PortOf(a);
    }
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
      ip = AddressText(a);
      port = PortOf(a);
    }
  }
  int socket() const override { return fd_; }

 private:
  /// Appends what one recv(2) gives to the buffer (dropping what was handed over).
  ssize_t Receive(int flags) {
    if (pos_ == buffer_.size()) {
      buffer_.clear();
      pos_ = 0;
    } else if (pos_ > (32 << 10)) {
      buffer_.erase(0, pos_);
      pos_ = 0;
    }
    char chunk[16384];
    const ssize_t n = recv(fd_, chunk, sizeof chunk, flags);
    if (n > 0) buffer_.append(chunk, static_cast<size_t>(n));
    return n;
  }

  ssize_t Refuse(int status, std::string message) const {
    refused_ = true;
    if (guard_ != nullptr && guard_->status == 0) {
      guard_->status = status;
      guard_->message = std::move(message);
      guard_->close = true;
    }
    return -1;
  }

  /// Waits until the socket is readable: false at the request's deadline, when the server
  /// stops, or after busy_grace while other connections wait for a worker.
  bool Wait() const {
    const Clock::time_point start = Clock::now();
    for (;;) {
      if (policy_.Stopping()) return false;
      const Clock::time_point now = Clock::now();
      if (now >= deadline_) {
        Refuse(408, "リクエストが時間内に届きませんでした");
        return false;
      }
      if (now - start >= limits_.busy_grace && policy_.Backlogged()) {
        Refuse(408, "リクエストが時間内に届きませんでした (サーバーが混んでいます)");
        return false;
      }
      pollfd p{fd_, POLLIN, 0};
      const int r =
          poll(&p, 1, PollMs(std::min<Clock::duration>(deadline_ - now, milliseconds(50))));
      if (r > 0) return true;
      if (r < 0 && errno != EINTR) return false;
    }
  }

  int fd_;
  const ConnectionLimits& limits_;
  const WaitPolicy& policy_;
  std::string buffer_;  // bytes received; [pos_, end) not yet handed to httplib
  size_t pos_ = 0;
  RequestGuard* guard_ = nullptr;
  mutable bool refused_ = false;
  bool head_ = true;
  size_t head_bytes_ = 0, lines_ = 0, line_length_ = 0, body_bytes_ = 0;
  Clock::time_point deadline_{};
};

struct Connection {
  Connection(int f, const ConnectionLimits& limits, const WaitPolicy& policy)
      : fd(f), stream(f, limits, policy) {}
  ~Connection() {
    shutdown(fd, SHUT_RDWR);
    close(fd);
  }
  int fd;
  GuardedStream stream;
  std::size_t requests = 0;
  /// Where the epoll thread keeps it: waiting for a request (idle), holding part of a
  /// request head (partial), or answered and closing (lingering: input is discarded).
  enum State { kIdle, kPartial, kLingering } state = kIdle;
  Clock::time_point since{};  ///< in this state since (partial: since the first byte)
  std::list<int>::iterator position{};
  std::size_t drained = 0;
};

/// The answer of the epoll thread to a request head not complete in time (the connection
/// layer has no routing; the body has the server's error shape, docs/web-app.md).
const std::string& TimeoutResponse() {
  static const std::string response = [] {
    const std::string body =
        "{\"error\":{\"status\":408,\"message\":\"リクエストが時間内に届きませんでした\"}}";
    return fmt::format(
        "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nCache-Control: no-store\r\n"
        "X-Content-Type-Options: nosniff\r\nContent-Type: application/json; charset=utf-8\r\n"
        "Content-Length: {}\r\n\r\n{}",
        body.size(), body);
  }();
  return response;
}

/// What becomes of a connection after the requests at hand.
enum class Outcome { kKeep, kClose, kLinger };

/// Checks a request's framing once its headers are read (before routing): RFC 9112 §6.3
/// (one Content-Length; not with Transfer-Encoding) and §3.2 (one Host).
void CheckFraming(const httplib::Request& req, const ConnectionLimits& limits,
                  RequestGuard& guard) {
  auto refuse = [&](int status, std::string message) {
    guard.status = status;
    guard.message = std::move(message);
    guard.close = true;
  };
  const size_t lengths = req.get_header_value_count("Content-Length");
  const bool transfer_encoding = req.has_header("Transfer-Encoding");
  if (req.get_header_value_count("Host") > 1) return refuse(400, "Host ヘッダーが2つ以上あります");
  if (lengths > 1) return refuse(400, "Content-Length ヘッダーが2つ以上あります");
  if (transfer_encoding && lengths > 0)
    return refuse(400, "Transfer-Encoding と Content-Length の両方があります");
  if (transfer_encoding) {
    const std::string te = AsciiLower(req.get_header_value("Transfer-Encoding"));
    if (req.get_header_value_count("Transfer-Encoding") > 1 || te != "chunked")
      return refuse(501, "この Transfer-Encoding は扱えません (chunked のみ)");
  }
  if (lengths == 1) {
    const std::string length = req.get_header_value("Content-Length");
    if (length.empty() || length.size() > 18 ||
        length.find_first_not_of("0123456789") != std::string::npos)
      return refuse(400, "Content-Length が正しくありません");
    if (std::stoull(length) > limits.max_body_bytes)
      return refuse(413,
                    fmt::format("リクエストの本文が{}バイトを超えています", limits.max_body_bytes));
  }
}

}  // namespace

struct GuardedServer::Impl : WaitPolicy {
  Impl(GuardedServer& s) : server(s), limits(s.limits_) {}

  bool Stopping() const override { return stopping.load(std::memory_order_relaxed); }
  bool Backlogged() const override { return ready_count.load(std::memory_order_relaxed) > 0; }

  void Start() {
    std::lock_guard<std::mutex> lock(mutex);
    if (started || stopping) return;
    started = true;
    epoll = epoll_create1(EPOLL_CLOEXEC);
    wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = wake;
    epoll_ctl(epoll, EPOLL_CTL_ADD, wake, &ev);
    reactor = std::thread([this] { RunReactor(); });
    for (std::size_t i = 0; i < std::max<std::size_t>(1, limits.threads); ++i)
      workers.emplace_back([this] { RunWorker(); });
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (stopping) return;
      stopping = true;
    }
    Wake();
    ready_cv.notify_all();
    if (reactor.joinable()) reactor.join();
    for (auto& w : workers)
      if (w.joinable()) w.join();
    std::lock_guard<std::mutex> lock(mutex);
    incoming.clear();
    ready.clear();
    ready_count = 0;
    if (epoll >= 0) close(epoll);
    if (wake >= 0) close(wake);
    epoll = wake = -1;
  }

  /// A new, returning or lingering connection for the epoll thread (any thread).
  void Add(std::unique_ptr<Connection> c) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      if (stopping || !started) return;  // c closes its socket
      incoming.push_back(std::move(c));
    }
    Wake();
  }

  void Wake() {
    if (wake < 0) return;
    const std::uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wake, &one, sizeof one);
  }

  void Dispatch(std::unique_ptr<Connection> c) {
    {
      std::lock_guard<std::mutex> lock(ready_mutex);
      ready.push_back(std::move(c));
      ready_count = ready.size();
    }
    ready_cv.notify_one();
  }

  void RunReactor() {
    std::unordered_map<int, std::unique_ptr<Connection>> watched;
    // Oldest first, each list in the order its timeout runs out.
    std::array<std::list<int>, 3> lists;  // by Connection::State
    const std::array<Clock::duration, 3> timeouts = {limits.idle_timeout, limits.head_timeout,
                                                     limits.linger};
    auto take = [&](int fd) {
      auto it = watched.find(fd);
      if (it == watched.end()) return std::unique_ptr<Connection>();
      epoll_ctl(epoll, EPOLL_CTL_DEL, fd, nullptr);
      lists[it->second->state].erase(it->second->position);
      std::unique_ptr<Connection> c = std::move(it->second);
      watched.erase(it);
      return c;
    };
    auto place = [&](Connection& c, Connection::State state) {
      lists[c.state].erase(c.position);
      c.state = state;
      c.since = Clock::now();
      lists[state].push_back(c.fd);
      c.position = std::prev(lists[state].end());
    };
    std::array<epoll_event, 256> events;
    std::array<char, 65536> discard;
    while (!Stopping()) {
      int timeout = 1000;
      for (int k = 0; k < 3; ++k)
        if (!lists[k].empty())
          timeout = std::min(
              timeout, PollMs(watched[lists[k].front()]->since + timeouts[k] - Clock::now()) + 1);
      const int n = epoll_wait(epoll, events.data(), static_cast<int>(events.size()), timeout);
      for (int i = 0; i < n; ++i) {
        const int fd = events[static_cast<size_t>(i)].data.fd;
        if (fd == wake) {
          std::uint64_t count;
          [[maybe_unused]] auto r = ::read(wake, &count, sizeof count);
          continue;
        }
        auto it = watched.find(fd);
        if (it == watched.end()) continue;
        Connection& c = *it->second;
        if (c.state == Connection::kLingering) {
          // Discard what the client still sends, up to a body's worth.
          ssize_t got;
          while ((got = recv(fd, discard.data(), discard.size(), MSG_DONTWAIT)) > 0)
            c.drained += static_cast<size_t>(got);
          if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR) ||
              c.drained > limits.max_body_bytes + (64 << 10))
            take(fd);
          continue;
        }
        // A request head is read here, without a thread: a worker gets the connection once
        // the head is whole (or too large, or the client closed).
        const bool open = c.stream.ReadAvailable(limits.max_head_bytes + 1);
        if (!open && !c.stream.Buffered()) {
          take(fd);
        } else if (!open || c.stream.HeadBuffered()) {
          Dispatch(take(fd));
        } else if (c.state == Connection::kIdle) {
          place(c, Connection::kPartial);  // the head deadline runs from its first byte
        }
      }
      std::vector<std::unique_ptr<Connection>> arrived;
      {
        std::lock_guard<std::mutex> lock(mutex);
        arrived.swap(incoming);
      }
      for (auto& c : arrived) {
        if (c->state == Connection::kLingering) {
          shutdown(c->fd, SHUT_WR);  // the answer is out: FIN, and keep reading a while
        } else if (c->stream.HeadBuffered()) {
          Dispatch(std::move(c));  // a pipelined request
          continue;
        }
        epoll_event ev{};
        ev.events = EPOLLIN | EPOLLRDHUP;
        ev.data.fd = c->fd;
        if (epoll_ctl(epoll, EPOLL_CTL_ADD, c->fd, &ev) != 0) continue;  // c closes
        const Connection::State state = c->state == Connection::kLingering ? Connection::kLingering
                                        : c->stream.Buffered()             ? Connection::kPartial
                                                                           : Connection::kIdle;
        c->state = state;
        c->since = Clock::now();
        lists[state].push_back(c->fd);
        c->position = std::prev(lists[state].end());
        const int fd = c->fd;
        watched[fd] = std::move(c);
      }
      // Timeouts, and too many connections in one state (each may buffer up to a head, so
      // their memory is bounded too): the oldest go first.
      const Clock::time_point now = Clock::now();
      for (int k = 0; k < 3; ++k) {
        while (!lists[k].empty() && (lists[k].size() > limits.max_idle ||
                                     now - watched[lists[k].front()]->since >= timeouts[k])) {
          std::unique_ptr<Connection> c = take(lists[k].front());
          if (k == Connection::kPartial) {
            const std::string& r = TimeoutResponse();
            [[maybe_unused]] auto sent =
                send(c->fd, r.data(), r.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
          }
        }
      }
    }
    watched.clear();
  }

  void RunWorker() {
    for (;;) {
      std::unique_ptr<Connection> c;
      {
        std::unique_lock<std::mutex> lock(ready_mutex);
        ready_cv.wait(lock, [this] { return !ready.empty() || Stopping(); });
        if (Stopping()) return;
        c = std::move(ready.front());
        ready.pop_front();
        ready_count = ready.size();
      }
      const Outcome outcome = Serve(*c);
      if (Stopping() || outcome == Outcome::kClose) continue;  // c closes
      c->state = outcome == Outcome::kLinger ? Connection::kLingering : Connection::kIdle;
      Add(std::move(c));
    }
  }

  /// Serves the requests whose bytes are at hand.
  Outcome Serve(Connection& c) {
    for (;;) {
      if (++c.requests > limits.max_requests) return Outcome::kClose;
      RequestGuard guard;
      current_guard = &guard;
      c.stream.BeginRequest(&guard);
      bool closed = false;
      std::uint64_t declared = 0;
      bool chunked = false;
      const bool ok = server.process_request(
          c.stream, c.requests >= limits.max_requests, closed, [&](httplib::Request& req) {
            CheckFraming(req, limits, guard);
            // httplib would compress each response as it is sent (brotli at its slowest: seconds
            // of CPU per large file, chosen by the client); the server compresses its files
            // once instead (compressed_files.h), so httplib never sees Accept-Encoding.
            if (req.has_header("Accept-Encoding")) {
              req.set_header(kAcceptEncodingHeader, req.get_header_value("Accept-Encoding"));
              req.headers.erase("Accept-Encoding");
            }
            chunked = req.has_header("Transfer-Encoding");
            if (req.get_header_value_count("Content-Length") == 1 && guard.status == 0)
              declared = req.get_header_value<std::uint64_t>("Content-Length");
            if (guard.close) {  // the response says so
              req.headers.erase("Connection");
              req.set_header("Connection", "close");
            }
          });
      current_guard = nullptr;
      // A body left unread (a refusal before reading it) would be taken for the next request.
      const bool unread =
          declared > c.stream.body_bytes() || (chunked && c.stream.body_bytes() == 0);
      if (!ok || Stopping() || guard.status == 408) return Outcome::kClose;
      if (guard.close || guard.status != 0 || unread) return Outcome::kLinger;
      if (closed) return Outcome::kClose;
      // The next request here already (pipelined, or a quick client)? Serve it now; a part of
      // one goes back to the epoll thread with the connection.
      if (!c.stream.ReadAvailable(limits.max_head_bytes + 1) && !c.stream.Buffered())
        return Outcome::kClose;
      if (!c.stream.HeadBuffered()) return Outcome::kKeep;
    }
  }

  GuardedServer& server;
  const ConnectionLimits& limits;
  std::atomic<bool> stopping{false};
  bool started = false;
  int epoll = -1, wake = -1;
  std::mutex mutex;  // started, stopping (writes), incoming
  std::vector<std::unique_ptr<Connection>> incoming;
  std::thread reactor;
  std::vector<std::thread> workers;
  std::mutex ready_mutex;
  std::condition_variable ready_cv;
  std::deque<std::unique_ptr<Connection>> ready;
  std::atomic<std::size_t> ready_count{0};
};

GuardedServer::GuardedServer(ConnectionLimits limits)
    : limits_(limits), impl_(std::make_unique<Impl>(*this)) {
  new_task_queue = [] { return new InlineTaskQueue; };
  set_payload_max_length(limits_.max_body_bytes);
  set_keep_alive_max_count(limits_.max_requests);
}

GuardedServer::~GuardedServer() { Shutdown(); }

int GuardedServer::BindGuarded(const std::string& host, int port) {
  set_socket_options([this](int s) {
    int yes = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd_ = s;
  });
  int bound = -1;
  if (port == 0) {
    bound = bind_to_any_port(host);
  } else if (bind_to_port(host, port)) {
    bound = port;
  }
  // httplib listens with a backlog of 5: connections arriving together would wait for SYN
  // retransmits (a second each). listen(2) again only changes the backlog.
  if (bound > 0 && listen_fd_ >= 0) ::listen(listen_fd_, SOMAXCONN);
  return bound;
}

void GuardedServer::Start() {
  // One descriptor per connection: allow as many as the hard limit does.
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }
  impl_->Start();
}

void GuardedServer::Shutdown() {
  stop();
  // stop() does nothing before listen_after_bind runs: close the socket here, so that a
  // listen_after_bind called later returns at once instead of serving forever.
  if (!is_running()) {
    const int s = svr_sock_.exchange(-1);
    if (s >= 0) close(s);
  }
  impl_->Stop();
}

bool GuardedServer::process_and_close_socket(int sock) {
  int yes = 1;
  setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
  impl_->Add(std::make_unique<Connection>(sock, limits_, *impl_));
  return true;
}

}  // namespace kokuho::server
