// The draft7 JSON-Schema-Test-Suite run through the project's reference validator (valijson as
// src/schema/reference.cpp configures it, "format" stripped). Every test either passes or is a deviation
// listed, with its reason, in tests/expectations/schema-test-suite-draft7.txt; a listed deviation
// that no longer happens fails too, so the list stays exact. Formats are the rule layer's job: the
// uuid and date-time format tests run through its checkers in conformance-test.cpp.
#include "helpers.h"

#include <sstream>

#include "schema/schema.h"  // first: src/json/json.h configures RapidJSON before any of its headers

#include "json-text.h"

namespace {

struct Deviation {
  std::string file, group, test, reason;
  bool seen = false;
};

std::string trim(std::string text) {
  const auto begin = text.find_first_not_of(' ');
  const auto end = text.find_last_not_of(' ');
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

// Lines "file | group description | test description or * | reason".
std::vector<Deviation> read_deviations() {
  std::istringstream in(test::read_file(test::source_dir() / "tests/expectations/schema-test-suite-draft7.txt"));
  std::vector<Deviation> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields;
    std::istringstream parts(line);
    for (std::string field; std::getline(parts, field, '|');) fields.push_back(trim(field));
    REQUIRE_MESSAGE(fields.size() == 4, "malformed expectation line: " << line);
    REQUIRE_MESSAGE(!fields[3].empty(), "deviation without a reason: " << line);
    out.push_back({fields[0], fields[1], fields[2], fields[3]});
  }
  return out;
}

std::string string_of(const rapidjson::Value& object, const char* name) {
  const auto found = object.FindMember(name);
  return found != object.MemberEnd() && found->value.IsString() ? found->value.GetString() : "";
}

}  // namespace

TEST_CASE("JSON-Schema-Test-Suite draft7 through the schema layer: deviations are exactly the listed ones") {
  const auto shared = test::shared_dir();
  if (shared.empty()) return;
  const auto root = shared / "conformance/JSON-Schema-Test-Suite/tests/draft7";
  std::vector<std::filesystem::path> files;
  for (const auto& dir : {root, root / "optional"}) {
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  auto expected = read_deviations();
  int passed = 0, deviated = 0;
  for (const auto& path : files) {
    const std::string file = std::filesystem::relative(path, root).generic_string();
    const std::string text = test::read_file(path);
    rapidjson::Document suite;
    suite.Parse(text.data(), text.size());
    REQUIRE_MESSAGE(!suite.HasParseError(), file);
    for (const auto& group : suite.GetArray()) {
      const std::string group_name = string_of(group, "description");
      backfill::detail::CompiledSchema schema;
      std::string compile_error;
      try {
        schema.compile(test::json_text(group["schema"]));
      } catch (const std::exception& e) { compile_error = e.what(); }
      for (const auto& t : group["tests"].GetArray()) {
        const std::string test_name = string_of(t, "description");
        bool agrees = false;
        if (compile_error.empty()) {
          try {
            agrees = schema.accepts(t["data"], backfill::detail::SchemaEngine::reference) == t["valid"].GetBool();
          } catch (const std::exception&) {
            agrees = false;  // a throw is a deviation (the validator turns it into BF0001)
          }
        }
        if (agrees) {
          ++passed;
          continue;
        }
        ++deviated;
        auto listed = std::find_if(expected.begin(), expected.end(), [&](const Deviation& d) {
          return d.file == file && d.group == group_name && (d.test == "*" || d.test == test_name);
        });
        CHECK_MESSAGE(listed != expected.end(),
                      "unlisted deviation: " << file << " | " << group_name << " | " << test_name << " | "
                                             << (compile_error.empty() ? "wrong answer" : compile_error));
        if (listed != expected.end()) listed->seen = true;
      }
    }
  }
  for (const auto& d : expected) {
    CHECK_MESSAGE(d.seen, "listed deviation no longer happens: " << d.file << " | " << d.group << " | " << d.test);
  }
  MESSAGE("draft7: " << passed << " tests pass, " << deviated << " listed deviations");
  CHECK(passed > 700);
}
