// A report owns its diagnostics' texts: views into one buffer per report, each followed by a NUL;
// a copy has its own, a move keeps them where they are, add() copies texts in.
#include <memory>
#include <string>
#include <vector>

#include "helpers.h"

namespace {

// The texts of a report's diagnostics, copied out.
std::vector<std::string> texts_of(const backfill::Report& report) {
  std::vector<std::string> out;
  for (const backfill::Diagnostic& d : report.diagnostics) {
    out.emplace_back(d.pointer);
    out.emplace_back(d.message);
    out.emplace_back(d.keyword_location);
  }
  return out;
}

bool nul_terminated(std::string_view text) { return text.data() != nullptr && text.data()[text.size()] == '\0'; }

backfill::Report invalid_report(std::size_t cap = 1000) {
  backfill::Options options = test::options_at_fixed_now();
  options.limits.max_diagnostics = cap;
  return backfill::validate(test::read_file(test::source_dir() / "examples/invalid-request.json"), options);
}

}  // namespace

TEST_CASE("report texts: every text the library writes is followed by a NUL (the C API's strings)") {
  for (std::size_t cap : {std::size_t{1000}, std::size_t{2}}) {  // 2: the BF0006 note is added after
    const backfill::Report report = invalid_report(cap);
    REQUIRE(report.diagnostics.size() >= 3);
    for (const backfill::Diagnostic& d : report.diagnostics) {
      CHECK(nul_terminated(d.pointer));
      CHECK(nul_terminated(d.message));
      CHECK(nul_terminated(d.keyword_location));
    }
  }
}

TEST_CASE("report texts: a copy has its own, which outlive the original") {
  auto original = std::make_unique<backfill::Report>(invalid_report());
  const std::vector<std::string> expected = texts_of(*original);
  REQUIRE(expected.size() >= 9);
  backfill::Report copied(*original);
  backfill::Report assigned;
  assigned = *original;
  for (std::size_t i = 0; i < copied.diagnostics.size(); ++i) {
    CHECK(copied.diagnostics[i].message.data() != original->diagnostics[i].message.data());
    CHECK(assigned.diagnostics[i].pointer.data() != original->diagnostics[i].pointer.data());
    CHECK(nul_terminated(copied.diagnostics[i].message));
  }
  original.reset();  // under ASan, a view left pointing into the original is a use after free
  CHECK(texts_of(copied) == expected);
  CHECK(texts_of(assigned) == expected);
}

TEST_CASE("report texts: a move keeps every view where it is") {
  backfill::Report report = invalid_report();
  const char* message = report.diagnostics[0].message.data();
  const backfill::Report moved(std::move(report));
  CHECK(moved.diagnostics[0].message.data() == message);
}

TEST_CASE("report texts: add() copies texts in; views a caller set elsewhere stay theirs in a copy") {
  backfill::Report report;
  {
    const std::string message = "made by the caller: " + std::string(40, 'x');
    report.add({backfill::Code::internal_error, backfill::Severity::error, "/a", message, 1, 2, ""});
  }  // `message` is gone; the report's copy is not
  CHECK(report.diagnostics[0].message == "made by the caller: " + std::string(40, 'x'));
  CHECK(nul_terminated(report.diagnostics[0].pointer));
  static const char kStatic[] = "a literal of the caller's";
  report.diagnostics.push_back({backfill::Code::internal_error, backfill::Severity::error, "", kStatic, 0, 0, ""});
  const backfill::Report copy(report);
  CHECK(copy.diagnostics[1].message.data() == kStatic);  // not the report's storage: left as it is
  CHECK(copy.diagnostics[0].message.data() != report.diagnostics[0].message.data());
  CHECK(copy.diagnostics[0].message == report.diagnostics[0].message);
}
