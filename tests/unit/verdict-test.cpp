// The verdict never depends on what is listed (issue 11): for random and mutated documents of every
// kind, with and without --strict, a report's validity and its per-severity totals are the same
// whatever Limits::max_diagnostics is, through the C++ API and the C API; and when the list is cut,
// errors are listed before warnings.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "backfill/backfill.h"
#include "backfill/exchange.h"
#include "backfill/validate.h"
#include "helpers.h"

namespace {

using backfill::Kind;
using backfill::Severity;

std::vector<std::string> seeds() {
  std::vector<std::string> out = {test::kValidRequest, "{}", "[]", R"({"errors":["a",5,{}]})",
                                  R"({"zz":1,"data":{"type":5}})"};
  for (const char* file : {"examples/request.json", "examples/invalid-request.json", "examples/error.json",
                           "tests/data/cassette-request.json", "tests/data/cassette-response.json",
                           "tests/data/response-with-included.json"}) {
    out.push_back(test::read_file(test::source_dir() / file));
  }
  return out;
}

// Mutations that make many findings of mixed severity: unknown members (warnings) in front of
// errors, repeated names, wrong types, cut or doubled text.
std::string mutate(const std::string& text, std::mt19937& rng) {
  std::string out = text;
  const int rounds = 1 + static_cast<int>(rng() % 4);
  for (int r = 0; r < rounds && !out.empty(); ++r) {
    const std::size_t at = rng() % out.size();
    switch (rng() % 8) {
      case 0: {  // a run of unknown members after an opening brace
        const std::size_t brace = out.find('{', at);
        if (brace == std::string::npos) break;
        std::string members;
        const int n = static_cast<int>(rng() % 40);
        for (int i = 0; i < n; ++i) members += "\"zz" + std::to_string(i) + "\":" + std::to_string(i) + ",";
        out.insert(brace + 1, members);
        break;
      }
      case 1: {  // a value of the wrong type
        const std::size_t colon = out.find(':', at);
        if (colon != std::string::npos) out.insert(colon + 1, "[1,{},\"x\"],\"w\":");
        break;
      }
      case 2: out.erase(at, rng() % 16); break;
      case 3: out.insert(at, out.substr(at, rng() % 64)); break;
      case 4: {  // repeat the member that starts here
        const std::size_t quote = out.find("\":", at);
        const std::size_t start = quote == std::string::npos ? quote : out.rfind('"', quote - 1);
        if (start != std::string::npos && start > 0 && out[start - 1] != '\\')
          out.insert(start, out.substr(start, quote + 2 - start) + "0,");
        break;
      }
      case 5: {  // a string value replaced
        const std::size_t quote = out.find("\": \"", at);
        if (quote != std::string::npos) out.insert(quote + 4, "not-a-uuid-or-date");
        break;
      }
      case 6: {  // many empty items in an array
        const std::size_t bracket = out.find('[', at);
        if (bracket == std::string::npos) break;
        std::string items;
        for (int i = 0, n = static_cast<int>(rng() % 30); i < n; ++i) items += "{},";
        out.insert(bracket + 1, items);
        break;
      }
      default: out[at] = "{}[],:\"0a \\"[rng() % 11]; break;
    }
  }
  return out;
}

struct Totals {
  bool valid;
  std::size_t errors, warnings;
  bool operator==(const Totals& o) const { return valid == o.valid && errors == o.errors && warnings == o.warnings; }
};

Totals totals(const backfill::Report& r) { return {r.valid(), r.count(Severity::error), r.count(Severity::warning)}; }

}  // namespace

namespace doctest {
template <>
struct StringMaker<Totals> {
  static String convert(const Totals& t) {
    return (std::string(t.valid ? "valid" : "invalid") + " " + std::to_string(t.errors) + "E " +
            std::to_string(t.warnings) + "W")
        .c_str();
  }
};
}  // namespace doctest

TEST_CASE("verdict: validity and totals are independent of max_diagnostics") {
  const backfill::Validator validator;
  bfc_validator* c_validator = bfc_validator_new();
  std::mt19937 rng(11);
  std::vector<std::string> documents = seeds();
  const std::size_t seeded = documents.size();
  for (std::size_t i = 0; i < 400; ++i) documents.push_back(mutate(documents[i % seeded], rng));
  std::size_t cut = 0, checked = 0;
  for (const std::string& text : documents) {
    for (Kind kind : {Kind::request, Kind::response, Kind::error, Kind::parameters, Kind::automatic}) {
      for (bool strict : {false, true}) {
        backfill::Options options = test::options_at_fixed_now(kind);
        options.strict = strict;
        options.limits.max_diagnostics = std::size_t{1} << 40;
        const backfill::Report full = validator.validate(text, options);
        CHECK(full.suppressed == 0);
        for (std::size_t cap : {0, 1, 2, 10, 1000}) {
          CAPTURE(text);
          CAPTURE(backfill::kind_name(kind));
          CAPTURE(strict);
          CAPTURE(cap);
          options.limits.max_diagnostics = cap;
          const backfill::Report capped = validator.validate(text, options);
          ++checked;
          CHECK(totals(capped) == totals(full));
          CHECK(capped.suppressed_errors + capped.suppressed_warnings <= capped.suppressed);
          if (capped.suppressed == 0) continue;
          ++cut;
          REQUIRE(!capped.diagnostics.empty());
          CHECK(capped.diagnostics.back().code == backfill::Code::diagnostics_truncated);
          CHECK(capped.diagnostics.size() <= cap + 1);
          // Errors first: a warning is listed only when no error was left out.
          const bool lists_warning =
              std::any_of(capped.diagnostics.begin(), capped.diagnostics.end(),
                          [](const backfill::Diagnostic& d) { return d.severity == Severity::warning; });
          if (lists_warning) CHECK(capped.suppressed_errors == 0);
          if (cap == 0 || kind != Kind::request) continue;
          // The C API (max_diagnostics 0 there means the default) says the same.
          bfc_options c_options;
          bfc_options_init(&c_options);
          c_options.kind = "request";
          c_options.now = "2026-01-01T00:00:00Z";
          c_options.strict = strict;
          c_options.max_diagnostics = cap;
          bfc_report* report = bfc_validate(c_validator, text.data(), text.size(), &c_options);
          REQUIRE(report != nullptr);
          CHECK((bfc_report_valid(report) != 0) == full.valid());
          CHECK(bfc_report_count_severity(report, BFC_SEVERITY_ERROR) == full.count(Severity::error));
          CHECK(bfc_report_count_severity(report, BFC_SEVERITY_WARNING) == full.count(Severity::warning));
          CHECK((bfc_report_http_status(report) == 200) == full.valid());
          bfc_report_free(report);
        }
      }
    }
  }
  bfc_validator_free(c_validator);
  MESSAGE(checked << " capped reports compared, " << cut << " of them cut");
  CHECK(cut > 100);  // the property was exercised where it matters
}

TEST_CASE("verdict: 1000 warnings in front of an error no longer make a document valid") {
  std::string members;
  for (int i = 0; i < 1500; ++i) members += "\"zz" + std::to_string(i) + "\": 0, ";
  const std::string text = test::replace(test::kValidRequest, "\"data\": {", "\"data\": {" + members) + " ";
  const std::string broken = test::replace(text, "\"status\": \"completed\"", "\"status\": \"done\"");
  auto options = test::options_at_fixed_now();
  const backfill::Report report = backfill::validate(broken, options);
  CHECK_FALSE(report.valid());
  CHECK(report.count(Severity::error) == 1);
  CHECK(report.count(Severity::warning) == 1500);
  REQUIRE(report.diagnostics.size() == 1001);
  CHECK(report.diagnostics.front().code == backfill::Code::updates_status_order);  // listed first: errors first
  CHECK(report.suppressed_warnings == 501);
  CHECK(report.diagnostics.back().message ==
        "501 further diagnostics were not listed (limit 1000): 0 errors, 501 warnings");
  options.limits.max_diagnostics = 1;
  CHECK_FALSE(backfill::validate(R"({"zz":1,"data":{"type":5}})", options).valid());
}

TEST_CASE("verdict: an exchange's own findings count whatever the cap") {
  // A response that reflects nothing of the request: BF4005 findings beside the response's own.
  const std::string request = test::kValidRequest;
  const std::string response = test::read_file(test::source_dir() / "tests/data/cassette-response.json");
  backfill::Exchange exchange{request, response, {}};
  exchange.parameters.include = "status_page";
  auto options = test::options_at_fixed_now();
  options.limits.max_diagnostics = std::size_t{1} << 40;
  const backfill::Report full = backfill::validate_exchange(backfill::Validator(), exchange, options).response;
  REQUIRE_FALSE(full.valid());
  for (std::size_t cap : {0, 1, 2}) {
    CAPTURE(cap);
    options.limits.max_diagnostics = cap;
    const backfill::Report capped = backfill::validate_exchange(backfill::Validator(), exchange, options).response;
    CHECK(totals(capped) == totals(full));
    CHECK(capped.diagnostics.size() == cap + 1);
    CHECK(capped.diagnostics.back().code == backfill::Code::diagnostics_truncated);
  }
}
