// One JSON object per document, on one line, for pipelines (`--format json`).
#include <fmt/format.h>

#include "backfill/render.h"

namespace backfill {

std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        else out += ch;
    }
  }
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
