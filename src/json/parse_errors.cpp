// The reader's faults, as the table below words them. A high surrogate escape without its low half
// decodes to no character, so it is an encoding fault, like the lone low surrogate the parser's
// handler catches.
#include "json/parse_errors.h"

#include <string>

#include "json/escape.h"

namespace backfill::detail {

namespace {

struct ReaderFault {
  rapidjson::ParseErrorCode reader;
  Code code;
  std::string_view message;  // what went wrong ...
  std::string_view tail;     // ... and, after " (found ...)" when shows_found, what was expected
  bool shows_found;          // name the byte at the fault
};

constexpr ReaderFault kReaderFaults[] = {
    {rapidjson::kParseErrorDocumentRootNotSingular, Code::json_syntax,
     "unexpected data after the JSON value; the input must hold exactly one value", "", false},
    {rapidjson::kParseErrorValueInvalid, Code::json_syntax, "invalid value",
     "; expected an object, array, string, number, true, false or null", true},
    {rapidjson::kParseErrorObjectMissName, Code::json_syntax, "expected a member name in double quotes",
     "; trailing commas are not JSON", true},
    {rapidjson::kParseErrorObjectMissColon, Code::json_syntax, "expected ':' after the member name", "", true},
    {rapidjson::kParseErrorObjectMissCommaOrCurlyBracket, Code::json_syntax, "expected ',' or '}'", "", true},
    {rapidjson::kParseErrorArrayMissCommaOrSquareBracket, Code::json_syntax, "expected ',' or ']'", "", true},
    {rapidjson::kParseErrorStringUnicodeEscapeInvalidHex, Code::json_syntax,
     "invalid \\u escape: expected four hex digits", "", false},
    {rapidjson::kParseErrorStringUnicodeSurrogateInvalid, Code::json_encoding,
     "invalid surrogate pair in a \\u escape; a high surrogate must be followed by a low one", "", false},
    {rapidjson::kParseErrorStringEscapeInvalid, Code::json_syntax,
     "invalid escape in a string; expected one of \\\" \\\\ / b f n r t u", "", false},
    {rapidjson::kParseErrorStringMissQuotationMark, Code::json_syntax,
     "unterminated string or a raw control character in it (control characters must be escaped)", "", false},
    {rapidjson::kParseErrorStringInvalidEncoding, Code::json_encoding, "invalid UTF-8 byte sequence in a string", "",
     false},
    {rapidjson::kParseErrorNumberTooBig, Code::json_limits, "number is outside the range of a double", "", false},
    {rapidjson::kParseErrorNumberMissFraction, Code::json_syntax, "expected digits after the decimal point", "", false},
    {rapidjson::kParseErrorNumberMissExponent, Code::json_syntax, "expected digits in the exponent", "", false},
};

// "found 'x'", or what kind of byte it is when it would not print as itself.
std::string found_at(std::string_view text, std::size_t offset) {
  if (offset >= text.size()) return "found the end of the input";
  const auto byte = static_cast<unsigned char>(text[offset]);
  if (byte < 0x20) return "found a control character";
  if (byte >= 0x80) return "found a non-ASCII character";
  return "found '" + std::string(1, text[offset]) + "'";
}

}  // namespace

ParseError reader_error(rapidjson::ParseErrorCode code, std::size_t offset, std::string_view text) {
  // The reader reports a raw control character in a string as an invalid escape, at the character
  // (an invalid escape proper is reported at its backslash).
  if (code == rapidjson::kParseErrorStringEscapeInvalid && offset < text.size() &&
      static_cast<unsigned char>(text[offset]) < 0x20) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(text[offset]);
    std::string message = std::string("raw control character U+00") + kHex[byte >> 4] + kHex[byte & 0x0F] +
                          " in a string; JSON strings must escape it: write ";
    append_json_escaped(message, text.substr(offset, 1), false);  // the escape the renderers write
    return {Code::json_syntax, offset, std::move(message)};
  }
  for (const ReaderFault& fault : kReaderFaults) {
    if (fault.reader != code) continue;
    std::string message(fault.message);
    if (fault.shows_found) message += " (" + found_at(text, offset) + ")";
    message += fault.tail;
    return {fault.code, offset, std::move(message)};
  }
  // Faults the input cannot cause with the flags the parser uses (or a handler's stop without a fault
  // of its own): RapidJSON's wording.
  return {Code::json_syntax, offset, rapidjson::GetParseError_En(code)};
}

}  // namespace backfill::detail
