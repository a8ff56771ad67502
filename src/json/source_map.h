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
  void locate(std::size_t offset, std::uint32_t& line, std::uint32_t& column) const {
    // Further on from the previous offset, past only ASCII bytes and no line break (the usual step
    // between two findings in order): the column moves on by the bytes passed.
    if (offset >= cursor_offset_ && offset <= plain_until_) {
      cursor_column_ += static_cast<std::uint32_t>(offset - cursor_offset_);
      cursor_offset_ = offset;
      line = static_cast<std::uint32_t>(cursor_line_ + 1);
      column = cursor_column_ + 1;
      return;
    }
    locate_by_counting(offset, line, column);
  }

 private:
  void locate_by_counting(std::size_t offset, std::uint32_t& line, std::uint32_t& column) const;
  std::size_t code_points(std::size_t from, std::size_t to) const noexcept;
  // No marked block: past any block of any text.
  static constexpr std::size_t kNoBlock = static_cast<std::size_t>(-1) / kAsciiBlockBytes;
  // The first marked block at or after `block` (kNoBlock when none); the marks must be known.
  std::size_t next_marked(std::size_t block) const noexcept;
  // The first block at or after `block` that is marked (or may be: none are known), remembered.
  std::size_t first_marked_from(std::size_t block) const noexcept;

  std::string_view text_;
  const NonAsciiBlocks* non_ascii_;
  mutable std::vector<std::size_t> line_starts_;  // built on first use
  // The previous offset located (line index, column count) and how far on from it the bytes are
  // ASCII with no line break (so that offset 0 is line 1, column 1 before anything is counted).
  mutable std::size_t cursor_line_ = 0;
  mutable std::size_t cursor_offset_ = 0;
  mutable std::uint32_t cursor_column_ = 0;
  mutable std::size_t plain_until_ = 0;
  // The last answer of first_marked_from(): the first marked block at or after `searched_from_`.
  mutable std::size_t searched_from_ = 1, marked_at_ = 0;
};

}  // namespace backfill::detail
