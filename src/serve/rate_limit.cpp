#include "rate_limit.h"

#include <charconv>

namespace serve {

std::unique_ptr<RateLimit> RateLimit::parse(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return nullptr;
  unsigned limit = 0, period = 0;
  const std::string_view count = text.substr(0, slash);
  std::string_view span = text.substr(slash + 1);
  unsigned unit = 1;
  if (!span.empty() && (span.back() == 's' || span.back() == 'm' || span.back() == 'h')) {
    unit = span.back() == 'h' ? 3600 : span.back() == 'm' ? 60 : 1;
    span.remove_suffix(1);
  }
  if (span.empty()) span = "1";  // "10/m": ten per minute
  const auto a = std::from_chars(count.data(), count.data() + count.size(), limit);
  const auto b = std::from_chars(span.data(), span.data() + span.size(), period);
  if (a.ec != std::errc() || a.ptr != count.data() + count.size() || b.ec != std::errc() ||
      b.ptr != span.data() + span.size() || limit == 0 || period == 0 || period > 86400 / unit) {
    return nullptr;
  }
  return std::unique_ptr<RateLimit>(new RateLimit(limit, period * unit));
}

bool RateLimit::admit(std::vector<std::pair<std::string, std::string>>& headers) {
  const auto now = std::chrono::steady_clock::now();
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto period = std::chrono::seconds(period_);
  if (used_ == 0 || now - window_start_ >= period) {
    window_start_ = now;
    used_ = 0;
  }
  const bool admitted = used_ < limit_;
  if (admitted) ++used_;
  const auto reset = std::chrono::duration_cast<std::chrono::seconds>(window_start_ + period - now).count();
  headers.emplace_back("X-RateLimit-Limit", std::to_string(limit_));
  headers.emplace_back("X-RateLimit-Period", std::to_string(period_));
  headers.emplace_back("X-RateLimit-Remaining", std::to_string(limit_ - used_));
  headers.emplace_back("X-RateLimit-Reset", std::to_string(reset > 0 ? reset : 1));
  headers.emplace_back("X-RateLimit-Name", "status_pages_backfill");
  return admitted;
}

}  // namespace serve
