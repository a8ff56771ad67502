// backfill-check: whole calls of the endpoint: parameters, request and response together, and HAR files.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backfill/export.h"
#include "backfill/validate.h"

namespace backfill {

/// The parts of a call that are not bodies.
struct Parameters {
  std::optional<std::string> page_id;       ///< Path parameter (a UUID).
  std::optional<std::string> include;       ///< Query parameter, as sent (comma-separated).
  std::optional<int> status;                ///< Response status code.
  std::optional<std::string> content_type;  ///< Response Content-Type header.
};

/// The small JSON document that parameter diagnostics point into, e.g. {"page_id": "...", "status": 201}.
BACKFILL_API std::string parameters_document(const Parameters& parameters);

/// Validates parameters (page_id format, include list, status code, content type). Never throws.
BACKFILL_API Report validate_parameters(const Validator& validator, const Parameters& parameters,
                                        const Options& options = {}) noexcept;

/// One recorded call: request body, response body and parameters.
struct Exchange {
  std::string_view request;   ///< The POST body.
  std::string_view response;  ///< The response body.
  Parameters parameters;      ///< status unset means 201.
};

/// The verdicts on the three parts of a call.
struct BACKFILL_API ExchangeReport {
  std::string parameters_text;  ///< The document `parameters` points into (see parameters_document).
  Report parameters;            ///< page_id, include, status, content type.
  Report request;               ///< The request body as a request.
  Report response;              ///< The response body as the status code's shape, plus exchange rules.
  /// True when no part has an error.
  bool valid() const noexcept;
};

/// Validates a call: each part on its own, then that a 201 response reflects the request (title,
/// update descriptions, statuses, started_at instants, components), that included holds exactly the
/// resources asked for with include, and that the status page is page_id (a 201 without data reflects
/// nothing: BF4005). A body-less response to a status without a known body shape is not parsed: the
/// status (BF4003) is the one fault. Never throws.
BACKFILL_API ExchangeReport validate_exchange(const Validator& validator, const Exchange& exchange,
                                              const Options& options = {}) noexcept;

/// One HAR entry that calls the endpoint.
struct HarEntryReport {
  std::size_t index = 0;      ///< Position in log.entries.
  std::string method;         ///< request.method.
  std::string url;            ///< request.url.
  std::string request_text;   ///< The request body the request report points into.
  std::string response_text;  ///< The response body (base64 decoded) the response report points into.
  ExchangeReport exchange;    ///< The call's verdicts.
};

/// The verdicts on a HAR 1.2 file.
struct BACKFILL_API HarReport {
  Report file;                          ///< The HAR document itself: syntax, entries lacking bodies.
  std::vector<HarEntryReport> entries;  ///< Calls of this endpoint, in file order.
  std::size_t skipped = 0;              ///< Entries for other URLs or methods.
  /// True when neither the file nor any entry has an error.
  bool valid() const noexcept;
};

/// Validates every entry of a HAR file whose request is a POST to .../statuspages/{page_id}/maintenances/backfill.
/// Body positions (line, column) are within each body's text; an empty page id is checked like any
/// other. An entry lacking a body or status (BF4008), or whose base64 body does not decode (BF4009),
/// is reported in `file` and not checked further. Never throws.
BACKFILL_API HarReport validate_har(const Validator& validator, std::string_view har,
                                    const Options& options = {}) noexcept;

}  // namespace backfill
