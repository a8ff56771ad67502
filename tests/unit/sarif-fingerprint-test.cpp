// SARIF partialFingerprints: code scanning matches an alert from run to run by them, so they must not
// move when lines are inserted above a finding, and must tell different findings apart.
#include "json/json.h"  // first: it configures RapidJSON and valijson

#include <set>

#include "backfill/render.h"
#include "helpers.h"

namespace {

struct Result {
  std::string rule, fingerprint;
  unsigned line = 0;
};

std::vector<Result> results_of(const std::string& document, const std::string& name = "maintenance.json") {
  const std::string log = backfill::render_sarif({{name, test::check(document)}});
  rapidjson::Document doc;
  doc.Parse(log.data(), log.size());
  REQUIRE_FALSE(doc.HasParseError());
  std::vector<Result> out;
  for (const auto& result : doc["runs"][0]["results"].GetArray()) {
    out.push_back({result["ruleId"].GetString(), result["partialFingerprints"]["backfillCheckFinding/v1"].GetString(),
                   result["locations"][0]["physicalLocation"]["region"]["startLine"].GetUint()});
  }
  return out;
}

// A request with an error (the end's status) and a warning (a component's name).
std::string invalid_request() {
  return test::replace(test::replace(test::kValidRequest, R"("status": "completed")", R"("status": "done")"),
                       R"("status": "maintenance"})", R"("status": "maintenance", "name": "x"})");
}

}  // namespace

TEST_CASE("sarif fingerprints: stable across runs and line shifts, distinct across findings") {
  const std::string kInvalid = invalid_request();
  const std::vector<Result> first = results_of(kInvalid);
  REQUIRE(first.size() >= 2);
  SUBCASE("two runs on the same document agree") {
    const std::vector<Result> again = results_of(kInvalid);
    REQUIRE(again.size() == first.size());
    for (std::size_t i = 0; i < first.size(); ++i) CHECK(again[i].fingerprint == first[i].fingerprint);
  }
  SUBCASE("a line inserted above every finding moves the lines, not the fingerprints") {
    const std::vector<Result> shifted = results_of("\n" + kInvalid);
    REQUIRE(shifted.size() == first.size());
    for (std::size_t i = 0; i < first.size(); ++i) {
      CAPTURE(first[i].rule);
      CHECK(shifted[i].line == first[i].line + 1);
      CHECK(shifted[i].fingerprint == first[i].fingerprint);
    }
  }
  SUBCASE("every finding of a run has its own fingerprint") {
    std::set<std::string> distinct;
    for (const Result& r : first) distinct.insert(r.fingerprint);
    CHECK(distinct.size() == first.size());
  }
  SUBCASE("identical findings (NDJSON lines of one file) are told apart by their order") {
    const backfill::Report report = test::check(kInvalid);
    const std::string log = backfill::render_sarif({{"batch.ndjson", report}, {"batch.ndjson", report}});
    rapidjson::Document doc;
    doc.Parse(log.data(), log.size());
    const auto& results = doc["runs"][0]["results"];
    REQUIRE(results.Size() == 2 * report.diagnostics.size());
    const std::string a = results[0]["partialFingerprints"]["backfillCheckFinding/v1"].GetString();
    const std::string b =
        results[report.diagnostics.size()]["partialFingerprints"]["backfillCheckFinding/v1"].GetString();
    CHECK(a != b);
    CHECK(a.substr(0, a.find(':')) == b.substr(0, b.find(':')));
  }
  SUBCASE("the same finding in another file is another alert") {
    const std::vector<Result> other = results_of(kInvalid, "other.json");
    CHECK(other[0].fingerprint != first[0].fingerprint);
  }
  SUBCASE("the check can fail: another value at the same place is another finding") {
    const std::vector<Result> changed =
        results_of(test::replace(kInvalid, R"("status": "done")", R"("status": "finished")"));
    std::set<std::string> before;
    for (const Result& r : first) before.insert(r.fingerprint);
    int moved = 0;
    for (const Result& r : changed) moved += before.count(r.fingerprint) == 0;
    CHECK(moved == 1);
  }
}
