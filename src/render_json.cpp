// One JSON object per document, on one line, for pipelines (`--format json`).
#include <fmt/format.h>

#include "backfill/render.h"
#include "json_escape.h"

namespace backfill {

namespace {

// Length of the well-formed UTF-8 sequence (RFC 3629) at text[i], or 0 when the bytes there are not one.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;  // bounds of the second byte (no overlongs, surrogates, > U+10FFFF)
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead == 0xE0) length = 3, low = 0xA0;
  else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF) length = 3;
  else if (lead == 0xED) length = 3, high = 0x9F;
  else if (lead == 0xF0) length = 4, low = 0x90;
  else if (lead >= 0xF1 && lead <= 0xF3) length = 4;
  else if (lead == 0xF4) length = 4, high = 0x8F;
  else return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) return 0;
  }
  return length;
}

}  // namespace

namespace detail {

void append_json_escaped(std::string& out, std::string_view text, bool repair_utf8) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      const std::size_t length = repair_utf8 ? utf8_sequence(text, i) : 1;
      if (length == 0) {
        out += "\\ufffd";
        ++i;
      } else {
        out.append(text, i, length);
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
        if (c < 0x20) fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        else out += static_cast<char>(c);
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
