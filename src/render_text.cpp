// Compiler-style text: `source:line:column: severity[CODE] rule: message`.
#include <fmt/format.h>

#include "backfill/render.h"

namespace backfill {

namespace {
std::string_view color_of(Severity severity) {
  switch (severity) {
    case Severity::error: return "\x1b[1;31m";
    case Severity::warning: return "\x1b[1;33m";
    case Severity::info: return "\x1b[1;36m";
  }
  return "";
}
}  // namespace

std::string render_text(const Report& report, std::string_view source, const RenderOptions& options) {
  std::string out;
  for (const Diagnostic& d : report.diagnostics) {
    const RuleInfo& rule = rule_info(d.code);
    if (options.color) {
      fmt::format_to(std::back_inserter(out), "\x1b[1m{}:{}:{}:\x1b[0m {}{}[{}]\x1b[0m {}: {}\n", source, d.line,
                     d.column, color_of(d.severity), severity_name(d.severity), rule.id, rule.name, d.message);
    } else {
      fmt::format_to(std::back_inserter(out), "{}:{}:{}: {}[{}] {}: {}\n", source, d.line, d.column,
                     severity_name(d.severity), rule.id, rule.name, d.message);
    }
  }
  return out;
}

}  // namespace backfill
