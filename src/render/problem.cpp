// RFC 9457 problem details, for a server that answers a bad request body with its diagnostics.
#include <fmt/format.h>

#include "backfill/render.h"
#include "render/percent_encode.h"

namespace backfill {

namespace {

constexpr std::string_view kTypeMalformed = "https://backfill-check.dev/problems/malformed-body";
constexpr std::string_view kTypeInvalid = "https://backfill-check.dev/problems/invalid-body";
constexpr std::string_view kTypeInternal = "https://backfill-check.dev/problems/internal-error";

// A JSON Pointer as a URI fragment ("#/data/attributes"), as RFC 9457's own example writes it:
// characters a fragment may not hold are percent-encoded (RFC 6901, section 6).
std::string fragment_of(std::string_view pointer) {
  return "#" + detail::percent_encode(pointer, "-._~!$&'()*+,;=:@/?");
}

// What the document is, for the title and detail: "request body", ...
std::string_view body_name(Kind kind) {
  switch (kind) {
    case Kind::request: return "request body";
    case Kind::response: return "response body";
    case Kind::error: return "error body";
    default: return "document";
  }
}

}  // namespace

int problem_status(const Report& report) noexcept {
  int status = report.valid() ? 200 : 422;
  for (const Diagnostic& d : report.diagnostics) {
    if (d.severity != Severity::error) continue;
    if (d.code == Code::internal_error) return 500;  // no verdict about the body at all
    if (is_parse_failure(d.code)) status = 400;
  }
  return status;
}

std::string render_problem(const Report& report) {
  const int status = problem_status(report);
  if (status == 200) return {};
  const std::size_t errors = report.count(Severity::error);
  const std::string_view body = body_name(report.kind);
  std::string out;
  const std::string_view type = status == 400 ? kTypeMalformed : status == 500 ? kTypeInternal : kTypeInvalid;
  const std::string title = status == 400   ? fmt::format("The {} is not well-formed JSON", body)
                            : status == 500 ? fmt::format("The {} could not be validated", body)
                                            : fmt::format("The {} does not match the contract", body);
  fmt::format_to(std::back_inserter(out),
                 R"({{"type":"{}","title":"{}","status":{},"detail":"The {} has {} {}; each entry of errors names one.","errors":[)",
                 type, title, status, body, errors, errors == 1 ? "error" : "errors");
  bool first = true;
  for (const Diagnostic& d : report.diagnostics) {
    if (d.severity != Severity::error) continue;
    fmt::format_to(std::back_inserter(out), R"({}{{"detail":"{}","pointer":"{}","code":"{}"}})", first ? "" : ",",
                   json_escape(d.message), json_escape(fragment_of(d.pointer)), rule_info(d.code).id);
    first = false;
  }
  out += "]}\n";
  return out;
}

}  // namespace backfill
