// A fixed-window request budget with the headers Datadog's API sends (X-RateLimit-*).
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace serve {

class RateLimit {
 public:
  /// Parses "N/PERIOD": PERIOD in seconds, or with a unit, "s", "m" or "h" ("100/1m"). Null when malformed.
  static std::unique_ptr<RateLimit> parse(std::string_view text);
  /// Counts one request; true when it is within the budget. `headers` gets the X-RateLimit-* headers.
  bool admit(std::vector<std::pair<std::string, std::string>>& headers);

 private:
  RateLimit(unsigned limit, unsigned period) : limit_(limit), period_(period) {}
  unsigned limit_;
  unsigned period_;  // seconds
  std::mutex mutex_;
  std::chrono::steady_clock::time_point window_start_{};
  unsigned used_ = 0;
};

}  // namespace serve
