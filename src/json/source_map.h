// From byte offsets in a source text to the line and column a diagnostic shows.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace backfill::detail {

/// Maps byte offsets to 1-based line and column (column in UTF-8 code points).
class SourceMap {
 public:
  /// `ascii_end`: how many bytes at the start of `text` are known to be ASCII (their columns need no
  /// counting; ParsedJson::ascii_end()).
  explicit SourceMap(std::string_view text, std::size_t ascii_end = 0) noexcept
      : text_(text), ascii_end_(std::min(ascii_end, text.size())) {}
  void locate(std::size_t offset, std::uint32_t& line, std::uint32_t& column) const;

 private:
  std::size_t code_points(std::size_t from, std::size_t to) const noexcept;

  std::string_view text_;
  std::size_t ascii_end_;
  mutable std::vector<std::size_t> line_starts_;  // built on first use
  mutable std::size_t cursor_line_ = static_cast<std::size_t>(-1);
  mutable std::size_t cursor_offset_ = 0;
  mutable std::uint32_t cursor_column_ = 0;
};

}  // namespace backfill::detail
