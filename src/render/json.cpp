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

// Output written through a cursor into room made ahead (the string that is returned, sized to hold
// the most the next record may take, growing by doubling and cut to what was written at the end):
// no call per piece, and no copy of the whole output at the end.
class Cursor {
 public:
  explicit Cursor(std::size_t room) { text_.resize(room); }

  /// Makes room for `most` more bytes.
  void ensure(std::size_t most) {
    if (text_.size() - used_ < most) text_.resize(std::max(2 * text_.size(), used_ + most));
  }
  void put(std::string_view text) {
    std::memcpy(&text_[used_], text.data(), text.size());
    used_ += text.size();
  }
  void put_escaped(std::string_view text) {
    used_ = static_cast<std::size_t>(detail::write_json_escaped(&text_[used_], text, true) - text_.data());
  }
  /// Appends a copy of `size` bytes written earlier at `begin`.
  void put_earlier(std::size_t begin, std::size_t size) {
    std::memcpy(&text_[used_], &text_[begin], size);
    used_ += size;
  }
  std::size_t used() const noexcept { return used_; }
  void put_number(std::uint64_t n) {
    const fmt::format_int digits(n);
    put({digits.data(), digits.size()});
  }
  std::string text() && {
    text_.resize(used_);
    return std::move(text_);
  }

 private:
  std::string text_;
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
    usual += 72 + start.size() + d.pointer.size() + d.message.size() + d.keyword_location.size();
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
    // A flood repeats one message (often the very same bytes): escaped once, then copied.
    std::string_view last_message;
    std::size_t last_begin = 0, last_size = 0;
    for (const Diagnostic& d : report.diagnostics) {
      const std::string_view start = starts.of(d.code, d.severity);
      c.ensure(record_bound(d, start));
      if (!first) c.put(",");
      c.put(start);
      c.put_escaped(d.pointer);
      c.put(R"(","message":")");
      if (!last_message.empty() && d.message.size() == last_message.size() &&
          (d.message.data() == last_message.data() || d.message == last_message)) {
        c.put_earlier(last_begin, last_size);
      } else {
        last_begin = c.used();
        c.put_escaped(d.message);
        last_size = c.used() - last_begin;
        last_message = d.message;
      }
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
  return std::move(c).text();
}

}  // namespace backfill
