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

std::string render_json(const Report& report, const RecordSource& source) {
  std::string out;
  fmt::format_to(std::back_inserter(out), R"({{"source":"{}",)", json_escape(source.name));
  if (source.line != 0) fmt::format_to(std::back_inserter(out), R"("line":{},)", source.line);
  fmt::format_to(std::back_inserter(out), R"("kind":"{}","valid":{},"diagnostics":[)", kind_name(report.kind),
                 report.valid() ? "true" : "false");
  bool first = true;
  for (const Diagnostic& d : report.diagnostics) {
    const RuleInfo& rule = rule_info(d.code);
    // Escaped straight into the output: a report of thousands of findings makes no copies of them.
    fmt::format_to(std::back_inserter(out), R"({}{{"code":"{}","rule":"{}","severity":"{}","pointer":")",
                   first ? "" : ",", rule.id, rule.name, severity_name(d.severity));
    detail::append_json_escaped(out, d.pointer, true);
    out += R"(","message":")";
    detail::append_json_escaped(out, d.message, true);
    fmt::format_to(std::back_inserter(out), R"(","line":{},"column":{})", d.line, d.column);
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
