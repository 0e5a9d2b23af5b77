#include "report/pdf_export.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <signal.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace kokuho {
namespace {

namespace fs = std::filesystem;

bool IsExecutable(const std::string& path) {
  struct stat st {};
  return !path.empty() && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
         ::access(path.c_str(), X_OK) == 0;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A temporary folder removed when the scope ends.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = (fs::path(base && *base ? base : "/tmp") / "kokuho-pdf-XXXXXX").string();
    if (!::mkdtemp(pattern.data()))
      throw std::runtime_error("PDF の作成用の一時フォルダを作れません: " + pattern);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// FNV-1a, 64 bits, from `seed`: enough to make a stable document /ID (not security).
std::uint64_t Fnv1a(std::string_view bytes, std::uint64_t seed) {
  std::uint64_t h = seed;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// Replaces every "/Key (…)" (the key and its string) with spaces, keeping the length.
void BlankStringValues(std::string& pdf, std::string_view key) {
  for (size_t at = pdf.find(key); at != std::string::npos; at = pdf.find(key, at + 1)) {
    size_t open = at + key.size();
    while (open < pdf.size() && pdf[open] == ' ') ++open;
    if (open >= pdf.size() || pdf[open] != '(') continue;
    const size_t close = pdf.find(')', open);
    if (close == std::string::npos) break;
    for (size_t i = at; i <= close; ++i) pdf[i] = ' ';  // the key too: no /Key without value
  }
}

// The spans of hex digits of every "/ID [<…> <…>]".
std::vector<std::pair<size_t, size_t>> IdSpans(const std::string& pdf) {
  std::vector<std::pair<size_t, size_t>> spans;
  for (size_t at = pdf.find("/ID"); at != std::string::npos; at = pdf.find("/ID", at + 3)) {
    size_t i = at + 3;
    while (i < pdf.size() && (pdf[i] == ' ' || pdf[i] == '\n' || pdf[i] == '\r')) ++i;
    if (i >= pdf.size() || pdf[i] != '[') continue;
    const size_t end = pdf.find(']', i);
    if (end == std::string::npos) break;
    for (size_t j = i; j < end; ++j) {
      if (pdf[j] != '<') continue;
      const size_t k = pdf.find('>', j);
      if (k == std::string::npos || k > end) break;
      spans.emplace_back(j + 1, k);
      j = k;
    }
  }
  return spans;
}

}  // namespace

std::string FindChromium() {
  if (const char* env = std::getenv("KOKUHO_CHROMIUM"); env && *env)
    return IsExecutable(env) ? std::string(env) : std::string();
  const char* path = std::getenv("PATH");
  std::string dirs = path && *path ? path : "/usr/local/bin:/usr/bin:/bin";
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    std::istringstream in(dirs);
    std::string dir;
    while (std::getline(in, dir, ':')) {
      if (dir.empty()) continue;
      const std::string candidate = (fs::path(dir) / name).string();
      if (IsExecutable(candidate)) return candidate;
    }
  }
  return "";
}

std::string NormalizePdf(std::string pdf) {
  BlankStringValues(pdf, "/CreationDate");
  BlankStringValues(pdf, "/ModDate");
  const auto spans = IdSpans(pdf);
  for (const auto& [b, e] : spans)
    for (size_t i = b; i < e; ++i) pdf[i] = '0';
  // The hash of the document with the dates blank and the /ID zeroed.
  const std::string hex = fmt::format("{:016X}{:016X}", Fnv1a(pdf, 0xcbf29ce484222325ULL),
                                      Fnv1a(pdf, 0x84222325cbf29ce4ULL));
  for (const auto& [b, e] : spans)
    for (size_t i = b; i < e; ++i) pdf[i] = hex[(i - b) % hex.size()];
  return pdf;
}

std::string PrintHtmlToPdf(const std::string& html, const std::string& chromium) {
  TempDir tmp;
  const fs::path page = tmp.path() / "report.html";
  const fs::path out = tmp.path() / "report.pdf";
  const fs::path log = tmp.path() / "chromium.log";
  {
    std::ofstream f(page, std::ios::binary);
    f << html;
    if (!f) throw std::runtime_error("PDF の作成用の一時ファイルを書けません: " + page.string());
  }
  // The page is our own and makes no request (its Content-Security-Policy forbids them),
  // so the sandbox is not needed, and it cannot run as root anyway. The window is as wide
  // as an A4 landscape page inside its 10 mm margins (277 mm = 1047 CSS px), so that the
  // charts are drawn at the width they are printed at.
  std::vector<std::string> args = {chromium,
                                   "--headless",
                                   "--no-sandbox",
                                   "--disable-gpu",
                                   "--no-first-run",
                                   "--disable-extensions",
                                   "--disable-sync",
                                   "--disable-background-networking",
                                   "--disable-component-update",
                                   "--hide-scrollbars",
                                   "--lang=ja",
                                   "--no-pdf-header-footer",
                                   "--window-size=1047,800",
                                   "--run-all-compositor-stages-before-draw",
                                   "--virtual-time-budget=5000",
                                   "--user-data-dir=" + (tmp.path() / "profile").string(),
                                   "--print-to-pdf=" + out.string(),
                                   "file://" + page.string()};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, chromium.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    throw std::runtime_error(
        fmt::format("Chromium ({}) を起動できません: {}", chromium, std::strerror(rc)));
  int status = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) throw std::runtime_error("Chromium の終了を待てません");
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      throw std::runtime_error("Chromium が2分以内に PDF を作りませんでした");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  std::error_code ec;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !fs::exists(out, ec) ||
      fs::file_size(out, ec) == 0) {
    std::string detail = ReadAll(log);
    if (detail.size() > 2000) detail = detail.substr(detail.size() - 2000);
    throw std::runtime_error(fmt::format(
        "Chromium ({}) が PDF を作れませんでした (終了状態 {}): {}", chromium, status, detail));
  }
  return NormalizePdf(ReadAll(out));
}

}  // namespace kokuho
