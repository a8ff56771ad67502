// An append-only HAR 1.2 file that is complete after every entry: nothing recorded is lost when the
// server stops, the upstream fails or a client goes away.
#pragma once

#include <chrono>
#include <cstdio>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace serve {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

/// One call as the client saw it.
struct HarEntry {
  std::chrono::system_clock::time_point started;
  double milliseconds = 0;
  std::string method, url;
  HeaderList request_headers;
  std::string request_body;
  int status = 0;
  HeaderList response_headers;
  std::string response_content_type;
  std::string response_body;
  std::string comment;  ///< e.g. why the proxy answered itself.
};

class HarLog {
 public:
  HarLog() = default;
  ~HarLog();
  HarLog(const HarLog&) = delete;
  HarLog& operator=(const HarLog&) = delete;

  /// Creates (or empties) `path` and writes an empty log. False with `error` set when it cannot.
  bool open(const std::string& path, std::string& error);
  /// Appends an entry and flushes; the file is a complete HAR afterwards. Thread-safe.
  /// Credentials (DD-API-KEY, DD-APPLICATION-KEY, Authorization, Cookie) are written as "REDACTED".
  bool append(const HarEntry& entry);

 private:
  std::mutex mutex_;
  std::FILE* file_ = nullptr;
  long entries_end_ = 0;  // where the next entry goes: just before the closing "]}}"
  std::size_t count_ = 0;
};

}  // namespace serve
