// HAR 1.2 input: every entry that POSTs to .../statuspages/{page_id}/maintenances/backfill is checked
// as an exchange; other entries are counted and skipped.
#include <algorithm>

#include "backfill/exchange.h"
#include "rules/endpoint_url.h"
#include "contracts.h"
#include "rules/context.h"

namespace backfill {

namespace {

using detail::Finding;
using detail::member;
using detail::text_of;
using detail::Value;

using detail::string_member;
constexpr auto at = detail::member_at;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else if (text[i] == '+') {
      out += ' ';
    } else {
      out += text[i];
    }
  }
  return out;
}

// Base64 (RFC 4648, standard or URL-safe alphabet; line breaks and spaces ignored; padding only at
// the end). nullopt when the text is not base64: garbage must not be checked as if it were the body.
std::optional<std::string> base64_decode(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  std::size_t digits = 0, padding = 0;
  for (char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z')
      v = c - 'A';
    else if (c >= 'a' && c <= 'z')
      v = c - 'a' + 26;
    else if (c >= '0' && c <= '9')
      v = c - '0' + 52;
    else if (c == '+' || c == '-')
      v = 62;
    else if (c == '/' || c == '_')
      v = 63;
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    if (v < 0 || padding > 0) return std::nullopt;  // not in the alphabet, or data after padding
    ++digits;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  // One digit left over holds no whole byte; padding, when present, completes the last quantum.
  if (digits % 4 == 1 || padding > 2 || (padding > 0 && (digits + padding) % 4 != 0)) return std::nullopt;
  return out;
}

}  // namespace

namespace detail {

bool match_endpoint(std::string_view url, std::string& page_id, std::optional<std::string>& include) {
  const std::size_t fragment = url.find('#');
  url = url.substr(0, fragment);
  const std::size_t query_at = url.find('?');
  const std::string_view path = url.substr(0, query_at);
  const std::string_view query = query_at == std::string_view::npos ? std::string_view() : url.substr(query_at + 1);
  constexpr std::string_view kPrefix = "/api/v2/statuspages/";
  constexpr std::string_view kSuffix = "/maintenances/backfill";
  const std::size_t start = path.find(kPrefix);
  if (start == std::string_view::npos) return false;
  std::string_view rest = path.substr(start + kPrefix.size());
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  // "statuspages//maintenances/backfill" is still a call of the endpoint, with an empty page id.
  if (rest.size() < kSuffix.size() || rest.substr(rest.size() - kSuffix.size()) != kSuffix) return false;
  const std::string_view id = rest.substr(0, rest.size() - kSuffix.size());
  if (id.find('/') != std::string_view::npos) return false;
  page_id = percent_decode(id);
  for (std::size_t pos = 0; pos <= query.size();) {
    std::size_t end = std::min(query.find('&', pos), query.size());
    const std::string_view pair = query.substr(pos, end - pos);
    if (pair.substr(0, 8) == "include=") include = percent_decode(pair.substr(8));
    pos = end + 1;
  }
  return true;
}

}  // namespace detail

namespace {

using detail::match_endpoint;

std::optional<std::string> header(const Value* headers, std::string_view name) {
  if (headers == nullptr || !headers->IsArray()) return std::nullopt;
  for (const Value& h : headers->GetArray()) {
    const Value* n = string_member(&h, "name");
    const Value* v = string_member(&h, "value");
    if (n == nullptr || v == nullptr || text_of(*n).size() != name.size()) continue;
    if (std::equal(name.begin(), name.end(), text_of(*n).begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return std::string(text_of(*v));
    }
  }
  return std::nullopt;
}

}  // namespace

bool HarReport::valid() const noexcept {
  return file.valid() &&
         std::all_of(entries.begin(), entries.end(), [](const HarEntryReport& e) { return e.exchange.valid(); });
}

namespace {

// One entry of log.entries: skipped when it is not a call of this endpoint, a finding when it lacks
// what a call needs, otherwise validated as an exchange.
void check_entry(const Validator& validator, const Value& entry, rapidjson::SizeType i, const Options& options,
                 std::vector<Finding>& findings, HarReport& out) {
  const Value* request = at(&entry, "request");
  const Value* response = at(&entry, "response");
  const Value* method = string_member(request, "method");
  const Value* url = string_member(request, "url");
  std::string page_id;
  std::optional<std::string> include;
  if (method == nullptr || url == nullptr || text_of(*method) != "POST" ||
      !match_endpoint(text_of(*url), page_id, include)) {
    ++out.skipped;
    return;
  }
  const std::string base = "/log/entries/" + std::to_string(i);
  const Value* body = string_member(at(request, "postData"), "text");
  const Value* status = at(response, "status");
  if (body == nullptr || status == nullptr || !status->IsInt()) {
    findings.push_back(detail::make_finding(Code::har_entry, &entry, base,
                                            body == nullptr
                                                ? "entry " + std::to_string(i) + " has no request.postData.text"
                                                : "entry " + std::to_string(i) + " has no integer response.status"));
    return;
  }
  const Value* content = at(response, "content");
  const Value* text = string_member(content, "text");
  const Value* encoding = string_member(content, "encoding");
  std::string response_body = text ? std::string(text_of(*text)) : std::string();
  if (text && encoding && text_of(*encoding) == "base64") {
    std::optional<std::string> decoded = base64_decode(text_of(*text));
    if (!decoded) {
      findings.push_back(detail::make_finding(
          Code::har_body_encoding, text, base + "/response/content/text",
          "entry " + std::to_string(i) + ": response.content.text is not valid base64, as its encoding says"));
      return;
    }
    response_body = std::move(*decoded);
  }

  HarEntryReport report;
  report.index = i;
  report.method = std::string(text_of(*method));
  report.url = std::string(text_of(*url));
  report.request_text = std::string(text_of(*body));
  report.response_text = std::move(response_body);
  Exchange exchange;
  exchange.request = report.request_text;
  exchange.response = report.response_text;
  exchange.parameters.page_id = page_id;
  exchange.parameters.include = include;
  exchange.parameters.status = status->GetInt();
  // A response without a body has no content type to check (browsers record "x-unknown" for a 204).
  if (report.response_text.empty())
    exchange.parameters.content_type.reset();
  else if (const Value* mime = string_member(content, "mimeType"))
    exchange.parameters.content_type = std::string(text_of(*mime));
  else
    exchange.parameters.content_type = header(at(response, "headers"), "content-type");
  report.exchange = validate_exchange(validator, exchange, options);
  out.entries.push_back(std::move(report));
}

}  // namespace

HarReport validate_har(const Validator& validator, std::string_view har, const Options& options) noexcept {
  HarReport out;
  try {
    if (detail::find_contract(options.contract) == nullptr) {
      out.file =
          detail::single_report(Kind::automatic, Code::internal_error, detail::unknown_contract(options.contract));
      return out;
    }
    std::vector<Finding> findings;
    detail::ParsedJson parsed;
    detail::ParseError error;
    Options file_options = options;
    file_options.kind = Kind::automatic;
    if (!parsed.parse(har, options.limits.max_bytes, options.limits.max_depth, error)) {
      findings.push_back(detail::make_finding(error.code, nullptr, "", std::move(error.message), error.offset));
      out.file = detail::place(Kind::automatic, findings, nullptr, har, file_options);
      return out;
    }
    const Value* entries = at(at(&parsed.root(), "log"), "entries");
    if (entries == nullptr || !entries->IsArray()) {
      findings.push_back(
          detail::make_finding(Code::har_entry, &parsed.root(), "", "not a HAR file: log.entries is missing"));
    } else {
      for (rapidjson::SizeType i = 0; i < entries->Size(); ++i)
        check_entry(validator, (*entries)[i], i, options, findings, out);
    }
    out.file = detail::place(Kind::automatic, findings, &parsed, har, file_options);
  } catch (...) {  // only allocation can fail here
    out.file = detail::single_report(Kind::automatic, Code::internal_error, "HAR validation failed internally");
  }
  return out;
}

}  // namespace backfill
