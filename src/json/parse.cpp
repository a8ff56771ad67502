// Parsing with RapidJSON's SAX reader into a Document, within limits. Flags and checks here close
// RapidJSON 1.1.0's sharp edges:
//  - bounded stack: the recursive parser only for depth limits up to kRecursiveDepth (64 bytes of
//    stack per level), the iterative one (its stack on the heap) otherwise;
//  - an up-front NUL check, and explicit length or a NUL-padded copy: a NUL byte would otherwise
//    end the input;
//  - encoding validation (RapidJSON's, or an equivalent check up front), plus a check for
//    lone-surrogate escapes ("\udfaa") that it lets through;
//  - numbers as strings, converted by json/numbers.h: the default number parser crashes on exponents
//    near INT_MIN (CVE-2024-38517, unpatched in Debian's 1.1.0).
#include <algorithm>
#include <cstring>
#include <limits>
#include <optional>
#include <string>

#include "json/duplicates.h"
#include "json/numbers.h"
#include "json/padded_stream.h"
#include "json/parse_errors.h"
#include "json/parsed_json.h"
#include "json/tokens.h"
#include "json/utf8.h"

namespace backfill::detail {

namespace {

constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag | rapidjson::kParseNumbersAsStringsFlag;
constexpr std::size_t kMaxNumberLength = 1000;
// RapidJSON frees values recursively, so nesting stays bounded whatever the caller asks for: 1000
// levels fit a 1 MiB thread stack with room to spare.
constexpr std::uint32_t kDepthCeiling = 1000;
// Up to this depth limit the first pass uses RapidJSON's recursive parser (faster than the
// iterative one): one ParseValue frame per level, 64 bytes in a release build and a few hundred
// at -O0 or under AddressSanitizer, so under 128 KB of stack even then. Deeper limits (up to
// kDepthCeiling) use only the iterative parser, whose stack is on the heap.
constexpr std::uint32_t kRecursiveDepth = 128;

// A UTF-8 encoded surrogate (ED A0..BF ..) can only come from a \u escape of a lone surrogate, since
// the raw input is already validated.
std::size_t find_encoded_surrogate(const char* text, std::size_t length) noexcept {
  const char* end = text + length;
  for (const char* p = text;
       (p = static_cast<const char*>(std::memchr(p, '\xED', static_cast<std::size_t>(end - p)))) != nullptr; ++p) {
    if (p + 1 < end && static_cast<unsigned char>(p[1]) >= 0xA0) return static_cast<std::size_t>(p - text);
  }
  return std::string_view::npos;
}

// Whether the text has a \u escape of a surrogate code point (\uD800-\uDFFF; an escaped backslash
// followed by "uD..." also counts, which only costs a check per string).
bool has_surrogate_escape(std::string_view text) noexcept {
  for (std::size_t at = text.find("\\u"); at != std::string_view::npos; at = text.find("\\u", at + 2)) {
    if (at + 2 < text.size() && (text[at + 2] == 'd' || text[at + 2] == 'D')) return true;
  }
  return false;
}

// The faults found before any parsing: too large, empty, a NUL byte, only white space.
std::optional<ParseError> reject_input(std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes || text.size() > std::numeric_limits<std::uint32_t>::max()) {
    return ParseError{
        Code::json_limits, 0,
        "document is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(max_bytes)};
  }
  if (text.empty()) return ParseError{Code::json_syntax, 0, "the input is empty; expected one JSON value"};
  // memchr needs a real pointer: an empty view's data() may be null, hence the check above.
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
    return ParseError{Code::json_syntax, offset, "NUL byte in the input; JSON text cannot contain one"};
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return ParseError{Code::json_syntax, text.size(), "the input is empty; expected one JSON value"};
  }
  return std::nullopt;
}

}  // namespace

// Forwards SAX events to a sink (the Document, or nothing when only offsets are wanted) while
// enforcing limits and, when `record`, recording where every value starts. Without `record` (the
// first pass) a fault only stops the parse: ParsedJson::parse() then parses again,
// recording, for the exact position and message.
template <typename Sink>
class SaxHandler {
 public:
  // Any RapidJSON input stream (a MemoryStream, or a PaddedInsituStream for the first pass).
  template <typename Stream>
  SaxHandler(ParsedJson& out, Sink& document, Stream& stream, std::string_view text, std::uint32_t max_depth,
             bool record, bool escapes_may_hide_surrogates = true)
      : out_(out),
        document_(document),
        stream_(&stream),
        tell_([](void* s) { return static_cast<Stream*>(s)->Tell(); }),
        text_(text),
        max_depth_(max_depth),
        record_(record),
        check_surrogates_(escapes_may_hide_surrogates),
        names_(out.buffers_.names, out.buffers_.name_starts) {}

  bool Null() {
    scalar_start();
    return document_.Null() && finish();
  }
  bool Bool(bool b) {
    scalar_start();
    return document_.Bool(b) && finish();
  }
  bool Int(int) { return unexpected(); }
  bool Uint(unsigned) { return unexpected(); }
  bool Int64(std::int64_t) { return unexpected(); }
  bool Uint64(std::uint64_t) { return unexpected(); }
  bool Double(double) { return unexpected(); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    const std::size_t start = scalar_start();
    // The literal is handed over verbatim: it ends `length` bytes after its start.
    return number(text, length, start) && finish_at(start + length);
  }
  bool String(const char* text, rapidjson::SizeType length, bool copy) {
    if (!record_) {
      ++out_.value_count_;
      return no_surrogate(text, length) && document_.String(text, length, copy);
    }
    const std::size_t start = scalar_start();
    const std::size_t end = string_end(start, length);
    return valid_string(text, length, start, end) && document_.String(text, length, copy) && finish_at(end);
  }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) {
    if (!record_) {
      names_.name({text, length});
      return no_surrogate(text, length) && document_.Key(text, length, copy);
    }
    const std::size_t start = skip_separators(last_end_);
    const std::size_t end = string_end(start, length);
    return valid_string(text, length, start, end) && document_.Key(text, length, copy) && finish_at(end);
  }
  bool StartObject() {
    if (!record_) names_.open_object();
    return open() && document_.StartObject() && finish_bracket();
  }
  bool EndObject(rapidjson::SizeType count) {
    if (!record_) names_.close_object();
    --depth_;
    return document_.EndObject(count) && finish_bracket();
  }
  bool StartArray() { return open() && document_.StartArray() && finish_bracket(); }
  bool EndArray(rapidjson::SizeType count) {
    --depth_;
    return document_.EndArray(count) && finish_bracket();
  }

  bool has_fault() const noexcept { return fault_.has_value(); }
  /// After a first pass: whether some object may repeat a member name.
  bool may_repeat_names() const noexcept { return names_.may_repeat(); }
  const ParseError& fault() const noexcept { return *fault_; }

 private:
  std::size_t skip_separators(std::size_t from) const noexcept {
    while (from < text_.size() && (is_json_space(text_[from]) || text_[from] == ',' || text_[from] == ':')) ++from;
    return from;
  }
  // Values (scalars and containers) start at the first byte after the previous token that is not white space, ',' or
  // ':'.
  std::size_t scalar_start() {
    ++out_.value_count_;
    if (!record_) return 0;
    const std::size_t start = skip_separators(last_end_);
    out_.preorder_offsets_.push_back(static_cast<std::uint32_t>(start));
    return start;
  }
  bool open() {
    const std::size_t start = scalar_start();
    if (++depth_ > max_depth_) {
      return fail(Code::json_limits, start,
                  "nesting is deeper than the limit of " + std::to_string(max_depth_) + " levels");
    }
    return true;
  }
  std::size_t tell() const noexcept { return tell_(stream_); }
  bool finish() {
    if (record_) last_end_ = tell();
    return true;
  }
  // RapidJSON reads strings and numbers through a local copy of a StringStream (copyOptimization)
  // and writes the position back only after the handler returns: their ends come from the text.
  bool finish_at(std::size_t end) {
    last_end_ = end;
    return true;
  }
  // The offset just after the closing quote of the string whose opening quote is at `open` and whose
  // decoded text has `length` bytes (the reader has accepted the string, so the quote exists).
  std::size_t string_end(std::size_t open, std::size_t length) const noexcept {
    // Without escapes the quote follows the decoded text.
    const std::size_t unescaped = open + 1 + length;
    if (unescaped < text_.size() && text_[unescaped] == '"' && text_[unescaped - 1] != '\\') return unescaped + 1;
    // Inside a string every '"' is escaped, so a '"' there that does not follow an odd number of
    // backslashes is the closing one. (Deliberately not end_of_string(), which the token scan uses:
    // value_offsets_agree() compares the two.)
    std::size_t from = open + 1;
    while (from < text_.size()) {
      const void* quote = std::memchr(text_.data() + from, '"', text_.size() - from);
      if (quote == nullptr) break;
      const auto at = static_cast<std::size_t>(static_cast<const char*>(quote) - text_.data());
      std::size_t backslashes = 0;
      while (at - backslashes > open + 1 && text_[at - backslashes - 1] == '\\') ++backslashes;
      if (backslashes % 2 == 0) return at + 1;
      from = at + 1;
    }
    return text_.size();
  }
  // The iterative parser calls Start/End handlers before it takes the bracket from the stream.
  bool finish_bracket() {
    if (record_) last_end_ = tell() + 1;
    return true;
  }
  bool fail(Code code, std::size_t offset, std::string message) {
    fault_ = ParseError{code, offset, std::move(message)};
    return false;
  }
  bool unexpected() { return fail(Code::internal_error, tell(), "unexpected number event"); }

  // The first pass has no offsets; it looks for a surrogate only when the text has a \u escape that
  // could produce one.
  bool no_surrogate(const char* text, std::size_t length) {
    if (!check_surrogates_ || find_encoded_surrogate(text, length) == std::string_view::npos) return true;
    return fail(Code::json_encoding, 0, "");
  }
  bool valid_string(const char* text, std::size_t length, std::size_t start, std::size_t end) {
    if (end == start + length + 2) return true;
    if (find_encoded_surrogate(text, length) == std::string_view::npos) return true;
    return fail(Code::json_encoding, start,
                "string contains a \\u escape of a lone surrogate, which is not a character");
  }

  bool number(const char* text, std::size_t length, std::size_t start) {
    const std::string_view literal(text, length);
    if (length > kMaxNumberLength) {
      return fail(
          Code::json_limits, start,
          "number has " + std::to_string(length) + " characters; the limit is " + std::to_string(kMaxNumberLength));
    }
    JsonNumber number;
    if (!convert_number(literal, number)) {
      return fail(Code::json_limits, start,
                  "number " + std::string(literal.substr(0, 40)) + " is outside the range of a double");
    }
    switch (number.type) {
      case JsonNumber::Type::int32: return document_.Int(static_cast<int>(number.signed_value));
      case JsonNumber::Type::int64: return document_.Int64(number.signed_value);
      case JsonNumber::Type::uint32: return document_.Uint(static_cast<unsigned>(number.unsigned_value));
      case JsonNumber::Type::uint64: return document_.Uint64(number.unsigned_value);
      case JsonNumber::Type::real: break;
    }
    return document_.Double(number.real_value);
  }

  ParsedJson& out_;
  Sink& document_;
  void* stream_;
  std::size_t (*tell_)(void*);
  std::string_view text_;
  std::uint32_t max_depth_;
  bool record_;
  bool check_surrogates_;
  RepeatedNameWatch names_;  // first pass only (in situ, so the names it keeps stay valid)
  std::uint32_t depth_ = 0;
  std::size_t last_end_ = 0;
  std::optional<ParseError> fault_;
};

ParsedJson::ParsedJson()
    : pool_(buffers_.pool.get(), ParseBuffers::kPoolBytes),
      document_(&pool_),
      source_(buffers_.source),
      preorder_offsets_(buffers_.offsets) {}

bool ParsedJson::parse(std::string_view text, std::size_t max_bytes, std::uint32_t max_depth, ParseError& error) {
  preorder_offsets_.clear();
  offset_index_.clear();
  ok_ = false;
  non_ascii_known_ = false;
  if (std::optional<ParseError> rejected = reject_input(text, max_bytes)) {
    error = std::move(*rejected);
    return false;
  }
  max_depth = std::min(max_depth, kDepthCeiling);
  text_ = text;
  value_count_ = 0;
  in_situ_ = false;
  // The first pass records no offsets: most documents have nothing to report, and record_offsets()
  // finds them with a token scan when asked. It takes well-formed UTF-8 (checked up front, 8 ASCII
  // bytes at a time), so RapidJSON's byte-by-byte encoding validation (the costliest part of
  // parsing) can only agree: skipped. Other text (where RapidJSON finds the encoding fault), depth
  // limits past kRecursiveDepth and a fault of the first pass go to the recording pass, for the
  // exact position and message.
  non_ascii_known_ = max_depth <= kRecursiveDepth && is_utf8(text, non_ascii_);
  ok_ = (non_ascii_known_ && parse_in_situ(text, max_depth)) || parse_recording(text, max_depth, error);
  return ok_;
}

bool ParsedJson::parse_in_situ(std::string_view text, std::uint32_t max_depth) {
  // With well-formed UTF-8 only a \u escape of a lone surrogate (\uD800-\uDFFF) can put one in a
  // string, so strings are searched for one only when the text has such an escape.
  const bool surrogate_escapes = has_surrogate_escape(text);
  // Parsed in situ from a NUL-terminated copy (the document's strings then point into it, not
  // copied once more), padded so that the 16-byte loads of string and whitespace scans never leave
  // it (json/padded_stream.h). The text has no NUL (checked before), so the terminator ends the
  // input exactly where the text ends.
  source_.clear();
  source_.reserve(text.size() + kStringScanPadding);  // one allocation: resize() alone would grow it twice
  source_.assign(text.begin(), text.end());
  source_.resize(text.size() + kStringScanPadding, '\0');
  rapidjson::ParseResult result;
  auto first_pass = [&](Document& document) {
    rapidjson::Reader reader;
    PaddedInsituStream stream(source_.data());
    SaxHandler<Document> handler(*this, document, stream, text, max_depth, false, surrogate_escapes);
    constexpr unsigned kFlags =
        (kParseFlags & ~rapidjson::kParseValidateEncodingFlag & ~rapidjson::kParseIterativeFlag) |
        rapidjson::kParseInsituFlag;
    result = reader.Parse<kFlags>(stream, handler);
    may_repeat_names_ = handler.may_repeat_names();
    return !result.IsError();
  };
  document_.Populate(first_pass);
  if (!result.IsError()) {
    offsets_recorded_ = false;
    in_situ_ = true;
    return true;
  }
  value_count_ = 0;
  return false;
}

bool ParsedJson::parse_recording(std::string_view text, std::uint32_t max_depth, ParseError& error) {
  preorder_offsets_.clear();
  preorder_offsets_.reserve(text.size() / 16);  // about one value per 16 bytes: few or no regrowths
  offsets_recorded_ = true;
  may_repeat_names_ = true;  // not known: find_duplicate_keys() looks
  std::optional<ParseError> fault;
  rapidjson::ParseResult result;
  auto recording_pass = [&](Document& document) {
    rapidjson::Reader reader;
    rapidjson::MemoryStream stream(text.data(), text.size());
    SaxHandler<Document> handler(*this, document, stream, text, max_depth, true);
    result = reader.Parse<kParseFlags>(stream, handler);
    if (handler.has_fault()) fault = handler.fault();
    return !result.IsError();
  };
  document_.Populate(recording_pass);
  if (!result.IsError()) return true;
  error = fault ? std::move(*fault) : reader_error(result.Code(), result.Offset(), text);
  return false;
}

const std::vector<std::uint32_t>& ParsedJson::offsets_recorded_by_parsing() const {
  auto& self = const_cast<ParsedJson&>(*this);  // the cache of offsets only; the document is untouched
  self.preorder_offsets_.clear();
  const std::size_t values = value_count_;
  rapidjson::BaseReaderHandler<> sink;
  rapidjson::Reader reader;
  rapidjson::MemoryStream stream(text_.data(), text_.size());
  SaxHandler<rapidjson::BaseReaderHandler<>> handler(self, sink, stream, text_, kDepthCeiling, true);
  reader.Parse<kParseFlags>(stream, handler);
  self.value_count_ = values;
  offsets_recorded_ = true;
  return preorder_offsets_;
}

}  // namespace backfill::detail
