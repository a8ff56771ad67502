// GitHub Actions workflow commands: each diagnostic becomes an annotation on the file's line.
#include <fmt/format.h>

#include "backfill/render.h"

namespace backfill {

namespace {

std::string_view command_of(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "notice";
  }
  return "error";
}

// As @actions/core's escapeData: the runner reads '%', CR and LF in a message as escapes and ends.
std::string escape_data(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%')
      out += "%25";
    else if (c == '\r')
      out += "%0D";
    else if (c == '\n')
      out += "%0A";
    else
      out += c;
  }
  return out;
}

// As @actions/core's escapeProperty: also ':' and ',', which separate properties and the message.
std::string escape_property(std::string_view text) {
  std::string out;
  for (char c : escape_data(text)) {
    if (c == ':')
      out += "%3A";
    else if (c == ',')
      out += "%2C";
    else
      out += c;
  }
  return out;
}

}  // namespace

// Input-derived text is neutralized first (no control, no line break is left to escape), then escaped
// as the toolkit does: one diagnostic, one line, one workflow command.
std::string render_github(const Report& report, std::string_view source) {
  std::string out;
  const std::string file = escape_property(neutralize(source));
  for (const Diagnostic& d : report.diagnostics) {
    const RuleInfo& rule = rule_info(d.code);
    fmt::format_to(std::back_inserter(out), "::{} file={},line={},col={},title={}::{}\n", command_of(d.severity), file,
                   d.line == 0 ? 1 : d.line, d.column == 0 ? 1 : d.column,
                   escape_property(fmt::format("{} {}", rule.id, rule.name)), escape_data(neutralize(d.message)));
  }
  return out;
}

}  // namespace backfill
