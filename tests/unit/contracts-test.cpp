// Named contracts: the same rules under every contract, the schemas of the chosen one, and a
// "required" diagnostic that says which contract requires the member.
#include "json/json.h"  // first: it configures RapidJSON and valijson

#include "backfill/contracts.h"
#include "backfill/exchange.h"
#include "helpers.h"

namespace {

backfill::Report check_under(const std::string& text, std::string_view contract,
                             backfill::Kind kind = backfill::Kind::request) {
  backfill::Options options = test::options_at_fixed_now(kind);
  options.now = backfill::parse_date_time("2026-10-01T00:00:00Z").instant;
  options.contract = contract;
  return backfill::validate(text, options);
}

std::string data_file(const char* name) { return test::read_file(test::source_dir() / "tests" / "data" / name); }

}  // namespace

TEST_CASE("contracts: the table names the default first, and only its rows") {
  const std::vector<backfill::ContractSummary> all = backfill::contracts();
  REQUIRE(all.size() >= 2);
  CHECK(all[0].name == backfill::kDefaultContract);
  CHECK(backfill::is_contract(""));
  CHECK(backfill::is_contract("openapi-2026-09"));
  CHECK_FALSE(backfill::is_contract("openapi-2099-01"));
  const backfill::Report unknown = check_under("{}", "openapi-2099-01");
  REQUIRE(unknown.diagnostics.size() == 1);
  CHECK(unknown.diagnostics[0].code == backfill::Code::internal_error);
}

TEST_CASE("contracts: the client's minimal request (no components_affected) is valid only under openapi-2026-09") {
  const std::string minimal = data_file("client-minimal-request.json");
  const backfill::Report reference = check_under(minimal, "");
  CHECK(test::summary(reference) ==
        std::vector<std::string>{"BF1002@/data/attributes/updates/0", "BF1002@/data/attributes/updates/1"});
  for (const backfill::Diagnostic& d : reference.diagnostics) {
    CHECK(d.message ==
          "missing required member \"components_affected\" (required by contract reference; "
          "--contract openapi-2026-09 makes it optional)");
  }
  CHECK(check_under(minimal, "openapi-2026-09").diagnostics.empty());
  // A member both contracts require carries no hint.
  const backfill::Report both =
      check_under(test::replace(minimal, "\"title\": \"DB upgrade\", ", ""), "openapi-2026-09");
  REQUIRE(test::summary(both) == std::vector<std::string>{"BF1002@/data/attributes"});
  CHECK(both.diagnostics[0].message == "missing required member \"title\"");
}

TEST_CASE("contracts: the rules hold under every contract") {
  const std::string minimal = data_file("client-minimal-request.json");
  const std::string reversed = test::replace(
      test::replace(test::replace(minimal, "in_progress", "@"), "completed", "in_progress"), "@", "completed");
  const std::string equal = test::replace(minimal, "2026-09-01T11:00:00Z", "2026-09-01T12:00:00+02:00");
  for (const backfill::ContractSummary& contract : backfill::contracts()) {
    CAPTURE(contract.name);
    const std::vector<std::string> order = test::summary(check_under(reversed, contract.name));
    CHECK(std::count(order.begin(), order.end(), "BF2002@/data/attributes/updates/0/status") == 1);
    const std::vector<std::string> instants = test::summary(check_under(equal, contract.name));
    CHECK(std::count(instants.begin(), instants.end(), "BF2003@/data/attributes/updates/1/started_at") == 1);
  }
}

TEST_CASE("contracts: canceled_description is known to openapi-2026-09 only") {
  const std::string response = data_file("canceled-response.json");
  const auto unknown = [](const backfill::Report& report) {
    const std::vector<std::string> s = test::summary(report);
    return std::count(s.begin(), s.end(), "BF2011@/data/attributes/canceled_description");
  };
  CHECK(unknown(check_under(response, "", backfill::Kind::response)) == 1);
  CHECK(unknown(check_under(response, "openapi-2026-09", backfill::Kind::response)) == 0);
}

TEST_CASE("contracts: every schema is self-contained and says which contract it is") {
  for (const backfill::ContractSummary& contract : backfill::contracts()) {
    for (backfill::Kind kind :
         {backfill::Kind::request, backfill::Kind::response, backfill::Kind::error, backfill::Kind::parameters}) {
      CAPTURE(contract.name);
      CAPTURE(backfill::kind_name(kind));
      const std::string text(backfill::schema_text(kind, contract.name));
      rapidjson::Document doc;
      doc.Parse(text.data(), text.size());
      REQUIRE_FALSE(doc.HasParseError());
      CHECK(text.find(".schema.json#") == std::string::npos);  // no reference into another file
    }
  }
  CHECK(backfill::schema_text(backfill::Kind::request, "openapi-2026-09") !=
        backfill::schema_text(backfill::Kind::request, ""));
  CHECK(backfill::schema_text(backfill::Kind::error, "openapi-2026-09") ==
        backfill::schema_text(backfill::Kind::error, ""));  // a file the contract does not replace is shared
  CHECK(backfill::schema_text(backfill::Kind::request, "nope").empty());
}

TEST_CASE("contracts: an unknown contract is one BF0001 from every entry point, never a crash") {
  const backfill::Validator validator;
  backfill::Options options;
  options.contract = "openapi-2099-01";
  const std::string request = test::read_file(test::source_dir() / "tests/data/cassette-request.json");
  const std::string response = test::read_file(test::source_dir() / "tests/data/cassette-response.json");
  const auto is_bf0001 = [](const backfill::Report& r) {
    return !r.valid() && r.diagnostics.size() == 1 && r.diagnostics[0].code == backfill::Code::internal_error;
  };
  CHECK(is_bf0001(validator.validate(request, options)));
  const backfill::ExchangeReport exchange = backfill::validate_exchange(validator, {request, response, {}}, options);
  CHECK((is_bf0001(exchange.request) && is_bf0001(exchange.response) && is_bf0001(exchange.parameters)));
  const std::string har = R"({"log": {"entries": []}})";
  CHECK(is_bf0001(backfill::validate_har(validator, har, options).file));
  CHECK(is_bf0001(backfill::validate_har(validator, "{", options).file));
}
