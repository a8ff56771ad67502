// The tool's own JSON output (schemas/output.schema.json): every JSON document the golden files hold
// (records of --format json, jsonschema and problem, the --summary counts, the rule catalogue and
// --explain) is valid against the published definition of what it is.
#include "json/json.h"  // first: it configures RapidJSON and valijson

#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <map>
#include <sstream>

#include "helpers.h"

namespace {

// The published schema with its root pointed at one definition, compiled once per definition.
const valijson::Schema& definition(const std::string& name) {
  static std::map<std::string, std::unique_ptr<valijson::Schema>> compiled;
  auto& schema = compiled[name];
  if (!schema) {
    static rapidjson::Document document;  // the adapters refer to it while compiling
    const std::string text = test::read_file(test::source_dir() / "schemas/output.schema.json");
    document.Parse(text.data(), text.size());
    REQUIRE_FALSE(document.HasParseError());
    document.RemoveMember("oneOf");
    document.AddMember("$ref", rapidjson::Value(("#/definitions/" + name).c_str(), document.GetAllocator()),
                       document.GetAllocator());
    schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser(valijson::SchemaParser::kDraft7)
        .populateSchema(valijson::adapters::RapidJsonAdapter(document), *schema);
  }
  return *schema;
}

bool conforms(const rapidjson::Value& value, const std::string& name, bool report = true) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  const bool ok = validator.validate(definition(name), valijson::adapters::RapidJsonAdapter(value), &results);
  for (auto it = results.begin(); report && it != results.end(); ++it) {
    std::string path;
    for (const auto& part : it->context) path += part;
    MESSAGE(path << ": " << it->description);
  }
  return ok;
}

// Every JSON value in `text`, one after another (records are one per line; the catalogue spans lines).
std::vector<rapidjson::Document> json_values(const std::string& text) {
  std::vector<rapidjson::Document> out;
  std::size_t at = text.find_first_not_of(" \n");
  while (at != std::string::npos) {
    rapidjson::Document doc;
    rapidjson::StringStream stream(text.c_str() + at);
    doc.ParseStream<rapidjson::kParseStopWhenDoneFlag>(stream);
    REQUIRE_MESSAGE(!doc.HasParseError(), "not JSON at offset " << at << ": " << text.substr(at, 120));
    REQUIRE(stream.Tell() > 0);
    at = text.find_first_not_of(" \n", at + stream.Tell());
    out.push_back(std::move(doc));
  }
  return out;
}

// Which definition a golden case's output follows, from its arguments; "" when it is not JSON output.
std::string definition_of(const std::string& args) {
  std::istringstream in(args);
  std::vector<std::string> words{std::istream_iterator<std::string>(in), std::istream_iterator<std::string>()};
  const auto has = [&](const char* word) { return std::find(words.begin(), words.end(), word) != words.end(); };
  const auto format = std::find(words.begin(), words.end(), "--format");
  const std::string name = format != words.end() && format + 1 != words.end() ? *(format + 1) : "text";
  if (name == "json")
    return has("--list-rules") ? "rules" : has("--explain") ? "rule" : has("--summary") ? "summary" : "record";
  if (name == "jsonschema") return "jsonschemaRecord";
  if (name == "problem") return "problemRecord";
  return "";
}

}  // namespace

TEST_CASE("output schema: every JSON output of the golden files follows schemas/output.schema.json") {
  std::map<std::string, int> checked;  // definition -> documents
  for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "tests/golden/cases")) {
    if (entry.path().extension() != ".args") continue;
    const std::string kind = definition_of(test::read_file(entry.path()));
    if (kind.empty()) continue;
    std::filesystem::path out = entry.path();
    out.replace_extension(".out");
    std::string text = test::read_file(out);
    const int exit_code = std::stoi(text.substr(text.find(' ') + 1));
    text.erase(0, text.find('\n') + 1);            // the "exit: N" line
    if (exit_code == 2 && text.empty()) continue;  // a usage error prints nothing on stdout
    CAPTURE(entry.path().filename().string());
    for (const rapidjson::Document& doc : json_values(text)) {
      CHECK(conforms(doc, kind));
      ++checked[kind];
    }
  }
  for (const char* kind : {"record", "jsonschemaRecord", "problemRecord", "summary", "rules", "rule"}) {
    CAPTURE(kind);
    CHECK(checked[kind] >= 1);
  }
  CHECK(checked["record"] >= 10);
}

TEST_CASE("output schema: the check can fail") {
  rapidjson::Document record;
  record.Parse(R"({"source":"a.json","kind":"request","valid":true,"diagnostics":[]})");
  CHECK(conforms(record, "record"));
  record.AddMember("extra", 1, record.GetAllocator());
  CHECK_FALSE(conforms(record, "record", false));
  rapidjson::Document summary;
  summary.Parse(R"({"documents": 1, "valid": 1, "invalid": 0, "malformed": 0, "errors": 0})");
  CHECK_FALSE(conforms(summary, "summary", false));  // "warnings" is missing
  rapidjson::Document problem;
  problem.Parse(R"({"type":"x","title":"t","status":418,"detail":"d","errors":[]})");
  CHECK_FALSE(conforms(problem, "problemRecord", false));
}

TEST_CASE("output schema: the published schema is valid draft-07 and its root accepts each kind") {
  const std::string text = test::read_file(test::source_dir() / "schemas/output.schema.json");
  rapidjson::Document schema;
  schema.Parse(text.data(), text.size());
  REQUIRE_FALSE(schema.HasParseError());
  const std::string meta_text = test::read_file(test::source_dir() / "schemas/meta/draft-07.schema.json");
  rapidjson::Document meta;
  meta.Parse(meta_text.data(), meta_text.size());
  valijson::Schema metaschema;
  valijson::SchemaParser(valijson::SchemaParser::kDraft7)
      .populateSchema(valijson::adapters::RapidJsonAdapter(meta), metaschema);
  valijson::Validator validator;
  CHECK(validator.validate(metaschema, valijson::adapters::RapidJsonAdapter(schema), nullptr));
  CHECK(std::string(schema["$id"].GetString()) == "https://backfill-check.dev/schemas/output.schema.json");
}
