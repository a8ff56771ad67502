// The invariants every report must satisfy, whatever the input:
//  - no internal error (an internal exception caught by the library is still a bug);
//  - valid() agrees with the absence of error-severity diagnostics, and every code is catalogued;
//  - a parse failure (BF0002-BF0004) is the only diagnostic;
//  - every diagnostic has a 1-based line and column, and its pointer resolves in the document;
//  - every rendering the library offers re-parses as JSON (valid UTF-8) and says the same verdict.
#include "harness.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "json.h"
#include "backfill/render.h"

namespace backfill::fuzz {

namespace {

constexpr unsigned kStrictParse = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                                  rapidjson::kParseNumbersAsStringsFlag;

[[noreturn]] void violated(const char* what, const Diagnostic* d = nullptr) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  if (d != nullptr) {
    std::fprintf(stderr, "  %s at \"%s\" %u:%u: %s\n", std::string(rule_info(d->code).id).c_str(),
                 d->pointer.c_str(), d->line, d->column, d->message.c_str());
  }
  std::abort();
}

bool is_parse_failure(Code code) {
  return code == Code::json_syntax || code == Code::json_encoding || code == Code::json_limits;
}

// Parses a rendering back; it must be one JSON object whose "valid" member matches the report.
void check_rendering(const std::string& text, const Report& report, const char* what) {
  rapidjson::Document doc;
  doc.Parse<kStrictParse>(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject()) violated(what);
  const detail::Value* valid = detail::member(doc, "valid");
  if (valid != nullptr && (!valid->IsBool() || valid->GetBool() != report.valid())) violated(what);
}

}  // namespace

int check_document(const std::uint8_t* data, std::size_t size, Kind kind) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  static const Validator validator;
  Options options;
  options.kind = kind;
  options.now = Instant{1767225600, 0};  // 2026-01-01T00:00:00Z: runs are reproducible
  const Report report = validator.validate(text, options);

  if (report.kind != kind) violated("report.kind differs from options.kind");
  bool has_error = false, parse_failed = false;
  for (const Diagnostic& d : report.diagnostics) {
    if (d.code == Code::internal_error) violated("internal error", &d);
    if (find_rule(rule_info(d.code).id) == nullptr) violated("uncatalogued code", &d);
    if (d.line < 1 || d.column < 1) violated("line or column below 1", &d);
    has_error = has_error || d.severity == Severity::error;
    parse_failed = parse_failed || is_parse_failure(d.code);
  }
  if (report.valid() == has_error) violated("valid() disagrees with the error diagnostics");
  if (parse_failed && report.diagnostics.size() != 1) violated("a parse failure is not the only diagnostic");
  if (report.diagnostics.size() > options.limits.max_diagnostics + 1) violated("more diagnostics than the limit");

  if (!parse_failed) {
    // The library accepted the text as JSON: an independent parse must agree, and every pointer
    // must name a value of it.
    rapidjson::Document doc;
    doc.Parse<kStrictParse>(text.data(), text.size());
    if (doc.HasParseError()) violated("the library parsed what RapidJSON rejects");
    for (const Diagnostic& d : report.diagnostics) {
      if (detail::resolve_pointer(doc, d.pointer) == nullptr) violated("pointer does not resolve", &d);
    }
  }

  check_rendering(render_json(report, "fuzz\"input\\"), report, "render_json output is not JSON");
  return 0;
}

}  // namespace backfill::fuzz
