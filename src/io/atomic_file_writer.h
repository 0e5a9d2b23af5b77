// AtomicFileWriter: writes one large file piece by piece (a population of millions of
// households) so that the target path holds the old content or the complete new
// content, never a partial file — like WriteFileAtomic (output_files.h), but without
// first assembling the whole file in memory.
//
//   AtomicFileWriter out("pop.kpop");
//   out.Write(header.data(), header.size());
//   out.Write(column.data(), column.size() * sizeof(column[0]));
//   out.Commit();  // fsync, then rename over pop.kpop; without Commit the temporary goes
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace kokuho {

class AtomicFileWriter {
 public:
  /// Creates a temporary file beside `path` (same directory, so rename is atomic), after
  /// removing the temporaries for `path` that killed runs left (temp_names.h).
  /// Throws std::runtime_error naming the path and the system's reason.
  explicit AtomicFileWriter(const std::string& path);
  /// Removes the temporary file unless Commit() succeeded.
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  /// Appends bytes (small writes are buffered). Throws std::runtime_error.
  void Write(const void* data, std::size_t size);
  /// Appends `count` zero bytes.
  void WriteZeros(std::size_t count);
  /// Bytes written so far.
  std::uint64_t size() const { return written_; }
  /// Flushes, fsyncs and renames the temporary file onto the target path; the file
  /// keeps the mode of the file it replaces, else 0666 less the umask.
  void Commit();

 private:
  void Flush();
  void WriteRaw(const char* p, std::size_t n);

  std::string path_, temp_;
  int fd_ = -1;
  std::string buffer_;
  std::uint64_t written_ = 0;
  bool committed_ = false;
};

}  // namespace kokuho
