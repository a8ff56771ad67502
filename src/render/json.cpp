// One JSON object per document, on one line, for pipelines (`--format json`).
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

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

// Output written through a cursor into room made ahead (an uninitialised buffer, growing by
// doubling, holds the most the next record may take): no call per piece, no bytes filled twice.
class Cursor {
 public:
  explicit Cursor(std::size_t room) : buffer_(new char[room]), room_(room) {}

  /// Makes room for `most` more bytes.
  void ensure(std::size_t most) {
    if (room_ - used_ >= most) return;
    room_ = std::max(2 * room_, used_ + most);
    std::unique_ptr<char[]> larger(new char[room_]);
    std::memcpy(larger.get(), buffer_.get(), used_);
    buffer_ = std::move(larger);
  }
  void put(std::string_view text) {
    std::memcpy(buffer_.get() + used_, text.data(), text.size());
    used_ += text.size();
  }
  void put_escaped(std::string_view text) {
    used_ = static_cast<std::size_t>(detail::write_json_escaped(buffer_.get() + used_, text, true) - buffer_.get());
  }
  void put_number(std::uint64_t n) {
    const fmt::format_int digits(n);
    put({digits.data(), digits.size()});
  }
  std::string text() const { return std::string(buffer_.get(), used_); }

 private:
  std::unique_ptr<char[]> buffer_;
  std::size_t room_;
  std::size_t used_ = 0;
};

// The start of a record up to its pointer ({"code":...,"rule":...,"severity":...,"pointer":"), the
// same for every diagnostic of one rule and severity: written once per report, then copied.
class RecordStarts {
 public:
  std::string_view of(Code code, Severity severity) {
    if (last_ < starts_.size() && starts_[last_].code == code && starts_[last_].severity == severity) {
      return starts_[last_].text;
    }
    for (last_ = 0; last_ < starts_.size(); ++last_) {
      if (starts_[last_].code == code && starts_[last_].severity == severity) return starts_[last_].text;
    }
    const RuleInfo& rule = rule_info(code);
    starts_.push_back({code, severity,
                       fmt::format(R"({{"code":"{}","rule":"{}","severity":"{}","pointer":")", rule.id, rule.name,
                                   severity_name(severity))});
    return starts_[last_].text;
  }

 private:
  struct Start {
    Code code;
    Severity severity;
    std::string text;
  };
  std::vector<Start> starts_;
  std::size_t last_ = 0;
};

// The most a diagnostic's record takes after its start: its texts escaped, and the fixed parts
// with two numbers.
std::size_t record_bound(const Diagnostic& d, std::string_view start) {
  return 128 + start.size() +
         detail::json_escaped_bound(d.pointer.size() + d.message.size() + d.keyword_location.size());
}

}  // namespace

std::string render_json(const Report& report, const RecordSource& source) {
  // Room for what the records usually take and the most the largest may take while it is written
  // (growing if escapes make them longer).
  RecordStarts starts;
  std::size_t usual = 160 + detail::json_escaped_bound(source.name.size()), largest = 0;
  for (const Diagnostic& d : report.diagnostics) {
    const std::string_view start = starts.of(d.code, d.severity);
    usual += 128 + start.size() + d.pointer.size() + d.message.size() + d.keyword_location.size();
    largest = std::max(largest, record_bound(d, start));
  }
  Cursor c(usual + largest);
  {
    c.ensure(160 + detail::json_escaped_bound(source.name.size()));
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
    bool first = true;
    for (const Diagnostic& d : report.diagnostics) {
      const std::string_view start = starts.of(d.code, d.severity);
      c.ensure(record_bound(d, start));
      if (!first) c.put(",");
      c.put(start);
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
    c.ensure(4);
    c.put("]}\n");
  }
  return c.text();
}

}  // namespace backfill
