// What each fault RapidJSON's reader reports becomes: its code (BF0002 syntax, BF0003 encoding,
// BF0004 limits) and its message, in one table.
#pragma once

#include <cstddef>
#include <string_view>

#include "json/parsed_json.h"

namespace backfill::detail {

/// The diagnostic for the reader's fault `code` at byte `offset` of `text`: what went wrong and, for
/// the structural faults, what was found there and what was expected.
ParseError reader_error(rapidjson::ParseErrorCode code, std::size_t offset, std::string_view text);

}  // namespace backfill::detail
