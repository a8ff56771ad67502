// SARIF 2.1.0 (OASIS, with Errata 01) for code-scanning tools: one run, every rule of the catalogue,
// one result per diagnostic of every document. GitHub code scanning reads this format.
#include <cstdint>
#include <unordered_map>

#include <fmt/format.h>

#include "backfill/render.h"
#include "render/percent_encode.h"

namespace backfill {

namespace {

constexpr std::string_view kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr std::string_view kInformationUri = "https://backfill-check.dev/";
// Versioned: a change to what the fingerprint covers gets a new key rather than new values.
constexpr std::string_view kFingerprintKey = "backfillCheckFinding/v1";

std::string_view level_of(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "note";
  }
  return "error";
}

// The explanation's first paragraph (before the failing and fixed examples).
std::string_view summary_of(std::string_view explanation) { return explanation.substr(0, explanation.find('\n')); }

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

// FNV-1a, 64 bits: a fixed function of its input on every platform and in every version, which is all
// a fingerprint needs (it names a finding; it protects nothing).
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 14695981039346656037ull) {
  for (const char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return hash;
}

// What identifies a finding from run to run: rule, file, JSON Pointer and message, never the line or
// column, so inserting lines above it keeps the fingerprint (and code scanning keeps the alert open
// rather than closing it and opening another). Findings identical in all four are told apart by
// their order.
class Fingerprints {
 public:
  std::string next(const Diagnostic& d, std::string_view uri) {
    std::uint64_t hash = fnv1a({});
    for (const std::string_view part :
         {rule_info(d.code).id, uri, std::string_view(d.pointer), std::string_view(d.message)}) {
      hash = fnv1a(std::string_view("\0", 1), fnv1a(part, hash));  // NUL-separated: no two splits collide
    }
    const std::size_t occurrence = seen_[hash]++;
    return fmt::format("{:016x}:{}", hash, occurrence + 1);
  }

 private:
  std::unordered_map<std::uint64_t, std::size_t> seen_;
};

// Where a file is: its uri, and the artifactLocation object that names it.
struct Artifact {
  std::string uri;
  std::string location;
};

Artifact artifact_of(std::string_view source) {
  const bool absolute = !source.empty() && source.front() == '/';
  Artifact artifact;
  artifact.uri = absolute ? "file://" + detail::uri_of_path(source) : detail::uri_of_path(source);
  // A relative uri is resolved against %SRCROOT%, the directory the check ran in (SARIF 3.4.4).
  artifact.location =
      fmt::format(R"({{"uri": "{}"{}}})", json_escape(artifact.uri), absolute ? "" : R"(, "uriBaseId": "%SRCROOT%")");
  return artifact;
}

void append_result(std::string& out, const Diagnostic& d, const Artifact& artifact, bool first,
                   const std::string& fingerprint) {
  const RuleInfo& rule = rule_info(d.code);
  fmt::format_to(std::back_inserter(out),
                 "{}\n        {{\n"
                 "          \"ruleId\": \"{}\",\n"
                 "          \"ruleIndex\": {},\n"
                 "          \"level\": \"{}\",\n"
                 "          \"message\": {{\"text\": \"{}\"}},\n"
                 "          \"locations\": [\n"
                 "            {{\n"
                 "              \"physicalLocation\": {{\n"
                 "                \"artifactLocation\": {},\n"
                 "                \"region\": {{\"startLine\": {}, \"startColumn\": {}}}\n"
                 "              }}\n"
                 "            }}\n"
                 "          ],\n"
                 "          \"partialFingerprints\": {{\"{}\": \"{}\"}},\n"
                 "          \"properties\": {{\"pointer\": \"{}\"}}\n"
                 "        }}",
                 first ? "" : ",", rule.id, &rule - rules_begin(), level_of(d.severity), json_escape(d.message),
                 artifact.location, d.line == 0 ? 1 : d.line, d.column == 0 ? 1 : d.column, kFingerprintKey,
                 fingerprint, json_escape(d.pointer));
}

// The run's one invocation: whether the tool did its job (every input read, no internal error;
// findings do not make it unsuccessful) and one notification per input it could not check, so that an
// unreadable file never leaves an empty, successful-looking log.
void append_invocation(std::string& out, const std::vector<NamedReport>& reports,
                       const std::vector<SarifNotification>& notifications) {
  bool internal_error = false;
  for (const NamedReport& named : reports) {
    for (const Diagnostic& d : named.report.diagnostics)
      internal_error = internal_error || d.code == Code::internal_error;
  }
  fmt::format_to(std::back_inserter(out), "      \"invocations\": [\n        {{\n          \"executionSuccessful\": {}",
                 notifications.empty() && !internal_error ? "true" : "false");
  if (!notifications.empty()) {
    out += ",\n          \"toolExecutionNotifications\": [";
    bool first = true;
    for (const SarifNotification& n : notifications) {
      fmt::format_to(std::back_inserter(out),
                     "{}\n            {{\"level\": \"error\", \"message\": {{\"text\": \"{}\"}}, "
                     "\"locations\": [{{\"physicalLocation\": {{\"artifactLocation\": {}}}}}]}}",
                     first ? "" : ",", json_escape(n.message), artifact_of(n.source).location);
      first = false;
    }
    out += "\n          ]";
  }
  out += "\n        }\n      ],\n";
}

}  // namespace

std::string render_sarif(const std::vector<NamedReport>& reports) { return render_sarif(reports, SarifRun{}); }

std::string render_sarif(const std::vector<NamedReport>& reports, const SarifRun& run) {
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
  out += "\n          ]\n        }\n      },\n";
  if (!run.automation_id.empty()) {
    fmt::format_to(std::back_inserter(out), "      \"automationDetails\": {{\"id\": \"{}\"}},\n",
                   json_escape(run.automation_id));
  }
  append_invocation(out, reports, run.notifications);
  // Columns count code points, as the diagnostics do (SARIF's default is UTF-16 code units).
  out += "      \"columnKind\": \"unicodeCodePoints\",\n      \"results\": [";
  bool first = true;
  Fingerprints fingerprints;
  for (const NamedReport& named : reports) {
    const Artifact artifact = artifact_of(named.source);
    for (const Diagnostic& d : named.report.diagnostics) {
      append_result(out, d, artifact, first, fingerprints.next(d, artifact.uri));
      first = false;
    }
  }
  out += first ? "]\n    }\n  ]\n}\n" : "\n      ]\n    }\n  ]\n}\n";
  return out;
}

}  // namespace backfill
