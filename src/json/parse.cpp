// Parsing with RapidJSON's SAX reader into a Document, and where every value starts (recorded by a
// second parse when the first one fails, else found by a token scan when a diagnostic asks).
// Flags and checks here close RapidJSON 1.1.0's sharp edges:
//  - bounded stack: the recursive parser only for depth limits up to kRecursiveDepth (64 bytes of
//    stack per level), the iterative one (its stack on the heap) otherwise;
//  - an up-front NUL check, and explicit length or a NUL-padded copy: a NUL byte would otherwise
//    end the input;
//  - encoding validation (RapidJSON's, or an equivalent check up front), plus a check for
//    lone-surrogate escapes ("\udfaa") that it lets through;
//  - numbers as strings, converted here: the default number parser crashes on exponents near
//    INT_MIN (CVE-2024-38517, unpatched in Debian's 1.1.0).
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <locale.h>
#include <algorithm>
#include <charconv>
#include <functional>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "json/json.h"

namespace backfill::detail {

namespace {

constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                                 rapidjson::kParseNumbersAsStringsFlag;
constexpr std::size_t kMaxNumberLength = 1000;
// RapidJSON frees values recursively, so nesting stays bounded whatever the caller asks for: 1000
// levels fit a 1 MiB thread stack with room to spare.
constexpr std::uint32_t kDepthCeiling = 1000;
// Up to this depth limit the first pass uses RapidJSON's recursive parser (faster than the
// iterative one): one ParseValue frame per level, 64 bytes in a release build and a few hundred
// at -O0 or under AddressSanitizer, so under 128 KB of stack even then. Deeper limits (up to
// kDepthCeiling) use only the iterative parser, whose stack is on the heap.
constexpr std::uint32_t kRecursiveDepth = 128;

locale_t c_locale() {
  static const locale_t locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
  return locale;
}

// Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF), the
// encoding RapidJSON's validation accepts; ASCII runs 8 bytes at a time.
bool is_utf8(std::string_view text) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  const auto continuation = [](unsigned char c) { return (c & 0xC0) == 0x80; };
  while (p < end) {
    if (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, sizeof word);
      if ((word & 0x8080808080808080ULL) == 0) {
        p += 8;
        continue;
      }
    }
    const unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    // The lead byte gives the length and the range of the second byte.
    std::size_t length;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) length = 2;
    else if (c == 0xE0) { length = 3; low = 0xA0; }
    else if (c == 0xED) { length = 3; high = 0x9F; }  // not a surrogate
    else if (c >= 0xE1 && c <= 0xEF) length = 3;
    else if (c == 0xF0) { length = 4; low = 0x90; }
    else if (c >= 0xF1 && c <= 0xF3) length = 4;
    else if (c == 0xF4) { length = 4; high = 0x8F; }  // up to U+10FFFF
    else return false;
    if (static_cast<std::size_t>(end - p) < length || p[1] < low || p[1] > high) return false;
    for (std::size_t i = 2; i < length; ++i) {
      if (!continuation(p[i])) return false;
    }
    p += length;
  }
  return true;
}

bool is_json_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// A UTF-8 encoded surrogate (ED A0..BF ..) can only come from a \u escape of a lone surrogate, since
// the raw input is already validated.
std::size_t find_encoded_surrogate(const char* text, std::size_t length) noexcept {
  const char* end = text + length;
  for (const char* p = text; (p = static_cast<const char*>(std::memchr(p, '\xED', static_cast<std::size_t>(end - p)))) != nullptr; ++p) {
    if (p + 1 < end && static_cast<unsigned char>(p[1]) >= 0xA0) return static_cast<std::size_t>(p - text);
  }
  return std::string_view::npos;
}

// The offset just after the closing quote of the string whose opening quote is at `open` (the text
// of a string the parser accepted: a backslash always escapes the byte after it). For the token scan.
std::size_t end_of_string(std::string_view text, std::size_t open) noexcept {
  std::size_t at = open + 1;
#if defined(__SSE2__)
  // 16 bytes at a time to the next quote or backslash (strings are most of a document's bytes).
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  while (at + 16 <= text.size()) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    const int hits = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)));
    if (hits == 0) {
      at += 16;
      continue;
    }
    at += static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(hits)));
    if (text[at] == '"') return at + 1;
    at += 2;  // a backslash escapes the byte after it
  }
#endif
  for (; at < text.size(); ++at) {
    if (text[at] == '"') return at + 1;
    if (text[at] == '\\') ++at;
  }
  return text.size();
}

// Whether the text has a \u escape of a surrogate code point (\uD800-\uDFFF; an escaped backslash
// followed by "uD..." also counts, which only costs a check per string).
bool has_surrogate_escape(std::string_view text) noexcept {
  for (std::size_t at = text.find("\\u"); at != std::string_view::npos; at = text.find("\\u", at + 2)) {
    if (at + 2 < text.size() && (text[at + 2] == 'd' || text[at + 2] == 'D')) return true;
  }
  return false;
}

// What went wrong and what was expected, for each syntax error RapidJSON reports.
std::string syntax_message(rapidjson::ParseErrorCode code, std::string_view text, std::size_t offset) {
  std::string found = offset < text.size() ? "found '" + std::string(1, text[offset]) + "'" : "found the end of the input";
  if (offset < text.size() && static_cast<unsigned char>(text[offset]) < 0x20) found = "found a control character";
  if (offset < text.size() && static_cast<unsigned char>(text[offset]) >= 0x80) found = "found a non-ASCII character";
  switch (code) {
    case rapidjson::kParseErrorDocumentRootNotSingular:
      return "unexpected data after the JSON value; the input must hold exactly one value";
    case rapidjson::kParseErrorValueInvalid:
      return "invalid value (" + found + "); expected an object, array, string, number, true, false or null";
    case rapidjson::kParseErrorObjectMissName:
      return "expected a member name in double quotes (" + found + "); trailing commas are not JSON";
    case rapidjson::kParseErrorObjectMissColon: return "expected ':' after the member name (" + found + ")";
    case rapidjson::kParseErrorObjectMissCommaOrCurlyBracket: return "expected ',' or '}' (" + found + ")";
    case rapidjson::kParseErrorArrayMissCommaOrSquareBracket: return "expected ',' or ']' (" + found + ")";
    case rapidjson::kParseErrorStringUnicodeEscapeInvalidHex: return "invalid \\u escape: expected four hex digits";
    case rapidjson::kParseErrorStringUnicodeSurrogateInvalid:
      return "invalid surrogate pair in a \\u escape; a high surrogate must be followed by a low one";
    case rapidjson::kParseErrorStringEscapeInvalid: return "invalid escape in a string; expected one of \\\" \\\\ / b f n r t u";
    case rapidjson::kParseErrorStringMissQuotationMark:
      return "unterminated string or a raw control character in it (control characters must be escaped)";
    case rapidjson::kParseErrorNumberMissFraction: return "expected digits after the decimal point";
    case rapidjson::kParseErrorNumberMissExponent: return "expected digits in the exponent";
    default: return std::string(rapidjson::GetParseError_En(code));
  }
}

}  // namespace

// Forwards SAX events to a sink (the Document, or nothing when only offsets are wanted) while
// enforcing limits and, when `record`, recording where every value starts. Without `record` (the
// first pass) a fault only stops the parse: ParsedJson::parse() then parses again,
// recording, for the exact position and message.
template <typename Sink>
class OffsetRecorder {
 public:
  // Any RapidJSON input stream (a MemoryStream, or an InsituStringStream for the first pass).
  template <typename Stream>
  OffsetRecorder(ParsedJson& out, Sink& document, Stream& stream, std::string_view text, std::uint32_t max_depth,
                 bool record, bool escapes_may_hide_surrogates = true)
      : out_(out), document_(document), stream_(&stream),
        tell_([](void* s) { return static_cast<Stream*>(s)->Tell(); }), text_(text), max_depth_(max_depth),
        record_(record), check_surrogates_(escapes_may_hide_surrogates) {
    keys_.clear();
    object_starts_.clear();
  }

  bool Null() { scalar_start(); return document_.Null() && finish(); }
  bool Bool(bool b) { scalar_start(); return document_.Bool(b) && finish(); }
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
    if (!record_) return no_surrogate(text, length) && note_key(text, length) && document_.Key(text, length, copy);
    const std::size_t start = skip_separators(last_end_);
    const std::size_t end = string_end(start, length);
    return valid_string(text, length, start, end) && document_.Key(text, length, copy) && finish_at(end);
  }
  bool StartObject() {
    if (!record_) object_starts_.push_back(keys_.size());
    return open() && document_.StartObject() && finish_bracket();
  }
  bool EndObject(rapidjson::SizeType count) {
    if (!record_) {
      keys_.resize(object_starts_.back());
      object_starts_.pop_back();
    }
    --depth_;
    return document_.EndObject(count) && finish_bracket();
  }
  bool StartArray() { return open() && document_.StartArray() && finish_bracket(); }
  bool EndArray(rapidjson::SizeType count) { --depth_; return document_.EndArray(count) && finish_bracket(); }

  bool has_fault() const noexcept { return fault_.has_value(); }
  /// After a first pass: whether some object may repeat a member name (names of objects past
  /// kKeysCompared members are not compared here).
  bool may_repeat_names() const noexcept { return may_repeat_names_; }
  const ParseError& fault() const noexcept { return *fault_; }

 private:
  std::size_t skip_separators(std::size_t from) const noexcept {
    while (from < text_.size() && (is_json_space(text_[from]) || text_[from] == ',' || text_[from] == ':')) ++from;
    return from;
  }
  // Values (scalars and containers) start at the first byte after the previous token that is not white space, ',' or ':'.
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
    // Without escapes the quote follows the decoded text. Inside a string every '"' is escaped, so a
    // '"' there that does not follow a backslash is the closing one.
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

  // `end`: where the source string ends; when it is as long as the decoded text plus its quotes, it
  // has no escapes, and only a \u escape can produce a surrogate (raw input is validated).
  // The first pass compares each member name with the earlier ones of its object, so that a document
  // without repeated names (nearly all) needs no separate walk to know it.
  static constexpr std::size_t kKeysCompared = 16;
  bool note_key(const char* text, std::size_t length) {
    const std::size_t first = object_starts_.back();
    if (may_repeat_names_ || keys_.size() - first >= kKeysCompared) {
      may_repeat_names_ = true;
      return true;
    }
    const std::string_view name(text, length);
    for (std::size_t i = first; i < keys_.size(); ++i) {
      if (keys_[i] == name) {
        may_repeat_names_ = true;
        return true;
      }
    }
    keys_.push_back(name);
    return true;
  }

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
      return fail(Code::json_limits, start,
                  "number has " + std::to_string(length) + " characters; the limit is " +
                      std::to_string(kMaxNumberLength));
    }
    const char* end = text + length;
    if (literal.find_first_of(".eE") == std::string_view::npos) {
      if (text[0] == '-') {
        std::int64_t value = 0;
        if (std::from_chars(text, end, value).ec == std::errc()) {
          return value >= std::numeric_limits<int>::min() ? document_.Int(static_cast<int>(value))
                                                          : document_.Int64(value);
        }
      } else {
        std::uint64_t value = 0;
        if (std::from_chars(text, end, value).ec == std::errc()) {
          return value <= std::numeric_limits<unsigned>::max() ? document_.Uint(static_cast<unsigned>(value))
                                                               : document_.Uint64(value);
        }
      }
    }
    // In situ the literal is not NUL-terminated: strtod_l gets a terminated copy.
    const std::string terminated(literal);
    const double value = strtod_l(terminated.c_str(), nullptr, c_locale());
    if (std::isinf(value)) {
      return fail(Code::json_limits, start,
                  "number " + std::string(literal.substr(0, 40)) + " is outside the range of a double");
    }
    return document_.Double(value);
  }

  ParsedJson& out_;
  Sink& document_;
  void* stream_;
  std::size_t (*tell_)(void*);
  std::string_view text_;
  std::uint32_t max_depth_;
  bool record_;
  bool check_surrogates_;
  // First pass: the names of the open objects (in situ, so the views stay valid), and where each
  // object's start in keys_ (ParsedJson's reused buffers).
  std::vector<std::string_view>& keys_ = out_.buffers_.names;
  std::vector<std::size_t>& object_starts_ = out_.buffers_.name_starts;
  bool may_repeat_names_ = false;
  std::uint32_t depth_ = 0;
  std::size_t last_end_ = 0;
  std::optional<ParseError> fault_;
};

namespace {

// A thread's spare parse buffers (ParsedJson::Buffers), kept between documents.
struct SpareBuffers {
  std::unique_ptr<unsigned char[]> pool;
  std::vector<char> source;
  std::vector<std::uint32_t> offsets;
  std::vector<std::string_view> names;
  std::vector<std::size_t> name_starts;
};
thread_local SpareBuffers t_spare;

// Buffers grown past these by one large document are released rather than kept for the next.
constexpr std::size_t kKeepSourceBytes = std::size_t{1} << 20;
constexpr std::size_t kKeepOffsets = std::size_t{1} << 18;

}  // namespace

ParsedJson::Buffers::Buffers()
    : pool(std::move(t_spare.pool)),
      source(std::move(t_spare.source)),
      offsets(std::move(t_spare.offsets)),
      names(std::move(t_spare.names)),
      name_starts(std::move(t_spare.name_starts)) {
  if (!pool) pool = std::make_unique<unsigned char[]>(kPoolBytes);
}

ParsedJson::Buffers::~Buffers() {
  if (t_spare.pool) return;  // another document gave its buffers back first: these are freed
  source.clear();
  offsets.clear();
  if (source.capacity() > kKeepSourceBytes) std::vector<char>().swap(source);
  if (offsets.capacity() > kKeepOffsets) std::vector<std::uint32_t>().swap(offsets);
  t_spare.pool = std::move(pool);
  t_spare.source = std::move(source);
  t_spare.offsets = std::move(offsets);
  names.clear();
  name_starts.clear();
  if (names.capacity() > kKeepOffsets) std::vector<std::string_view>().swap(names);
  if (name_starts.capacity() > kKeepOffsets) std::vector<std::size_t>().swap(name_starts);
  t_spare.names = std::move(names);
  t_spare.name_starts = std::move(name_starts);
}

ParsedJson::ParsedJson()
    : pool_(buffers_.pool.get(), Buffers::kPoolBytes),
      document_(&pool_),
      source_(buffers_.source),
      preorder_offsets_(buffers_.offsets) {}

bool ParsedJson::parse(std::string_view text, std::size_t max_bytes, std::uint32_t max_depth,
                       ParseError& error) {
  preorder_offsets_.clear();
  offset_index_.clear();
  if (text.size() > max_bytes || text.size() > std::numeric_limits<std::uint32_t>::max()) {
    error = {Code::json_limits, 0,
             "document is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(max_bytes)};
    return false;
  }
  if (text.empty()) {
    error = {Code::json_syntax, 0, "the input is empty; expected one JSON value"};
    return false;
  }
  // memchr needs a real pointer: an empty view's data() may be null, hence the check above.
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    const auto offset = static_cast<std::size_t>(static_cast<const char*>(nul) - text.data());
    error = {Code::json_syntax, offset, "NUL byte in the input; JSON text cannot contain one"};
    return false;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    error = {Code::json_syntax, text.size(), "the input is empty; expected one JSON value"};
    return false;
  }
  max_depth = std::min(max_depth, kDepthCeiling);
  text_ = text;
  value_count_ = 0;
  in_situ_ = false;
  std::optional<ParseError> fault;
  rapidjson::ParseResult result;
  // The first pass records no offsets: most documents have nothing to report, and record_offsets()
  // finds them with a token scan when asked. It takes well-formed UTF-8 (checked up front, 8 ASCII
  // bytes at a time), so RapidJSON's byte-by-byte encoding validation (the costliest part of
  // parsing) can only agree: skipped. Then only a \u escape of a lone surrogate (\uD800-\uDFFF)
  // can put one in a string, so strings are searched for one only when the text has such an
  // escape. A fault stops it; the recording pass below then parses again for the exact position and
  // message. Other text (where RapidJSON finds the encoding fault), and depth limits past
  // kRecursiveDepth, go to the recording pass directly.
  if (max_depth <= kRecursiveDepth && is_utf8(text)) {
    const bool surrogate_escapes = has_surrogate_escape(text);
    // Parsed in situ from a NUL-terminated copy (the document's strings then point into it, not
    // copied once more), padded so that 16-byte aligned loads never leave it: RapidJSON scans
    // strings 16 bytes at a time (RAPIDJSON_SSE2, json.h) only in a string stream. The text has
    // no NUL (checked above), so the terminator ends the input exactly where the text ends.
    source_.clear();
    source_.reserve(text.size() + 32);  // one allocation: resize() alone would grow it twice over
    source_.assign(text.begin(), text.end());
    source_.resize(text.size() + 32, '\0');
    auto first_pass = [&](Document& document) {
      rapidjson::Reader reader;
      rapidjson::InsituStringStream stream(source_.data());
      OffsetRecorder<Document> recorder(*this, document, stream, text, max_depth, false, surrogate_escapes);
      constexpr unsigned kFlags = (kParseFlags & ~rapidjson::kParseValidateEncodingFlag &
                                   ~rapidjson::kParseIterativeFlag) | rapidjson::kParseInsituFlag;
      result = reader.Parse<kFlags>(stream, recorder);
      may_repeat_names_ = recorder.may_repeat_names();
      return !result.IsError();
    };
    document_.Populate(first_pass);
    if (!result.IsError()) {
      offsets_recorded_ = false;
      in_situ_ = true;
      return true;
    }
    value_count_ = 0;
  }
  preorder_offsets_.clear();
  preorder_offsets_.reserve(text.size() / 16);  // about one value per 16 bytes: few or no regrowths
  offsets_recorded_ = true;
  may_repeat_names_ = true;  // not known: find_duplicate_keys() looks
  auto recording_pass = [&](Document& document) {
    rapidjson::Reader reader;
    rapidjson::MemoryStream stream(text.data(), text.size());
    OffsetRecorder<Document> recorder(*this, document, stream, text, max_depth, true);
    result = reader.Parse<kParseFlags>(stream, recorder);
    if (recorder.has_fault()) fault = recorder.fault();
    return !result.IsError();
  };
  document_.Populate(recording_pass);
  if (!result.IsError()) return true;
  if (fault) {
    error = *fault;
  } else if (result.Code() == rapidjson::kParseErrorNumberTooBig) {
    error = {Code::json_limits, result.Offset(), "number is outside the range of a double"};
  } else if (result.Code() == rapidjson::kParseErrorStringUnicodeSurrogateInvalid) {
    // A high surrogate escape without its low half decodes to no character: an encoding fault, like
    // the lone low surrogate caught in the handler.
    error = {Code::json_encoding, result.Offset(), syntax_message(result.Code(), text, result.Offset())};
  } else if (result.Code() == rapidjson::kParseErrorStringInvalidEncoding) {
    error = {Code::json_encoding, result.Offset(), "invalid UTF-8 byte sequence in a string"};
  } else {
    error = {Code::json_syntax, result.Offset(), syntax_message(result.Code(), text, result.Offset())};
  }
  return false;
}

namespace {

// True when some object repeats a member name. Allocation-free for the usual small objects, so that
// documents without duplicates (nearly all) skip building a pointer for every container.
bool has_duplicate_keys(const Value& root) {
  std::vector<const Value*> pending{&root};
  std::vector<std::string_view> names;
  while (!pending.empty()) {
    const Value* value = pending.back();
    pending.pop_back();
    if (value->IsArray()) {
      for (const Value& item : value->GetArray()) {
        if (item.IsObject() || item.IsArray()) pending.push_back(&item);
      }
      continue;
    }
    if (!value->IsObject()) continue;
    const auto begin = value->MemberBegin();
    const std::size_t count = value->MemberCount();
    if (count <= 16) {
      for (std::size_t i = 1; i < count; ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (text_of(begin[static_cast<rapidjson::SizeType>(i)].name) == text_of(begin[static_cast<rapidjson::SizeType>(j)].name)) return true;
        }
      }
    } else {
      names.clear();
      for (const auto& m : value->GetObject()) names.push_back(text_of(m.name));
      std::sort(names.begin(), names.end());
      if (std::adjacent_find(names.begin(), names.end()) != names.end()) return true;
    }
    for (const auto& m : value->GetObject()) {
      if (m.value.IsObject() || m.value.IsArray()) pending.push_back(&m.value);
    }
  }
  return false;
}

}  // namespace

std::vector<DuplicateKey> ParsedJson::find_duplicate_keys() const {
  if (!may_repeat_names_ || !has_duplicate_keys(document_)) return {};
  // No pointers here: a repeat deep under long names would cost its whole path, once per repeat;
  // pointers_of() names the few that are listed.
  std::vector<DuplicateKey> found;
  std::vector<const Value*> pending;
  // A scalar root has no members (GetObject() on it would trip RapidJSON's assertion).
  if (document_.IsObject() || document_.IsArray()) pending.push_back(&document_);
  std::vector<std::pair<std::string_view, std::size_t>> names;
  std::vector<bool> repeated;
  while (!pending.empty()) {
    const Value* value = pending.back();
    pending.pop_back();
    if (value->IsArray()) {
      for (const Value& item : value->GetArray()) {
        if (item.IsObject() || item.IsArray()) pending.push_back(&item);
      }
      continue;
    }
    const auto members = value->GetObject();
    const std::size_t count = members.MemberCount();
    auto at = [&](std::size_t i) -> const auto& { return members.begin()[static_cast<rapidjson::SizeType>(i)]; };
    repeated.assign(count, false);
    auto report = [&](std::size_t i, std::size_t first) {
      repeated[i] = true;
      found.push_back({&at(i).value, &at(first).value, text_of(at(i).name)});
    };
    if (count <= 16) {
      for (std::size_t i = 1; i < count; ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (text_of(at(i).name) == text_of(at(j).name)) { report(i, j); break; }
        }
      }
    } else {
      names.clear();
      for (std::size_t i = 0; i < count; ++i) names.emplace_back(text_of(at(i).name), i);
      std::sort(names.begin(), names.end());
      std::size_t first = 0;
      for (std::size_t i = 1; i < names.size(); ++i) {
        if (names[i].first != names[first].first) first = i;
        else report(names[i].second, names[first].second);
      }
      // Document order within the object, as the pairwise search gives.
      const auto from = found.end() - static_cast<std::ptrdiff_t>(std::count(repeated.begin(), repeated.end(), true));
      std::sort(from, found.end(), [](const DuplicateKey& a, const DuplicateKey& b) {
        return std::less<const Value*>()(a.value, b.value);
      });
    }
    // A repeat's contents cannot be named by a pointer (which resolves to the first occurrence), and
    // the repeat is already reported: do not look inside it.
    for (std::size_t i = 0; i < count; ++i) {
      const Value& child = at(i).value;
      if (!repeated[i] && (child.IsObject() || child.IsArray())) pending.push_back(&child);
    }
  }
  return found;
}

std::vector<std::string> ParsedJson::pointers_of(const std::vector<const Value*>& values, std::size_t max_bytes) const {
  std::vector<std::string> out(values.size());
  if (values.empty()) return out;
  std::vector<std::pair<const Value*, std::size_t>> wanted;
  wanted.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) wanted.emplace_back(values[i], i);
  std::sort(wanted.begin(), wanted.end());
  std::size_t left = wanted.size();
  std::string pointer;
  // Depth-first with one pointer string: each value's pointer exists only while it is visited.
  struct Frame {
    const Value* value;
    std::size_t mark;      // pointer length of the container
    rapidjson::SizeType next;
  };
  auto visit = [&](const Value* value) {
    auto range = std::equal_range(wanted.begin(), wanted.end(), std::make_pair(value, std::size_t{0}),
                                  [](const auto& a, const auto& b) { return std::less<const Value*>()(a.first, b.first); });
    for (auto it = range.first; it != range.second; ++it) {
      if (pointer.size() <= max_bytes) {
        out[it->second] = pointer;
        max_bytes -= pointer.size();
      } else {
        max_bytes = 0;
      }
      --left;
    }
  };
  std::vector<Frame> stack;
  visit(&document_);
  if (document_.IsObject() || document_.IsArray()) stack.push_back({&document_, 0, 0});
  while (!stack.empty() && left > 0) {
    Frame& frame = stack.back();
    pointer.resize(frame.mark);
    const Value& container = *frame.value;
    const rapidjson::SizeType size = container.IsArray() ? container.Size() : container.MemberCount();
    if (frame.next == size) {
      stack.pop_back();
      continue;
    }
    const rapidjson::SizeType i = frame.next++;
    const Value* child;
    if (container.IsArray()) {
      append_pointer_index(pointer, i);
      child = &container[i];
    } else {
      const auto& m = container.MemberBegin()[i];
      append_pointer_token(pointer, text_of(m.name));
      child = &m.value;
    }
    visit(child);
    if (child->IsObject() || child->IsArray()) stack.push_back({child, pointer.size(), 0});
  }
  return out;
}

// Visits the first `count` values of the document in pre-order (the order in which the parser
// records their offsets) with each one's index in that order, until `visit` returns false.
template <typename Visit>
void for_each_in_document_order(const Value& root, std::size_t count, Visit visit) {
  std::vector<const Value*> pending{&root};
  std::size_t index = 0;
  while (!pending.empty() && index < count) {
    const Value* value = pending.back();
    pending.pop_back();
    if (!visit(value, index++)) return;
    if (value->IsArray()) {
      for (auto it = value->End(); it != value->Begin();) pending.push_back(&*--it);
    } else if (value->IsObject()) {
      for (auto it = value->MemberEnd(); it != value->MemberBegin();) pending.push_back(&(--it)->value);
    }
  }
}

namespace {

bool is_literal_byte(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
}

// The start of every value of `text` (valid JSON, checked by a parse already), in document order:
// a scan for tokens that decodes nothing and builds nothing, several times cheaper than parsing again.
void scan_value_offsets(std::string_view text, std::vector<std::uint32_t>& offsets,
                        std::size_t limit = static_cast<std::size_t>(-1)) {
  std::vector<bool> in_object;  // the open containers, innermost last
  bool expect_key = false;
  std::size_t i = 0;
  const auto skip_string = [&](std::size_t open) { return end_of_string(text, open); };
  while (i < text.size() && offsets.size() < limit) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ':') {
      ++i;
    } else if (c == ',') {
      expect_key = !in_object.empty() && in_object.back();
      ++i;
    } else if (c == '}' || c == ']') {
      if (!in_object.empty()) in_object.pop_back();
      expect_key = false;
      ++i;
    } else if (expect_key) {  // a member name: not a value
      i = skip_string(i);
      expect_key = false;
    } else {
      offsets.push_back(static_cast<std::uint32_t>(i));
      if (c == '{' || c == '[') {
        in_object.push_back(c == '{');
        expect_key = c == '{';
        ++i;
      } else if (c == '"') {
        i = skip_string(i);
      } else {  // a number, true, false or null: letters, digits, '-', '+', '.'
        while (i < text.size() && is_literal_byte(text[i])) ++i;
      }
    }
  }
}

}  // namespace

bool value_offsets_agree(std::string_view text) {
  ParsedJson recorded;
  ParseError error;
  if (!recorded.parse(text, std::size_t{1} << 30, kDepthCeiling, error)) return true;  // nothing to locate
  std::vector<std::uint32_t> scanned;
  scan_value_offsets(text, scanned);
  recorded.preorder_offsets_.clear();
  rapidjson::BaseReaderHandler<> sink;
  rapidjson::Reader reader;
  rapidjson::MemoryStream stream(text.data(), text.size());
  OffsetRecorder<rapidjson::BaseReaderHandler<>> recorder(recorded, sink, stream, text, kDepthCeiling, true);
  reader.Parse<kParseFlags>(stream, recorder);
  return scanned == recorded.preorder_offsets_;
}

void ParsedJson::record_offsets(std::size_t count) const {
  count = std::min(count, value_count_);
  if (offsets_recorded_ || preorder_offsets_.size() >= count) return;
  auto& self = const_cast<ParsedJson&>(*this);
  self.preorder_offsets_.clear();
  self.preorder_offsets_.reserve(count);
  scan_value_offsets(text_, self.preorder_offsets_, count);
  offsets_recorded_ = preorder_offsets_.size() == value_count_;
  if (preorder_offsets_.size() == count) return;
  offsets_recorded_ = true;
  // Not expected: the scan and the parser disagree on what the values are. Parse again, recording
  // (nothing is built), so that positions stay exact whatever the scan missed.
  self.preorder_offsets_.clear();
  const std::size_t values = value_count_;
  rapidjson::BaseReaderHandler<> sink;
  rapidjson::Reader reader;
  rapidjson::MemoryStream stream(text_.data(), text_.size());
  OffsetRecorder<rapidjson::BaseReaderHandler<>> recorder(self, sink, stream, text_, kDepthCeiling, true);
  reader.Parse<kParseFlags>(stream, recorder);
  self.value_count_ = values;
}

std::vector<std::size_t> ParsedJson::offsets_of(const std::vector<const Value*>& values) const {
  std::vector<std::size_t> offsets(values.size(), 0);
  if (values.empty()) return offsets;
  if (!offset_index_.empty()) {
    for (std::size_t i = 0; i < values.size(); ++i) offsets[i] = offset_of(values[i]);
    return offsets;
  }
  // A string parsed in situ is where it was in the text (its quote just before it): found without
  // a walk or a scan, which a flood of findings on strings would otherwise pay for.
  std::vector<std::pair<const Value*, std::size_t>> wanted;  // (value, index into values), by address
  wanted.reserve(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!in_situ_offset(values[i], offsets[i])) wanted.emplace_back(values[i], i);
  }
  if (wanted.empty()) return offsets;
  // The others: each one's index in document order, from a walk that stops at the last of them;
  // then offsets up to that index only.
  const auto by_address = [](const auto& a, const auto& b) { return std::less<const Value*>()(a.first, b.first); };
  std::sort(wanted.begin(), wanted.end(), by_address);
  std::vector<std::size_t> order(values.size(), value_count_);  // value_count_: not in this document
  std::size_t left = wanted.size(), last = 0;
  for_each_in_document_order(document_, value_count_, [&](const Value* value, std::size_t index) {
    auto it = std::lower_bound(wanted.begin(), wanted.end(), std::pair<const Value*, std::size_t>{value, 0}, by_address);
    for (; it != wanted.end() && it->first == value; ++it) {
      order[it->second] = index;
      last = index;
      --left;
    }
    return left > 0;
  });
  record_offsets(last + 1);
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (order[i] < preorder_offsets_.size()) offsets[i] = preorder_offsets_[order[i]];
  }
  return offsets;
}

bool ParsedJson::in_situ_offset(const Value* value, std::size_t& offset) const {
  if (!in_situ_ || value == nullptr || !value->IsString()) return false;
  const char* const string = value->GetString();
  // Compared as integers: pointers into different objects are not ordered.
  const auto at = reinterpret_cast<std::uintptr_t>(string), begin = reinterpret_cast<std::uintptr_t>(source_.data());
  if (at <= begin || at - begin > text_.size()) return false;
  offset = static_cast<std::size_t>(at - begin) - 1;
  return true;
}

std::size_t ParsedJson::offset_of(const Value* target) const {
  record_offsets(value_count_);
  if (offset_index_.empty() && !preorder_offsets_.empty()) {
    offset_index_.reserve(preorder_offsets_.size());
    for_each_in_document_order(document_, preorder_offsets_.size(), [&](const Value* value, std::size_t index) {
      offset_index_.emplace_back(value, preorder_offsets_[index]);
      return true;
    });
    std::sort(offset_index_.begin(), offset_index_.end(), [](const auto& a, const auto& b) {
      return std::less<const Value*>()(a.first, b.first);
    });
  }
  const auto before = [](const auto& entry, const Value* v) { return std::less<const Value*>()(entry.first, v); };
  const auto found = std::lower_bound(offset_index_.begin(), offset_index_.end(), target, before);
  return found == offset_index_.end() || found->first != target ? 0 : found->second;
}

void SourceMap::locate(std::size_t offset, std::uint32_t& line, std::uint32_t& column) const {
  offset = std::min(offset, text_.size());
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    const char* const begin = text_.data();
    const char* const end = begin + text_.size();
    for (const char* p = begin; p < end; ++p) {
      p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      if (p == nullptr) break;
      line_starts_.push_back(static_cast<std::size_t>(p - begin) + 1);
    }
  }
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line_index = static_cast<std::size_t>(next - line_starts_.begin()) - 1;
  std::size_t start = line_starts_[line_index];
  std::uint32_t count = 0;
  // Resume from the previous lookup on the same line: callers locate in ascending order, so a
  // document that is one long line costs one pass, not one pass per diagnostic.
  if (cursor_line_ == line_index && cursor_offset_ <= offset && cursor_offset_ >= start) {
    start = cursor_offset_;
    count = cursor_column_;
  }
  std::size_t i = start;
  // Eight bytes at a time: a byte starts a code point unless it is 10xxxxxx.
  for (; i + 8 <= offset; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text_.data() + i, sizeof word);
    const std::uint64_t continuation = (word & ~(word << 1) & 0x8080808080808080ULL) >> 7;  // 0 or 1 a byte
    count += 8 - static_cast<std::uint32_t>((continuation * 0x0101010101010101ULL) >> 56);
  }
  for (; i < offset; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++count;
  }
  cursor_line_ = line_index;
  cursor_offset_ = offset;
  cursor_column_ = count;
  line = static_cast<std::uint32_t>(line_index + 1);
  column = count + 1;
}

}  // namespace backfill::detail
