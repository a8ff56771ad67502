// Recognising a call of the endpoint from its URL (HAR entries, and the HTTP server's request target).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace backfill::detail {

/// Splits "https://host/api/v2/statuspages/ID/maintenances/backfill?include=x" (or the same path and
/// query alone) into the percent-decoded page id and include; false when the URL is not the endpoint.
bool match_endpoint(std::string_view url, std::string& page_id, std::optional<std::string>& include);

}  // namespace backfill::detail
