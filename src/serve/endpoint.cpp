// The endpoint's HTTP behaviour, framework-neutral: the checks the live API makes, its error bodies,
// and the mock's answer. The validation itself is the library's (Validator, validate_parameters).
#include <algorithm>
#include <chrono>
#include <iterator>

#include <fmt/format.h>

#include "backfill/endpoint.h"
#include "backfill/exchange.h"
#include "backfill/render.h"
#include "rules/endpoint_url.h"

namespace backfill {

namespace {

constexpr std::string_view kPrefix = "/api/v2/statuspages/";
constexpr std::string_view kApiJson = "application/json";
constexpr std::string_view kProblemJson = "application/problem+json";

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The media type of a Content-Type or Accept entry, lower case, without parameters.
std::string media_type(std::string_view value) { return lower(trim(value.substr(0, value.find(';')))); }

// The API takes JSON bodies: application/json and the structured-syntax +json types (vnd.api+json).
bool is_json_media(std::string_view content_type) {
  const std::string type = media_type(content_type);
  constexpr std::string_view suffix = "+json";
  return type == kApiJson || (type.rfind("application/", 0) == 0 && type.size() > suffix.size() &&
                              type.compare(type.size() - suffix.size(), suffix.size(), suffix) == 0);
}

std::string_view reason(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 429: return "Too Many Requests";
    case 502: return "Bad Gateway";
    default: return "Error";
  }
}

// One string per listed error, "CODE rule at POINTER: message", as the API's errors[] carries them.
std::string api_errors(const Report& report) {
  std::string out = R"({"errors":[)";
  bool first = true;
  for (const Diagnostic& d : report.diagnostics) {
    if (d.severity != Severity::error) continue;
    const RuleInfo& rule = rule_info(d.code);
    const std::string text =
        fmt::format("{} {} at {}: {}", rule.id, rule.name, d.pointer.empty() ? "/" : d.pointer, d.message);
    fmt::format_to(std::back_inserter(out), R"({}"{}")", first ? "" : ",", json_escape(text));
    first = false;
  }
  if (report.suppressed_errors > 0) {
    fmt::format_to(std::back_inserter(out), R"({}"and {} more errors")", first ? "" : ",", report.suppressed_errors);
  }
  out += "]}";
  return out;
}

std::string codes_of(const Report& report) {
  std::string out;
  for (const Diagnostic& d : report.diagnostics) {
    if (!out.empty()) out += ',';
    out += rule_info(d.code).id;
  }
  return out;
}

// 400 for a report with errors: the API's errors[] or, when preferred, problem details.
HttpAnswer bad_request(const Report& report, std::string_view accept) {
  HttpAnswer answer;
  answer.status = 400;
  answer.codes = codes_of(report);
  if (prefers_problem(accept)) {
    answer.content_type = std::string(kProblemJson);
    answer.body = render_problem(report, 400);
  } else {
    answer.content_type = std::string(kApiJson);
    answer.body = api_errors(report);
  }
  return answer;
}

HttpAnswer internal_error(std::string_view accept) noexcept {
  try {
    return error_answer(500, "Internal Server Error", accept);
  } catch (...) {
    HttpAnswer answer;  // out of memory: a bare 500 still tells the client
    answer.status = 500;
    return answer;
  }
}

Instant clock_now() {
  const auto since = std::chrono::system_clock::now().time_since_epoch();
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(since).count();
  return Instant{micros / 1000000, static_cast<std::uint64_t>(micros % 1000000) * 1000000000000ull};
}

}  // namespace

std::optional<Parameters> endpoint_parameters(std::string_view target) {
  std::string page_id;
  std::optional<std::string> include;
  if (target.substr(0, kPrefix.size()) != kPrefix || !detail::match_endpoint(target, page_id, include))
    return std::nullopt;
  return Parameters{std::move(page_id), std::move(include), std::nullopt, std::nullopt};
}

// A media range's quality for `type`: exact match over type/* over */*; -1 when no range matches.
bool prefers_problem(std::string_view accept) noexcept {
  try {
    double problem = -1, json = -1;
    int problem_rank = -1, json_rank = -1;
    for (std::size_t start = 0; start <= accept.size();) {
      const std::size_t end = std::min(accept.find(',', start), accept.size());
      const std::string_view range = accept.substr(start, end - start);
      start = end + 1;
      const std::string type = media_type(range);
      double q = 1;
      if (const std::size_t at = range.find(";q="); at != std::string_view::npos) {
        q = std::strtod(std::string(range.substr(at + 3, 5)).c_str(), nullptr);
      }
      const auto consider = [&](std::string_view wanted, double& best, int& best_rank) {
        const int rank = type == wanted ? 2 : type == "application/*" ? 1 : type == "*/*" ? 0 : -1;
        if (rank > best_rank) best_rank = rank, best = q;
      };
      consider(kProblemJson, problem, problem_rank);
      consider(kApiJson, json, json_rank);
      consider("application/vnd.api+json", json, json_rank);
    }
    return problem_rank == 2 && problem > 0 && (problem > json || (problem == json && json_rank < 2));
  } catch (...) { return false; }
}

HttpAnswer error_answer(int status, std::string_view message, std::string_view accept) {
  HttpAnswer answer;
  answer.status = status;
  if (prefers_problem(accept)) {
    answer.content_type = std::string(kProblemJson);
    answer.body = fmt::format(R"({{"type":"about:blank","title":"{}","status":{},"detail":"{}"}})", reason(status),
                              status, json_escape(message));
  } else {
    answer.content_type = std::string(kApiJson);
    answer.body = fmt::format(R"({{"errors":["{}"]}})", json_escape(message));
  }
  return answer;
}

HttpAnswer check_call(const Validator& validator, const HttpRequest& request, const EndpointOptions& options) noexcept {
  try {
    const std::optional<Parameters> parameters = endpoint_parameters(request.target);
    if (!parameters) return error_answer(404, "Not found", request.accept);
    if (request.method != "POST") {
      HttpAnswer answer = error_answer(405, "Method Not Allowed", request.accept);
      answer.headers.emplace_back("Allow", "POST");
      return answer;
    }
    if (options.require_auth && !(request.api_key && request.application_key)) {
      return error_answer(403, "Forbidden", request.accept);
    }
    if (!is_json_media(request.content_type)) {
      return error_answer(415, "Unsupported Media Type: the body must be application/json", request.accept);
    }
    if (request.body.size() > options.validation.limits.max_bytes) {
      return error_answer(
          413, fmt::format("Payload Too Large: the body is over {} bytes", options.validation.limits.max_bytes),
          request.accept);
    }
    const Report parameter_report = validate_parameters(validator, *parameters, options.validation);
    if (!parameter_report.valid()) return bad_request(parameter_report, request.accept);
    Options body_options = options.validation;
    body_options.kind = Kind::request;
    const Report report = validator.validate(request.body, body_options);
    if (!report.valid()) return bad_request(report, request.accept);
    HttpAnswer pass;
    pass.codes = codes_of(report);  // warnings, which do not stop the call
    return pass;
  } catch (...) { return internal_error(request.accept); }
}

HttpAnswer answer_mock(const Validator& validator, const HttpRequest& request,
                       const EndpointOptions& options) noexcept {
  try {
    if (request.target == "/healthz" && (request.method == "GET" || request.method == "HEAD")) {
      HttpAnswer answer;
      answer.status = 200;
      answer.content_type = std::string(kApiJson);
      answer.body = R"({"status":"ok"})";
      return answer;
    }
    HttpAnswer answer = check_call(validator, request, options);
    if (answer.status != 0) return answer;
    const Parameters parameters = *endpoint_parameters(request.target);
    static const std::string user_id = random_uuid();  // the one user the mock acts as
    answer.status = 201;
    answer.content_type = "application/vnd.api+json";
    answer.body = mock_maintenance(request.body, *parameters.page_id, parameters.include.value_or(""), user_id,
                                   options.validation.now.value_or(clock_now()));
    return answer;
  } catch (...) { return internal_error(request.accept); }
}

}  // namespace backfill
