// From byte offsets in a source text to the line and column a diagnostic shows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "json/utf8.h"

namespace backfill::detail {

/// Maps byte offsets to 1-based line and column (column in UTF-8 code points).
class SourceMap {
 public:
  /// `non_ascii`: the blocks of `text` that hold bytes above 0x7F (ParsedJson::non_ascii_blocks()):
  /// columns are counted only there. nullptr: not known, counted everywhere.
  explicit SourceMap(std::string_view text, const NonAsciiBlocks* non_ascii = nullptr) noexcept
      : text_(text), non_ascii_(non_ascii) {}
  void locate(std::size_t offset, std::uint32_t& line, std::uint32_t& column) const;

 private:
  std::size_t code_points(std::size_t from, std::size_t to) const noexcept;

  std::string_view text_;
  const NonAsciiBlocks* non_ascii_;
  mutable std::vector<std::size_t> line_starts_;  // built on first use
  mutable std::size_t cursor_line_ = static_cast<std::size_t>(-1);
  mutable std::size_t cursor_offset_ = 0;
  mutable std::uint32_t cursor_column_ = 0;
};

}  // namespace backfill::detail
