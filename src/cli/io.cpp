#include "io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "backfill/render.h"
#include "output.h"

namespace cli {

namespace {
int stdout_errno = 0;  // the first failed write's errno; 0: none failed

std::string cannot_read(std::string_view name, int error_number) {
  return fmt::format("cannot read {}: {}", backfill::neutralize(name), std::strerror(error_number));
}
}  // namespace

int open_input(const std::string& path, std::string_view display_name, std::string& error) {
  if (path == "-") return STDIN_FILENO;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);  // O_NONBLOCK: a FIFO must not hang open()
  if (fd < 0) {
    error = cannot_read(display_name, errno);
    return -1;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    error = cannot_read(display_name, errno);
  } else if (S_ISDIR(info.st_mode)) {
    error = cannot_read(display_name, EISDIR);
  } else if (!S_ISREG(info.st_mode)) {
    error = fmt::format("cannot read {}: not a regular file", backfill::neutralize(display_name));
  } else {
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
  }
  ::close(fd);
  return -1;
}

bool read_input(const std::string& path, std::string_view display_name, std::string& out, std::string& error) {
  const int fd = open_input(path, display_name, error);
  if (fd < 0) return false;
  out.clear();
  char buffer[1 << 16];
  bool ok = true;
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0) {
      out.append(buffer, static_cast<std::size_t>(n));
    } else if (n == 0) {
      break;
    } else if (errno != EINTR) {
      error = cannot_read(display_name, errno);
      ok = false;
      break;
    }
  }
  if (fd != STDIN_FILENO) ::close(fd);
  return ok;
}

void write_stdout(std::string_view text) {
  if (text.empty()) return;
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size() && stdout_errno == 0) {
    stdout_errno = errno != 0 ? errno : EIO;
  }
}

bool stdout_failed() { return stdout_errno != 0; }

int close_stdout(int code) {
  errno = 0;
  if (std::fflush(stdout) != 0 && stdout_errno == 0) stdout_errno = errno != 0 ? errno : EIO;
  if (std::ferror(stdout) && stdout_errno == 0) stdout_errno = EIO;
  if (stdout_errno == 0) return code;
  std::fprintf(stderr, "backfill-check: cannot write standard output: %s\n", std::strerror(stdout_errno));
  return kExitUsage;
}

}  // namespace cli
