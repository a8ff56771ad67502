// Locating listed findings: pointers_in_document_order against the per-value walk of pointers_of,
// and SourceMap::locate against a byte-by-byte count, on generated documents (random nesting,
// member names that need ~0 and ~1, multi-byte UTF-8, several lines, CRLF).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "json/json.h"

namespace {

using backfill::detail::ParsedJson;
using backfill::detail::PointerSpan;
using backfill::detail::SourceMap;
using backfill::detail::Value;

// A random JSON text: nested objects and arrays, member names with '~', '/', multi-byte UTF-8 and
// repeats, strings with multi-byte characters, and whitespace that spans lines (LF and CRLF).
class DocumentGenerator {
 public:
  explicit DocumentGenerator(std::uint32_t seed) : random_(seed) {}

  std::string document() {
    std::string text;
    value(text, 0);
    return text;
  }

 private:
  std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random_); }

  void space(std::string& text) {
    static const char* const kSpaces[] = {"", "", "", " ", "\n", "\r\n", "\n  ", "\t"};
    text += kSpaces[pick(8)];
  }

  void string(std::string& text) {
    static const char* const kStrings[] = {"x",
                                           "",
                                           "caf\xc3\xa9",
                                           "\xe6\x97\xa5\xe6\x9c\xac",
                                           "\xf0\x9f\x98\x80!",
                                           "a\\\"b",
                                           "\\u00e9t\\u00e9",
                                           "long \xe2\x80\x94 text with words"};
    text += '"';
    text += kStrings[pick(8)];
    text += '"';
  }

  void value(std::string& text, int depth) {
    space(text);
    // Mostly shallow, sometimes deeper than the walk's first path capacity (8 steps), never endless.
    const std::size_t kind = depth >= 14 ? 3 + pick(5) : depth >= 6 ? (pick(3) == 0 ? pick(3) : 3 + pick(5)) : pick(8);
    if (kind < 2) {
      static const char* const kNames[] = {
          "name", "id", "a~b", "c/d", "~0~1//", "", "\xc3\xa9t\xc3\xa9", "components_affected", "x"};
      text += '{';
      const std::size_t members = pick(6);
      for (std::size_t i = 0; i < members; ++i) {
        if (i > 0) text += ',';
        space(text);
        text += '"';
        text += kNames[pick(9)];
        text += '"';
        space(text);
        text += ':';
        value(text, depth + 1);
      }
      space(text);
      text += '}';
    } else if (kind < 3) {
      text += '[';
      const std::size_t items = pick(depth == 0 ? 40 : 14);
      for (std::size_t i = 0; i < items; ++i) {
        if (i > 0) text += ',';
        value(text, depth + 1);
      }
      space(text);
      text += ']';
    } else if (kind < 6) {
      string(text);
    } else {
      static const char* const kScalars[] = {"1", "-2.5e3", "true", "false", "null"};
      text += kScalars[pick(5)];
    }
    space(text);
  }

  std::mt19937 random_;
};

// Every value of `root` in document order.
void collect(const Value& value, std::vector<const Value*>& out) {
  out.push_back(&value);
  if (value.IsArray()) {
    for (const auto& item : value.GetArray()) collect(item, out);
  } else if (value.IsObject()) {
    for (const auto& m : value.GetObject()) collect(m.value, out);
  }
}

// What pointers_in_document_order must name, from pointers_of: values in document order (a value
// may repeat) until the first one out of order, each while it fits under `max_bytes` with what
// `pointers` held before.
std::vector<std::string> expected_pointers(const ParsedJson& parsed, const std::vector<const Value*>& all,
                                           const std::vector<const Value*>& wanted, std::size_t max_bytes,
                                           std::size_t used, std::vector<bool>& named) {
  const std::vector<std::string> pointers = parsed.pointers_of(wanted);
  std::map<const Value*, std::size_t> positions;
  for (std::size_t i = 0; i < all.size(); ++i) positions[all[i]] = i;
  std::vector<std::string> expected(wanted.size());
  named.assign(wanted.size(), false);
  std::size_t previous = 0;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    const std::size_t position = positions.at(wanted[i]);
    if (position < previous) break;
    previous = position;
    if (used + pointers[i].size() > max_bytes) continue;
    used += pointers[i].size();
    expected[i] = pointers[i];
    named[i] = true;
  }
  return expected;
}

// Line and column (1-based, columns in code points) of `offset`, byte by byte.
void naive_locate(const std::string& text, std::size_t offset, std::uint32_t& line, std::uint32_t& column) {
  line = 1;
  column = 1;
  for (std::size_t i = 0; i < std::min(offset, text.size()); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
}

}  // namespace

TEST_CASE("pointers in document order: one walk names what pointers_of names, byte for byte") {
  for (std::uint32_t seed = 1; seed <= 60; ++seed) {
    CAPTURE(seed);
    const std::string text = DocumentGenerator(seed).document();
    CAPTURE(text);
    // The in-situ parse and (past depth 128) the one that records offsets build documents apart.
    for (const std::uint32_t max_depth : {128u, 1000u}) {
      ParsedJson parsed;
      backfill::detail::ParseError error;
      REQUIRE(parsed.parse(text, 1 << 22, max_depth, error));
      std::vector<const Value*> all;
      collect(parsed.root(), all);
      std::mt19937 random(seed);
      for (int round = 0; round < 8; ++round) {
        CAPTURE(round);
        // A random selection in document order, some values twice in a row; in later rounds one
        // value moved back (out of order), and a byte limit that leaves some unnamed.
        std::vector<const Value*> wanted;
        const std::size_t stride = 1 + round % 4;
        for (std::size_t i = random() % stride; i < all.size(); i += 1 + random() % stride) {
          wanted.push_back(all[i]);
          if (random() % 9 == 0) wanted.push_back(all[i]);
        }
        if (round >= 4 && wanted.size() > 3) {
          const std::size_t from = 2 + random() % (wanted.size() - 2);
          std::rotate(wanted.begin() + from - 1, wanted.begin() + from, wanted.begin() + from + 1);
        }
        const std::size_t max_bytes = round % 2 == 0 ? static_cast<std::size_t>(-1) : 3 + 40 * (random() % 8);
        std::string pointers = round % 3 == 0 ? "" : "xyz";
        const std::string before = pointers;
        std::vector<PointerSpan> spans;
        backfill::detail::pointers_in_document_order(parsed.root(), wanted, max_bytes, pointers, spans);
        std::vector<bool> named;
        const std::vector<std::string> expected =
            expected_pointers(parsed, all, wanted, max_bytes, before.size(), named);
        REQUIRE(spans.size() == wanted.size());
        CHECK(pointers.compare(0, before.size(), before) == 0);
        std::string rebuilt = before;
        for (std::size_t i = 0; i < wanted.size(); ++i) {
          CAPTURE(i);
          REQUIRE((spans[i].begin != PointerSpan{}.begin) == named[i]);
          if (!named[i]) continue;
          CHECK(spans[i].begin == rebuilt.size());
          CHECK(pointers.substr(spans[i].begin, spans[i].size) == expected[i]);
          rebuilt += expected[i];
        }
        CHECK(pointers == rebuilt);  // nothing but the named pointers, in order
      }
    }
  }
}

TEST_CASE("source map: locate counts as a byte-by-byte pass does, in order and with jumps") {
  // Short texts (the tail of a block cannot be read ahead), long lines (more than 254 blocks
  // between two offsets), LF and CRLF lines.
  std::vector<std::string> texts;
  for (std::uint32_t seed = 1; seed <= 30; ++seed) texts.push_back(DocumentGenerator(seed).document());
  texts.push_back("");
  texts.push_back("\xc3\xa9");
  texts.push_back("ab\r\n\xe2\x80\x94x");
  std::string wide;
  for (int i = 0; i < 3000; ++i) wide += i % 3 == 0 ? "\xf0\x9f\x98\x80" : i % 3 == 1 ? "\xc3\xa9" : "z";
  texts.push_back(wide + "\r\n" + wide + "\n" + wide.substr(0, 21));
  texts.push_back(std::string(40, 'a') + "\n" + std::string(37, 'b') + wide.substr(0, 90) + "\r\nxyz");
  for (const std::string& text : texts) {
    CAPTURE(text.size());
    // Without a hint, and told the length of the text's ASCII prefix (where columns are bytes).
    std::size_t ascii = 0;
    while (ascii < text.size() && static_cast<unsigned char>(text[ascii]) < 0x80) ++ascii;
    for (const std::size_t hint : {std::size_t{0}, ascii}) {
      CAPTURE(hint);
      std::uint32_t line = 0, column = 0, expected_line = 1, expected_column = 1;
      // Every offset in ascending order, one map (the cursor resumes); the expected position moves
      // on by the byte passed.
      const SourceMap ascending(text, hint);
      for (std::size_t offset = 0; offset <= text.size() + 2; ++offset) {
        CAPTURE(offset);
        ascending.locate(offset, line, column);
        REQUIRE(line == expected_line);
        REQUIRE(column == expected_column);
        if (offset >= text.size()) continue;
        if (text[offset] == '\n') {
          ++expected_line;
          expected_column = 1;
        } else if ((static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80) {
          ++expected_column;
        }
      }
    }
    std::uint32_t line = 0, column = 0, expected_line = 1, expected_column = 1;
    // Random offsets on one map: forward, back, to other lines.
    const SourceMap jumping(text, ascii);
    std::mt19937 random(static_cast<std::uint32_t>(text.size()));
    for (int k = 0; k < 300; ++k) {
      const std::size_t offset = random() % (text.size() + 2);
      CAPTURE(offset);
      jumping.locate(offset, line, column);
      naive_locate(text, offset, expected_line, expected_column);
      REQUIRE(line == expected_line);
      REQUIRE(column == expected_column);
    }
  }
}
