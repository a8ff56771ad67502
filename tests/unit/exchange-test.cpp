// Exchange conformance on the recorded call, and mutated copies of it; HAR input.
#include "helpers.h"

#include <algorithm>
#include <cstdio>

#include "backfill/exchange.h"
#include "backfill/render.h"

using test::replace;
using test::summary;
using V = std::vector<std::string>;

namespace {
const std::string kPage = "bbf96c2c-48cf-4951-96d2-f5b503c93c49";
std::string request() { return test::read_file(test::source_dir() / "tests/data/cassette-request.json"); }
std::string response() { return test::read_file(test::source_dir() / "tests/data/cassette-response.json"); }

std::vector<std::string> errors(const backfill::Report& report) {
  std::vector<std::string> out;
  for (const auto& d : report.diagnostics) {
    if (d.severity == backfill::Severity::error)
      out.push_back(std::string(backfill::rule_info(d.code).id) + "@" + std::string(d.pointer));
  }
  return out;
}

backfill::ExchangeReport exchange(const std::string& req, const std::string& resp,
                                  std::optional<std::string> include = {}) {
  static const backfill::Validator validator;
  backfill::Exchange call{req, resp, {kPage, std::move(include), 201, "application/vnd.api+json"}};
  return backfill::validate_exchange(validator, call, test::options_at_fixed_now());
}
}  // namespace

TEST_CASE("exchange: the recorded request and 201 response agree") {
  const auto report = exchange(request(), response());
  CHECK(report.valid());
  CHECK(report.parameters.diagnostics.empty());
  CHECK(summary(report.request) == V{"BF2009@/data/attributes/updates/1/started_at"});  // now: 2026-01-01
  CHECK(errors(report.response).empty());
}

TEST_CASE("exchange: mutated copies fail with the expected code and pointer") {
  SUBCASE("a changed title") {
    const auto r = exchange(request(), replace(response(), R"("title":"Past Database)", R"("title":"Past DB)"));
    CHECK(errors(r.response) == V{"BF4005@/data/attributes/title"});
  }
  SUBCASE("a swapped status") {
    std::string resp = replace(response(), R"("status":"in_progress","description")", R"("status":"@","description")");
    resp = replace(resp, R"("status":"completed","description")", R"("status":"in_progress","description")");
    resp = replace(resp, R"("status":"@","description")", R"("status":"completed","description")");
    CHECK(errors(exchange(request(), resp).response) ==
          V{"BF4005@/data/attributes/updates/0/status", "BF4005@/data/attributes/updates/1/status"});
  }
  SUBCASE("a shifted instant; a re-formatted one is the same instant") {
    const auto shifted = exchange(request(), replace(response(), R"("started_at":"2026-05-04T13:30:17.282Z")",
                                                     R"("started_at":"2026-05-04T13:30:17.283Z")"));
    // The response is now inconsistent twice: with its own start_date, and with the request.
    CHECK(errors(shifted.response) ==
          V{"BF3003@/data/attributes/start_date", "BF4005@/data/attributes/updates/0/started_at"});
    const auto reformatted =
        exchange(replace(request(), "2026-05-04T13:30:17.282Z", "2026-05-04T15:30:17.282+02:00"), response());
    CHECK(reformatted.valid());
  }
  SUBCASE("a component status changed") {
    const auto r = exchange(request(), replace(response(), R"("name":"Login","status":"maintenance")",
                                               R"("name":"Login","status":"operational")"));
    CHECK(errors(r.response) == V{"BF4005@/data/attributes/updates/0/components_affected"});
  }
  SUBCASE("a missing included resource") {
    const auto r = exchange(request(), response(), "status_page");
    CHECK(errors(r.response) == V{"BF4006@"});
  }
  SUBCASE("an included resource that was not requested") {
    const std::string with = test::read_file(test::source_dir() / "tests/data/response-with-included.json");
    const auto r = exchange(request(), with, "status_page");
    CHECK(errors(r.response) == V{"BF4006@/included/0"});
    CHECK(exchange(request(), with, "status_page,created_by_user").valid());
  }
  SUBCASE("another status page") {
    const auto r = exchange(request(), replace(response(), R"("id":"bbf96c2c-48cf-4951-96d2-f5b503c93c49")",
                                               R"("id":"00000000-0000-0000-0000-000000000000")"));
    CHECK(errors(r.response) == V{"BF4007@/data/relationships/status_page/data/id"});
  }
}

TEST_CASE("exchange: a 429 body is an APIErrorResponse; an unknown status is a diagnostic") {
  const backfill::Validator validator;
  const std::string sent = request();  // Exchange holds views: the texts must outlive it
  backfill::Exchange call{sent, R"({"errors": ["Too many requests"]})", {kPage, std::nullopt, 429, std::nullopt}};
  const auto limited = backfill::validate_exchange(validator, call, test::options_at_fixed_now());
  CHECK(summary(limited.parameters).empty());
  CHECK(errors(limited.request).empty());
  CHECK(summary(limited.response).empty());
  CHECK(limited.valid());
  CHECK(limited.response.kind == backfill::Kind::error);
  call.parameters.status = 404;
  const auto missing = backfill::validate_exchange(validator, call, test::options_at_fixed_now());
  CHECK(missing.valid());
  CHECK(summary(missing.parameters) == V{"BF4002@/status"});
  call.parameters.status = 302;
  CHECK_FALSE(backfill::validate_exchange(validator, call, test::options_at_fixed_now()).valid());
}

TEST_CASE("HAR: the endpoint's entries are checked, others skipped") {
  const backfill::Validator validator;
  const auto har = backfill::validate_har(validator, test::read_file(test::source_dir() / "tests/data/exchange.har"),
                                          test::options_at_fixed_now());
  CHECK(har.skipped == 1);
  REQUIRE(har.entries.size() == 2);
  CHECK(har.entries[0].index == 1);
  CHECK(har.entries[0].exchange.valid());
  CHECK(har.entries[1].index == 2);
  CHECK(har.entries[1].url.find("include=status_page") != std::string::npos);
  CHECK(errors(har.entries[1].exchange.request) == V{"BF2002@/data/attributes/updates/1/status"});
  CHECK(errors(har.entries[1].exchange.response) ==
        V{"BF4006@", "BF4005@/data/attributes/title", "BF4005@/data/attributes/updates/1/status"});
  CHECK_FALSE(har.valid());
  SUBCASE("not a HAR") {
    const auto bad = backfill::validate_har(validator, R"({"log": {}})");
    CHECK(summary(bad.file) == V{"BF4008@"});
    CHECK(summary(backfill::validate_har(validator, "{").file) == V{"BF0002@"});
  }
  SUBCASE("an entry without a request body") {
    const std::string har_text =
        R"({"log": {"entries": [{"request": {"method": "POST", "url": "https://x/api/v2/statuspages/p/maintenances/backfill"}, "response": {"status": 201}}]}})";
    CHECK(summary(backfill::validate_har(validator, har_text).file) == V{"BF4008@/log/entries/0"});
  }
}

TEST_CASE("exchange: a 201 that does not reflect the request is BF4005") {
  SUBCASE("no data, whatever page_id and include ask") {
    const auto empty = exchange(request(), "{}", "status_page");
    const auto e = errors(empty.response);
    CHECK(std::count(e.begin(), e.end(), "BF4005@") == 1);
    CHECK_FALSE(empty.valid());
    const auto null_data = errors(exchange(request(), R"({"data": null})").response);
    CHECK(std::count(null_data.begin(), null_data.end(), "BF4005@") == 1);
  }
  SUBCASE("data without attributes") {
    const auto r =
        exchange(request(), R"({"data": {"id": "1f1ccbc5-14dd-45e2-9e81-b767b4d342f0", "type": "maintenances"}})");
    const auto e = errors(r.response);
    CHECK(std::count(e.begin(), e.end(), "BF4005@/data") == 1);
  }
  SUBCASE("a component id is echoed as sent, not lowercased") {
    std::string req = replace(request(), R"({"id":"02c0c5d4-6735-45c8-a184-4a6d5b746793","status":"maintenance"})",
                              R"({"id":"02C0C5D4-6735-45C8-A184-4A6D5B746793","status":"operational"})");
    const auto r = exchange(req, response());
    REQUIRE(errors(r.response) == V{"BF4005@/data/attributes/updates/0/components_affected"});
    bool echoed = false;
    for (const auto& d : r.response.diagnostics) {
      echoed = echoed || d.message.find("\"02C0C5D4-6735-45C8-A184-4A6D5B746793\"") != std::string::npos;
    }
    CHECK(echoed);
  }
}

TEST_CASE("exchange: include lists cost linear time and output") {
  // N relationships named by include=, none included: N BF4006 findings whose messages stay short
  // (each quotes its own item, never the whole list), so output grows linearly with N.
  const auto total_bytes = [](std::size_t n) {
    std::string relationships, list;
    for (std::size_t i = 0; i < n; ++i) {
      char item[160];
      std::snprintf(item, sizeof item,
                    R"(%s"rel%zu":{"data":{"type":"status_pages","id":"00000000-0000-0000-0000-%012zu"}})",
                    i ? "," : "", i, i);
      relationships += item;
      list += (i ? ",rel" : "rel") + std::to_string(i);
    }
    const std::string resp = replace(response(), R"("relationships":{)", R"("relationships":{)" + relationships + ",");
    static const backfill::Validator validator;
    backfill::Options options = test::options_at_fixed_now();
    options.limits.max_diagnostics = 1u << 20;
    const std::string sent = request();
    backfill::Exchange call{sent, resp, {kPage, list, 201, "application/vnd.api+json"}};
    const auto r = backfill::validate_exchange(validator, call, options);
    std::size_t bytes = 0, included = 0, long_messages = 0;
    for (const auto& d : r.response.diagnostics) {
      if (d.code != backfill::Code::exchange_included) continue;
      ++included;
      bytes += d.message.size();
      long_messages += d.message.size() >= 200;
    }
    CHECK(included == n);
    CHECK(long_messages == 0);
    return bytes;
  };
  const std::size_t small = total_bytes(1000), large = total_bytes(4000);
  CHECK(large < 5 * small);
}

TEST_CASE("HAR: bodies, page ids and statuses without bodies") {
  const backfill::Validator validator;
  const std::string sent = backfill::json_escape(request());
  const auto har = [&](const std::string& url, const std::string& response_json) {
    return R"({"log": {"entries": [{"request": {"method": "POST", "url": ")" + url + R"(", "postData": {"text": ")" +
           sent + R"("}}, "response": )" + response_json + "}]}}";
  };
  const std::string url = "https://x/api/v2/statuspages/" + kPage + "/maintenances/backfill";
  const std::string body64 = "eyJkYXRhIjp7fX0";  // {"data":{}} in base64, unpadded
  SUBCASE("base64 bodies decode, with or without padding; anything else is BF4009") {
    for (const std::string& text : {body64 + "=", body64, std::string("eyJk\\r\\nYXRhIjp7fX0=")}) {
      const auto ok = backfill::validate_har(
          validator,
          har(url, R"({"status": 201, "content": {"mimeType": "application/json", "encoding": "base64", "text": ")" +
                       text + R"("}})"),
          test::options_at_fixed_now());
      CHECK(summary(ok.file).empty());
      REQUIRE(ok.entries.size() == 1);
      CHECK(ok.entries[0].response_text == R"({"data":{}})");
    }
    for (const std::string& text : {body64 + "*", body64 + "==", std::string("eyJk=YXRh"), std::string("eyJkY")}) {
      CAPTURE(text);
      const auto bad = backfill::validate_har(
          validator, har(url, R"({"status": 201, "content": {"encoding": "base64", "text": ")" + text + R"("}})"),
          test::options_at_fixed_now());
      CHECK(summary(bad.file) == V{"BF4009@/log/entries/0/response/content/text"});
      CHECK(bad.entries.empty());
      CHECK_FALSE(bad.valid());
    }
  }
  SUBCASE("a 204 without a body is one fault: BF4003") {
    const auto r = backfill::validate_har(validator, har(url, R"({"status": 204, "content": {"size": 0}})"),
                                          test::options_at_fixed_now());
    REQUIRE(r.entries.size() == 1);
    const auto& e = r.entries[0].exchange;
    CHECK(summary(e.parameters) == V{"BF4003@/status"});
    CHECK(summary(e.response).empty());
    CHECK(summary(r.file).empty());
  }
  SUBCASE("an empty page id is checked like any page id, not skipped") {
    const auto r = backfill::validate_har(validator,
                                          har("https://x/api/v2/statuspages//maintenances/backfill",
                                              "{\"status\": 429, \"content\": {\"mimeType\": \"application/json\", "
                                              "\"text\": \"{\\\"errors\\\": [\\\"x\\\"]}\"}}"),
                                          test::options_at_fixed_now());
    CHECK(r.skipped == 0);
    REQUIRE(r.entries.size() == 1);
    CHECK(summary(r.entries[0].exchange.parameters) == V{"BF2005@/page_id"});
  }
}

TEST_CASE("exchange: the comparison's findings are the response report's own: one listing, one order") {
  // A changed title (BF4005, found by comparing with the request) after the response's own warning
  // (BF3010 on scheduled_description): one report lists, counts and orders both.
  const std::string resp = replace(response(), R"("title":"Past Database)", R"("title":"Past DB)");
  static const backfill::Validator validator;
  backfill::Options options = test::options_at_fixed_now();
  const std::string sent = request();
  backfill::Exchange call{sent, resp, {kPage, {}, 201, "application/vnd.api+json"}};
  const auto all = backfill::validate_exchange(validator, call, options).response;
  REQUIRE(all.diagnostics.size() >= 2);
  CHECK(std::is_sorted(all.diagnostics.begin(), all.diagnostics.end(), [](const auto& a, const auto& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  }));
  const auto codes = summary(all);
  CHECK(std::count_if(codes.begin(), codes.end(), [](const std::string& s) { return s.rfind("BF4005", 0) == 0; }) == 1);

  options.limits.max_diagnostics = 1;  // errors are listed first; the rest is counted, never lost
  const auto capped = backfill::validate_exchange(validator, call, options).response;
  CHECK_FALSE(capped.valid());
  CHECK(capped.count(backfill::Severity::error) == all.count(backfill::Severity::error));
  CHECK(capped.count(backfill::Severity::warning) == all.count(backfill::Severity::warning));
  REQUIRE_FALSE(capped.diagnostics.empty());
  CHECK(capped.diagnostics.front().code == backfill::Code::exchange_mismatch);
  CHECK(std::count_if(capped.diagnostics.begin(), capped.diagnostics.end(), [](const backfill::Diagnostic& d) {
          return d.code == backfill::Code::diagnostics_truncated;
        }) == 1);
}
