// backfill-check: the endpoint's HTTP behaviour (checks, error bodies, the mock's 201), for any server.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backfill/exchange.h"
#include "backfill/export.h"
#include "backfill/validate.h"

namespace backfill {

/// An HTTP request as any server framework sees it (views into the framework's own strings).
struct HttpRequest {
  std::string_view method;  ///< "POST".
  std::string_view target;  ///< Path and query as sent: "/api/v2/statuspages/ID/maintenances/backfill?include=...".
  std::string_view content_type;  ///< The Content-Type header ("" when absent).
  std::string_view accept;        ///< The Accept header ("" when absent).
  std::string_view body;          ///< The request body.
  bool api_key = false;           ///< A DD-API-KEY header was sent.
  bool application_key = false;   ///< A DD-APPLICATION-KEY header was sent.
};

/// An HTTP answer. Status 0 means "no objection": the call is valid and the application answers it.
struct HttpAnswer {
  int status = 0;            ///< HTTP status; 0 from check_call() when the call passes.
  std::string content_type;  ///< application/vnd.api+json, application/json or application/problem+json.
  std::string body;          ///< The response body.
  std::vector<std::pair<std::string, std::string>> headers;  ///< Extra headers (Allow for 405).
  std::string codes;  ///< The diagnostic codes behind the answer ("BF2002,BF2005"), for logs.
};

/// How the endpoint checks calls.
struct EndpointOptions {
  Options validation;         ///< now, strict, contract and limits (the kind is set per document).
  bool require_auth = false;  ///< Answer 403 when DD-API-KEY or DD-APPLICATION-KEY is missing.
};

/// The path and query parameters of a call of the endpoint, from its request target ("/api/v2/
/// statuspages/ID/maintenances/backfill?include=..."): page_id and include, percent-decoded (status
/// and content type unset); std::nullopt when the target is not the endpoint's path.
BACKFILL_API std::optional<Parameters> endpoint_parameters(std::string_view target);

/// The checks the live API makes, in its order: path (404), method (405), keys (403, with
/// require_auth), content type (415), body size (413), page_id and include (400), body (400).
/// Returns status 0 when the call passes, else the answer to send (see error_answer()). Never throws.
BACKFILL_API HttpAnswer check_call(const Validator& validator, const HttpRequest& request,
                                   const EndpointOptions& options = {}) noexcept;

/// What `serve --mock` answers: check_call(), then 201 with the Maintenance the call creates
/// (mock_maintenance()). GET /healthz answers 200. Never throws.
BACKFILL_API HttpAnswer answer_mock(const Validator& validator, const HttpRequest& request,
                                    const EndpointOptions& options = {}) noexcept;

/// An error answer in the API's shape, {"errors": ["message"]} (application/json), or an RFC 9457
/// problem document when `accept` prefers application/problem+json.
BACKFILL_API HttpAnswer error_answer(int status, std::string_view message, std::string_view accept);

/// True when an Accept header ranks application/problem+json above the JSON types the API answers with.
BACKFILL_API bool prefers_problem(std::string_view accept) noexcept;

/// The Maintenance (201 body, application/vnd.api+json) the live API returns for a valid request:
/// new UUIDs, start_date, published_date and completed_date from the updates, status completed,
/// updates with ids and created_at/modified_at (`now`), relationships to `user_id` and the page,
/// and `included` holding exactly the resources the include list names. `request` must be valid.
BACKFILL_API std::string mock_maintenance(std::string_view request, std::string_view page_id, std::string_view include,
                                          std::string_view user_id, const Instant& now);

/// A random (version 4) UUID in lower case.
BACKFILL_API std::string random_uuid();

}  // namespace backfill
