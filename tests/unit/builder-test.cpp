#include "helpers.h"

#include "backfill/builder.h"
#include "json/json.h"

namespace {

constexpr const char* kComponent = "4e9d3726-bdd7-0079-613c-e9aaba89eb01";

// The documentation's example maintenance, as plain values.
backfill::RequestBuilder example() {
  backfill::RequestBuilder builder;
  builder.title("Past Database Maintenance")
      .component(kComponent)
      .start("2021-11-11T10:11:11+00:00", "Database maintenance is in progress.")
      .end("2021-11-11T11:11:11+00:00", "Database maintenance has been completed successfully.");
  return builder;
}

}  // namespace

TEST_CASE("builder: plain values make the documented request") {
  const backfill::BuiltRequest built = example().build(test::options_at_fixed_now());
  REQUIRE(built.ok());
  CHECK(built.report.valid());
  CHECK(built.report.diagnostics.empty());

  rapidjson::Document doc;
  doc.Parse(built.json.data(), built.json.size());
  REQUIRE_FALSE(doc.HasParseError());
  const auto& data = doc["data"];
  CHECK(std::string(data["type"].GetString()) == "maintenances");
  CHECK(std::string(data["attributes"]["title"].GetString()) == "Past Database Maintenance");
  const auto& updates = data["attributes"]["updates"];
  REQUIRE(updates.Size() == 2);
  CHECK(std::string(updates[0]["status"].GetString()) == "in_progress");
  CHECK(std::string(updates[1]["status"].GetString()) == "completed");
  CHECK(std::string(updates[0]["components_affected"][0]["status"].GetString()) == "maintenance");
  CHECK(std::string(updates[1]["components_affected"][0]["status"].GetString()) == "operational");
  CHECK(std::string(updates[1]["components_affected"][0]["id"].GetString()) == kComponent);
  CHECK(std::string(updates[1]["description"].GetString()) == "Database maintenance has been completed successfully.");

  // What it builds is what the validator accepts as a request, re-read from the text.
  CHECK(test::check(built.json).valid());
}

TEST_CASE("builder: instants are written as RFC 3339 UTC") {
  const auto start = backfill::parse_date_time("2021-11-11T11:11:11+01:00").instant;
  const auto end = backfill::parse_date_time("2021-11-11T10:41:11.25Z").instant;
  REQUIRE(start);
  REQUIRE(end);
  const auto built = backfill::RequestBuilder()
                         .title("t")
                         .component(kComponent)
                         .start(*start, "begins")
                         .end(*end, "ends")
                         .build(test::options_at_fixed_now());
  REQUIRE(built.ok());
  CHECK(built.json.find(R"("started_at":"2021-11-11T10:11:11Z")") != std::string::npos);
  CHECK(built.json.find(R"("started_at":"2021-11-11T10:41:11.25Z")") != std::string::npos);
}

TEST_CASE("builder: reports instead of building an invalid request") {
  SUBCASE("end not after start") {
    const auto built =
        example().end("2021-11-11T11:11:11+01:00", "same instant as the start").build(test::options_at_fixed_now());
    CHECK_FALSE(built.ok());
    CHECK(built.json.empty());
    CHECK(test::summary(built.report) == std::vector<std::string>{"BF2003@/data/attributes/updates/1/started_at"});
  }
  SUBCASE("a malformed date-time") {
    const auto built = example().start("2021-11-11 10:11:11", "no T, no offset").build(test::options_at_fixed_now());
    CHECK_FALSE(built.ok());
    CHECK(test::summary(built.report) == std::vector<std::string>{"BF2004@/data/attributes/updates/0/started_at"});
  }
  SUBCASE("a component id that is not a UUID") {
    const auto built = example().component("db-primary").build(test::options_at_fixed_now());
    CHECK_FALSE(built.ok());
    CHECK(test::summary(built.report) ==
          std::vector<std::string>{"BF2005@/data/attributes/updates/0/components_affected/1/id",
                                   "BF2005@/data/attributes/updates/1/components_affected/1/id"});
  }
  SUBCASE("the same component twice") {
    const auto built = example().component(kComponent).build(test::options_at_fixed_now());
    CHECK_FALSE(built.ok());
    CHECK(built.report.count(backfill::Severity::error) == 2);  // once in each update
  }
  SUBCASE("no start or end given") {
    const auto built = backfill::RequestBuilder().title("t").component(kComponent).build(test::options_at_fixed_now());
    CHECK_FALSE(built.ok());
    CHECK(built.report.count(backfill::Severity::error) >= 2);
  }
  SUBCASE("invalid UTF-8 in a value is reported, not repaired") {
    const auto built = example().title("bad \xff byte").build(test::options_at_fixed_now());
    CHECK_FALSE(built.ok());
    CHECK(built.report.diagnostics.at(0).code == backfill::Code::json_encoding);
  }
}

TEST_CASE("builder: warnings are kept, and fail the build only when strict") {
  backfill::Options options = test::options_at_fixed_now();
  options.now = backfill::parse_date_time("2021-11-11T10:30:00Z").instant;  // before the completion
  auto built = example().build(options);
  CHECK(built.ok());
  CHECK(test::summary(built.report) == std::vector<std::string>{"BF2009@/data/attributes/updates/1/started_at"});

  options.strict = true;
  built = example().build(options);
  CHECK_FALSE(built.ok());
}

TEST_CASE("builder: escapes text and keeps component statuses as given") {
  const backfill::Validator validator;
  const auto built = example()
                         .title("quote \" backslash \\ newline \n tab \t")
                         .component("00000000-0000-0000-0000-000000000001", backfill::ComponentStatus::operational,
                                    backfill::ComponentStatus::operational)
                         .build(validator, test::options_at_fixed_now());
  REQUIRE(built.ok());
  rapidjson::Document doc;
  doc.Parse(built.json.data(), built.json.size());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string(doc["data"]["attributes"]["title"].GetString()) == "quote \" backslash \\ newline \n tab \t");
  CHECK(std::string(doc["data"]["attributes"]["updates"][0]["components_affected"][1]["status"].GetString()) ==
        "operational");
}

TEST_CASE("builder: the kind is always request") {
  backfill::Options options = test::options_at_fixed_now(backfill::Kind::response);
  const auto built = example().build(options);
  CHECK(built.ok());
  CHECK(built.report.kind == backfill::Kind::request);
}
