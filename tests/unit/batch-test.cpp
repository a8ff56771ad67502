// NDJSON batches (src/cli/batch.cpp): the text in flight across threads is bounded whatever --jobs is.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/batch.h"
#include "helpers.h"

namespace {

// Runs a batch of `lines` lines of `line_bytes` bytes each at --jobs 16 with a budget; returns the
// most bytes that were in flight at once.
std::size_t peak_in_flight(std::size_t lines, std::size_t line_bytes, std::size_t budget) {
  const std::filesystem::path path = std::filesystem::temp_directory_path() / "backfill-batch-test.ndjson";
  {
    std::ofstream out(path, std::ios::binary);
    for (std::size_t i = 0; i < lines; ++i) out << "{\"data\": \"" << std::string(line_bytes - 13, 'x') << "\"}\n";
  }
  static const backfill::Validator validator;
  cli::BatchSettings settings;
  settings.jobs = 16;
  settings.summary = true;
  settings.in_flight_bytes = budget;
  std::size_t peak = 0;
  settings.peak_in_flight = &peak;
  cli::Output output(backfill::Format::json, false, backfill::RenderOptions{});
  const int code = cli::check_ndjson(validator, test::options_at_fixed_now(), {path.string()}, settings, output);
  std::filesystem::remove(path);
  CHECK(code == cli::kExitInvalid);  // {"data": "x..."} is not a request
  return peak;
}

}  // namespace

TEST_CASE("NDJSON: bytes in flight stay within the budget at any --jobs") {
  SUBCASE("many small lines") {
    const std::size_t peak = peak_in_flight(64, 100'000, 1u << 20);
    CHECK(peak > 0);
    CHECK(peak <= (1u << 20));  // without the budget: 2 x 16 batches of ~300 KB
  }
  SUBCASE("a line larger than the budget is validated alone") {
    const std::size_t peak = peak_in_flight(4, 3'000'000, 1u << 20);
    CHECK(peak >= 3'000'000);
    CHECK(peak < 2 * 3'000'000);  // one such line at a time, never two
  }
}
