// A finding costs no allocation of its own when it is listed (its pointer and message are written,
// once it is listed, into one buffer the report takes over; rendered as JSON without copies) and
// next to none when it is only counted, however many there are: large requests copied from a GET carry a
// read-only name on most components. Counted as allocations on the validating thread
// (tests/support/alloc-counter.h), never as time.
#include <doctest/doctest.h>

#include <string>

#include "../support/alloc-counter.h"
#include "backfill/render.h"
#include "backfill/validate.h"

namespace {

// Allocations one listed finding may add, validated and rendered as JSON: a share of the growing
// containers, its compact record's among them (0.03-0.07 measured; two strings each would be 2).
constexpr double kPerListedFinding = 0.15;
// Allocations one finding that is only counted may add (its compact record, 64 to a chunk: 0.017
// measured; a deque's four to a chunk would be 0.25).
constexpr double kPerCountedFinding = 0.05;

// A request whose `components` components each carry, when `named`, the read-only "name" (one
// BF2010 warning per component and update) and, every third one, an id that is not a UUID (one
// BF2005 error; a letter past f in front, so that ids stay distinct).
std::string request(std::size_t components, bool named) {
  std::string list;
  for (std::size_t i = 0; i < components; ++i) {
    char id[48];
    std::snprintf(id, sizeof id, "4e9d3726-bdd7-0079-613c-%012zx", i);
    std::string item = std::string(R"({"id":")") + (named && i % 3 == 0 ? "g" + std::string(id + 1) : std::string(id)) +
                       R"(","status":"operational")";
    if (named) item += R"(,"name":"Component )" + std::to_string(i) + "\"";
    list += (i ? "," : "") + item + "}";
  }
  return R"({"data":{"type":"maintenances","attributes":{"title":"t","updates":[)"
         R"({"description":"a","started_at":"2021-11-11T11:11:11Z","status":"in_progress","components_affected":[)" +
         list +
         R"(]},{"description":"b","started_at":"2021-11-11T12:11:11Z","status":"completed","components_affected":[)" +
         list + "]}]}}}";
}

struct Cost {
  std::size_t allocations = 0;
  std::size_t listed = 0;
  std::size_t found = 0;
};

Cost validate_and_render(const backfill::Validator& validator, const std::string& body, std::size_t max_listed) {
  backfill::Options options;
  options.kind = backfill::Kind::request;
  options.now = backfill::parse_date_time("2026-01-01T00:00:00Z").instant;
  options.limits.max_diagnostics = max_listed;
  Cost cost;
  cost.allocations = test::measure_allocations([&] {
                       const backfill::Report report = validator.validate(body, options);
                       const std::string json = backfill::render_json(report, "r.json");
                       cost.listed = report.diagnostics.size();
                       cost.found = report.count(backfill::Severity::error) + report.count(backfill::Severity::warning);
                     }).count;
  return cost;
}

}  // namespace

TEST_CASE("finding cost: no allocation of its own per listed finding, next to none per counted one") {
  if (!test::counting_allocations()) {
    MESSAGE("skipped: this build cannot count allocations");
    return;
  }
  const backfill::Validator validator;
  validator.validate("{}");  // compile the schemas before measuring
  Cost counted_at[2];
  std::size_t size = 0;
  for (std::size_t components : {300, 1200}) {
    CAPTURE(components);
    const Cost stripped = validate_and_render(validator, request(components, false), 1 << 20);
    REQUIRE(stripped.found == 0);
    const Cost listed = validate_and_render(validator, request(components, true), 1 << 20);
    REQUIRE(listed.found == 2 * components + 2 * ((components + 2) / 3));
    REQUIRE(listed.listed == listed.found);
    const double per_listed = double(listed.allocations - stripped.allocations) / double(listed.listed);
    MESSAGE(components, " components: ", per_listed, " allocations per listed finding");
    CHECK(per_listed <= kPerListedFinding);
    const Cost counted = validate_and_render(validator, request(components, true), 10);
    REQUIRE(counted.listed == 11);  // ten and the BF0006 note
    REQUIRE(counted.found == listed.found);
    counted_at[size++] = {counted.allocations - stripped.allocations, counted.listed, counted.found};
  }
  // What each further counted finding adds (the texts of those that may be listed are a fixed part).
  const double per_counted =
      double(counted_at[1].allocations - counted_at[0].allocations) / double(counted_at[1].found - counted_at[0].found);
  MESSAGE(per_counted, " allocations per further counted finding");
  CHECK(per_counted <= kPerCountedFinding);
}
