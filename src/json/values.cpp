// Small accessors and descriptions of values.
#include "json/values.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "json/utf8.h"

namespace backfill::detail {

const Value* member(const Value& object, std::string_view name) noexcept {
  if (!object.IsObject()) return nullptr;
  for (const auto& m : object.GetObject()) {
    if (text_of(m.name) == name) return &m.value;
  }
  return nullptr;
}

const Value* member_at(const Value* object, std::string_view name) noexcept {
  return object ? member(*object, name) : nullptr;
}

const Value* string_member(const Value* object, std::string_view name) noexcept {
  const Value* value = member_at(object, name);
  return value && value->IsString() ? value : nullptr;
}

const Value* object_member(const Value* object, std::string_view name) noexcept {
  const Value* value = member_at(object, name);
  return value && value->IsObject() ? value : nullptr;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string quote_text(std::string_view text) {
  std::string out;
  append_quoted(out, text);
  return out;
}

namespace {

bool shown_as_is(char c) noexcept { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\'; }

// shown_as_is() for 8 bytes at once: no byte below 0x20, from 0x7F up, a quote or a backslash.
bool shown_as_is(std::uint64_t w) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  const auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  return ((w & kHighs) | ((w - kOnes * 0x20) & ~w & kHighs) | has_zero(w ^ (kOnes * 0x7F)) |
          has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\'))) == 0;
}

#if defined(__SSE2__)
// shown_as_is() for 16 bytes at once.
bool shown_as_is(__m128i block) noexcept {
  // Signed compares: bytes from 0x80 up are negative, so "above 0x1F and below 0x7F" is printable ASCII.
  const __m128i printable =
      _mm_and_si128(_mm_cmpgt_epi8(block, _mm_set1_epi8(0x1F)), _mm_cmplt_epi8(block, _mm_set1_epi8(0x7F)));
  const __m128i special =
      _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('"')), _mm_cmpeq_epi8(block, _mm_set1_epi8('\\')));
  return _mm_movemask_epi8(_mm_andnot_si128(special, printable)) == 0xFFFF;
}
#endif

}  // namespace

bool quoted_as_is(std::string_view text) noexcept {
  if (text.size() > kQuotedAtMost) return false;
#if defined(__SSE2__)
  if (text.size() >= 16) {
    const auto load = [&](std::size_t at) {
      return _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    };
    for (std::size_t i = 0; i + 16 <= text.size(); i += 16) {
      if (!shown_as_is(load(i))) return false;
    }
    return shown_as_is(load(text.size() - 16));  // the last 16 bytes, which may overlap the others
  }
#endif
  if (text.size() < 8) return std::all_of(text.begin(), text.end(), [](char c) { return shown_as_is(c); });
  std::uint64_t w;
  for (std::size_t i = 0; i + 8 <= text.size(); i += 8) {
    std::memcpy(&w, text.data() + i, 8);
    if (!shown_as_is(w)) return false;
  }
  std::memcpy(&w, text.data() + text.size() - 8, 8);  // the last 8 bytes, which may overlap the others
  return shown_as_is(w);
}

void append_quoted(std::string& out, std::string_view text) {
  constexpr std::size_t kMax = kQuotedAtMost;
  // The usual text (a member name, an id): short printable ASCII, quoted as it is in one append.
  if (quoted_as_is(text)) {
    out += '"';
    out += text;
    out += '"';
    return;
  }
  out += '"';
  std::size_t shown = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool starts_character = !is_utf8_continuation(text[i]);
    // Cut only at a character boundary, so the message stays valid UTF-8.
    if (shown >= kMax && starts_character) {
      out += "...";
      break;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n')
      out += "\\n";
    else if (c == '\t')
      out += "\\t";
    else if (c == '\r')
      out += "\\r";
    else if (c < 0x20) {
      out += "\\u00";
      out += "0123456789abcdef"[c >> 4];
      out += "0123456789abcdef"[c & 15];
    } else
      out += static_cast<char>(c);
    if (starts_character) ++shown;
  }
  out += '"';
}

std::string quote_value(const Value& value) {
  if (value.IsString()) return quote_text(text_of(value));
  if (value.IsNull()) return "null";
  if (value.IsBool()) return value.GetBool() ? "true" : "false";
  if (value.IsInt64()) return std::to_string(value.GetInt64());
  if (value.IsUint64()) return std::to_string(value.GetUint64());
  if (value.IsDouble()) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.17g", value.GetDouble());
    return buffer;
  }
  if (value.IsArray()) return "an array of " + std::to_string(value.Size()) + " items";
  return "an object";
}

std::string_view json_type_name(const Value& value) noexcept {
  if (value.IsNull()) return "null";
  if (value.IsBool()) return "boolean";
  if (value.IsString()) return "string";
  if (value.IsNumber()) return value.IsDouble() ? "number" : "integer";
  if (value.IsArray()) return "array";
  return "object";
}

}  // namespace backfill::detail
