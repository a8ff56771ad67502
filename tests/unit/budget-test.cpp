// Memory and work are bounded by the input on every path (issue 11): for each hostile shape and
// each entry point, what validating allocates grows linearly with the input, within stated
// constants (docs/api.md, "Resource budgets"). Measured as allocated bytes and allocation counts
// on the validating thread (tests/support/alloc-counter.h), never as time or RSS.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "../support/alloc-counter.h"
#include "backfill/backfill.h"
#include "backfill/contracts.h"
#include "backfill/exchange.h"
#include "backfill/validate.h"
#include "helpers.h"

namespace {

// The promise, stated in docs/api.md: peak heap of one validation <= kPeakPerInputByte x input
// bytes + kPeakFixed; every allocation counted, total bytes allocated <= kTotalPerInputByte x input
// + kTotalFixed (the work done building texts, a proxy for time).
constexpr double kPeakPerInputByte = 128;
constexpr double kPeakFixed = 24 << 20;
constexpr double kTotalPerInputByte = 256;
constexpr double kTotalFixed = 64 << 20;
// Linear: four times the input costs at most this many times as much (above the fixed part).
constexpr double kGrowth = 4.6;

const char* kUuid = "4e9d3726-bdd7-0079-613c-e9aaba89eb01";

std::string request(const std::string& components, const std::string& extra_attributes = "",
                    const std::string& updates_tail = "") {
  return std::string(R"({"data":{"type":"maintenances","attributes":{)") + extra_attributes +
         R"("title":"t","updates":[{"description":"a","started_at":"2021-11-11T11:11:11Z","status":"in_progress","components_affected":[)" +
         components +
         R"(]},{"description":"b","started_at":"2021-11-11T12:11:11Z","status":"completed","components_affected":[)" +
         components + "]}" + updates_tail + "]}}}";
}

std::string repeat(std::size_t n, const std::function<std::string(std::size_t)>& part, const char* separator = ",") {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += separator;
    out += part(i);
  }
  return out;
}

std::string response(std::size_t n_updates, std::size_t n_included) {
  std::string updates = repeat(n_updates, [](std::size_t i) {
    return R"({"id":"u)" + std::to_string(i) +
           R"(","started_at":"nope","status":"x","components_affected":[{"id":"c","status":"y"}]})";
  });
  std::string included = repeat(n_included, [](std::size_t i) {
    return R"({"id":"i)" + std::to_string(i) + R"(","type":"users","attributes":{"zz":1}})";
  });
  return std::string(R"({"data":{"type":"maintenances","id":")") + kUuid +
         R"(","attributes":{"status":"completed","updates":[)" + updates + R"(]},"relationships":{}},"included":[)" +
         included + "]}";
}

struct Shape {
  const char* name;
  backfill::Kind kind;
  std::function<std::string(std::size_t)> make;
};

const std::vector<Shape>& shapes() {
  using backfill::Kind;
  static const std::vector<Shape> all = {
      {"repeated name + empty items", Kind::request,
       [](std::size_t n) { return request(repeat(n, [](std::size_t) { return "{}"; }), R"("title":"x",)"); }},
      {"empty items", Kind::request,
       [](std::size_t n) { return request(repeat(n, [](std::size_t) { return "{}"; })); }},
      {"wrong types", Kind::request, [](std::size_t n) { return request(repeat(n, [](std::size_t) { return "5"; })); }},
      {"unknown members", Kind::request,
       [](std::size_t n) {
         return request("", repeat(n, [](std::size_t i) { return "\"zz" + std::to_string(i) + "\":0"; }) + ",");
       }},
      {"one member repeated", Kind::request,
       [](std::size_t n) { return request("", repeat(n, [](std::size_t) { return std::string("\"zz\":0"); }) + ","); }},
      {"warnings then errors", Kind::request,
       [](std::size_t n) {
         return request("", repeat(n, [](std::size_t i) { return "\"zz" + std::to_string(i) + "\":0"; }) + ",",
                        R"(,{"x":1})");
       }},
      {"bad uuids", Kind::request,
       [](std::size_t n) {
         return request(repeat(
             n, [](std::size_t i) { return R"({"id":"x)" + std::to_string(i) + R"(","status":"maintenance"})"; }));
       }},
      {"components with names", Kind::request,
       [](std::size_t n) {
         return request(repeat(n, [](std::size_t) {
           return std::string(R"({"id":")") + kUuid + R"(","status":"maintenance","name":"c"})";
         }));
       }},
      {"long string", Kind::request,
       [](std::size_t n) { return request("", "\"title\":\"" + std::string(8 * n, 'y') + "\","); }},
      {"repeats under a long name", Kind::automatic,
       [](std::size_t n) {
         return "{\"" + std::string(4 * n, 'n') + "\":{" +
                repeat(
                    n / 4,
                    [](std::size_t i) { return "\"a" + std::to_string(i) + "\":1,\"a" + std::to_string(i) + "\":1"; }) +
                "},\"data\":5}";
       }},
      {"containers under a long name", Kind::request,
       [](std::size_t n) {
         return "{\"x\":1,\"x\":2,\"" + std::string(4 * n, 'n') + "\":[" + repeat(n, [](std::size_t) { return "[]"; }) +
                "]}";
       }},
      {"deep and wide", Kind::automatic,
       [](std::size_t n) {
         return std::string(100, '[') + repeat(n, [](std::size_t) { return "{\"a\":[1]}"; }) + std::string(100, ']');
       }},
      {"response: bad updates", Kind::response, [](std::size_t n) { return response(n, 0); }},
      {"response: unreferenced included", Kind::response, [](std::size_t n) { return response(1, n); }},
      {"error: wrong items", Kind::error,
       [](std::size_t n) { return R"({"errors":[)" + repeat(n, [](std::size_t) { return "{\"a\":1}"; }) + "]}"; }},
  };
  return all;
}

struct Measured {
  std::size_t input = 0;
  test::AllocationCost cost;
};

// Checks the stated constants at each size, and linear growth from the smallest to the largest.
void check_budget(const char* what, const std::vector<Measured>& runs) {
  for (const Measured& m : runs) {
    CAPTURE(what);
    CAPTURE(m.input);
    CAPTURE(m.cost.peak_bytes);
    CAPTURE(m.cost.total_bytes);
    CAPTURE(m.cost.count);
    CHECK(static_cast<double>(m.cost.peak_bytes) <= kPeakPerInputByte * static_cast<double>(m.input) + kPeakFixed);
    CHECK(static_cast<double>(m.cost.total_bytes) <= kTotalPerInputByte * static_cast<double>(m.input) + kTotalFixed);
  }
  const Measured& small = runs.front();
  const Measured& large = runs.back();
  const double scale = static_cast<double>(large.input) / static_cast<double>(small.input);
  CAPTURE(what);
  CAPTURE(scale);
  CAPTURE(small.cost.peak_bytes);
  CAPTURE(large.cost.peak_bytes);
  CAPTURE(small.cost.count);
  CAPTURE(large.cost.count);
  const double slack = kGrowth / 4.0 * scale;
  CHECK(static_cast<double>(large.cost.peak_bytes) <= slack * static_cast<double>(small.cost.peak_bytes) + (1 << 20));
  CHECK(static_cast<double>(large.cost.total_bytes) <= slack * static_cast<double>(small.cost.total_bytes) + (1 << 20));
  CHECK(static_cast<double>(large.cost.count) <= slack * static_cast<double>(small.cost.count) + 1000);
  if (std::getenv("BACKFILL_BUDGET_FIGURES") != nullptr) {
    for (const Measured& m : runs) {
      std::printf("%-40s %10zu bytes in  %10zu peak (%5.1f/B)  %11zu total  %8zu allocations\n", what, m.input,
                  m.cost.peak_bytes, static_cast<double>(m.cost.peak_bytes) / static_cast<double>(m.input),
                  m.cost.total_bytes, m.cost.count);
    }
  }
}

constexpr std::size_t kSizes[] = {5000, 10000, 20000};

const backfill::Validator& validator() {
  static const backfill::Validator shared;
  return shared;
}

}  // namespace

TEST_CASE("budget: every hostile shape through validate(), as its kind and as auto") {
  if (!test::counting_allocations()) {
    MESSAGE("skipped: this build cannot count allocations");
    return;
  }
  validator().validate("{}");  // compile the schemas before measuring
  for (const Shape& shape : shapes()) {
    for (backfill::Kind kind : {shape.kind, backfill::Kind::automatic}) {
      const std::string what = std::string(shape.name) + " as " + std::string(backfill::kind_name(kind));
      std::vector<Measured> runs;
      for (std::size_t n : kSizes) {
        const std::string text = shape.make(n);
        backfill::Options options = test::options_at_fixed_now();
        options.kind = kind;
        Measured m;
        m.input = text.size();
        m.cost = test::measure_allocations([&] {
          const backfill::Report report = validator().validate(text, options);
          CHECK(report.diagnostics.size() <= options.limits.max_diagnostics + 1);
        });
        runs.push_back(m);
      }
      check_budget(what.c_str(), runs);
    }
  }
}

TEST_CASE("budget: parameters, exchanges, HAR files and the C API") {
  if (!test::counting_allocations()) {
    MESSAGE("skipped: this build cannot count allocations");
    return;
  }
  validator().validate("{}");
  auto measure = [](const char* what, const std::function<std::size_t(std::size_t)>& run) {
    std::vector<Measured> runs;
    for (std::size_t n : kSizes) {
      Measured m;
      m.cost = test::measure_allocations([&] { m.input = run(n); });
      runs.push_back(m);
    }
    check_budget(what, runs);
  };
  const std::string relationships = "status_page,created_by_user,last_modified_by_user,nope";
  auto include_list = [&](std::size_t n) { return repeat(n / 4, [&](std::size_t) { return relationships; }); };
  measure("parameters: long include", [&](std::size_t n) {
    backfill::Parameters p;
    p.page_id = std::string(n, 'p');
    p.include = include_list(n);
    backfill::validate_parameters(validator(), p, test::options_at_fixed_now());
    return p.page_id->size() + p.include->size();
  });
  measure("exchange: components and include", [&](std::size_t n) {
    const std::string req = request(repeat(n / 8, [](std::size_t i) {
      return R"({"id":"4e9d3726-bdd7-0079-613c-)" + std::to_string(100000000000 + i) + R"(","status":"maintenance"})";
    }));
    const std::string resp = response(n / 8, n / 8);
    backfill::Exchange exchange{req, resp, {}};
    exchange.parameters.include = include_list(n);
    exchange.parameters.page_id = kUuid;
    backfill::validate_exchange(validator(), exchange, test::options_at_fixed_now());
    return req.size() + resp.size() + exchange.parameters.include->size();
  });
  measure("har: include and entries", [&](std::size_t n) {
    std::string url = std::string("https://api.datadoghq.com/api/v2/statuspages/") + kUuid +
                      "/maintenances/backfill?include=" + include_list(n);
    const std::string body = request(R"({"id":")" + std::string(kUuid) + R"(","status":"maintenance"})");
    std::string escaped;
    for (char c : body) {
      if (c == '"') escaped += '\\';
      escaped += c;
    }
    std::string entry =
        R"({"request":{"method":"POST","url":")" + url + R"(","postData":{"text":")" + escaped +
        R"("}},"response":{"status":201,"content":{"mimeType":"application/vnd.api+json","text":"{}"}}})";
    const std::string har = R"({"log":{"entries":[)" + repeat(1 + n / 2000, [&](std::size_t) { return entry; }) + "]}}";
    backfill::validate_har(validator(), har, test::options_at_fixed_now());
    return har.size();
  });
  measure("C API: warnings then errors", [&](std::size_t n) {
    const std::string text = shapes()[5].make(n);
    bfc_report* report = bfc_validate(nullptr, text.data(), text.size(), nullptr);
    bfc_report_free(report);
    return text.size();
  });
}

TEST_CASE("budget: listing every fact of a dense flood reserves no more than the text budget") {
  if (!test::counting_allocations()) {
    MESSAGE("skipped: this build cannot count allocations");
    return;
  }
  // Each "" (3 bytes of input) is a uuid fact; with no limit on diagnostics all are listed, but the
  // text budget describes about a quarter: the report's texts must not be reserved for all of them.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("backfill-budget-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "request.schema.json")
      << R"({"$schema":"http://json-schema.org/draft-07/schema#","items":{"format":"uuid"}})";
  const backfill::LoadedSchemas loaded = backfill::load_schemas(dir.string());
  std::filesystem::remove_all(dir);
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  const std::string text = "[" + repeat(200000, [](std::size_t) { return std::string("\"\""); }) + "]";
  backfill::Options options = test::options_at_fixed_now(backfill::Kind::request);
  options.limits.max_diagnostics = std::size_t{1} << 40;
  loaded.validator.validate("[]", options);  // compile the schemas before measuring
  std::size_t listed = 0;
  const test::AllocationCost cost = test::measure_allocations([&] {
    const backfill::Report report = loaded.validator.validate(text, options);
    listed = report.diagnostics.size();
  });
  CAPTURE(listed);
  CAPTURE(cost.peak_bytes);
  CHECK(listed > 10000);
  CHECK(static_cast<double>(cost.peak_bytes) <= 120.0 * static_cast<double>(text.size()));
}

TEST_CASE("budget: a fact whose pointer the text budget has no room for is not listed") {
  // 100,000 short facts use up most of the texts' budget (1 MiB + 8 x input); the last fact's pointer
  // (a member name of 2^20 '/', each written "~1") does not fit what is left: it is counted, not
  // listed, and the report's texts stay within the budget.
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("backfill-budget-pointer-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "request.schema.json") << R"({"$schema":"http://json-schema.org/draft-07/schema#",
      "properties":{"a":{"items":{"format":"uuid"}}},"additionalProperties":{"format":"uuid"}})";
  const backfill::LoadedSchemas loaded = backfill::load_schemas(dir.string());
  std::filesystem::remove_all(dir);
  REQUIRE_MESSAGE(loaded.ok(), loaded.error);
  const std::string text = R"({"a":[)" + repeat(100000, [](std::size_t) { return std::string("\"b\""); }) + R"(],")" +
                           std::string(std::size_t{1} << 20, '/') + R"(":"bad"})";
  backfill::Options options = test::options_at_fixed_now(backfill::Kind::request);
  options.limits.max_diagnostics = std::size_t{1} << 40;
  const backfill::Report report = loaded.validator.validate(text, options);
  std::size_t bytes = 0;
  bool long_pointer_listed = false;
  for (const backfill::Diagnostic& d : report.diagnostics) {
    bytes += d.pointer.size() + d.message.size() + d.keyword_location.size();
    long_pointer_listed = long_pointer_listed || d.pointer.size() > (std::size_t{1} << 20);
  }
  CAPTURE(report.diagnostics.size());
  CAPTURE(bytes);
  CHECK(report.count(backfill::Severity::error) == 100001);
  CHECK_FALSE(long_pointer_listed);
  CHECK(report.suppressed_errors >= 1);
  CHECK(bytes <= (std::size_t{1} << 20) + 8 * text.size());
}
