// The schema fast path against the reference (valijson): identical verdicts and schema failures on
// seeds and on every single mutation of every value of them, and identical reports from a Validator
// whose schemas decide with the reference engine (valijson decides and describes every document,
// the schema walk always runs).
#include "json/json.h"  // first: it configures RapidJSON and valijson

#include <cstdlib>
#include <memory>

#include "backfill/contracts.h"
#include "helpers.h"
#include "json-text.h"
#include "oracles.h"
#include "rules/context.h"
#include "schema/embedded.h"
#include "schema/schema.h"
#include "schema/walk.h"

namespace {

using backfill::Kind;
using backfill::detail::FastCheck;
using backfill::detail::SchemaModel;
using Allocator = rapidjson::Document::AllocatorType;

constexpr int kMutations = 22;

// Replaces or edits `v` in one of kMutations ways (some only apply to objects or arrays).
void apply(rapidjson::Value& v, int mutation, Allocator& a) {
  switch (mutation) {
    case 0: v.SetNull(); break;
    case 1: v.SetBool(true); break;
    case 2: v.SetInt(7); break;
    case 3: v.SetDouble(2.5); break;
    case 4: v.SetString("", a); break;
    case 5: v.SetString("maintenances", a); break;
    case 6: v.SetString("in_progress", a); break;
    case 7: v.SetString("operational", a); break;
    case 8: v.SetString("4e9d3726bdd70079613ce9aaba89eb01", a); break;
    case 9: v.SetArray(); break;
    case 10: v.SetObject(); break;
    case 11:
      if (v.IsObject() && v.MemberCount() > 0) v.RemoveMember(v.MemberBegin());
      break;
    case 12:
      if (v.IsObject()) v.AddMember("extra", 1, a);
      break;
    case 13:
      if (v.IsObject()) v.AddMember("name", "Login", a);
      break;
    case 14:
      if (v.IsArray() && !v.Empty()) {
        rapidjson::Value copy(v[0], a);
        v.PushBack(copy, a);
      }
      break;
    case 15:
      if (v.IsArray() && !v.Empty()) v.PopBack();
      break;
    case 16:
      if (v.IsObject() && v.MemberCount() > 0) {  // a repeated member name
        rapidjson::Value name(v.MemberBegin()->name, a), value(rapidjson::kStringType);
        value.SetString("again", a);
        v.AddMember(name, value, a);
      }
      break;
    case 17:
      if (v.IsObject()) v.AddMember("type", "users", a);
      break;
    case 18: v.SetString("2021-11-11 10:11:11", a); break;
    case 19: v.SetUint64(10000000000000000000ULL); break;
    case 20: v.SetString("completed", a); break;
    case 21:
      if (v.IsObject()) v.AddMember("started-at", "2021-11-11T10:11:11Z", a);
      break;
  }
}

// Mutates the `target`-th value of the tree in pre-order; false when there are fewer values.
bool mutate(rapidjson::Value& v, std::size_t& counter, std::size_t target, int mutation, Allocator& a) {
  if (counter++ == target) {
    apply(v, mutation, a);
    return true;
  }
  if (v.IsObject()) {
    for (auto& m : v.GetObject()) {
      if (mutate(m.value, counter, target, mutation, a)) return true;
    }
  } else if (v.IsArray()) {
    for (auto& item : v.GetArray()) {
      if (mutate(item, counter, target, mutation, a)) return true;
    }
  }
  return false;
}

// One line per diagnostic with every field that reaches the user.
std::vector<std::string> describe(const backfill::Report& report) {
  std::vector<std::string> out;
  for (const auto& d : report.diagnostics) {
    out.push_back(std::string(backfill::rule_info(d.code).id) + " " + std::string(backfill::severity_name(d.severity)) +
                  " " + std::string(d.pointer) + " " + std::to_string(d.line) + ":" + std::to_string(d.column) + " " +
                  std::string(d.keyword_location) + " " + std::string(d.message));
  }
  return out;
}

std::unique_ptr<backfill::Validator> reference_validator() {
  return std::make_unique<backfill::Validator>(
      backfill::detail::make_validator(backfill::detail::SchemaEngine::reference));
}

std::vector<std::string> seeds() {
  std::vector<std::string> out{test::kValidRequest};
  for (const char* name : {"examples/request.json", "examples/invalid-request.json", "examples/error.json",
                           "tests/data/cassette-request.json", "tests/data/cassette-response.json",
                           "tests/data/response-with-included.json"}) {
    const auto path = test::source_dir() / name;
    if (std::filesystem::exists(path)) out.push_back(test::read_file(path));
  }
  return out;
}

// A model and the fast check over it (a model that does not compile leaves the check unusable).
struct Compiled {
  SchemaModel model;
  FastCheck fast{model};
  bool usable() const { return fast.usable(); }
  std::string unsupported() const { return model.error().empty() ? model.unsupported() : model.error(); }
};

std::unique_ptr<Compiled> compiled(std::string_view text) {
  auto out = std::make_unique<Compiled>();
  out->model.compile(text);
  return out;
}

}  // namespace

TEST_CASE("fast path: compiles every embedded schema that uses only supported keywords") {
  for (Kind kind : {Kind::request, Kind::response, Kind::error}) {
    CAPTURE(backfill::kind_name(kind));
    const auto fast = compiled(backfill::detail::embedded_schema(kind));
    CHECK_MESSAGE(fast->usable(), fast->unsupported());
  }
}

TEST_CASE("fast path: refuses what it does not implement, so valijson decides") {
  for (const char* schema : {R"({"type": "string", "pattern": "^a"})", R"({"properties": {"a": true}})",
                             R"({"items": [{"type": "string"}]})", R"({"enum": [1, 2]})",
                             R"({"properties": {"a": {"$id": "x", "type": "string"}}})", R"({"$ref": "other.json#/a"})",
                             R"({"type": "strnig"})", R"({"minimum": 1})",
                             R"({"$ref": "#/definitions/a", "type": "string", "definitions": {"a": {}}})", "[]"}) {
    CAPTURE(schema);
    const auto fast = compiled(schema);
    CHECK_FALSE(fast->usable());
    CHECK_FALSE(fast->unsupported().empty());
    rapidjson::Document doc;
    doc.Parse("\"b\"");
    CHECK(fast->fast.check(doc) == FastCheck::Verdict::unknown);
  }
}

TEST_CASE("fast path: valijson's semantics for the keywords it implements") {
  auto verdict = [](const char* schema, const char* instance) {
    const auto fast = compiled(schema);
    REQUIRE_MESSAGE(fast->usable(), fast->unsupported());
    rapidjson::Document doc;
    doc.Parse(instance);
    REQUIRE_FALSE(doc.HasParseError());
    return fast->fast.check(doc);
  };
  using V = FastCheck::Verdict;
  SUBCASE("integer is any number that is not a double") {
    CHECK(verdict(R"({"type": "integer"})", "3") == V::valid);
    CHECK(verdict(R"({"type": "integer"})", "3.0") == V::invalid);
    CHECK(verdict(R"({"type": ["string", "null"]})", "null") == V::valid);
  }
  SUBCASE("keywords apply only to their type") {
    CHECK(verdict(R"({"required": ["a"], "minItems": 2})", "\"x\"") == V::valid);
    CHECK(verdict(R"({"required": ["a"]})", R"({"b": 1})") == V::invalid);
  }
  SUBCASE("a repeated name: first occurrence counts; additionalProperties false counts members") {
    CHECK(verdict(R"({"properties": {"a": {"type": "string"}}})", R"({"a": "x", "a": 1})") == V::valid);
    CHECK(verdict(R"({"properties": {"a": {"type": "string"}}})", R"({"a": 1, "a": "x"})") == V::invalid);
    CHECK(verdict(R"({"properties": {"a": {}}, "additionalProperties": false})", R"({"a": 1})") == V::valid);
    CHECK(verdict(R"({"properties": {"a": {}}, "additionalProperties": false})", R"({"a": 1, "a": 2})") == V::invalid);
    CHECK(verdict(R"({"required": ["b"], "additionalProperties": false})", R"({"b": 1})") == V::invalid);
  }
  SUBCASE("oneOf is exactly one") {
    const char* schema = R"({"oneOf": [{"type": "string"}, {"type": "string", "enum": ["a"]}, {"type": "integer"}]})";
    CHECK(verdict(schema, "\"b\"") == V::valid);
    CHECK(verdict(schema, "\"a\"") == V::invalid);
    CHECK(verdict(schema, "null") == V::invalid);
  }
  SUBCASE("a recursive schema deeper than the fast path goes is unknown, not a verdict") {
    const char* schema =
        R"({"$ref": "#/definitions/list", "definitions": {"list": {"type": "array", "items": {"$ref": "#/definitions/list"}}}})";
    const std::string deep = std::string(300, '[') + std::string(300, ']');
    CHECK(verdict(schema, "[[[]]]") == V::valid);
    CHECK(verdict(schema, deep.c_str()) == V::unknown);
  }
}

TEST_CASE("fast path: same verdicts and reports as valijson on seeds and their mutations") {
  const auto reference = reference_validator();
  const backfill::Validator fast;
  backfill::Options options = test::options_at_fixed_now();
  std::size_t documents = 0, invalid = 0;
  for (const std::string& seed : seeds()) {
    rapidjson::Document original;
    original.Parse(seed.data(), seed.size());
    REQUIRE_FALSE(original.HasParseError());
    std::vector<std::string> texts{seed};
    for (std::size_t target = 0;; ++target) {
      bool exists = false;
      for (int mutation = 0; mutation < kMutations; ++mutation) {
        rapidjson::Document doc;
        doc.CopyFrom(original, doc.GetAllocator());
        std::size_t counter = 0;
        exists = mutate(doc, counter, target, mutation, doc.GetAllocator());
        if (!exists) break;
        texts.push_back(test::json_text(doc));
      }
      if (!exists) break;
    }
    // automatic too: the schema walk's read-only check depends on the requested kind.
    for (const backfill::ContractSummary& contract : backfill::contracts()) {
      options.contract = contract.name;
      for (Kind kind : {Kind::request, Kind::response, Kind::error, Kind::automatic}) {
        options.kind = kind;
        for (const std::string& text : texts) {
          CAPTURE(text);
          CAPTURE(backfill::kind_name(kind));
          CAPTURE(contract.name);
          REQUIRE(test::fast_path_agrees(text, kind, contract.name));
          const backfill::Report expected = reference->validate(text, options);
          const backfill::Report actual = fast.validate(text, options);
          REQUIRE(describe(actual) == describe(expected));
          ++documents;
          invalid += !expected.valid();
        }
      }
    }
  }
  MESSAGE(documents << " documents compared, " << invalid << " of them invalid");
  CHECK(documents > 1000);
  CHECK(invalid > documents / 4);
  CHECK(invalid < documents);  // both verdicts are exercised
}

TEST_CASE("fast path: names the common schema failures itself, and leaves the rest to valijson") {
  auto failures = [](const char* schema, const char* instance, std::vector<backfill::detail::SchemaFailure>& out) {
    backfill::detail::CompiledSchema compiled;
    compiled.compile(schema);
    REQUIRE_MESSAGE(compiled.fast().usable(), compiled.model().unsupported());
    rapidjson::Document doc;
    doc.Parse(instance);
    REQUIRE_FALSE(doc.HasParseError());
    out.clear();
    backfill::detail::Findings found;
    const bool sure = compiled.fast().report_failures(doc, found, false);
    for (const backfill::detail::Finding& f : found.list) {
      out.push_back({f.code, std::string(f.keyword), f.node, f.text->pointer, f.text->keyword_location, f.text->message,
                     std::string(f.related)});
    }
    if (sure) {
      const auto expected = compiled.reference().failures(doc);
      REQUIRE(out.size() == expected.size());
      for (std::size_t i = 0; i < out.size(); ++i) {
        CHECK(out[i].code == expected[i].code);
        CHECK(out[i].pointer == expected[i].pointer);
        CHECK(out[i].keyword_location == expected[i].keyword_location);
        CHECK(out[i].message == expected[i].message);
        CHECK(out[i].missing == expected[i].missing);
        CHECK(out[i].node == expected[i].node);
      }
    }
    return sure;
  };
  std::vector<backfill::detail::SchemaFailure> out;
  const char* schema = R"({"type": "object", "required": ["b", "a"],
      "properties": {"a": {"type": "string", "enum": ["x", "y"]}, "b": {"type": "array", "minItems": 2,
      "items": {"$ref": "#/definitions/n"}}}, "definitions": {"n": {"type": "integer"}}})";
  SUBCASE("type, enum, minItems, items through $ref, several missing members in byte order") {
    CHECK(failures(schema, R"({"a": 1, "b": [1, "2"]})", out));
    CHECK(out.size() == 2);  // "a" fails its type only: the enum failure is dropped
    CHECK(failures(schema, R"({"a": "z", "b": [1]})", out));
    CHECK(out.size() == 2);
    CHECK(failures(schema, R"({})", out));
    REQUIRE(out.size() == 2);
    CHECK(out[0].missing == "a");
    CHECK(failures(schema, R"([])", out));
    CHECK(out.size() == 1);
  }
  SUBCASE("valijson's own wording or its branch retries are left to it") {
    CHECK_FALSE(failures(R"({"additionalProperties": false})", R"({"a": 1})", out));
    CHECK_FALSE(failures(R"({"type": "object", "oneOf": [{"required": ["a"]}, {"required": ["b"]}]})", "{}", out));
    CHECK_FALSE(failures(R"({"enum": ["a"], "required": ["b"]})", "{}", out));
    CHECK(failures(R"({"oneOf": [{"type": "string"}, {"type": "integer"}]})", "1", out));
    CHECK(out.empty());
  }
  SUBCASE("a failing oneOf alone in its subschema is one failure, as the valijson layer keeps it") {
    const char* one_of = R"({"oneOf": [{"type": "string"}, {"type": "integer"}]})";
    CHECK(failures(one_of, "true", out));
    REQUIRE(out.size() == 1);
    CHECK(out[0].keyword == "oneOf");
    CHECK(out[0].keyword_location == "/oneOf");
    const char* items =
        R"({"type": "array", "items": {"oneOf": [{"type": "object", "required": ["a"]}, {"type": "string"}]}})";
    CHECK(failures(items, R"([{"a": 1}, 3, {"b": 2}, "s", true])", out));  // each compared with valijson above
    CHECK(out.size() == 3);
    CHECK(failures(R"({"oneOf": [{"type": "integer"}, {"type": "number"}]})", "1", out));  // both match
    CHECK(out.size() == 1);
  }
}
