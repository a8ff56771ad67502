// Response rules (201 Maintenance), auto-detection and the parameter rules.
#include "helpers.h"

#include "backfill/exchange.h"

using backfill::Kind;
using test::replace;
using test::summary;
using V = std::vector<std::string>;

namespace {
std::string cassette_response() { return test::read_file(test::source_dir() / "tests/data/cassette-response.json"); }
std::string with_included() { return test::read_file(test::source_dir() / "tests/data/response-with-included.json"); }
backfill::Report response(const std::string& text) { return test::check(text, Kind::response); }
std::vector<std::string> errors_only(const backfill::Report& report) {
  std::vector<std::string> out;
  for (const auto& d : report.diagnostics) {
    if (d.severity == backfill::Severity::error)
      out.push_back(std::string(backfill::rule_info(d.code).id) + "@" + std::string(d.pointer));
  }
  return out;
}
}  // namespace

TEST_CASE("the recorded 201 response validates with no error") {
  const auto report = response(cassette_response());
  CHECK(report.valid());
  CHECK(summary(report) == V{"BF3010@/data/attributes/scheduled_description"});
  SUBCASE("straight from ../shared/reference/cassettes when present") {
    const auto shared = test::shared_dir();
    if (shared.empty()) return;
    const std::string cassette = test::read_file(
        shared / "reference/cassettes/java/Create_backfilled_maintenance_returns_Created_response.json");
    CHECK(cassette.find(cassette_response().substr(0, 200)) == std::string::npos);  // JSON-escaped there
    CHECK(cassette.find("1f1ccbc5-14dd-45e2-9e81-b767b4d342f0") != std::string::npos);
  }
}

TEST_CASE("BF3010 spec-deviation: the live API's nulls are warnings, errors under strict") {
  const auto report = response(with_included());
  CHECK(report.valid());
  CHECK(summary(report) ==
        V{"BF3010@/data/attributes/scheduled_description", "BF3010@/included/1/attributes/company_logo",
          "BF3010@/included/1/attributes/custom_domain", "BF3010@/included/1/attributes/email_header_image",
          "BF3010@/included/1/attributes/favicon"});
  auto options = test::options_at_fixed_now(Kind::response);
  options.strict = true;
  CHECK_FALSE(backfill::validate(with_included(), options).valid());
  SUBCASE("null elsewhere is a type error") {
    CHECK(errors_only(response(replace(cassette_response(), R"("title":"Past)", R"("title":null,"x":"Past)"))) ==
          V{"BF1001@/data/attributes/title"});
  }
}

TEST_CASE("BF3001 maintenance-status: returned completed") {
  CHECK(errors_only(response(replace(cassette_response(), R"("status":"completed","title")",
                                     R"("status":"in_progress","title")"))) == V{"BF3001@/data/attributes/status"});
  CHECK(errors_only(response(replace(cassette_response(), R"("status":"completed","title")",
                                     R"("status":"done","title")"))) == V{"BF3001@/data/attributes/status"});
}

TEST_CASE("BF3002 response-updates-order, BF3003/BF3004 dates agree, BF3005 completed before start") {
  SUBCASE("start_date differs") {
    CHECK(errors_only(response(replace(cassette_response(), R"("start_date":"2026-05-04T13:30:17.282Z")",
                                       R"("start_date":"2026-05-04T13:30:17.281Z")"))) ==
          V{"BF3003@/data/attributes/start_date"});
  }
  SUBCASE("same instant in another offset is fine") {
    CHECK(response(replace(cassette_response(), R"("start_date":"2026-05-04T13:30:17.282Z")",
                           R"("start_date":"2026-05-04T15:30:17.282000+02:00")"))
              .valid());
  }
  SUBCASE("completed_date differs and is before start") {
    CHECK(errors_only(response(replace(cassette_response(), R"("completed_date":"2026-05-04T14:30:17.282Z")",
                                       R"("completed_date":"2026-05-04T12:30:17.282Z")"))) ==
          V{"BF3004@/data/attributes/completed_date", "BF3005@/data/attributes/completed_date"});
  }
  SUBCASE("updates out of order") {
    std::string text =
        replace(cassette_response(), R"("started_at":"2026-05-04T13:30:17.282Z")", R"("started_at":"@1")");
    text = replace(text, R"("started_at":"2026-05-04T14:30:17.282Z")", R"("started_at":"2026-05-04T13:30:17.282Z")");
    text = replace(text, R"("started_at":"@1")", R"("started_at":"2026-05-04T14:30:17.282Z")");
    const auto errors = errors_only(response(text));
    CHECK(errors == V{"BF3004@/data/attributes/completed_date", "BF3003@/data/attributes/start_date",
                      "BF3002@/data/attributes/updates/1/started_at"});
  }
}

TEST_CASE("BF3006 not-backfilled") {
  CHECK(response(replace(cassette_response(), R"("title":"Past)", R"("is_backfilled":true,"title":"Past)")).valid());
  CHECK(errors_only(
            response(replace(cassette_response(), R"("title":"Past)", R"("is_backfilled":false,"title":"Past)"))) ==
        V{"BF3006@/data/attributes/is_backfilled"});
}

TEST_CASE("BF3007 included-duplicate, BF3008 included-unreferenced, BF3009 relationship-type") {
  SUBCASE("duplicate") {
    const std::string user = R"({"type": "users", "id": "9919ec9b-ebc7-49ee-8dc8-03626e717cca"},)";
    CHECK(errors_only(response(replace(with_included(), "\"included\": [", "\"included\": [" + user))) ==
          V{"BF3007@/included/1"});
  }
  SUBCASE("unreferenced") {
    const std::string user = R"({"type": "users", "id": "00000000-0000-0000-0000-000000000000"},)";
    CHECK(errors_only(response(replace(with_included(), "\"included\": [", "\"included\": [" + user))) ==
          V{"BF3008@/included/0"});
  }
  SUBCASE("wrong relationship type: one diagnostic, not also schema-enum") {
    CHECK(errors_only(response(replace(cassette_response(), R"("type":"status_pages")", R"("type":"users")"))) ==
          V{"BF3009@/data/relationships/status_page/data/type"});
  }
}

TEST_CASE("uuid and date-time fields of the response use the exact checkers") {
  CHECK(errors_only(response(replace(cassette_response(), "1f1ccbc5-14dd-45e2-9e81-b767b4d342f0", "1f1ccbc5"))) ==
        V{"BF2005@/data/id"});
  CHECK(errors_only(response(replace(cassette_response(), "2026-05-04T14:30:17.979727Z", "2026-05-04 14:30:17Z"))) ==
        V{"BF2004@/data/attributes/modified_at"});
}

TEST_CASE("--kind auto recognises each shape") {
  auto options = test::options_at_fixed_now(Kind::automatic);
  CHECK(backfill::validate(cassette_response(), options).kind == Kind::response);
  CHECK(backfill::validate(test::kValidRequest, options).kind == Kind::request);
  CHECK(backfill::validate(R"({"errors": ["Too many requests"]})", options).kind == Kind::error);
  CHECK(backfill::validate(R"({"data": {"id": "x", "type": "maintenances"}})", options).kind == Kind::response);
  CHECK(backfill::validate("[1]", options).kind == Kind::request);
  CHECK(backfill::validate("{", options).kind == Kind::automatic);  // not parseable: nothing chosen
}

TEST_CASE("parameters: page_id, include, status, content type") {
  const backfill::Validator validator;
  auto check = [&](backfill::Parameters p) { return summary(backfill::validate_parameters(validator, p)); };
  CHECK(check({"bbf96c2c-48cf-4951-96d2-f5b503c93c49", "status_page,created_by_user", 201,
               "application/vnd.api+json; charset=utf-8"})
            .empty());
  CHECK(check({"bbf96c2c", std::nullopt, std::nullopt, std::nullopt}) == V{"BF2005@/page_id"});
  CHECK(check({std::nullopt, "status_page,,created_by_user", std::nullopt, std::nullopt}) == V{"BF4001@/include"});
  CHECK(check({std::nullopt, "status_page,status_page", std::nullopt, std::nullopt}) == V{"BF4001@/include"});
  CHECK(check({std::nullopt, "users", std::nullopt, std::nullopt}) == V{"BF4001@/include"});
  CHECK(check({std::nullopt, "", std::nullopt, std::nullopt}) == V{"BF4001@/include"});
  CHECK(check({std::nullopt, std::nullopt, 429, std::nullopt}).empty());
  CHECK(check({std::nullopt, std::nullopt, 404, std::nullopt}) == V{"BF4002@/status"});
  CHECK(check({std::nullopt, std::nullopt, 200, std::nullopt}) == V{"BF4003@/status"});
  CHECK(check({std::nullopt, std::nullopt, std::nullopt, "text/html"}) == V{"BF4004@/content_type"});
  const auto report = backfill::validate_parameters(validator, {"x\"y", std::nullopt, std::nullopt, std::nullopt});
  CHECK(report.diagnostics.at(0).column == 13);
}
