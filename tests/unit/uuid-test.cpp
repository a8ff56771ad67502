#include "helpers.h"

#include "backfill/formats.h"

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
