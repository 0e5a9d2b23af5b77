#include "server/server.h"

#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <fstream>
#include <iostream>
#include <mutex>
#include <semaphore>
#include <stdexcept>
#include <thread>

#include "core/text.h"
#include "nofukin/engine.h"
#include "report/web_assets.h"
#include "server/compressed_files.h"
#include "server/guarded_server.h"
#include "server/static_files.h"

namespace kokuho::server {
namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::ordered_json;

constexpr const char* kTokenCookie = "kokuho_token";
// The Content-Security-Policy of every HTML page (the app, or the notice without it).
constexpr const char* kPageSecurityPolicy =
    "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
    "object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

thread_local Clock::time_point request_start;

/// An embedded file as the body: gzip-compressed (once, compressed_files.h) when the client
/// accepts it and the file is worth compressing, as it is otherwise.
void SetFileContent(const httplib::Request& req, httplib::Response& res, std::string_view content,
                    const std::string& content_type) {
  res.set_header("Vary", "Accept-Encoding");
  if (content.size() >= 1024 && AcceptsGzip(req)) {
    const std::string_view gz = GzipOnce(content);
    res.set_header("Content-Encoding", "gzip");
    res.set_content(gz.data(), gz.size(), content_type.c_str());
    return;
  }
  res.set_content(content.data(), content.size(), content_type.c_str());
}

void SendJson(httplib::Response& res, const ordered_json& j) {
  res.set_content(j.dump(), "application/json; charset=utf-8");
}

/// {"error": {"status", "message", "field"}}: the field's path is null when the request as a
/// whole was refused (api.h ApiError).
void SendError(httplib::Response& res, int status, const std::string& message,
               const std::string& field = {}) {
  res.status = status;
  ordered_json j;
  j["error"] = {{"status", status},
                {"message", message},
                {"field", field.empty() ? ordered_json(nullptr) : ordered_json(field)}};
  res.set_content(j.dump(), "application/json; charset=utf-8");
}

const char* DefaultMessage(int status) {
  switch (status) {
    case 400:
      return "リクエストが正しくありません";
    case 401:
      return "アクセス用の鍵 (token) が必要です: kokuho serve が起動時に表示したアドレスを開いて"
             "ください";
    case 403:
      return "アクセスできません";
    case 404:
      return "見つかりません";
    case 405:
      return "この操作 (メソッド) は使えません";
    case 413:
      return "リクエストの本文が大きすぎます";
    case 414:
      return "アドレス (URI) が長すぎます";
    case 415:
      return "Content-Type: application/json で送ってください";
    default:
      return "エラーが起きました";
  }
}

std::string CookieValue(const std::string& cookies, std::string_view name) {
  size_t pos = 0;
  while (pos < cookies.size()) {
    size_t end = cookies.find(';', pos);
    if (end == std::string::npos) end = cookies.size();
    std::string_view item(cookies.data() + pos, end - pos);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item.size() > name.size() && item.substr(0, name.size()) == name &&
        item[name.size()] == '=')
      return std::string(item.substr(name.size() + 1));
    pos = end + 1;
  }
  return "";
}

/// The media type of a Content-Type value, lower case, without parameters and spaces:
/// "Application/JSON; charset=utf-8" → "application/json".
std::string MediaType(std::string_view value) {
  value = value.substr(0, value.find(';'));
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return AsciiLower(value);
}

/// RFC 5987 value for filename*= (every byte but unreserved ASCII as %XX).
std::string PercentEncode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.')
      out.push_back(static_cast<char>(c));
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace

bool IsLoopbackHost(std::string_view host) {
  return host == "127.0.0.1" || host == "::1" || host == "localhost";
}

bool IsLoopbackHostHeader(std::string_view h) {
  auto strip_port = [](std::string_view s, std::string_view name) {
    if (s.substr(0, name.size()) != name) return false;
    s.remove_prefix(name.size());
    if (s.empty()) return true;
    if (s.front() != ':' || s.size() == 1 || s.size() > 6) return false;
    for (char c : s.substr(1))
      if (c < '0' || c > '9') return false;
    return true;
  };
  return strip_port(h, "127.0.0.1") || strip_port(h, "localhost") || strip_port(h, "[::1]");
}

std::string NewToken() {
  std::ifstream random("/dev/urandom", std::ios::binary);
  unsigned char bytes[16];
  if (!random.read(reinterpret_cast<char*>(bytes), sizeof bytes))
    throw std::runtime_error("アクセス用のトークンを作れません (/dev/urandom を読めません)");
  std::string out;
  for (unsigned char b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

bool SameToken(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]);
  return diff == 0;
}

std::string EscapeForLog(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7F || c == '\\')
      out += fmt::format("\\x{:02X}", c);
    else
      out.push_back(static_cast<char>(c));
  }
  return out;
}

std::string MaskDigits(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool digit = c >= '0' && c <= '9';
    if (!digit)
      out.push_back(c);
    else if (out.empty() || out.back() != '#')
      out.push_back('#');
  }
  return out;
}

namespace {

ConnectionLimits LimitsOf(const ServeOptions& o) {
  ConnectionLimits l;
  l.max_body_bytes = o.max_body_bytes;
  l.threads = static_cast<std::size_t>(std::max(1, o.threads));
  return l;
}

}  // namespace

struct AppServer::Impl {
  std::shared_ptr<const AppData> data;
  ServeOptions options;
  GuardedServer http;
  nofukin::Result baseline_traced;
  std::mutex log_mutex;
  std::counting_semaphore<> compute_slots{
      static_cast<std::ptrdiff_t>(std::max(1u, std::thread::hardware_concurrency()))};

  Impl(std::shared_ptr<const AppData> d, ServeOptions o)
      : data(std::move(d)), options(std::move(o)), http(LimitsOf(options)) {
    baseline_traced = nofukin::Compute(data->case_data, {.trace = true});
    Setup();
  }

  /// Runs a handler, turning ApiError into its status and anything else into a 500 (the
  /// message of an unexpected error is logged, never a request body).
  template <typename F>
  httplib::Server::Handler Wrap(F f) {
    return [this, f](const httplib::Request& req, httplib::Response& res) {
      try {
        // A chunked body is bounded by the connection layer on its raw bytes only.
        if (req.body.size() > options.max_body_bytes) throw ApiError(413, DefaultMessage(413));
        f(req, res);
      } catch (const ApiError& e) {
        SendError(res, e.status(), e.what(), e.field());
      } catch (const std::exception& e) {
        // Digits masked: an unexpected error must not carry a household's figures to the log.
        Log(fmt::format("internal error on {} {}: {}", req.method,
                        EscapeForLog(req.path.substr(0, 200)), MaskDigits(e.what())));
        SendError(res, 500, "サーバー内部のエラーです (サーバーの画面に記録しました)");
      }
    };
  }

  void Log(const std::string& line) {
    if (!options.log) return;
    std::lock_guard<std::mutex> lock(log_mutex);
    std::cerr << "kokuho serve: " << line << "\n";
  }

  httplib::Server::HandlerResponse PreRoute(const httplib::Request& req, httplib::Response& res) {
    request_start = Clock::now();
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("Referrer-Policy", "no-referrer");
    // API answers may carry a household's figures (POST /api/levy): never stored by a
    // browser or a proxy.
    if (req.path.rfind("/api/", 0) == 0) res.set_header("Cache-Control", "no-store");
    // A request the connection layer refused once its headers were read (framing: two
    // Content-Length or Host headers, a body over the limit; guarded_server.h): answered
    // here, before the token and before any body is read.
    if (const RequestGuard* guard = CurrentRequestGuard(); guard && guard->status != 0) {
      SendError(res, guard->status, guard->message);
      return httplib::Server::HandlerResponse::Handled;
    }
    if (options.token.empty()) {
      // Loopback: only loopback Host names, so that no other site reaches the API by
      // DNS rebinding.
      if (!IsLoopbackHostHeader(req.get_header_value("Host"))) {
        SendError(res, 403,
                  "Host ヘッダーが想定外です: http://127.0.0.1:<ポート>/ を開いてください");
        return httplib::Server::HandlerResponse::Handled;
      }
    } else {
      std::string given = req.get_header_value("X-Kokuho-Token");
      if (given.empty()) given = CookieValue(req.get_header_value("Cookie"), kTokenCookie);
      const bool by_query = given.empty() && req.has_param("token");
      if (by_query) given = req.get_param_value("token");
      if (!SameToken(given, options.token)) {
        SendError(res, 401, DefaultMessage(401));
        return httplib::Server::HandlerResponse::Handled;
      }
      if (by_query)
        res.set_header("Set-Cookie", fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict",
                                                 kTokenCookie, options.token));
    }
    if (req.method == "POST") {
      // The media type exactly (parameters such as charset allowed): not application/jsonp.
      if (req.get_header_value_count("Content-Type") != 1 ||
          MediaType(req.get_header_value("Content-Type")) != "application/json") {
        SendError(res, 415, DefaultMessage(415));
        return httplib::Server::HandlerResponse::Handled;
      }
    }
    return httplib::Server::HandlerResponse::Unhandled;
  }

  /// Runs the engine with at most one computation per core at a time: more would only
  /// share the cores (the rest of the request, parsing and JSON, is not limited).
  nofukin::Result Limited(const nofukin::Case& scenario, bool trace) {
    compute_slots.acquire();
    struct Release {
      std::counting_semaphore<>& s;
      ~Release() { s.release(); }
    } release{compute_slots};
    return ComputeScenario(scenario, trace);
  }

  nofukin::Case ScenarioFrom(const httplib::Request& req) const {
    return ApplyScenario(data->case_data, ParseScenario(ParseBody(req.body), data->case_data));
  }

  void Setup() {
    // Connections, timeouts and the bounds of a request: GuardedServer (LimitsOf).
    http.set_pre_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { return PreRoute(req, res); });
    http.set_error_handler(
        httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
          // A request the connection layer cut short (too slow, head or body too large).
          if (const RequestGuard* guard = CurrentRequestGuard(); guard && guard->status != 0) {
            res.set_header("Cache-Control", "no-store");
            SendError(res, guard->status, guard->message);
            return httplib::Server::HandlerResponse::Handled;
          }
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          SendError(res, res.status, DefaultMessage(res.status));
          return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      const double ms =
          std::chrono::duration<double, std::milli>(Clock::now() - request_start).count();
      // Path only: no query string (a token), no body (household figures); control
      // characters escaped (the path is percent-decoded: ESC must not reach a terminal).
      Log(fmt::format("{} {} {} {:.1f}ms", EscapeForLog(req.method.substr(0, 20)),
                      EscapeForLog(req.path.substr(0, 200)), res.status, ms));
    });

    http.Get("/api/case", Wrap([this](const httplib::Request&, httplib::Response& res) {
               SendJson(res, CaseJson(*data));
             }));
    http.Get("/api/compute", Wrap([this](const httplib::Request&, httplib::Response& res) {
               SendJson(res, ComputeJson(*data, data->case_data, data->baseline));
             }));
    http.Post("/api/compute", Wrap([this](const httplib::Request& req, httplib::Response& res) {
                const nofukin::Case scenario = ScenarioFrom(req);
                SendJson(res, ComputeJson(*data, scenario, Limited(scenario, false)));
              }));
    http.Get(R"(/api/municipalities/([^/]+)/history)",
             Wrap([this](const httplib::Request& req, httplib::Response& res) {
               SendJson(res, HistoryJson(*data, req.matches[1].str()));
             }));
    http.Get(R"(/api/municipalities/([^/]+))",
             Wrap([this](const httplib::Request& req, httplib::Response& res) {
               SendJson(res, MunicipalityJson(*data, data->case_data, baseline_traced,
                                              req.matches[1].str()));
             }));
    http.Post(R"(/api/municipalities/([^/]+))",
              Wrap([this](const httplib::Request& req, httplib::Response& res) {
                const nofukin::Case scenario = ScenarioFrom(req);
                SendJson(res, MunicipalityJson(*data, scenario, Limited(scenario, true),
                                               req.matches[1].str()));
              }));
    http.Post("/api/levy", Wrap([this](const httplib::Request& req, httplib::Response& res) {
                SendJson(res, LevyResponse(*data, ParseBody(req.body)));
              }));
    http.Post(
        "/api/export", Wrap([](const httplib::Request& req, httplib::Response& res) {
          const ExportFile f = BuildExport(ParseExport(ParseBody(req.body)));
          res.set_header(
              "Content-Disposition",
              fmt::format("attachment; filename=\"kokuho.{}\"; filename*=UTF-8''{}",
                          f.filename.substr(f.filename.rfind('.') + 1), PercentEncode(f.filename)));
          res.set_content(f.bytes, f.content_type.c_str());
        }));
    // The boundaries embedded for the reports too (web/CMakeLists.txt, data/geo/SOURCE.md).
    http.Get("/geo/municipalities.topojson",
             Wrap([](const httplib::Request& req, httplib::Response& res) {
               const std::string_view geo = EmbeddedWebAsset("geo/municipalities-2021.topojson");
               if (geo.empty()) throw ApiError(404, "地図のデータが組み込まれていません");
               res.set_header("Cache-Control", "public, max-age=86400");
               SetFileContent(req, res, geo, "application/json; charset=utf-8");
             }));
    http.Get(R"(/api/.*)", Wrap([](const httplib::Request&, httplib::Response&) {
               throw ApiError(404, "この API はありません (docs/web-app.md を参照)");
             }));
    http.Get(R"(/.*)", Wrap([](const httplib::Request& req, httplib::Response& res) {
               if (EmbeddedAppFiles().empty() && (req.path == "/" || req.path == "/index.html")) {
                 res.set_header("Content-Security-Policy", kPageSecurityPolicy);
                 res.set_content(
                     "<!doctype html><meta charset=utf-8><title>kokuho</title>"
                     "<p>kokuho serve: 画面 (フロントエンド) が組み込まれていません (ビルドの"
                     "ときに npm がありませんでした)。<code>bash scripts/build.sh --browser</code> "
                     "で npm を入れてビルドし直してください。JSON の API は使えます: "
                     "<a href=/api/case>/api/case</a>",
                     "text/html; charset=utf-8");
                 return;
               }
               const StaticLookup s = LookupStatic(req.path);
               if (s.status != 200)
                 throw ApiError(s.status,
                                s.status == 400 ? "アドレスが正しくありません" : "見つかりません");
               const bool hashed = s.file->path.rfind("assets/", 0) == 0;
               res.set_header("Cache-Control",
                              hashed ? "public, max-age=31536000, immutable" : "no-cache");
               if (s.content_type.rfind("text/html", 0) == 0)
                 res.set_header("Content-Security-Policy", kPageSecurityPolicy);
               SetFileContent(req, res, s.file->content, s.content_type);
             }));
  }
};

AppServer::AppServer(std::shared_ptr<const AppData> data, ServeOptions options)
    : impl_(std::make_unique<Impl>(std::move(data), std::move(options))) {}

AppServer::~AppServer() { Stop(); }

int AppServer::Bind() {
  const ServeOptions& o = impl_->options;
  if (!IsLoopbackHost(o.host) && o.token.empty())
    throw std::runtime_error("このコンピューターの外に公開するにはアクセス用のトークンが必要です");
  const int port = impl_->http.BindGuarded(o.host, o.port);
  if (port <= 0) {
    if (o.port == 0)
      throw std::runtime_error(
          fmt::format("{} で待ち受けできません。--host を確かめてください", o.host));
    throw std::runtime_error(
        fmt::format("{}:{} で待ち受けできません (使用中では?)。--port で別の番号を指定してください",
                    o.host, o.port));
  }
  return port;
}

void AppServer::Run() {
  impl_->http.Start();
  impl_->http.listen_after_bind();
}

void AppServer::Stop() {
  if (impl_) impl_->http.Shutdown();
}

}  // namespace kokuho::server
