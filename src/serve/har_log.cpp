// HAR 1.2 output. The closing "]}}" is rewritten after each entry, so the file parses at any moment.
#include "har_log.h"

#include <cerrno>
#include <cstring>
#include <iterator>

#include <fmt/format.h>

#include "backfill/formats.h"
#include "backfill/render.h"
#include "backfill/validate.h"

namespace serve {

namespace {

constexpr std::string_view kTrailer = "\n]}}\n";

bool is_credential(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower == "dd-api-key" || lower == "dd-application-key" || lower == "authorization" || lower == "cookie";
}

std::string headers_json(const HeaderList& headers) {
  std::string out = "[";
  for (const auto& [name, value] : headers) {
    fmt::format_to(std::back_inserter(out), R"({}{{"name":"{}","value":"{}"}})", out.size() > 1 ? "," : "",
                   backfill::json_escape(name), is_credential(name) ? "REDACTED" : backfill::json_escape(value));
  }
  return out + "]";
}

std::string base64(std::string_view data) {
  static constexpr char kDigits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (std::size_t i = 0; i < data.size(); i += 3) {
    const auto byte = [&](std::size_t k) { return k < data.size() ? static_cast<unsigned char>(data[k]) : 0u; };
    const unsigned n = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    out += kDigits[n >> 18 & 63];
    out += kDigits[n >> 12 & 63];
    out += i + 1 < data.size() ? kDigits[n >> 6 & 63] : '=';
    out += i + 2 < data.size() ? kDigits[n & 63] : '=';
  }
  return out;
}

// The response body exactly: as text, or base64 when json_escape() had to repair bytes that are not UTF-8.
std::string content_json(std::string_view mime, std::string_view body) {
  const std::string escaped = backfill::json_escape(body);
  if (escaped.find("\\ufffd") == std::string::npos) {
    return fmt::format(R"({{"size":{},"mimeType":"{}","text":"{}"}})", body.size(), backfill::json_escape(mime),
                       escaped);
  }
  return fmt::format(R"({{"size":{},"mimeType":"{}","text":"{}","encoding":"base64"}})", body.size(),
                     backfill::json_escape(mime), base64(body));
}

std::string query_json(std::string_view url) {
  std::string out = "[";
  const std::size_t at = url.find('?');
  if (at == std::string_view::npos) return out + "]";
  const std::string_view query = url.substr(at + 1);
  for (std::size_t pos = 0; pos < query.size();) {
    const std::size_t end = std::min(query.find('&', pos), query.size());
    const std::string_view pair = query.substr(pos, end - pos);
    const std::size_t eq = std::min(pair.find('='), pair.size());
    fmt::format_to(std::back_inserter(out), R"({}{{"name":"{}","value":"{}"}})", out.size() > 1 ? "," : "",
                   backfill::json_escape(pair.substr(0, eq)),
                   backfill::json_escape(pair.substr(std::min(eq + 1, pair.size()))));
    pos = end + 1;
  }
  return out + "]";
}

std::string iso_time(std::chrono::system_clock::time_point at) {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count();
  return backfill::format_instant({micros / 1000000, static_cast<std::uint64_t>(micros % 1000000) * 1000000000000ull});
}

std::string header_value(const HeaderList& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (n.size() == name.size() && std::equal(n.begin(), n.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return v;
    }
  }
  return {};
}

}  // namespace

HarLog::~HarLog() {
  if (file_ != nullptr) std::fclose(file_);
}

bool HarLog::open(const std::string& path, std::string& error) {
  file_ = std::fopen(path.c_str(), "w");
  if (file_ == nullptr) {
    error = std::strerror(errno);
    return false;
  }
  const std::string head =
      fmt::format(R"({{"log":{{"version":"1.2","creator":{{"name":"backfill-check serve","version":"{}"}},"entries":[)",
                  backfill::version());
  std::fputs(head.c_str(), file_);
  entries_end_ = static_cast<long>(head.size());
  std::fwrite(kTrailer.data(), 1, kTrailer.size(), file_);
  return std::fflush(file_) == 0;
}

bool HarLog::append(const HarEntry& e) {
  const std::string request_type = header_value(e.request_headers, "Content-Type");
  std::string text = fmt::format(
      R"({}{{"startedDateTime":"{}","time":{:.3f},"request":{{"method":"{}","url":"{}","httpVersion":"HTTP/1.1",)"
      R"("cookies":[],"headers":{},"queryString":{},"postData":{{"mimeType":"{}","text":"{}"}},"headersSize":-1,"bodySize":{}}},)"
      R"("response":{{"status":{},"statusText":"","httpVersion":"HTTP/1.1","cookies":[],"headers":{},"content":{},)"
      R"("redirectURL":"","headersSize":-1,"bodySize":{}}},"cache":{{}},"timings":{{"send":0,"wait":{:.3f},"receive":0}}{}}})",
      count_ == 0 ? "\n" : ",\n", iso_time(e.started), e.milliseconds, backfill::json_escape(e.method),
      backfill::json_escape(e.url), headers_json(e.request_headers), query_json(e.url),
      backfill::json_escape(request_type), backfill::json_escape(e.request_body), e.request_body.size(), e.status,
      headers_json(e.response_headers), content_json(e.response_content_type, e.response_body), e.response_body.size(),
      e.milliseconds, e.comment.empty() ? "" : fmt::format(R"(,"comment":"{}")", backfill::json_escape(e.comment)));
  const std::lock_guard<std::mutex> lock(mutex_);
  if (file_ == nullptr) return false;
  text += kTrailer;
  if (std::fseek(file_, entries_end_, SEEK_SET) != 0 ||
      std::fwrite(text.data(), 1, text.size(), file_) != text.size() || std::fflush(file_) != 0) {
    return false;
  }
  entries_end_ += static_cast<long>(text.size() - kTrailer.size());
  ++count_;
  return true;
}

}  // namespace serve
