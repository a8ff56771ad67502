// The one internal header that includes RapidJSON (and valijson's RapidJSON adapter, which must come
// first so that a single RAPIDJSON_ASSERT is in force). Everything else includes this, never
// <rapidjson/...> directly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "backfill/diagnostic.h"

namespace backfill::detail {
/// Thrown (and caught inside the library) when RapidJSON or valijson hits an internal assertion.
[[noreturn]] void assertion_failed(const char* what);
}  // namespace backfill::detail

// valijson aborts on internal errors unless VALIJSON_USE_EXCEPTIONS is set; with it set, its RapidJSON
// adapter would define a RAPIDJSON_ASSERT that builds a std::string on every check (3.6-4x slower)
// and warn if one exists. So: exceptions.hpp is included with exceptions on, the adapter with the
// macro briefly unset (it then keeps the cheap throwing RAPIDJSON_ASSERT below), and every later
// valijson header sees it on again.
#define RAPIDJSON_ASSERT(x) \
  ((x) ? static_cast<void>(0) : ::backfill::detail::assertion_failed(#x))
#define RAPIDJSON_HAS_STDSTRING 1
// SSE2 (baseline on x86-64) lets the reader copy unescaped string bytes 16 at a time from a
// StringStream (json_parse.cpp pads its input for it). Its aligned loads may read past the NUL of
// other callers' strings within the same 16 bytes, which AddressSanitizer would report: off there.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BACKFILL_ASAN 1
#endif
#endif
#if defined(__SSE2__) && !defined(__SANITIZE_ADDRESS__) && !defined(BACKFILL_ASAN) && !defined(RAPIDJSON_SSE2)
#define RAPIDJSON_SSE2
#endif
#undef VALIJSON_USE_EXCEPTIONS
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/exceptions.hpp>
#undef VALIJSON_USE_EXCEPTIONS
#include <valijson/adapters/rapidjson_adapter.hpp>
#define VALIJSON_USE_EXCEPTIONS 1
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

namespace backfill::detail {

using Value = rapidjson::Value;

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

 private:
  template <typename Sink>
  friend class OffsetRecorder;
  friend bool value_offsets_agree(std::string_view text);
  using Document =
      rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>, rapidjson::CrtAllocator>;
  // Makes sure the first `count` entries of preorder_offsets_ are there: a token scan of the text
  // finds them when first asked for (a parse that failed recorded them all).
  void record_offsets(std::size_t count) const;
  // Where a string value parsed in situ starts (its opening quote); false for any other value.
  bool in_situ_offset(const Value* value, std::size_t& offset) const;
  // Memory reused from one document to the next on a thread: a validation then allocates nothing for
  // parsing unless the document outgrows what the previous ones needed. Taken from the thread's spare
  // set when constructed (a second document alive on the thread gets fresh ones), handed back when
  // destroyed, after the document and its allocator (declared after it) are gone.
  struct Buffers {
    static constexpr std::size_t kPoolBytes = 32 * 1024;  // a ~1 KB request's DOM fits many times over
    std::unique_ptr<unsigned char[]> pool;                // the DOM allocator's first chunk
    std::vector<char> source;
    std::vector<std::uint32_t> offsets;
    std::vector<std::string_view> names;        // the first pass's member names of open objects
    std::vector<std::size_t> name_starts;       // where each open object's names start
    Buffers();
    ~Buffers();
    Buffers(const Buffers&) = delete;
    Buffers& operator=(const Buffers&) = delete;
  };
  Buffers buffers_;
  rapidjson::MemoryPoolAllocator<> pool_;
  Document document_;
  std::vector<char>& source_;  // the input, parsed in situ: the document's strings point into it
  std::vector<std::uint32_t>& preorder_offsets_;  // start of each value, in document order
  std::string_view text_;                         // what parse() was given
  std::size_t value_count_ = 0;
  mutable bool offsets_recorded_ = false;  // all of them
  bool may_repeat_names_ = true;           // false when the parse saw every name once per object
  bool in_situ_ = false;                   // the document's strings point into source_
  // (value, offset) sorted by address, built on first use: one allocation, where a hash map made
  // one per value of every document with a finding.
  mutable std::vector<std::pair<const Value*, std::uint32_t>> offset_index_;
};

/// For tests and a fuzz target: whether the offsets found lazily (a token scan) are
/// the ones the parser records, for every value of `text`. True for text that does not parse.
bool value_offsets_agree(std::string_view text);

/// Maps byte offsets to 1-based line and column (column in UTF-8 code points).
class SourceMap {
 public:
  explicit SourceMap(std::string_view text) noexcept : text_(text) {}
  void locate(std::size_t offset, std::uint32_t& line, std::uint32_t& column) const;

 private:
  std::string_view text_;
  mutable std::vector<std::size_t> line_starts_;  // built on first use
  mutable std::size_t cursor_line_ = static_cast<std::size_t>(-1);
  mutable std::size_t cursor_offset_ = 0;
  mutable std::uint32_t cursor_column_ = 0;
};

/// Appends an RFC 6901 reference token (with ~0 and ~1 escaping) to `pointer`.
void append_pointer_token(std::string& pointer, std::string_view token);
/// Appends an array index token to `pointer`.
void append_pointer_index(std::string& pointer, std::size_t index);
/// Resolves an RFC 6901 pointer in `root`; nullptr when it names nothing.
const Value* resolve_pointer(const Value& root, std::string_view pointer);

/// A string value's text (valid only while the document lives).
inline std::string_view text_of(const Value& value) noexcept {
  return {value.GetString(), value.GetStringLength()};
}
/// The member `name` of an object value, or nullptr.
const Value* member(const Value& object, std::string_view name) noexcept;
/// The member `name` of `object` (which may be null or not an object), or nullptr.
const Value* member_at(const Value* object, std::string_view name) noexcept;
/// member_at, but only when the member is a string.
const Value* string_member(const Value* object, std::string_view name) noexcept;
/// member_at, but only when the member is an object.
const Value* object_member(const Value* object, std::string_view name) noexcept;
/// ASCII lower case (UUIDs and media types compare case-insensitively).
std::string ascii_lower(std::string_view text);
/// Quotes a value for a message, shortened to at most about 60 characters.
std::string quote_value(const Value& value);
/// Quotes a string for a message, shortened to at most about 60 characters.
std::string quote_text(std::string_view text);
/// quote_text() appended to `out` (a message built in one buffer).
void append_quoted(std::string& out, std::string_view text);
/// "string", "number", "object", ... as JSON Schema names the type of `value`.
std::string_view json_type_name(const Value& value) noexcept;

}  // namespace backfill::detail
