#include "helpers.h"

#include "backfill/formats.h"
#include "formats/uuid.h"

using backfill::is_uuid;

TEST_CASE("uuid: 8-4-4-4-12 hexadecimal, any case, any version") {
  SUBCASE("valid") {
    for (const char* text : {"4e9d3726-bdd7-0079-613c-e9aaba89eb01", "4E9D3726-BDD7-0079-613C-E9AABA89EB01",
                             "00000000-0000-0000-0000-000000000000", "1234abcd-12ab-34cd-56ef-123456abcdef",
                             "98d8d5d4-9f3e-4d3b-b4cd-7ff3a6ec0ea1", "ffffffff-ffff-ffff-ffff-ffffffffffff"}) {
      CAPTURE(text);
      CHECK(is_uuid(text));
    }
  }
  SUBCASE("invalid") {
    for (const char* text : {"", "4e9d3726bdd70079613ce9aaba89eb01", "4e9d3726-bdd7-0079-613c-e9aaba89eb0",
                             "4e9d3726-bdd7-0079-613c-e9aaba89eb011", "4e9d3726-bdd7-0079-613c_e9aaba89eb01",
                             "4e9d3726-bdd7-0079-613g-e9aaba89eb01", "{4e9d3726-bdd7-0079-613c-e9aaba89eb01}",
                             "4e9d372-6bdd7-0079-613c-e9aaba89eb01", " 4e9d3726-bdd7-0079-613c-e9aaba89eb0"}) {
      CAPTURE(text);
      CHECK_FALSE(is_uuid(text));
    }
  }
}

TEST_CASE("uuid: every byte value at every position agrees with a plain reading of the grammar") {
  // The checker reads 16 bytes at a time; this pins it to the grammar byte by byte.
  const auto expected = [](const std::string& text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < 36; ++i) {
      const char c = text[i];
      const bool dash_at = i == 8 || i == 13 || i == 18 || i == 23;
      const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (dash_at ? c != '-' : !hex) return false;
    }
    return true;
  };
  const std::string valid = "4e9d3726-bdd7-0079-613c-e9aaba89eb01";
  std::size_t accepted = 0;
  for (std::size_t position = 0; position < valid.size(); ++position) {
    for (int byte = 0; byte < 256; ++byte) {
      std::string text = valid;
      text[position] = static_cast<char>(byte);
      CAPTURE(position);
      CAPTURE(byte);
      REQUIRE(is_uuid(text) == expected(text));
      accepted += is_uuid(text);
    }
  }
  CHECK(accepted == 32 * 22 + 4);  // 22 hex spellings per digit position, only '-' at the four dashes
}

TEST_CASE("uuid: the comparison key ignores the case of hex digits and nothing else") {
  backfill::detail::UuidKey lower, upper, other;
  REQUIRE(backfill::detail::parse_uuid("4e9d3726-bdd7-0079-613c-e9aaba89eb01", lower));
  REQUIRE(backfill::detail::parse_uuid("4E9D3726-BDD7-0079-613C-E9AABA89EB01", upper));
  CHECK(lower == upper);
  for (std::size_t position : {0u, 7u, 9u, 20u, 31u, 32u, 35u}) {
    std::string text = "4e9d3726-bdd7-0079-613c-e9aaba89eb01";
    text[position] = text[position] == '0' ? '1' : '0';
    CAPTURE(position);
    REQUIRE(backfill::detail::parse_uuid(text, other));
    CHECK_FALSE(other == lower);
  }
  CHECK_FALSE(backfill::detail::parse_uuid("4e9d3726-bdd7-0079-613c-e9aaba89eb0g", other));
}
