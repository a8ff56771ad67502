// Validator::validate() for callers inside the library that need more than the report: the parsed
// document afterwards, or rules of their own on it (the exchange compares a response with its request).
#pragma once

#include <functional>
#include <string_view>

#include "backfill/validate.h"
#include "json/parsed_json.h"

namespace backfill::detail {

struct RuleContext;

/// Rules beyond the kind's own, run on the same document after them: their findings are folded,
/// listed and placed in document order with the others, in one report.
using ExtraRules = std::function<void(const RuleContext&)>;

/// Validates `json` into `parsed`, which holds the document afterwards when parsed.ok(); `extra`
/// runs once the document parses. Never throws.
Report validate_document(const Validator& validator, std::string_view json, const Options& options, ParsedJson& parsed,
                         const ExtraRules& extra = {}) noexcept;

}  // namespace backfill::detail
