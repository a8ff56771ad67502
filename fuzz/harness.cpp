// The invariants every report must satisfy, whatever the input:
//  - no internal error (an internal exception caught by the library is still a bug);
//  - valid() agrees with the absence of error-severity diagnostics, and every code is catalogued;
//  - a parse failure (BF0002-BF0004) is the only diagnostic;
//  - every diagnostic has a 1-based line and column, and its pointer resolves in the document;
//  - every JSON rendering the library offers (JSON, JSON Schema output, SARIF, problem details)
//    re-parses (valid UTF-8) and says the same verdict.
#include "harness.h"
#include "invariants_neutral.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "json/json.h"
#include "backfill/exchange.h"
#include "backfill/render.h"

namespace backfill::fuzz {

namespace {

constexpr unsigned kStrictParse =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag;

[[noreturn]] void violated(const char* what, const Diagnostic* d = nullptr) {
  std::fprintf(stderr, "fuzz invariant violated: %s\n", what);
  if (d != nullptr) {
    std::fprintf(stderr, "  %s at \"%s\" %u:%u: %s\n", std::string(rule_info(d->code).id).c_str(),
                 std::string(d->pointer).c_str(), d->line, d->column, std::string(d->message).c_str());
  }
  std::abort();
}

// Parses a rendering back; it must be one JSON object whose "valid" member (if any) matches the report.
void check_rendering(const std::string& text, const Report& report, const char* what) {
  rapidjson::Document doc;
  doc.Parse<kStrictParse>(text.data(), text.size());
  if (doc.HasParseError() || !doc.IsObject()) violated(what);
  const detail::Value* valid = detail::member(doc, "valid");
  if (valid != nullptr && (!valid->IsBool() || valid->GetBool() != report.valid())) violated(what);
}

const Validator& shared_validator() {
  static const Validator validator;
  return validator;
}

Options fuzz_options(Kind kind) {
  Options options;
  options.kind = kind;
  options.now = Instant{1767225600, 0};  // 2026-01-01T00:00:00Z: runs are reproducible
  return options;
}

// The invariants of one report about `text`.
void check_report(const Report& report, std::string_view text) {
  // SARIF carries the whole rule catalogue each time: rendering and re-parsing it for every input
  // would take most of the time, so it is checked for one input size in eight (deterministic, so a
  // reproducer replays the same checks).
  const bool check_sarif = text.size() % 8 == 0;
  bool has_error = false, parse_failed = false;
  for (const Diagnostic& d : report.diagnostics) {
    if (d.code == Code::internal_error) violated("internal error", &d);
    if (find_rule(rule_info(d.code).id) == nullptr) violated("uncatalogued code", &d);
    if (d.line < 1 || d.column < 1) violated("line or column below 1", &d);
    has_error = has_error || d.severity == Severity::error;
    parse_failed = parse_failed || is_parse_failure(d.code);
  }
  if (report.valid() == (has_error || report.suppressed_errors > 0))
    violated("valid() disagrees with the errors found");
  if (parse_failed && report.diagnostics.size() != 1) violated("a parse failure is not the only diagnostic");
  if (report.diagnostics.size() > Limits{}.max_diagnostics + 1) violated("more diagnostics than the limit");

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

  // Every rendering that is JSON must re-parse (valid UTF-8 included) and agree on the verdict.
  check_rendering(render_json(report, "fuzz\"input\\"), report, "render_json output is not JSON");
  check_rendering(render_jsonschema(report), report, "render_jsonschema output is not JSON");
  if (check_sarif)
    check_rendering(render_sarif({NamedReport{"fuzz input.json", report}}), report, "render_sarif output is not JSON");
  const std::string problem = render_problem(report);
  if (problem.empty() != report.valid()) violated("render_problem is empty exactly when the report is valid");
  if (!problem.empty()) check_rendering(problem, report, "render_problem output is not JSON");
  check_neutral_renderings(report, text);
}

std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace

int check_document(const std::uint8_t* data, std::size_t size, Kind kind) {
  const std::string_view text = as_text(data, size);
  const Report report = shared_validator().validate(text, fuzz_options(kind));
  if (kind != Kind::automatic && report.kind != kind) violated("report.kind differs from options.kind");
  // Detection needs a parsed document; an unparseable one keeps the kind "auto".
  const bool parsed = report.diagnostics.empty() || !is_parse_failure(report.diagnostics[0].code);
  if (kind == Kind::automatic && parsed && report.kind == Kind::automatic) violated("kind not detected");
  check_report(report, text);
  // The verdict never depends on what is listed: a cap of one gives the same validity and totals.
  Options capped = fuzz_options(kind);
  capped.limits.max_diagnostics = 1;
  const Report few = shared_validator().validate(text, capped);
  if (few.valid() != report.valid() ||
      few.count(backfill::Severity::error) != report.count(backfill::Severity::error) ||
      few.count(backfill::Severity::warning) != report.count(backfill::Severity::warning)) {
    violated("the verdict or the totals depend on max_diagnostics");
  }
  return 0;
}

int check_exchange(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = as_text(data, size);
  const std::size_t nul = text.find('\0');
  Exchange exchange;
  exchange.request = text.substr(0, nul);
  exchange.response = nul == std::string_view::npos ? std::string_view() : text.substr(nul + 1);
  const ExchangeReport report = validate_exchange(shared_validator(), exchange, fuzz_options(Kind::request));
  check_report(report.request, exchange.request);
  check_report(report.response, exchange.response);
  check_report(report.parameters, report.parameters_text);
  if (report.valid() != (report.request.valid() && report.response.valid() && report.parameters.valid())) {
    violated("ExchangeReport::valid() disagrees with its parts");
  }
  return 0;
}

// A call's response. A status with no known body (BF4003 on the parameters) and no body is that one
// fault: the response is then not checked, and its report is empty.
void check_response(const ExchangeReport& exchange, std::string_view text) {
  const bool blank = text.find_first_not_of(" \t\r\n") == std::string_view::npos;
  if (!(blank && exchange.response.kind == Kind::automatic && exchange.response.diagnostics.empty())) {
    check_report(exchange.response, text);
  } else if (exchange.parameters.valid()) {
    violated("an empty response was left unchecked, yet its status is no fault");
  }
}

int check_har(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = as_text(data, size);
  const HarReport report = validate_har(shared_validator(), text, fuzz_options(Kind::request));
  check_report(report.file, text);
  bool all_valid = report.file.valid();
  for (const HarEntryReport& entry : report.entries) {
    check_report(entry.exchange.request, entry.request_text);
    check_response(entry.exchange, entry.response_text);
    check_report(entry.exchange.parameters, entry.exchange.parameters_text);
    all_valid = all_valid && entry.exchange.valid();
  }
  if (report.valid() != all_valid) violated("HarReport::valid() disagrees with its entries");
  return 0;
}

}  // namespace backfill::fuzz
