// One JSON object per document, on one line, for pipelines (`--format json`).
#include <fmt/format.h>

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

void append_number(std::string& out, std::uint64_t n) {
  const fmt::format_int digits(n);
  out.append(digits.data(), digits.size());
}

}  // namespace

std::string render_json(const Report& report, const RecordSource& source) {
  // Appended piece by piece into one buffer sized up front: a report of thousands of findings
  // makes no copies of them and no formatting calls.
  std::size_t size = 96 + source.name.size();
  for (const Diagnostic& d : report.diagnostics)
    size += 128 + d.pointer.size() + d.message.size() + d.keyword_location.size();
  std::string out;
  out.reserve(size);
  out += R"({"source":")";
  detail::append_json_escaped(out, source.name, true);
  out += R"(",)";
  if (source.line != 0) {
    out += R"("line":)";
    append_number(out, source.line);
    out += ',';
  }
  out += R"("kind":")";
  out += kind_name(report.kind);
  out += report.valid() ? R"(","valid":true,"diagnostics":[)" : R"(","valid":false,"diagnostics":[)";
  bool first = true;
  for (const Diagnostic& d : report.diagnostics) {
    const RuleInfo& rule = rule_info(d.code);
    out += first ? R"({"code":")" : R"(,{"code":")";
    out += rule.id;
    out += R"(","rule":")";
    out += rule.name;
    out += R"(","severity":")";
    out += severity_name(d.severity);
    out += R"(","pointer":")";
    detail::append_json_escaped(out, d.pointer, true);
    out += R"(","message":")";
    detail::append_json_escaped(out, d.message, true);
    out += R"(","line":)";
    append_number(out, d.line);
    out += R"(,"column":)";
    append_number(out, d.column);
    if (!d.keyword_location.empty()) {
      out += R"(,"keywordLocation":")";
      detail::append_json_escaped(out, d.keyword_location, true);
      out += '"';
    }
    out += '}';
    first = false;
  }
  out += "]}\n";
  return out;
}

}  // namespace backfill
