// `kokuho serve` over HTTP, in-process on an ephemeral loopback port: bad requests get a
// clear 4xx (with a JSON error) and the server keeps serving.
#include "server/server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <thread>

#include "cli/serve_inputs.h"

namespace kokuho::server {
namespace {

std::shared_ptr<const AppData> Data() {
  static const auto data = std::make_shared<const AppData>(
      cli::LoadServeData(KOKUHO_SOURCE_DIR "/examples/gunma",
                         KOKUHO_SOURCE_DIR "/examples/levy/rates-gunma-sample.csv", ""));
  return data;
}

class Running {
 public:
  explicit Running(ServeOptions o)
      : server_(Data(), [&] {
          o.port = 0;
          o.log = false;
          return o;
        }()) {
    port_ = server_.Bind();
    thread_ = std::thread([this] { server_.Run(); });
  }
  ~Running() {
    server_.Stop();
    thread_.join();
  }
  httplib::Client Client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(20);
    return c;
  }

 private:
  AppServer server_;
  int port_ = 0;
  std::thread thread_;
};

std::string ErrorMessage(const httplib::Result& r) {
  auto j = nlohmann::json::parse(r->body);
  return j["error"]["message"].get<std::string>();
}

/// The error's field path, or "" when the request as a whole was refused (null).
std::string ErrorField(const httplib::Result& r) {
  auto j = nlohmann::json::parse(r->body);
  return j["error"]["field"].is_null() ? "" : j["error"]["field"].get<std::string>();
}

TEST(ServerHttp, AnswersGoodAndBadRequests) {
  Running s({});
  auto c = s.Client();

  auto res = c.Get("/api/case");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(nlohmann::json::parse(res->body)["prefecture"], "群馬県");

  res = c.Post("/api/compute", R"({"alpha": 0.3})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(nlohmann::json::parse(res->body)["municipalities"].size(), 35u);

  res = c.Post("/api/compute", R"({"alpha": )", "application/json");  // malformed
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ErrorMessage(res), "リクエストが JSON として読めません (11バイト目)");
  EXPECT_EQ(ErrorField(res), "");

  // The field in words, the value sent and the range expected, in Japanese; the field's path
  // for the page to put the message beside its box.
  res = c.Post("/api/compute", R"({"alpha": 7})", "application/json");  // out of range
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(ErrorMessage(res),
            "α (医療費指数反映係数): 7 は範囲外です。0以上1以下の値を入力してください");
  EXPECT_EQ(ErrorField(res), "alpha");

  res = c.Post("/api/compute", "alpha=1", "application/x-www-form-urlencoded");
  EXPECT_EQ(res->status, 415);

  res = c.Get("/api/municipalities/999999");  // unknown municipality
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(ErrorMessage(res),
            "市町村「999999」はこの事例にありません。事例の市町村の団体コードを指定してください");
  EXPECT_EQ(ErrorField(res), "municipality");
  res = c.Get("/api/municipalities/102024");
  EXPECT_EQ(res->status, 200);
  res = c.Get("/api/municipalities/102024/history");  // started without --scenario
  EXPECT_EQ(res->status, 404);
  EXPECT_NE(ErrorMessage(res).find("--scenario"), std::string::npos);
  EXPECT_FALSE(nlohmann::json::parse(c.Get("/api/case")->body)["has_scenario"].get<bool>());

  res = c.Post("/api/levy",
               R"({"municipality": "102016", "year": 2026, "household": {"members": "x"}})",
               "application/json");
  EXPECT_EQ(res->status, 400);
  EXPECT_EQ(ErrorMessage(res), "世帯員: 世帯員は1人以上99人以下のリストで入力してください");
  EXPECT_EQ(ErrorField(res), "household.members");

  res = c.Get("/api/nothing");
  EXPECT_EQ(res->status, 404);
  res = c.Delete("/api/compute");
  EXPECT_GE(res->status, 400);
  EXPECT_LT(res->status, 500);

  // Oversized body: refused before it is parsed.
  const std::string big = "{\"a\": \"" + std::string(2 << 20, 'x') + "\"}";
  res = c.Post("/api/compute", big, "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);

  // Path traversal on static files: never the file system.
  for (const char* path : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/assets/..%2f..%2fx",
                           "/..%5c..%5cwindows", "/etc/passwd", "/%00"}) {
    auto r = s.Client().Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_GE(r->status, 400) << path;
    EXPECT_LT(r->status, 500) << path;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
  }

  // A page elsewhere reaching the loopback server by DNS rebinding.
  res = c.Get("/api/case", {{"Host", "evil.example:8080"}});
  EXPECT_EQ(res->status, 403);

  // Still serving.
  res = s.Client().Get("/api/compute");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
}

// The app's files go out gzip-compressed once (server/compressed_files.h), never compressed per
// request by httplib: a browser asking for brotli gets gzip, a client asking for nothing gets
// the file as it is, and API answers are never compressed.
TEST(ServerHttp, FilesAreCompressedOnceAndOnlyWithGzip) {
  Running s({});
  auto c = s.Client();
  c.set_decompress(false);  // look at the bytes sent
  auto page = c.Get("/");
  ASSERT_TRUE(page);
  if (page->body.find("画面 (フロントエンド) が組み込まれていません") != std::string::npos)
    GTEST_SKIP() << "built without the web app (KOKUHO_WEB=OFF)";
  const auto at = page->body.find("/assets/");
  ASSERT_NE(at, std::string::npos);
  const std::string script = page->body.substr(at, page->body.find('"', at) - at);

  auto plain = c.Get(script.c_str(), {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->status, 200);
  EXPECT_FALSE(plain->has_header("Content-Encoding"));
  EXPECT_GT(plain->body.size(), 10'000u);

  for (const char* accept : {"gzip, deflate, br", "gzip"}) {
    auto gz = c.Get(script.c_str(), {{"Accept-Encoding", accept}});
    ASSERT_TRUE(gz) << accept;
    EXPECT_EQ(gz->get_header_value("Content-Encoding"), "gzip") << accept;
    EXPECT_EQ(gz->get_header_value("Vary"), "Accept-Encoding");
    EXPECT_LT(gz->body.size(), plain->body.size() / 2) << accept;
    EXPECT_EQ(static_cast<unsigned char>(gz->body[0]), 0x1f) << accept;
  }
  auto br = c.Get(script.c_str(), {{"Accept-Encoding", "br"}});
  ASSERT_TRUE(br);
  EXPECT_FALSE(br->has_header("Content-Encoding"));  // brotli is never made per request
  EXPECT_EQ(br->body, plain->body);

  auto api = c.Get("/api/case", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_TRUE(api);
  EXPECT_FALSE(api->has_header("Content-Encoding"));
  EXPECT_EQ(nlohmann::json::parse(api->body)["prefecture"], "群馬県");
}

TEST(ServerHttp, TokenIsRequiredWhenSet) {
  ServeOptions o;
  o.token = NewToken();
  ASSERT_EQ(o.token.size(), 32u);
  Running s(o);
  auto c = s.Client();
  auto res = c.Get("/api/case");
  EXPECT_EQ(res->status, 401);
  res = c.Get("/api/case", {{"X-Kokuho-Token", "wrong"}});
  EXPECT_EQ(res->status, 401);
  res = c.Get("/api/case", {{"X-Kokuho-Token", o.token}});
  EXPECT_EQ(res->status, 200);
  res = c.Get(("/?token=" + o.token).c_str());
  EXPECT_NE(res->get_header_value("Set-Cookie").find("HttpOnly"), std::string::npos);
  res = c.Get("/api/case", {{"Cookie", "kokuho_token=" + o.token}});
  EXPECT_EQ(res->status, 200);
}

TEST(ServerHttp, RefusesWideBindWithoutToken) {
  ServeOptions o;
  o.host = "0.0.0.0";
  o.port = 0;
  AppServer server(Data(), o);
  EXPECT_THROW(server.Bind(), std::runtime_error);
}

TEST(ServerHttp, HostChecks) {
  EXPECT_TRUE(IsLoopbackHostHeader("127.0.0.1:8080"));
  EXPECT_TRUE(IsLoopbackHostHeader("localhost"));
  EXPECT_TRUE(IsLoopbackHostHeader("[::1]:80"));
  EXPECT_FALSE(IsLoopbackHostHeader("127.0.0.1.evil.example"));
  EXPECT_FALSE(IsLoopbackHostHeader("localhost:80x"));
  EXPECT_FALSE(IsLoopbackHostHeader(""));
  EXPECT_TRUE(SameToken("abc", "abc"));
  EXPECT_FALSE(SameToken("abc", "abd"));
  EXPECT_FALSE(SameToken("abc", "ab"));
}

}  // namespace
}  // namespace kokuho::server
