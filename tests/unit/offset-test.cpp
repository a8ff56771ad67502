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
    backfill::detail::ParseError error;
    REQUIRE(parsed.parse(text, 1 << 20, 128, error));
    std::vector<const backfill::detail::Value*> values;
    collect(parsed.root(), values);
    const std::vector<std::size_t> located = parsed.offsets_of(values);
    // The recording parse's offsets (the reference the token scan is fuzzed against).
    backfill::detail::ParsedJson recorded;
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
