// Oracles for the differential tests and fuzz targets: properties that compare two ways of
// computing the same answer. Test support only; the library never calls them.
#pragma once

#include <string_view>

#include "backfill/validate.h"

namespace test {

/// Parses `text` and compares the fast check with the reference validator on it (as `kind`, under
/// `contract`, "" for the default): the
/// verdict, the schema walk's pre-checks, and the failures whenever the fast check is sure of them.
/// False only when they disagree on a parsed document; text that does not parse agrees trivially.
/// Never throws.
bool fast_path_agrees(std::string_view text, backfill::Kind kind, std::string_view contract = {}) noexcept;

/// Whether the offsets found lazily (the token scan) are the ones a recording parse finds, for
/// every value of `text`. True for text that does not parse.
bool value_offsets_agree(std::string_view text);

}  // namespace test
