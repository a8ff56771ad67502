// One JSON object per document, on one line, for pipelines (`--format json`).
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "backfill/render.h"
#include "json/escape.h"

namespace backfill {

// Text that reaches JSON output (file names, ids from a URL quoted in a message) may be any bytes:
// each byte that is not part of well-formed UTF-8 becomes U+FFFD, so the output is always JSON.
std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  detail::append_json_escaped(out, text, true);
  return out;
}

std::string render_json(const Report& report, std::string_view source) {
  return render_json(report, RecordSource{source});
}

namespace {

// A record written through a cursor into room made for it up front (`out` is resized to the most it
// can take, then cut to what was written): one resize per diagnostic instead of a call per piece.
class Cursor {
 public:
  Cursor(std::string& out, std::size_t most) : out_(out), used_(out.size()) {
    out.resize(used_ + most);
    at_ = &out[used_];
  }
  ~Cursor() { out_.resize(static_cast<std::size_t>(at_ - out_.data())); }
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  void put(std::string_view text) {
    std::memcpy(at_, text.data(), text.size());
    at_ += text.size();
  }
  void put_escaped(std::string_view text) { at_ = detail::write_json_escaped(at_, text, true); }
  void put_number(std::uint64_t n) {
    const fmt::format_int digits(n);
    put({digits.data(), digits.size()});
  }

 private:
  std::string& out_;
  std::size_t used_;
  char* at_;
};

// The most a diagnostic's record takes: its texts escaped, and the fixed parts with two numbers.
std::size_t record_bound(const Diagnostic& d, const RuleInfo& rule) {
  return 160 + rule.id.size() + rule.name.size() +
         detail::json_escaped_bound(d.pointer.size() + d.message.size() + d.keyword_location.size());
}

}  // namespace

std::string render_json(const Report& report, const RecordSource& source) {
  // Room for what the records usually take, plus the most the largest one may take while written.
  std::size_t usual = 0, largest = 160 + detail::json_escaped_bound(source.name.size());
  for (const Diagnostic& d : report.diagnostics) {
    const RuleInfo& rule = rule_info(d.code);
    usual += 160 + d.pointer.size() + d.message.size() + d.keyword_location.size();
    largest = std::max(largest, record_bound(d, rule));
  }
  std::string out;
  out.reserve(usual + largest);
  {
    Cursor c(out, 160 + detail::json_escaped_bound(source.name.size()));
    c.put(R"({"source":")");
    c.put_escaped(source.name);
    c.put(R"(",)");
    if (source.line != 0) {
      c.put(R"("line":)");
      c.put_number(source.line);
      c.put(",");
    }
    c.put(R"("kind":")");
    c.put(kind_name(report.kind));
    c.put(report.valid() ? R"(","valid":true,"diagnostics":[)" : R"(","valid":false,"diagnostics":[)");
  }
  bool first = true;
  for (const Diagnostic& d : report.diagnostics) {
    const RuleInfo& rule = rule_info(d.code);
    Cursor c(out, record_bound(d, rule));
    c.put(first ? R"({"code":")" : R"(,{"code":")");
    c.put(rule.id);
    c.put(R"(","rule":")");
    c.put(rule.name);
    c.put(R"(","severity":")");
    c.put(severity_name(d.severity));
    c.put(R"(","pointer":")");
    c.put_escaped(d.pointer);
    c.put(R"(","message":")");
    c.put_escaped(d.message);
    c.put(R"(","line":)");
    c.put_number(d.line);
    c.put(R"(,"column":)");
    c.put_number(d.column);
    if (!d.keyword_location.empty()) {
      c.put(R"(,"keywordLocation":")");
      c.put_escaped(d.keyword_location);
      c.put(R"(")");
    }
    c.put("}");
    first = false;
  }
  out += "]}\n";
  return out;
}

}  // namespace backfill
