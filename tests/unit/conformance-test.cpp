// The JSON-Schema-Test-Suite's format tests, run through the project's own checkers.
#include "helpers.h"

#include "backfill/formats.h"
#include "json/json.h"

namespace {

// Runs every string case of a format test file through `check`; returns the number of cases.
template <typename Check>
int run_format_file(const std::filesystem::path& path, Check check) {
  const std::string text = test::read_file(path);
  rapidjson::Document suite;
  suite.Parse(text.data(), text.size());
  REQUIRE_FALSE(suite.HasParseError());
  int cases = 0;
  for (const auto& group : suite.GetArray()) {
    for (const auto& t : group["tests"].GetArray()) {
      const bool expected = t["valid"].GetBool();
      const auto& data = t["data"];
      CAPTURE(t["description"].GetString());
      if (!data.IsString()) {
        CHECK(expected);  // formats constrain strings only; other types always pass
        continue;
      }
      CAPTURE(data.GetString());
      CHECK(check(std::string_view(data.GetString(), data.GetStringLength())) == expected);
      ++cases;
    }
  }
  return cases;
}

}  // namespace

TEST_CASE("conformance: draft7 date-time format tests pass 100% through parse_date_time") {
  const auto shared = test::shared_dir();
  if (shared.empty()) return;
  const auto path = shared / "conformance/JSON-Schema-Test-Suite/tests/draft7/optional/format/date-time.json";
  CHECK(run_format_file(path, [](std::string_view s) { return backfill::is_date_time(s); }) > 10);
}

TEST_CASE("conformance: 2020-12 date-time format tests pass 100% through parse_date_time") {
  const auto shared = test::shared_dir();
  if (shared.empty()) return;
  const auto path = shared / "conformance/JSON-Schema-Test-Suite/tests/draft2020-12/optional/format/date-time.json";
  CHECK(run_format_file(path, [](std::string_view s) { return backfill::is_date_time(s); }) > 10);
}

TEST_CASE("conformance: 2020-12 uuid format tests pass 100% through is_uuid") {
  const auto shared = test::shared_dir();
  if (shared.empty()) return;
  const auto path = shared / "conformance/JSON-Schema-Test-Suite/tests/draft2020-12/optional/format/uuid.json";
  CHECK(run_format_file(path, [](std::string_view s) { return backfill::is_uuid(s); }) > 10);
}
