// SARIF output: valid against the official SARIF 2.1.0 schema (OASIS, Errata 01, draft-04), with
// every rule of the catalogue and one located result per diagnostic.
#include "json/json.h"  // first: it configures RapidJSON and valijson

#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "backfill/render.h"
#include "helpers.h"

namespace {

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  doc.Parse(text.data(), text.size());
  REQUIRE_MESSAGE(!doc.HasParseError(), "not JSON: " << text.substr(0, 200));
  return doc;
}

std::vector<backfill::NamedReport> sample_reports() {
  std::vector<backfill::NamedReport> reports;
  reports.push_back({"ok.json", test::check(test::kValidRequest)});
  reports.push_back(
      {"dir/bad name:1.json",
       test::check(test::replace(test::replace(test::kValidRequest, R"("status": "completed")", R"("status": "done")"),
                                 R"("status": "maintenance"})", R"("status": "maintenance", "name": "x"})"))});
  reports.push_back({"piped.json", test::check("{\"data\": [}")});
  reports.push_back({"/abs/path.json", test::check("")});
  return reports;
}

// The official schema, compiled once; nullptr (after a message) when ../shared is absent.
const valijson::Schema* sarif_schema() {
  static std::unique_ptr<valijson::Schema> schema;
  static bool tried = false;
  if (!tried) {
    tried = true;
    const auto shared = test::shared_dir();
    if (shared.empty()) return nullptr;
    // Every $ref in it is local ("#/definitions/..."), so no fetch callback is needed.
    static const rapidjson::Document document =
        parse(test::read_file(shared / "conformance/sarif/sarif-schema-2.1.0.json"));
    schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft4);
    parser.populateSchema(valijson::adapters::RapidJsonAdapter(document), *schema);
  }
  return schema.get();
}

// Validates and (unless told not to) reports each schema error, with its path, as a test message.
bool conforms(const valijson::Schema& schema, const rapidjson::Document& log, bool report = true) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  const bool ok = validator.validate(schema, valijson::adapters::RapidJsonAdapter(log), &results);
  for (auto it = results.begin(); report && it != results.end(); ++it) {
    std::string path;
    for (const auto& part : it->context) path += part;
    MESSAGE(path << ": " << it->description);
  }
  return ok;
}

}  // namespace

TEST_CASE("sarif: the log validates against the official SARIF 2.1.0 schema") {
  const valijson::Schema* schema = sarif_schema();
  if (schema == nullptr) return;  // skipped, with the message from test::shared_dir()
  SUBCASE("several documents with errors, warnings and a malformed one") {
    CHECK(conforms(*schema, parse(backfill::render_sarif(sample_reports()))));
  }
  SUBCASE("no documents") { CHECK(conforms(*schema, parse(backfill::render_sarif({})))); }
  SUBCASE("the golden SARIF files the CLI wrote") {
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "tests/golden/cases")) {
      const std::string name = entry.path().filename().string();
      if (name.find("sarif") == std::string::npos || entry.path().extension() != ".out") continue;
      CAPTURE(name);
      std::string text = test::read_file(entry.path());
      text.erase(0, text.find('\n') + 1);  // the "exit: N" line
      CHECK(conforms(*schema, parse(text)));
      ++checked;
    }
    CHECK(checked >= 4);
  }
  SUBCASE("the check can fail") {
    rapidjson::Document log = parse(backfill::render_sarif(sample_reports()));
    log["runs"][0]["results"][0]["level"].SetString("fatal");
    CHECK_FALSE(conforms(*schema, log, false));
  }
}

TEST_CASE("sarif: driver, rules and results") {
  const auto reports = sample_reports();
  const rapidjson::Document log = parse(backfill::render_sarif(reports));
  CHECK(std::string(log["version"].GetString()) == "2.1.0");
  const auto& run = log["runs"][0];
  const auto& driver = run["tool"]["driver"];
  CHECK(std::string(driver["name"].GetString()) == "backfill-check");
  CHECK(std::string(driver["semanticVersion"].GetString()) == std::string(backfill::version()));
  CHECK(std::string(driver["informationUri"].GetString()).rfind("https://", 0) == 0);
  CHECK(std::string(run["columnKind"].GetString()) == "unicodeCodePoints");

  SUBCASE("every rule of the catalogue, in catalogue order") {
    const auto& rules = driver["rules"];
    REQUIRE(rules.Size() == static_cast<rapidjson::SizeType>(backfill::rules_end() - backfill::rules_begin()));
    rapidjson::SizeType i = 0;
    for (const auto* rule = backfill::rules_begin(); rule != backfill::rules_end(); ++rule, ++i) {
      CAPTURE(rule->id);
      CHECK(std::string(rules[i]["id"].GetString()) == std::string(rule->id));
      CHECK(std::string(rules[i]["name"].GetString()) == std::string(rule->name));
      CHECK(std::string(rules[i]["shortDescription"]["text"].GetString()) == std::string(rule->title));
      CHECK(rules[i]["fullDescription"]["text"].GetStringLength() > 0);
      CHECK(std::string(rules[i]["help"]["text"].GetString()) == std::string(rule->explanation));
      const std::string level = rules[i]["defaultConfiguration"]["level"].GetString();
      CHECK(
          level ==
          (rule->severity == backfill::Severity::info ? "note" : std::string(backfill::severity_name(rule->severity))));
    }
  }

  SUBCASE("one result per diagnostic, located, pointing at its rule") {
    const auto& results = run["results"];
    std::size_t expected = 0;
    for (const auto& named : reports) expected += named.report.diagnostics.size();
    REQUIRE(results.Size() == expected);
    REQUIRE(expected >= 4);
    for (const auto& result : results.GetArray()) {
      const std::string id = result["ruleId"].GetString();
      CAPTURE(id);
      CHECK(std::string(driver["rules"][result["ruleIndex"].GetUint()]["id"].GetString()) == id);
      CHECK(result["message"]["text"].GetStringLength() > 0);
      const auto& location = result["locations"][0]["physicalLocation"];
      CHECK(location["region"]["startLine"].GetUint() >= 1);
      CHECK(location["region"]["startColumn"].GetUint() >= 1);
      CHECK(location["artifactLocation"]["uri"].GetStringLength() > 0);
    }
    // The second document: a warning (read-only name) and an error (status order), in document order.
    const auto& warning = results[0];
    CHECK(std::string(warning["ruleId"].GetString()) == "BF2010");
    CHECK(std::string(warning["level"].GetString()) == "warning");
    CHECK(std::string(warning["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].GetString()) ==
          "dir/bad%20name%3A1.json");
    CHECK(std::string(warning["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"].GetString()) ==
          "%SRCROOT%");
    const auto& error = results[1];
    CHECK(std::string(error["ruleId"].GetString()) == "BF2002");
    CHECK(std::string(error["level"].GetString()) == "error");
    CHECK(error["locations"][0]["physicalLocation"]["region"]["startLine"].GetUint() == 20);
    CHECK(error["locations"][0]["physicalLocation"]["region"]["startColumn"].GetUint() == 21);
    CHECK(std::string(error["properties"]["pointer"].GetString()) == "/data/attributes/updates/1/status");
    // The malformed document and the empty one: a syntax error each, the absolute path as a file: URI.
    CHECK(std::string(results[2]["ruleId"].GetString()) == "BF0002");
    const auto& absolute = results[3]["locations"][0]["physicalLocation"]["artifactLocation"];
    CHECK(std::string(absolute["uri"].GetString()) == "file:///abs/path.json");
    CHECK_FALSE(absolute.HasMember("uriBaseId"));
  }
}
