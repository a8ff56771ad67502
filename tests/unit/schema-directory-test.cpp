// Schemas read at run time (backfill::load_schemas): the files present replace the contract's,
// verdicts stay those of the reference validator, and a bad or hostile directory is refused with
// the file and the place named, never a crash, a hang or a silent pass.
#include "json/json.h"  // first: it configures RapidJSON and valijson

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "backfill/contracts.h"
#include "backfill/render.h"
#include "helpers.h"
#include "schema/bounds.h"
#include "schema/schema.h"

namespace {

std::filesystem::path schemas_dir(const char* name) { return test::source_dir() / "tests" / "data" / "schemas" / name; }

std::string data_file(const char* name) { return test::read_file(test::source_dir() / "tests" / "data" / name); }

backfill::Options at_fixed_now() {
  backfill::Options options = test::options_at_fixed_now(backfill::Kind::request);
  options.now = backfill::parse_date_time("2026-10-01T00:00:00Z").instant;
  return options;
}

// A fresh directory holding one file, for schemas made up by a test.
struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& name) {
    path = std::filesystem::temp_directory_path() / ("backfill-schemas-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  TempDir& write(const std::string& file, const std::string& text) {
    std::ofstream(path / file, std::ios::binary) << text;
    return *this;
  }
};

}  // namespace

TEST_CASE("load_schemas: a member made optional in the user's request schema") {
  const backfill::LoadedSchemas loaded = backfill::load_schemas(schemas_dir("optional").string());
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  CHECK(loaded.notes.empty());
  const std::string minimal = data_file("client-minimal-request.json");
  CHECK(loaded.validator.validate(minimal, at_fixed_now()).valid());
  CHECK_FALSE(backfill::validate(minimal, at_fixed_now()).valid());
  // The rules still apply, and the jsonschema output names the user's file.
  const backfill::Report report =
      loaded.validator.validate(data_file("../../examples/invalid-request.json"), at_fixed_now());
  CHECK_FALSE(report.valid());
  CHECK(backfill::render_jsonschema(report).find("https://example.com/my-schemas/request.schema.json#") !=
        std::string::npos);
  // The other kinds come from the contract.
  CHECK(loaded.validator
            .validate(data_file("cassette-response.json"),
                      [] {
                        backfill::Options o = at_fixed_now();
                        o.kind = backfill::Kind::response;
                        return o;
                      }())
            .valid());
}

TEST_CASE("load_schemas: a keyword the fast check lacks is said once, and valijson decides") {
  const backfill::LoadedSchemas loaded = backfill::load_schemas(schemas_dir("unsupported").string());
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  REQUIRE(loaded.notes.size() == 1);
  CHECK(loaded.notes[0].find("\"minLength\" at /properties/data/properties/attributes/properties/title") !=
        std::string::npos);
  const backfill::Report empty_title = loaded.validator.validate(data_file("empty-title-request.json"), at_fixed_now());
  CHECK(test::summary(empty_title) == std::vector<std::string>{"BF1006@/data/attributes/title"});
  CHECK(loaded.validator.validate(data_file("../../examples/request.json"), at_fixed_now()).valid());
}

TEST_CASE("load_schemas: the same files as the embedded ones give the same reports") {
  const backfill::LoadedSchemas loaded = backfill::load_schemas((test::source_dir() / "schemas").string());
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  for (const char* name : {"../../examples/invalid-request.json", "wrong-type-request.json"}) {
    CAPTURE(name);
    const std::string text = data_file(name);
    const backfill::Report mine = loaded.validator.validate(text, at_fixed_now());
    const backfill::Report embedded = backfill::validate(text, at_fixed_now());
    CHECK(test::summary(mine) == test::summary(embedded));
    CHECK(backfill::render_jsonschema(mine) == backfill::render_jsonschema(embedded));
  }
  // What the contracts require says nothing about the user's files: no "--contract" hint.
  const backfill::Report minimal = loaded.validator.validate(data_file("client-minimal-request.json"), at_fixed_now());
  REQUIRE(minimal.diagnostics.size() == 2);
  CHECK(minimal.diagnostics[0].message == "missing required member \"components_affected\"");
  backfill::Options other = at_fixed_now();
  other.contract = "openapi-2026-09";  // loaded over the default contract
  const backfill::Report mismatch = loaded.validator.validate("{}", other);
  REQUIRE(mismatch.diagnostics.size() == 1);
  CHECK(mismatch.diagnostics[0].code == backfill::Code::internal_error);
}

TEST_CASE("load_schemas: a directory that cannot be used names the file and the place") {
  struct Case {
    const char* dir;
    const char* expected;
  };
  for (const Case& c :
       {Case{"bad-json", "bad-json/request.schema.json:4:31: not JSON"},
        Case{"not-schema", "not-schema/response.schema.json:4:22: not a draft-07 schema: at /properties/data/type"},
        Case{"bad-ref", "\"#/definitions/Data\" at /properties/data names nothing"}, Case{"cycle", "in a cycle"},
        Case{"missing", "cannot read schema directory"}}) {
    CAPTURE(c.dir);
    const backfill::LoadedSchemas loaded = backfill::load_schemas(schemas_dir(c.dir).string());
    CHECK_FALSE(loaded.ok());
    CHECK_MESSAGE(loaded.error.find(c.expected) != std::string::npos, loaded.error);
    // Never a silent pass: its validator says why it cannot check.
    const backfill::Report report = loaded.validator.validate("{}", at_fixed_now());
    REQUIRE(report.diagnostics.size() == 1);
    CHECK(report.diagnostics[0].code == backfill::Code::internal_error);
    CHECK_FALSE(report.valid());
  }
  CHECK_FALSE(backfill::load_schemas(schemas_dir("optional").string(), "openapi-2099-01").ok());
  CHECK_FALSE(backfill::load_schemas("").ok());
}

TEST_CASE("load_schemas: hostile schemas are refused before use") {
  std::string chain = R"({"$ref": "#/definitions/d0", "definitions": {)";
  for (int i = 0; i < 300; ++i) {
    chain += "\"d" + std::to_string(i) + R"(": {"properties": {"a": {"$ref": "#/definitions/d)" +
             std::to_string(i + 1) + "\"}}},";
  }
  chain += R"("d300": {}}})";
  std::string in_place = R"({"$ref": "#/definitions/d0", "definitions": {)";
  for (int i = 0; i < 40; ++i) {
    in_place +=
        "\"d" + std::to_string(i) + R"(": {"allOf": [{"$ref": "#/definitions/d)" + std::to_string(i + 1) + "\"}]},";
  }
  in_place += R"("d40": {}}})";
  struct Case {
    std::string name, text, expected;
  };
  const Case cases[] = {
      {"deep", std::string(100, '[') + std::string(100, ']'), "nesting is deeper than the limit of 64"},
      {"huge", "\"" + std::string(5u << 20, 'a') + "\"", "larger than"},
      {"chain", chain, "nest deeper than 256"},
      {"in-place", in_place, "one inside another"},
      {"self", R"({"$ref": "#"})", "in a cycle"},
      {"pattern", R"({"properties": {"a": {"pattern": "^(a+)+$"}}})", "\"pattern\" at /properties/a"},
      {"unique", R"({"uniqueItems": true})", "\"uniqueItems\" at the root"},
      {"multiple-of", R"({"properties": {"n": {"multipleOf": 2}}})", "\"multipleOf\" at /properties/n"},
      // valijson decodes %20 and our pointers would not: a cycle for one reader is none for the other.
      {"percent", R"({"definitions": {"a%20b": {}, "a b": {"allOf": [{"$ref": "#/definitions/a%20b"}]}},
                     "allOf": [{"$ref": "#/definitions/a%20b"}]})",
       "percent-encoded"},
      {"remote", R"({"$ref": "https://example.com/x.json#/a"})", "names x.json"},
      {"not-object", "[]", "holds a JSON Schema object"},
      {"utf8", "{\"title\": \"\xff\"}", "not JSON"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.name);
    TempDir dir(c.name);
    dir.write("request.schema.json", c.text);
    const backfill::LoadedSchemas loaded = backfill::load_schemas(dir.path.string());
    CHECK_FALSE(loaded.ok());
    CHECK_MESSAGE(loaded.error.find(c.expected) != std::string::npos, loaded.error);
  }
  TempDir unreadable("unreadable");
  std::filesystem::create_directories(unreadable.path / "request.schema.json");
  const backfill::LoadedSchemas directory = backfill::load_schemas(unreadable.path.string());
  CHECK_MESSAGE(directory.error.find("request.schema.json: not a regular file") != std::string::npos, directory.error);
  // A FIFO named like a schema file: refused at once, never waited on (opening it blocking would hang).
  TempDir fifo("fifo");
  REQUIRE(::mkfifo((fifo.path / "request.schema.json").c_str(), 0600) == 0);
  const backfill::LoadedSchemas pipe = backfill::load_schemas(fifo.path.string());
  CHECK_MESSAGE(pipe.error.find("not a regular file") != std::string::npos, pipe.error);
  // A NUL byte would cut the name short at the system call: another directory would be read.
  CHECK(backfill::load_schemas(schemas_dir("optional").string() + std::string(1, '\0') + "x").error ==
        "the directory name holds a NUL byte");
}

TEST_CASE("load_schemas: a shared file replaces the definitions bundled into the contract's schemas") {
  // The user's common.schema.json accepts a second resource type: the contract's request schema follows.
  std::string common = test::read_file(test::source_dir() / "schemas" / "common.schema.json");
  const std::string from = R"("enum": ["maintenances"])";
  const std::size_t at = common.find(from);
  REQUIRE(at != std::string::npos);
  common.replace(at, from.size(), R"("enum": ["maintenances", "maintenance"])");
  TempDir dir("shared");
  dir.write("common.schema.json", common);
  const backfill::LoadedSchemas loaded = backfill::load_schemas(dir.path.string());
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  auto at_type = [](const backfill::Report& report) {
    for (const backfill::Diagnostic& d : report.diagnostics) {
      if (d.pointer == "/data/type") return true;
    }
    return false;
  };
  const std::string wrong_type = data_file("wrong-type-request.json");
  CHECK(at_type(backfill::validate(wrong_type, at_fixed_now())));
  CHECK_FALSE(at_type(loaded.validator.validate(wrong_type, at_fixed_now())));
}
