// Where values start: strings of a document parsed in situ are located from their address, every
// other value by a walk and a token scan. Both must give the offset the text has, escapes or not.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "json/json.h"

namespace {

// Every value of `root` in document order.
void collect(const backfill::detail::Value& value, std::vector<const backfill::detail::Value*>& out) {
  out.push_back(&value);
  if (value.IsArray()) {
    for (const auto& item : value.GetArray()) collect(item, out);
  } else if (value.IsObject()) {
    for (const auto& m : value.GetObject()) collect(m.value, out);
  }
}

// Parses `text` (which must parse) into `parsed`; every value of it in document order.
std::vector<const backfill::detail::Value*> parse_all(const std::string& text, backfill::detail::ParsedJson& parsed) {
  backfill::detail::ParseError error;
  REQUIRE(parsed.parse(text, 1 << 20, 128, error));
  std::vector<const backfill::detail::Value*> values;
  collect(parsed.root(), values);
  return values;
}

}  // namespace

TEST_CASE("offsets: strings parsed in situ are located by address, like every other value") {
  // Escapes shorten a string in situ (its decoded bytes start where its raw ones did); the oracle
  // is the recording parser, which a depth limit past 128 selects.
  const std::string texts[] = {
      R"({"a": "plain", "b": "esc\"aped\\", "c": ["\u00e9t\u00e9", 1, "x\ny", {"d": "\ud83d\ude00 tail"}], "e": ""})",
      "{\n  \"\xc3\xa9\": \"caf\xc3\xa9\",\n\t\"n\": [ -1.5e3 , true, null, \"\\/\" ]\n}",
      R"(["a","b\"","","\\\\",["c"]])",
  };
  for (const std::string& text : texts) {
    CAPTURE(text);
    backfill::detail::ParsedJson parsed;
    const std::vector<const backfill::detail::Value*> values = parse_all(text, parsed);
    const std::vector<std::size_t> located = parsed.offsets_of(values);
    // The recording parse's offsets (the reference the token scan is fuzzed against).
    backfill::detail::ParsedJson recorded;
    backfill::detail::ParseError error;
    REQUIRE(recorded.parse(text, 1 << 20, 1000, error));  // a depth past 128 parses recording every offset
    std::vector<const backfill::detail::Value*> reference_values;
    collect(recorded.root(), reference_values);
    const std::vector<std::size_t> expected = recorded.offsets_of(reference_values);
    CHECK(located == expected);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i]->IsString()) CHECK(text[located[i]] == '"');
    }
  }
}

TEST_CASE("source map: columns count code points, whatever the stride that counts them") {
  // Lines of ASCII and of 2-, 3- and 4-byte characters, long enough for every block size, located
  // at every offset both in ascending order (the cursor resumes) and from a fresh map.
  std::string text;
  const char* pieces[] = {"ab", "\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x98\x80", "xyz"};
  for (int line = 0; line < 3; ++line) {
    for (int i = 0; i < 40; ++i) text += pieces[(i * (line + 1)) % 5];
    text += '\n';
  }
  const backfill::detail::SourceMap ascending(text);
  std::uint32_t expected_line = 1, expected_column = 1;
  for (std::size_t offset = 0; offset < text.size(); ++offset) {
    CAPTURE(offset);
    std::uint32_t line = 0, column = 0;
    ascending.locate(offset, line, column);
    CHECK(line == expected_line);
    CHECK(column == expected_column);
    const backfill::detail::SourceMap fresh(text);
    fresh.locate(offset, line, column);
    CHECK(column == expected_column);
    // The next offset: one more character when this byte starts one.
    if (text[offset] == '\n') {
      ++expected_line;
      expected_column = 1;
    } else if ((static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80) {
      ++expected_column;
    }
  }
}
