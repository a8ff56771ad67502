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
  std::string out;
  fmt::format_to(std::back_inserter(out), R"({{"source":"{}","kind":"{}","valid":{},"diagnostics":[)",
                 json_escape(source), kind_name(report.kind), report.valid() ? "true" : "false");
  bool first = true;
  for (const Diagnostic& d : report.diagnostics) {
    const RuleInfo& rule = rule_info(d.code);
    fmt::format_to(std::back_inserter(out),
                   R"({}{{"code":"{}","rule":"{}","severity":"{}","pointer":"{}","message":"{}","line":{},"column":{})",
                   first ? "" : ",", rule.id, rule.name, severity_name(d.severity), json_escape(d.pointer),
                   json_escape(d.message), d.line, d.column);
    if (!d.keyword_location.empty()) {
      fmt::format_to(std::back_inserter(out), R"(,"keywordLocation":"{}")", json_escape(d.keyword_location));
    }
    out += '}';
    first = false;
  }
  out += "]}\n";
  return out;
}

}  // namespace backfill
