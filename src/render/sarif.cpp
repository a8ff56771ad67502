// SARIF 2.1.0 (OASIS, with Errata 01) for code-scanning tools: one run, every rule of the catalogue,
// one result per diagnostic of every document. GitHub code scanning reads this format.
#include <fmt/format.h>

#include "backfill/render.h"
#include "render/percent_encode.h"

namespace backfill {

namespace {

constexpr std::string_view kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kInformationUri = "https://backfill-check.dev/";

std::string_view level_of(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "error";
}

// A file name as a URI reference (RFC 3986): unreserved characters, sub-delims, '@' and '/' stay,
// everything else (':' too, which would read as a scheme, and every non-ASCII byte) is percent-encoded.
std::string uri_of(std::string_view path) { return detail::percent_encode(path, "-._~/!$&'()*+,;=@"); }

// The explanation's first paragraph (before the failing and fixed examples).
std::string_view summary_of(std::string_view explanation) {
  return explanation.substr(0, explanation.find('\n'));
}

// The explanation as Markdown: the prose, then the examples as a list of code spans.
std::string markdown_of(std::string_view explanation) {
  std::string out(summary_of(explanation));
  std::size_t at = explanation.find('\n');
  while (at != std::string_view::npos) {
    const std::size_t next = explanation.find('\n', at + 1);
    std::string_view line = explanation.substr(at + 1, next == std::string_view::npos ? next : next - at - 1);
    at = next;
    const std::size_t colon = line.find(':');
    if (colon != std::string_view::npos && line.find('`') == std::string_view::npos) {
      std::string_view example = line.substr(colon + 1);
      while (!example.empty() && example.front() == ' ') example.remove_prefix(1);
      fmt::format_to(std::back_inserter(out), "\n- {}: `{}`", line.substr(0, colon), example);
    } else {
      fmt::format_to(std::back_inserter(out), "\n- {}", line);
    }
  }
  return out;
}

void append_rules(std::string& out) {
  for (const RuleInfo* rule = rules_begin(); rule != rules_end(); ++rule) {
    fmt::format_to(std::back_inserter(out),
                   "{}\n            {{\n"
                   "              \"id\": \"{}\",\n"
                   "              \"name\": \"{}\",\n"
                   "              \"shortDescription\": {{\"text\": \"{}\"}},\n"
                   "              \"fullDescription\": {{\"text\": \"{}\"}},\n"
                   "              \"help\": {{\"text\": \"{}\", \"markdown\": \"{}\"}},\n"
                   "              \"defaultConfiguration\": {{\"level\": \"{}\"}}\n"
                   "            }}",
                   rule == rules_begin() ? "" : ",", rule->id, json_escape(rule->name), json_escape(rule->title),
                   json_escape(summary_of(rule->explanation)), json_escape(rule->explanation),
                   json_escape(markdown_of(rule->explanation)), level_of(rule->severity));
  }
}

void append_result(std::string& out, const Diagnostic& d, std::string_view uri, bool absolute, bool first) {
  const RuleInfo& rule = rule_info(d.code);
  // A relative uri is resolved against %SRCROOT%, the directory the check ran in (SARIF 3.4.4).
  const std::string base = absolute ? "" : ", \"uriBaseId\": \"%SRCROOT%\"";
  fmt::format_to(std::back_inserter(out),
                 "{}\n        {{\n"
                 "          \"ruleId\": \"{}\",\n"
                 "          \"ruleIndex\": {},\n"
                 "          \"level\": \"{}\",\n"
                 "          \"message\": {{\"text\": \"{}\"}},\n"
                 "          \"locations\": [\n"
                 "            {{\n"
                 "              \"physicalLocation\": {{\n"
                 "                \"artifactLocation\": {{\"uri\": \"{}\"{}}},\n"
                 "                \"region\": {{\"startLine\": {}, \"startColumn\": {}}}\n"
                 "              }}\n"
                 "            }}\n"
                 "          ],\n"
                 "          \"properties\": {{\"pointer\": \"{}\"}}\n"
                 "        }}",
                 first ? "" : ",", rule.id, &rule - rules_begin(), level_of(d.severity), json_escape(d.message),
                 json_escape(uri), base, d.line == 0 ? 1 : d.line, d.column == 0 ? 1 : d.column,
                 json_escape(d.pointer));
}

}  // namespace

std::string render_sarif(const std::vector<NamedReport>& reports) {
  std::string out;
  fmt::format_to(std::back_inserter(out),
                 "{{\n"
                 "  \"$schema\": \"{}\",\n"
                 "  \"version\": \"2.1.0\",\n"
                 "  \"runs\": [\n"
                 "    {{\n"
                 "      \"tool\": {{\n"
                 "        \"driver\": {{\n"
                 "          \"name\": \"backfill-check\",\n"
                 "          \"semanticVersion\": \"{}\",\n"
                 "          \"informationUri\": \"{}\",\n"
                 "          \"rules\": [",
                 kSchemaUri, json_escape(version()), kInformationUri);
  append_rules(out);
  // Columns count code points, as the diagnostics do (SARIF's default is UTF-16 code units).
  out += "\n          ]\n        }\n      },\n      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [";
  bool first = true;
  for (const NamedReport& named : reports) {
    const bool absolute = !named.source.empty() && named.source.front() == '/';
    const std::string uri = absolute ? "file://" + uri_of(named.source) : uri_of(named.source);
    for (const Diagnostic& d : named.report.diagnostics) {
      append_result(out, d, uri, absolute, first);
      first = false;
    }
  }
  out += first ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n";
  return out;
}

}  // namespace backfill
