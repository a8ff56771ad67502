// The one choke point between untrusted text and output: what a terminal, a CI log or an editor could
// take for a command (escape sequences, workflow commands after a line break or at a line's start,
// reordered text) is shown as an escape instead.
#include "render/neutralize.h"

#include <algorithm>
#include <iterator>

#include "backfill/render.h"
#include "json/utf8.h"

namespace backfill {

namespace detail {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void append_code_point_escape(std::string& out, char32_t cp) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 15];
}

void append_byte_escape(std::string& out, unsigned char byte) {
  out += "\\x";
  out += kHex[byte >> 4];
  out += kHex[byte & 15];
}

struct Range {
  char32_t first, last;
};

bool in_table(const Range* begin, const Range* end, char32_t cp) {
  const Range* at = std::upper_bound(begin, end, cp, [](char32_t c, const Range& r) { return c < r.last; });
  if (at != end && at->first <= cp && cp <= at->last) return true;
  return at != begin && (at - 1)->first <= cp && cp <= (at - 1)->last;
}

// Combining marks and zero-width characters of the scripts most often met (after Markus Kuhn's
// wcwidth and Unicode's general categories Mn, Me, Cf), sorted. A compact table on purpose: a mark it
// misses shifts the caret by a column, nothing worse.
constexpr Range kZeroWidth[] = {
    {0x0300, 0x036F},   {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2}, {0x05C4, 0x05C5},
    {0x05C7, 0x05C7},   {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06DC}, {0x06DF, 0x06E4},
    {0x06E7, 0x06E8},   {0x06EA, 0x06ED}, {0x0711, 0x0711}, {0x0730, 0x074A}, {0x07A6, 0x07B0}, {0x07EB, 0x07F3},
    {0x0816, 0x082D},   {0x0859, 0x085B}, {0x08D3, 0x0902}, {0x093A, 0x093A}, {0x093C, 0x093C}, {0x0941, 0x0948},
    {0x094D, 0x094D},   {0x0951, 0x0957}, {0x0962, 0x0963}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E},
    {0x1160, 0x11FF},   {0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x2060, 0x2064}, {0x20D0, 0x20FF},
    {0x302A, 0x302D},   {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0001, 0xE007F},
    {0xE0100, 0xE01EF},
};

// East Asian Wide (W) and Fullwidth (F) ranges of Unicode's EastAsianWidth.txt, merged where the gaps
// hold unassigned code points, and the emoji shown wide by default, sorted.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},
    {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x267F, 0x267F},
    {0x2693, 0x2693},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
    {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
    {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4}, {0x17000, 0x18AFF}, {0x1B000, 0x1B2FF},
    {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251},
    {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F900, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD},
};

}  // namespace

bool is_unsafe_code_point(char32_t cp) noexcept {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

void append_neutralized(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const std::size_t length = decode_utf8(text, i, cp);
    if (length == 0) {
      append_byte_escape(out, static_cast<unsigned char>(text[i]));
      ++i;
      continue;
    }
    if (is_unsafe_code_point(cp) || is_legacy_command_prefix(text, i))
      append_code_point_escape(out, cp);
    else
      out.append(text, i, length);
    i += length;
  }
}

int display_width(char32_t cp) noexcept {
  if (in_table(std::begin(kZeroWidth), std::end(kZeroWidth), cp)) return 0;
  return in_table(std::begin(kWide), std::end(kWide), cp) ? 2 : 1;
}

}  // namespace detail

std::string neutralize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  detail::append_neutralized(out, text);
  return out;
}

std::string neutralize_name(std::string_view name) {
  std::string out = neutralize(name);
  // GitHub's runner trims leading white space (.NET's, Unicode's) before it looks for "::".
  std::size_t at = 0;
  while (at < out.size()) {
    char32_t cp = 0;
    const std::size_t length = detail::decode_utf8(out, at, cp);
    const bool space = cp == ' ' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F ||
                       cp == 0x205F || cp == 0x3000;
    if (length == 0 || !space) break;
    at += length;
  }
  if (out.compare(at, 2, "::") == 0) out.insert(0, "./");
  return out;
}

}  // namespace backfill
