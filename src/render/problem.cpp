// RFC 9457 problem details, for a server that answers a bad request body with its diagnostics.
#include <fmt/format.h>

#include "backfill/render.h"
#include "kinds.h"
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
  return render_problem(report, problem_status(report), RecordSource{});
}

std::string render_problem(const Report& report, const RecordSource& source) {
  return render_problem(report, problem_status(report), source);
}

std::string render_problem(const Report& report, int status, const RecordSource& source) {
  const int kind = problem_status(report);  // the type and title say what is wrong, whatever the status
  if (kind == 200) return {};
  const std::size_t errors = report.count(Severity::error);
  const std::string_view body = detail::kind_info(report.kind).body;
  std::string out;
  const std::string_view type = kind == 400 ? kTypeMalformed : kind == 500 ? kTypeInternal : kTypeInvalid;
  const std::string title = kind == 400   ? fmt::format("The {} is not well-formed JSON", body)
                            : kind == 500 ? fmt::format("The {} could not be validated", body)
                                          : fmt::format("The {} does not match the contract", body);
  fmt::format_to(
      std::back_inserter(out),
      R"({{"type":"{}","title":"{}","status":{},"detail":"The {} has {} {}; each entry of errors names one.",)", type,
      title, status, body, errors, errors == 1 ? "error" : "errors");
  // "instance" (RFC 9457, 3.1.5) names this occurrence: the document, as a URI reference.
  if (!source.name.empty()) {
    fmt::format_to(std::back_inserter(out), R"("instance":"{}",)", json_escape(detail::uri_of_path(source.name)));
  }
  if (source.line != 0) fmt::format_to(std::back_inserter(out), R"("line":{},)", source.line);
  out += R"("errors":[)";
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
