// The section 3 invariant of issue 11: whatever the input, no rendering carries anything a terminal, a
// CI log or an editor could act on. Checked on every fuzz input (harness.cpp) and by the unit tests
// (tests/unit/neutral-test.cpp), which share this definition of "neutral":
//  - every rendering is well-formed UTF-8 with no C0 control but the line feed (and, in text output,
//    the tab a source excerpt keeps), no DEL, no C1 control, no bidirectional control or mark, no
//    line or paragraph separator;
//  - no line holds "##[" (GitHub's runner reads it anywhere as a workflow command), no text line
//    starts with "::" (after white space, as the runner trims it), and GitHub output is exactly one
//    workflow command per diagnostic;
//  - JSON, SARIF, JSON Schema output and problem details parse as JSON.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "json/json.h"  // first: it configures RapidJSON
#include "backfill/render.h"

namespace backfill::fuzz {

/// A source name that tries everything a file name can carry (no '/' or NUL, as on a file system).
inline constexpr std::string_view kHostileSourceName =
    "::error file=a::forged \x1b]0;title\x07\x1b[2J\r\n::warning::x %0A \xe2\x80\xae\xc2\x9b\x7f\xff\xfe "
    "##[error]x.json";

enum class Shape { text, github, json };

/// Why `rendering` (of `shape`, for a report of `diagnostics` listed diagnostics) is not neutral, or
/// nullptr. `allow_tab`: a text rendering with source excerpts may keep a tab.
inline const char* neutral_violation(std::string_view rendering, Shape shape, std::size_t diagnostics,
                                     bool allow_tab = false) {
  std::size_t commands = 0;
  for (std::size_t start = 0; start < rendering.size();) {
    std::size_t end = rendering.find('\n', start);
    if (end == std::string_view::npos) end = rendering.size();
    const std::string_view line = rendering.substr(start, end - start);
    start = end + 1;
    if (line.find("##[") != std::string_view::npos) return "a line holds \"##[\"";
    std::size_t at = 0;  // after leading white space: ASCII, U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000
    for (;;) {
      const std::string_view rest = line.substr(at);
      if (!rest.empty() && rest[0] == ' ') {
        ++at;
        continue;
      }
      if (rest.rfind("\xc2\xa0", 0) == 0) {
        at += 2;
        continue;
      }
      if (rest.size() >= 3 &&
          (rest.rfind("\xe1\x9a\x80", 0) == 0 || rest.rfind("\xe2\x80\xaf", 0) == 0 ||
           rest.rfind("\xe2\x81\x9f", 0) == 0 || rest.rfind("\xe3\x80\x80", 0) == 0 ||
           (rest[0] == '\xe2' && rest[1] == '\x80' && static_cast<unsigned char>(rest[2]) <= 0x8A))) {
        at += 3;
        continue;
      }
      break;
    }
    if (line.substr(at, 2) == "::") {
      if (shape != Shape::github) return "a line starts with \"::\"";
      ++commands;
      if (at != 0) return "a workflow command after white space";
    } else if (shape == Shape::github && !line.empty()) {
      return "a GitHub line that is not a workflow command";
    }
  }
  if (shape == Shape::github && commands != diagnostics) return "not one workflow command per diagnostic";
  if (!rendering.empty() && rendering.back() != '\n') return "no final line feed";

  const auto* s = reinterpret_cast<const unsigned char*>(rendering.data());
  for (std::size_t i = 0; i < rendering.size();) {
    const unsigned c = s[i];
    if (c < 0x80) {
      if (c < 0x20 && c != '\n' && !(c == '\t' && allow_tab)) return "a raw C0 control";
      if (c == 0x7F) return "a raw DEL";
      ++i;
      continue;
    }
    std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (c < 0xC2 || c > 0xF4 || i + length > rendering.size()) return "invalid UTF-8";
    char32_t cp = c & (0x7F >> length);
    for (std::size_t k = 1; k < length; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return "invalid UTF-8";
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    const char32_t min = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return "invalid UTF-8";
    if (cp <= 0x9F) return "a raw C1 control";
    if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
        (cp >= 0x2066 && cp <= 0x2069)) {
      return "a raw bidirectional control";
    }
    if (cp == 0x2028 || cp == 0x2029) return "a raw line or paragraph separator";
    i += length;
  }

  if (shape == Shape::json && !rendering.empty()) {
    rapidjson::Document doc;
    doc.Parse<rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag |
              rapidjson::kParseIterativeFlag>(rendering.data(), rendering.size());
    if (doc.HasParseError()) return "not JSON";
  }
  return nullptr;
}

/// The first violation in any rendering of `report` (every format, text with and without the source
/// excerpt), as "format: what", or "" when all are neutral. `with_sarif`: SARIF carries the whole rule
/// catalogue, so a caller checking many reports may skip it for most.
inline std::string neutral_renderings_violation(const Report& report, std::string_view source,
                                                std::string_view document, bool with_sarif = true) {
  const std::size_t n = report.diagnostics.size();
  std::size_t errors = 0;
  for (const Diagnostic& d : report.diagnostics) errors += d.severity == Severity::error;
  const auto fail = [](const char* format, const char* what) { return std::string(format) + ": " + what; };
  if (const char* v = neutral_violation(render_text(report, source), Shape::text, n)) return fail("text", v);
  if (const char* v = neutral_violation(render_text(report, source, document, {}), Shape::text, n, true)) {
    return fail("text with excerpts", v);
  }
  if (const char* v = neutral_violation(render_github(report, source), Shape::github, n)) return fail("github", v);
  if (const char* v = neutral_violation(render_json(report, source), Shape::json, n)) return fail("json", v);
  if (const char* v = neutral_violation(render_jsonschema(report), Shape::json, n)) return fail("jsonschema", v);
  if (const char* v = neutral_violation(render_problem(report), Shape::json, errors)) return fail("problem", v);
  if (with_sarif) {
    if (const char* v = neutral_violation(render_sarif({NamedReport{std::string(source), report}}), Shape::json, n)) {
      return fail("sarif", v);
    }
  }
  return {};
}

/// For the fuzz targets: aborts when a rendering of `report` (named kHostileSourceName) is not neutral.
inline void check_neutral_renderings(const Report& report, std::string_view document) {
  const std::string violation =
      neutral_renderings_violation(report, kHostileSourceName, document, document.size() % 8 == 0);
  if (violation.empty()) return;
  std::fprintf(stderr, "fuzz invariant violated: rendering not neutral: %s\n", violation.c_str());
  std::abort();
}

}  // namespace backfill::fuzz
