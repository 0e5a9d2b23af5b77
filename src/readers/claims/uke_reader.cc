#include "readers/claims/uke_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <memory>

#include "claims/parser.h"
#include "claims/submission.h"
#include "core/error.h"
#include "io/encoding.h"

namespace kokuho {
namespace {

// An open file, closed on scope exit.
class File {
 public:
  explicit File(const std::string& path) : fd_(open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    struct stat st;
    if (fd_ < 0 || fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
      if (fd_ >= 0) close(fd_);
      throw InputError({path, 0, 0}, CannotOpenMessage(path));
    }
#ifdef POSIX_FADV_SEQUENTIAL
    posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  }
  ~File() { close(fd_); }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  // Reads up to `size` bytes; 0 at the end. Throws InputError on a read error.
  std::size_t Read(char* out, std::size_t size, const std::string& path) {
    while (true) {
      const ssize_t n = read(fd_, out, size);
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) throw InputError({path, 0, 0}, "ファイルを読めません (読み取り中の失敗)");
    }
  }

 private:
  int fd_;
};

}  // namespace

ClaimsRun ReadUkeFiles(const std::vector<std::string>& paths, const ReadOptions& options,
                       const std::function<void(const claims::ClaimBatch&)>& on_block) {
  ClaimsRun run;
  std::string buffer(options.chunk_bytes, '\0');
  std::unique_ptr<claims::Parser> parser;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::string& path = paths[i];
    File file(path);
    claims::ParseOptions po;
    po.encoding = options.encoding;
    po.file_index = options.first_file_index + static_cast<std::uint32_t>(i);
    po.salt = options.salt;
    po.block_receipts = options.block_receipts;
    po.on_block = on_block;
    po.max_diagnostics = options.max_diagnostics;
    if (parser)
      parser->Reset(path, po);  // one parser for all files: its buffers are reused
    else
      parser = std::make_unique<claims::Parser>(path, po);
    while (true) {
      const std::size_t n = file.Read(buffer.data(), buffer.size(), path);
      if (n == 0) break;
      parser->Feed(std::string_view(buffer.data(), n));
    }
    parser->Finish();
    const claims::FileSummary& s = parser->summary();
    run.receipts_read += s.receipts_read;
    run.receipts_accepted += s.receipts_accepted;
    run.receipts_quarantined += s.receipts_quarantined;
    run.stray_lines += s.stray_lines;
    run.errors += s.errors;
    run.warnings += s.warnings;
    run.bytes += s.bytes;
    run.lines += s.lines;
    run.files.push_back(s);
    for (claims::Diagnostic& d : parser->TakeDiagnostics()) run.diagnostics.push_back(std::move(d));
  }
  for (claims::Diagnostic& d : claims::CheckSubmissions(run.files)) {
    (d.severity == claims::Severity::kError ? run.errors : run.warnings) += 1;
    run.diagnostics.push_back(std::move(d));
  }
  return run;
}

std::int32_t PeekBillingMonth(const std::string& path, claims::Encoding encoding) {
  File file(path);
  std::string head(4096, '\0');
  const std::size_t n = file.Read(head.data(), head.size(), path);
  head.resize(n);
  // The header is within the first lines: parse only up to the first RE.
  const std::size_t re = head.find("\nRE,");
  if (re != std::string::npos) head.resize(re + 1);
  claims::ParseOptions po;
  po.encoding = encoding;
  po.max_diagnostics = 0;
  const claims::ParseResult r = claims::ParseClaims(head, path, po);
  return r.file.billing_month;
}

}  // namespace kokuho
