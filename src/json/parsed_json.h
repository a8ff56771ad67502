// A parsed document and where each of its values starts in the source text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "backfill/diagnostic.h"
#include "json/rapidjson.h"
#include "json/buffers.h"
#include "json/utf8.h"

namespace backfill::detail {

/// A syntax, encoding or limit failure found while parsing.
struct ParseError {
  Code code = Code::json_syntax;
  std::size_t offset = 0;  ///< Byte offset of the fault in the source.
  std::string message;
};

/// A member name repeated in one object: the later occurrence, by value.
struct DuplicateKey {
  const Value* value = nullptr;  ///< The repeat's value (where it is reported).
  const Value* first = nullptr;  ///< The first occurrence's value (what a pointer to it names).
  std::string_view name;         ///< Valid while the document lives.
};

/// A parsed document plus the byte offset of every value, for line and column reporting.
class ParsedJson {
 public:
  ParsedJson();
  ParsedJson(const ParsedJson&) = delete;
  ParsedJson& operator=(const ParsedJson&) = delete;

  /// Parses `text` (explicit length, UTF-8 validated, iterative, numbers converted exactly).
  /// Returns false and fills `error` on the first syntax, encoding or limit fault.
  bool parse(std::string_view text, std::size_t max_bytes, std::uint32_t max_depth, ParseError& error);

  /// Whether the last parse() succeeded (root() is its document).
  bool ok() const noexcept { return ok_; }
  const Value& root() const noexcept { return document_; }
  /// Objects that repeat a member name, in document order (checked after a successful parse).
  std::vector<DuplicateKey> find_duplicate_keys() const;
  /// The RFC 6901 pointer of each of `values` (values of this document), in one walk of it; once
  /// `max_bytes` of pointers are built, the rest are left empty.
  std::vector<std::string> pointers_of(const std::vector<const Value*>& values,
                                       std::size_t max_bytes = static_cast<std::size_t>(-1)) const;
  /// How many values the document holds (every scalar, array and object).
  std::size_t value_count() const noexcept { return value_count_; }
  /// Byte offset where `value` starts in the source (0 when it is not part of this document). The
  /// text given to parse() must still be alive: offsets are found from it when first asked for.
  std::size_t offset_of(const Value* value) const;
  /// offset_of() for each of `values`. A few values are found in one walk of the document, which
  /// stops at the last of them; many go through offset_of()'s index (sorting every value once).
  std::vector<std::size_t> offsets_of(const std::vector<const Value*>& values) const;
  /// Where a string value parsed in situ starts (its opening quote), read from its address: no walk,
  /// no scan; false for any other value (offsets_of() finds those).
  bool in_situ_offset(const Value* value, std::size_t& offset) const;
  /// Where the value of a member starts, read from its name (`name` as text_of() gives a member name
  /// of this document parsed in situ) and the few bytes of text after it; false when not in situ.
  bool offset_after_name(std::string_view name, std::size_t& offset) const;
  /// The blocks of `text` that hold bytes above 0x7F (where columns need counting; see SourceMap),
  /// known for the text the last parse() was given when it is well-formed UTF-8; else nullptr.
  const NonAsciiBlocks* non_ascii_blocks(std::string_view text) const noexcept {
    const bool same = text.data() == text_.data() && text.size() == text_.size();
    return same && non_ascii_known_ ? &non_ascii_ : nullptr;
  }
  /// The start of every value in document order, recorded by a second parse of the text (which
  /// builds nothing): what the lazy token scan must agree with, and its fallback when it does not.
  const std::vector<std::uint32_t>& offsets_recorded_by_parsing() const;

 private:
  template <typename Sink>
  friend class SaxHandler;
  using Document =
      rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>, rapidjson::CrtAllocator>;
  // parse()'s passes (parse.cpp): the first, in situ and recording nothing, for text that is
  // well-formed UTF-8 and a depth limit the recursive parser may take; true when it succeeds. Else
  // the recording one, which finds the exact position and message of a fault.
  bool parse_in_situ(std::string_view text, std::uint32_t max_depth);
  bool parse_recording(std::string_view text, std::uint32_t max_depth, ParseError& error);
  // Makes sure the first `count` entries of preorder_offsets_ are there: a token scan of the text
  // finds them when first asked for (a parse that failed recorded them all).
  void record_offsets(std::size_t count) const;
  // Where a string parsed in situ starts in the text (just after its quote); false for any other.
  bool in_situ_start(const char* string, std::size_t& offset) const;

  ParseBuffers buffers_;
  rapidjson::MemoryPoolAllocator<> pool_;
  Document document_;
  std::vector<char>& source_;                     // the input, parsed in situ: the document's strings point into it
  std::vector<std::uint32_t>& preorder_offsets_;  // start of each value, in document order
  std::string_view text_;                         // what parse() was given
  std::size_t value_count_ = 0;
  NonAsciiBlocks non_ascii_;
  bool non_ascii_known_ = false;
  mutable bool offsets_recorded_ = false;  // all of them
  bool may_repeat_names_ = true;           // false when the parse saw every name once per object
  bool in_situ_ = false;                   // the document's strings point into source_
  bool ok_ = false;                        // the last parse() succeeded
  // (value, offset) sorted by address, built on first use: one allocation for every value.
  mutable std::vector<std::pair<const Value*, std::uint32_t>> offset_index_;
};

}  // namespace backfill::detail
