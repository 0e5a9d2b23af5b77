#include "io/positioned_read.h"

#include <sys/types.h>
#include <unistd.h>

#include <cerrno>

namespace kokuho {

bool ReadAt(int fd, void* out, std::size_t size, std::uint64_t offset) {
  char* p = static_cast<char*>(out);
  while (size > 0) {
    const ssize_t n = pread(fd, p, size, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (n == 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
    offset += static_cast<std::uint64_t>(n);
  }
  return true;
}

}  // namespace kokuho
