// JSONTestSuite (test_parsing/): every y_ file parses, every n_ file is rejected as malformed
// (BF0002/BF0003; BF0004 only where listed), and every i_ file gets the answer recorded in
// tests/expectations/json-test-suite-i.txt. Also run by CI on an -O0 build, where RapidJSON's
// recursion would overflow the stack if the parser were not iterative.
#include "helpers.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>

using backfill::Code;

namespace {

/// The parse failure of a report (its only diagnostic), or nullopt when the document parsed.
std::optional<Code> parse_failure(const backfill::Report& report) {
  for (const auto& d : report.diagnostics) {
    if (backfill::is_parse_failure(d.code)) {
      CHECK(report.diagnostics.size() == 1);
      return d.code;
    }
  }
  return std::nullopt;
}

/// Non-empty, non-comment lines of an expectation file, split into their first two words.
std::map<std::string, std::string> read_expectations(const std::string& name) {
  std::istringstream in(test::read_file(test::source_dir() / "tests" / "expectations" / name));
  std::map<std::string, std::string> out;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string file, answer;
    words >> file >> answer;
    out[file] = answer;
  }
  return out;
}

std::vector<std::filesystem::path> suite_files(const std::filesystem::path& dir, char prefix) {
  std::vector<std::filesystem::path> out;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 2 && name[0] == prefix && name[1] == '_') out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::filesystem::path suite_dir() {
  const auto shared = test::shared_dir();
  return shared.empty() ? shared : shared / "conformance/JSONTestSuite/test_parsing";
}

}  // namespace

TEST_CASE("JSONTestSuite: every y_ file parses") {
  const auto dir = suite_dir();
  if (dir.empty()) return;
  const auto files = suite_files(dir, 'y');
  CHECK(files.size() >= 90);
  for (const auto& path : files) {
    CAPTURE(path.filename().string());
    const auto failure = parse_failure(test::check(test::read_file(path)));
    CHECK_MESSAGE(!failure, "rejected as BF000" << (failure ? static_cast<int>(*failure) : 0));
  }
}

TEST_CASE("JSONTestSuite: every n_ file is rejected as malformed") {
  const auto dir = suite_dir();
  if (dir.empty()) return;
  const auto limits_ok = read_expectations("json-test-suite-n-limits.txt");
  const auto files = suite_files(dir, 'n');
  CHECK(files.size() >= 180);
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    CAPTURE(name);
    const auto failure = parse_failure(test::check(test::read_file(path)));
    REQUIRE(failure);
    if (limits_ok.count(name) != 0) {
      CHECK(backfill::is_parse_failure(*failure));
    } else {
      CHECK((*failure == Code::json_syntax || *failure == Code::json_encoding));
    }
  }
  for (const auto& listed : limits_ok) CHECK_MESSAGE(std::filesystem::exists(dir / listed.first), listed.first);
}

TEST_CASE("JSONTestSuite: every i_ file gets the recorded answer") {
  const auto dir = suite_dir();
  if (dir.empty()) return;
  const auto expected = read_expectations("json-test-suite-i.txt");
  const auto files = suite_files(dir, 'i');
  CHECK(files.size() == expected.size());
  for (const auto& path : files) {
    const std::string name = path.filename().string();
    CAPTURE(name);
    REQUIRE_MESSAGE(expected.count(name) == 1, "not in tests/expectations/json-test-suite-i.txt");
    const bool accepted = !parse_failure(test::check(test::read_file(path)));
    CHECK(expected.at(name) == (accepted ? "accept" : "reject"));
  }
}
