#include "output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include "backfill/render.h"
#include "io.h"
#include "output.h"

namespace cli {

namespace {
std::string target;     // FILE; empty: standard output is not redirected
std::string temporary;  // the file standard output goes to until it is committed
}  // namespace

bool open_output_file(const std::string& path, std::string& error) {
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : path.substr(0, slash + 1);
  std::string name = dir + "." + path.substr(slash == std::string::npos ? 0 : slash + 1) + ".XXXXXX";
  std::vector<char> buffer(name.begin(), name.end());
  buffer.push_back('\0');
  const int fd = ::mkstemp(buffer.data());
  if (fd < 0) {
    error = fmt::format("cannot write {}: {}", backfill::neutralize(path), std::strerror(errno));
    return false;
  }
  // mkstemp makes the file private (0600); the report gets the permissions a new file would get.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  std::fflush(stdout);
  if (::dup2(fd, STDOUT_FILENO) < 0) {
    error = fmt::format("cannot write {}: {}", backfill::neutralize(path), std::strerror(errno));
    ::close(fd);
    ::unlink(buffer.data());
    return false;
  }
  ::close(fd);
  target = path;
  temporary = buffer.data();
  return true;
}

int commit_output_file(int code) {
  if (target.empty()) return code;
  if (stdout_failed()) {
    ::unlink(temporary.c_str());
    return kExitUsage;  // close_stdout() has said why
  }
  if (::fsync(STDOUT_FILENO) != 0 || ::rename(temporary.c_str(), target.c_str()) != 0) {
    fmt::print(stderr, "backfill-check: cannot write {}: {}\n", backfill::neutralize(target), std::strerror(errno));
    ::unlink(temporary.c_str());
    return kExitUsage;
  }
  return code;
}

}  // namespace cli
