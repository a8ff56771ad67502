// One JSON object per document, on one line, for pipelines (`--format json`).
#include <fmt/format.h>

#include "backfill/render.h"
#include "json/escape.h"
#include "render/neutralize.h"

namespace backfill {

namespace detail {

void append_json_escaped(std::string& out, std::string_view text, bool repair_utf8) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      char32_t cp = 0;
      const std::size_t length = decode_utf8(text, i, cp);
      if (length == 0) {
        if (repair_utf8) out += "\\ufffd";
        else out += static_cast<char>(c);
        ++i;
      } else {
        // C1 controls, bidirectional controls and separators: the same string, but nothing raw.
        if (is_unsafe_code_point(cp)) fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(cp));
        else out.append(text, i, length);
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F || is_legacy_command_prefix(text, i)) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
}

}  // namespace detail

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
