// One Validator shared by 8 threads validating mixed documents must give exactly the single-threaded
// results. CI runs this under ThreadSanitizer (scripts/tsan.sh), which also reports any data race.
#include "helpers.h"

#include <atomic>
#include <thread>

namespace {

struct Job {
  std::string text;
  backfill::Kind kind;
};

std::vector<Job> mixed_jobs() {
  const auto examples = test::source_dir() / "examples";
  std::vector<Job> jobs = {
      {test::kValidRequest, backfill::Kind::request},
      {test::read_file(examples / "invalid-request.json"), backfill::Kind::request},
      {test::read_file(examples / "malformed.json"), backfill::Kind::request},
      {test::read_file(examples / "error.json"), backfill::Kind::error},
      {test::kValidRequest, backfill::Kind::response},
      {test::kValidRequest, backfill::Kind::error},
      {test::replace(test::kValidRequest, "\"title\": \"Past", "\"title\": \"A\", \"title\": \"Past"),
       backfill::Kind::request},
      {test::replace(test::kValidRequest, "2021-11-11T10:11:11+00:00", std::string(5000, '2')),
       backfill::Kind::request},
      {test::replace(test::kValidRequest, "\"in_progress\"", "\"completed\""), backfill::Kind::request},
      {std::string(1000, '[') + std::string(1000, ']'), backfill::Kind::request},
      {R"({"data": "\udfaa"})", backfill::Kind::request},
      {"{\"errors\": [\"x\"]}\0trailing", backfill::Kind::error},
  };
  return jobs;
}

/// Everything a report says, as one comparable string.
std::string fingerprint(const backfill::Report& report) {
  std::string out = report.valid() ? "valid" : "invalid";
  for (const auto& d : report.diagnostics) {
    out += "\n" + std::string(backfill::rule_info(d.code).id) + " " + std::string(backfill::severity_name(d.severity)) +
           " " + std::string(d.pointer) + " " + std::to_string(d.line) + ":" + std::to_string(d.column) + " " +
           std::string(d.message) + " " + std::string(d.keyword_location);
  }
  return out;
}

}  // namespace

TEST_CASE("threads: one Validator, 8 threads, mixed documents, single-threaded results") {
  const backfill::Validator validator;
  const auto jobs = mixed_jobs();
  std::vector<std::string> expected;
  for (const auto& job : jobs)
    expected.push_back(fingerprint(validator.validate(job.text, test::options_at_fixed_now(job.kind))));
  CHECK(expected[0] == "valid");
  CHECK(expected[1] != expected[0]);

  constexpr int kThreads = 8;
  constexpr int kRounds = 25;
  std::atomic<int> mismatches{0}, runs{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round) {
        for (std::size_t i = 0; i < jobs.size(); ++i) {
          const std::size_t j = (i + static_cast<std::size_t>(t)) % jobs.size();  // each thread in its own order
          const auto options = test::options_at_fixed_now(jobs[j].kind);
          // Half the threads use the process-wide validator behind backfill::validate().
          const auto report =
              t % 2 == 0 ? validator.validate(jobs[j].text, options) : backfill::validate(jobs[j].text, options);
          if (fingerprint(report) != expected[j]) ++mismatches;
          ++runs;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(runs == kThreads * kRounds * static_cast<int>(jobs.size()));
  CHECK(mismatches == 0);
}
