// The token scan: where every value of a document the parser accepted starts, found without decoding
// or building anything (several times cheaper than parsing again).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace backfill::detail {

/// JSON's whitespace (RFC 8259): space, tab, line feed, carriage return.
inline bool is_json_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/// Appends to `offsets` the start of every value of `text` (JSON a parse has accepted) in document
/// order, until `offsets` holds `limit` of them.
void scan_value_offsets(std::string_view text, std::vector<std::uint32_t>& offsets,
                        std::size_t limit = static_cast<std::size_t>(-1));

}  // namespace backfill::detail
