// The schema documents themselves: valid draft-07, embedded byte for byte, compiled by valijson.
#include "json/json.h"  // first: it configures RapidJSON and valijson

#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "helpers.h"

namespace {
rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}
}  // namespace

TEST_CASE("schemas: each is valid against the draft-07 metaschema and has an $id and description") {
  const auto dir = test::source_dir() / "schemas";
  const rapidjson::Document meta = parse(test::read_file(dir / "meta/draft-07.schema.json"));
  valijson::Schema metaschema;
  valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
  parser.populateSchema(valijson::adapters::RapidJsonAdapter(meta), metaschema);
  for (const char* name :
       {"common.schema.json", "request.schema.json", "response.schema.json", "error.schema.json",
        "parameters.schema.json", "openapi-2026-09/request.schema.json", "openapi-2026-09/response.schema.json"}) {
    CAPTURE(name);
    const rapidjson::Document schema = parse(test::read_file(dir / name));
    valijson::Validator validator;
    valijson::ValidationResults results;
    CHECK(validator.validate(metaschema, valijson::adapters::RapidJsonAdapter(schema), &results));
    for (auto it = results.begin(); it != results.end(); ++it) MESSAGE(it->description);
    CHECK(schema.HasMember("$id"));
    CHECK(schema.HasMember("description"));
    CHECK(std::string(schema["$schema"].GetString()) == "http://json-schema.org/draft-07/schema#");
  }
  SUBCASE("the metaschema check can fail") {
    const rapidjson::Document broken = parse(R"({"type": "strnig", "required": "data"})");
    valijson::Validator validator;
    CHECK_FALSE(validator.validate(metaschema, valijson::adapters::RapidJsonAdapter(broken), nullptr));
  }
}

TEST_CASE("schemas: the embedded schemas are the sources, bundled") {
  const auto dir = test::source_dir() / "schemas";
  for (auto kind :
       {backfill::Kind::request, backfill::Kind::response, backfill::Kind::error, backfill::Kind::parameters}) {
    CAPTURE(backfill::kind_name(kind));
    const std::string embedded(backfill::schema_text(kind));
    const rapidjson::Document bundled = parse(embedded);
    const rapidjson::Document source =
        parse(test::read_file(dir / (std::string(backfill::kind_name(kind)) + ".schema.json")));
    // Same document apart from references into common.schema.json, which now point at local copies.
    CHECK(embedded.find("common.schema.json#") == std::string::npos);
    CHECK(std::string(bundled["$id"].GetString()) == source["$id"].GetString());
    const bool refers_to_common =
        test::read_file(dir / (std::string(backfill::kind_name(kind)) + ".schema.json")).find("common.schema.json#") !=
        std::string::npos;
    if (!refers_to_common)
      CHECK((bundled == source));  // nothing to bundle: the same document
    else
      CHECK(embedded.find("#/definitions/common.") != std::string::npos);
  }
  const std::string request(backfill::schema_text(backfill::Kind::request));
  CHECK(request.find("\"common.ComponentAffected\"") != std::string::npos);
  CHECK(test::read_file(dir / "request.schema.json").find("common.schema.json#/definitions/ComponentAffected") !=
        std::string::npos);
}

TEST_CASE("schemas: error bodies") {
  CHECK(test::check(R"({"errors": ["Bad Request"]})", backfill::Kind::error).diagnostics.empty());
  CHECK(test::summary(test::check(R"({"errors": [1]})", backfill::Kind::error)) ==
        std::vector<std::string>{"BF1001@/errors/0"});
  CHECK(test::summary(test::check(R"({})", backfill::Kind::error)) == std::vector<std::string>{"BF1002@"});
}

TEST_CASE("schemas: a response with a wrong included resource is one oneOf diagnostic") {
  const auto report =
      test::check(R"({"data": {"type": "maintenances"}, "included": [{"type": "teams"}]})", backfill::Kind::response);
  CHECK(test::summary(report) == std::vector<std::string>{"BF1005@/included/0"});
}
