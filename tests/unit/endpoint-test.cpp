#include <random>

#include <fmt/format.h>

#include "helpers.h"

#include "backfill/builder.h"
#include "backfill/endpoint.h"
#include "backfill/exchange.h"
#include "json/json.h"

namespace {

constexpr std::string_view kPage = "bbf96c2c-48cf-4951-96d2-f5b503c93c49";
const std::string kPath = "/api/v2/statuspages/" + std::string(kPage) + "/maintenances/backfill";

std::string valid_request() {
  return backfill::RequestBuilder()
      .title("Past Database Maintenance")
      .component("4e9d3726-bdd7-0079-613c-e9aaba89eb01")
      .start("2021-11-11T10:11:11+00:00", "in progress")
      .end("2021-11-11T11:11:11+00:00", "done")
      .build()
      .json;
}

backfill::HttpRequest post(std::string_view target, std::string_view body, std::string_view accept = "") {
  backfill::HttpRequest request;
  request.method = "POST";
  request.target = target;
  request.content_type = "application/json";
  request.accept = accept;
  request.body = body;
  return request;
}

// A valid request with random titles, components, offsets, fractions and spans.
std::string random_request(std::mt19937_64& random) {
  static const char* titles[] = {"Past Database Maintenance", "caf\xc3\xa9 \"quoted\" \\ title",
                                 "\xe6\x97\xa5\xe6\x9c\xac", ""};
  static const char* offsets[] = {"Z", "z", "+00:00", "+05:30", "-08:00", "+14:00"};
  backfill::RequestBuilder builder;
  builder.title(titles[random() % 4]);
  const std::size_t components = 1 + random() % 6;
  for (std::size_t i = 0; i < components; ++i) {
    std::string id = backfill::random_uuid();
    if (random() % 2)
      std::transform(id.begin(), id.end(), id.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    builder.component(id,
                      random() % 3 ? backfill::ComponentStatus::maintenance : backfill::ComponentStatus::operational);
  }
  const std::int64_t start = 1'500'000'000 + static_cast<std::int64_t>(random() % 200'000'000);
  const std::uint64_t fraction = random() % 3 ? (random() % 1000) * 1'000'000'000'000'000ull : 0;
  const backfill::Instant first{start, fraction};
  const backfill::Instant second{start + 1 + static_cast<std::int64_t>(random() % 100'000),
                                 random() % 2 ? fraction : 0};
  builder.start(first, "in progress \xe2\x9c\x93").end(second, "completed");
  std::string json = builder.build(test::options_at_fixed_now()).json;
  // Rewrite the first update's instant with an offset, as clients in other zones send it.
  const std::string z = backfill::format_instant(first);
  const std::string offset = offsets[random() % 6];
  if (offset != "Z" && offset != "z") {
    const int sign = offset[0] == '-' ? -1 : 1;
    const int minutes = sign * (std::stoi(offset.substr(1, 2)) * 60 + std::stoi(offset.substr(4, 2)));
    std::string local = backfill::format_instant({first.seconds + minutes * 60, first.attoseconds});
    local.pop_back();
    json.replace(json.find(z), z.size(), local + offset);
  }
  return json;
}

}  // namespace

TEST_CASE("mock: every 201 passes the response and exchange validation, under --strict") {
  const backfill::Validator validator;
  std::mt19937_64 random(20261129);
  static const char* includes[] = {"",
                                   "status_page",
                                   "created_by_user",
                                   "last_modified_by_user",
                                   "status_page,created_by_user",
                                   "created_by_user,last_modified_by_user,status_page"};
  backfill::EndpointOptions options;
  options.validation = test::options_at_fixed_now();
  backfill::Options strict = options.validation;
  strict.strict = true;
  std::size_t created = 0;
  for (int i = 0; i < 3000; ++i) {
    const std::string body = random_request(random);
    const std::string include = includes[random() % 6];
    const std::string target = include.empty() ? kPath : kPath + "?include=" + include;
    const backfill::HttpAnswer answer = backfill::answer_mock(validator, post(target, body), options);
    REQUIRE_MESSAGE(answer.status == 201, body, "\n", answer.body);
    CHECK(answer.content_type == "application/vnd.api+json");
    backfill::Parameters parameters{std::string(kPage),
                                    include.empty() ? std::nullopt : std::optional<std::string>(include), 201,
                                    answer.content_type};
    const backfill::ExchangeReport report =
        backfill::validate_exchange(validator, {body, answer.body, parameters}, strict);
    INFO(body, "\n", answer.body);
    REQUIRE(report.valid());
    CHECK(report.response.diagnostics.empty());
    created += 1;
  }
  CHECK(created == 3000);
}

TEST_CASE("mock: the 201 is the recorded exchange's shape") {
  const backfill::Validator validator;
  const std::string body = valid_request();
  const backfill::HttpAnswer answer = backfill::answer_mock(validator, post(kPath, body), {});
  REQUIRE(answer.status == 201);
  // Member order of the live API's answer (shared/reference/cassettes).
  std::size_t at = 0;
  for (std::string_view member :
       {"\"data\"", "\"id\"", "\"type\":\"maintenances\"", "\"attributes\"", "\"completed_date\"",
        "\"completed_description\"", "\"components_affected\"", "\"in_progress_description\"", "\"modified_at\"",
        "\"published_date\"", "\"start_date\"", "\"status\":\"completed\"", "\"title\"", "\"updates\"",
        "\"relationships\"", "\"created_by_user\"", "\"last_modified_by_user\"", "\"status_page\""}) {
    const std::size_t found = answer.body.find(member, at);
    CHECK_MESSAGE(found != std::string::npos, member);
    if (found != std::string::npos) at = found;
  }
  CHECK(answer.body.find("\"start_date\":\"2021-11-11T10:11:11Z\"") != std::string::npos);
  CHECK(answer.body.find("\"completed_date\":\"2021-11-11T11:11:11Z\"") != std::string::npos);
  CHECK(answer.body.find("\"included\"") == std::string::npos);
}

TEST_CASE("endpoint: the API's statuses and error shapes") {
  const backfill::Validator validator;
  const std::string body = valid_request();
  const auto errors_shape = [](const backfill::HttpAnswer& answer) {
    rapidjson::Document doc;
    doc.Parse(answer.body.data(), answer.body.size());
    return answer.content_type == "application/json" && !doc.HasParseError() && doc.IsObject() &&
           doc.HasMember("errors") && doc["errors"].IsArray() && doc["errors"].Size() > 0 &&
           doc["errors"][0].IsString();
  };
  SUBCASE("other paths: 404; other methods: 405 with Allow") {
    const backfill::HttpAnswer missing = backfill::answer_mock(validator, post("/api/v2/other", body));
    CHECK(missing.status == 404);
    CHECK(errors_shape(missing));
    backfill::HttpRequest get = post(kPath, "");
    get.method = "GET";
    const backfill::HttpAnswer method = backfill::answer_mock(validator, get);
    CHECK(method.status == 405);
    CHECK(errors_shape(method));
    REQUIRE(method.headers.size() == 1);
    CHECK(method.headers[0] == std::pair<std::string, std::string>("Allow", "POST"));
  }
  SUBCASE("keys: 403 with require_auth, in the API's shape") {
    backfill::EndpointOptions options;
    options.require_auth = true;
    backfill::HttpRequest request = post(kPath, body);
    CHECK(backfill::answer_mock(validator, request, options).status == 403);
    request.api_key = true;
    CHECK(backfill::answer_mock(validator, request, options).status == 403);
    request.application_key = true;
    CHECK(backfill::answer_mock(validator, request, options).status == 201);
  }
  SUBCASE("content type 415, size 413") {
    backfill::HttpRequest request = post(kPath, body);
    request.content_type = "text/plain";
    CHECK(backfill::answer_mock(validator, request).status == 415);
    request.content_type = "Application/JSON; charset=utf-8";
    CHECK(backfill::answer_mock(validator, request).status == 201);
    request.content_type = "application/vnd.api+json";
    CHECK(backfill::answer_mock(validator, request).status == 201);
    backfill::EndpointOptions options;
    options.validation.limits.max_bytes = body.size() - 1;
    CHECK(backfill::answer_mock(validator, request, options).status == 413);
  }
  SUBCASE("bad page id, include or body: 400, one string per error with code and pointer") {
    const backfill::HttpAnswer page =
        backfill::answer_mock(validator, post("/api/v2/statuspages/nope/maintenances/backfill", body));
    CHECK(page.status == 400);
    CHECK(errors_shape(page));
    CHECK(page.body.find("BF2005 uuid-format at /page_id") != std::string::npos);
    const backfill::HttpAnswer include =
        backfill::answer_mock(validator, post(kPath + "?include=status_page,,x", body));
    CHECK(include.status == 400);
    CHECK(include.codes.find("BF4001") != std::string::npos);
    std::string late = body;
    const std::string status = "\"status\":\"completed\"";
    REQUIRE(late.find(status) != std::string::npos);
    late.replace(late.find(status), status.size(), "\"status\":\"done\"");
    const backfill::HttpAnswer invalid = backfill::answer_mock(validator, post(kPath, late));
    CHECK(invalid.status == 400);
    CHECK(errors_shape(invalid));
    CHECK(invalid.body.find("BF2002 updates-status-order at /data/attributes/updates/1/status") != std::string::npos);
    const backfill::HttpAnswer problem =
        backfill::answer_mock(validator, post(kPath, late, "application/problem+json"));
    CHECK(problem.status == 400);
    CHECK(problem.content_type == "application/problem+json");
    CHECK(problem.body.find("\"status\":400") != std::string::npos);
    CHECK(backfill::answer_mock(validator, post(kPath, "{\"data\": ")).status == 400);
  }
  SUBCASE("the errors an answer quotes are neutral") {
    const backfill::HttpAnswer page =
        backfill::answer_mock(validator, post("/api/v2/statuspages/%1B%5B31m%E2%80%AE/maintenances/backfill", body));
    CHECK(page.status == 400);
    CHECK(page.body.find('\x1b') == std::string::npos);
    CHECK(page.body.find("\xe2\x80\xae") == std::string::npos);
  }
}

TEST_CASE("endpoint: Accept negotiation of problem details") {
  CHECK_FALSE(backfill::prefers_problem(""));
  CHECK_FALSE(backfill::prefers_problem("*/*"));
  CHECK_FALSE(backfill::prefers_problem("application/json"));
  CHECK(backfill::prefers_problem("application/problem+json"));
  CHECK(backfill::prefers_problem("application/problem+json, */*;q=0.5"));
  CHECK(backfill::prefers_problem("application/json;q=0.5, application/problem+json"));
  CHECK_FALSE(backfill::prefers_problem("application/json, application/problem+json;q=0.9"));
  CHECK_FALSE(backfill::prefers_problem("application/problem+json;q=0"));
}
