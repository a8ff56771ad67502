// The one UTF-8 module (json/utf8.h), against RapidJSON's own validation as the oracle: the parser's
// up-front check, neutralize(), JSON escaping and column counting all read bytes through it.
#include "helpers.h"

#include "json/json.h"  // first: it configures RapidJSON

#include <rapidjson/stringbuffer.h>

#include "json/utf8.h"
#include "json/values.h"

namespace {

// RapidJSON's verdict (its UTF8::Validate, which the parser uses on text that is not well-formed).
bool rapidjson_accepts(const std::string& bytes) {
  rapidjson::StringStream in(bytes.c_str());  // the bytes hold no NUL
  rapidjson::StringBuffer sink;
  while (in.Peek() != '\0') {
    if (!rapidjson::UTF8<>::Validate(in, sink)) return false;
  }
  return true;
}

// Whether decode_utf8() reads all of `bytes` as characters.
bool decodes_whole(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();) {
    char32_t cp = 0;
    const std::size_t length = backfill::detail::decode_utf8(bytes, i, cp);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

}  // namespace

TEST_CASE("utf8: well-formed is what RapidJSON accepts, after any number of ASCII bytes") {
  std::size_t checked = 0, accepted = 0;
  const auto check = [&](const std::string& sequence) {
    const bool expected = rapidjson_accepts(sequence);
    // Behind 0-8 ASCII bytes the sequence falls at every position of the 8-byte ASCII stride.
    for (std::size_t prefix = 0; prefix <= 8; ++prefix) {
      const std::string text = std::string(prefix, 'a') + sequence + "tail";
      // Well-formed, the blocks marked are those with a byte above 0x7F.
      backfill::detail::NonAsciiBlocks expected_blocks;
      for (std::size_t i = 0; i < text.size(); ++i) {
        if (static_cast<unsigned char>(text[i]) < 0x80) continue;
        if (expected_blocks.empty()) expected_blocks.assign(text.size() / 4096 + 1, 0);
        expected_blocks[i / 4096] |= std::uint64_t{1} << (i / 64 % 64);
      }
      backfill::detail::NonAsciiBlocks blocks;
      const bool well_formed = backfill::detail::is_utf8(text, blocks);
      if (well_formed != expected || decodes_whole(text) != expected || (expected && blocks != expected_blocks)) {
        CAPTURE(text);
        CHECK(well_formed == expected);
        CHECK((!expected || blocks == expected_blocks));
        CHECK(decodes_whole(text) == expected);
        return false;
      }
    }
    ++checked;
    accepted += expected ? 1 : 0;
    return true;
  };
  for (int a = 1; a < 256; ++a) {
    REQUIRE(check({static_cast<char>(a)}));
    if (a < 0xC0) continue;
    for (int b = 1; b < 256; ++b) {
      REQUIRE(check({static_cast<char>(a), static_cast<char>(b)}));
      if (a < 0xE0 || (b & 0x07) != 0) continue;
      for (int c : {0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0}) {
        const std::string three{static_cast<char>(a), static_cast<char>(b), static_cast<char>(c)};
        REQUIRE(check(three));
        if (a < 0xF0) continue;
        for (int d : {0x7F, 0x80, 0xBF, 0xC0}) REQUIRE(check(three + static_cast<char>(d)));
      }
    }
  }
  CHECK(checked > 20000);
  // A sequence that crosses from one 64-byte block into the next marks both; 4096 bytes on, the
  // next word of marks.
  for (const std::size_t at : {std::size_t{62}, std::size_t{63}, std::size_t{4095}, std::size_t{5000}}) {
    CAPTURE(at);
    const std::string text = std::string(at, 'a') + "\xF0\x9F\x98\x80" + std::string(9000, 'b');
    backfill::detail::NonAsciiBlocks blocks;
    REQUIRE(backfill::detail::is_utf8(text, blocks));
    REQUIRE(blocks.size() == (text.size() + 4095) / 4096);
    for (std::size_t block = 0; block < 64 * blocks.size(); ++block) {
      CAPTURE(block);
      const bool marked = (blocks[block / 64] >> (block % 64)) & 1;
      CHECK(marked == (block == at / 64 || block == (at + 3) / 64));
    }
  }
  CHECK(accepted > 2000);
}

TEST_CASE("utf8: code points, lengths and continuation bytes") {
  const std::pair<std::string, char32_t> characters[] = {{"A", 0x41},
                                                         {"\xC3\xA9", 0xE9},
                                                         {"\xE2\x80\xAE", 0x202E},
                                                         {"\xEF\xBF\xBF", 0xFFFF},
                                                         {"\xF0\x9F\x98\x80", 0x1F600},
                                                         {"\xF4\x8F\xBF\xBF", 0x10FFFF}};
  for (const auto& character : characters) {
    const std::string& bytes = character.first;
    const char32_t expected = character.second;
    CAPTURE(bytes);
    char32_t cp = 0;
    CHECK(backfill::detail::decode_utf8(bytes, 0, cp) == bytes.size());
    CHECK(cp == expected);
    CHECK_FALSE(backfill::detail::is_utf8_continuation(bytes[0]));
    for (std::size_t i = 1; i < bytes.size(); ++i) CHECK(backfill::detail::is_utf8_continuation(bytes[i]));
  }
  SUBCASE("a sequence cut short by the end of the text") {
    char32_t cp = 0;
    CHECK(backfill::detail::decode_utf8("\xF0\x9F\x98", 0, cp) == 0);
    backfill::detail::NonAsciiBlocks blocks;
    CHECK_FALSE(backfill::detail::is_utf8("abcdefgh\xF0\x9F\x98", blocks));
  }
}

TEST_CASE("quoted_as_is: short printable ASCII without a quote or backslash, 16 or 8 bytes at a time as byte by byte") {
  for (std::size_t size = 1; size <= backfill::detail::kQuotedAtMost; ++size) {
    for (unsigned b = 0; b < 0x100; ++b) {
      for (std::size_t at = 0; at < size; ++at) {
        std::string text(size, 'a');
        text[at] = static_cast<char>(b);
        const bool expected = b >= 0x20 && b < 0x7F && b != '"' && b != '\\';
        if (backfill::detail::quoted_as_is(text) != expected)
          FAIL_CHECK("byte " << b << " at " << at << " of " << size);
      }
    }
  }
  CHECK(backfill::detail::quoted_as_is(std::string(backfill::detail::kQuotedAtMost, 'a')));
  CHECK_FALSE(backfill::detail::quoted_as_is(std::string(backfill::detail::kQuotedAtMost + 1, 'a')));
}
