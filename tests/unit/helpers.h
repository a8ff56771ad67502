// Shared helpers for the unit tests.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "backfill/validate.h"

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& items) {
    std::string out = "{";
    for (const auto& item : items) out += (out.size() > 1 ? ", " : "") + item;
    return (out + "}").c_str();
  }
};
}  // namespace doctest

namespace test {

/// The API reference's example request, valid as is.
inline const std::string kValidRequest = R"({
  "data": {
    "attributes": {
      "title": "Past Database Maintenance",
      "updates": [
        {
          "components_affected": [
            {"id": "4e9d3726-bdd7-0079-613c-e9aaba89eb01", "status": "maintenance"}
          ],
          "description": "Database maintenance is in progress.",
          "started_at": "2021-11-11T10:11:11+00:00",
          "status": "in_progress"
        },
        {
          "components_affected": [
            {"id": "4e9d3726-bdd7-0079-613c-e9aaba89eb01", "status": "operational"}
          ],
          "description": "Database maintenance has been completed successfully.",
          "started_at": "2021-11-11T11:11:11+00:00",
          "status": "completed"
        }
      ]
    },
    "type": "maintenances"
  }
})";

/// `text` with the first occurrence of `from` replaced by `to` (which must exist).
inline std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "fixture does not contain: " << from);
  return text.replace(at, from.size(), to);
}

inline backfill::Options options_at_fixed_now(backfill::Kind kind = backfill::Kind::request) {
  backfill::Options options;
  options.kind = kind;
  options.now = backfill::parse_date_time("2026-01-01T00:00:00Z").instant;
  return options;
}

inline backfill::Report check(const std::string& text, backfill::Kind kind = backfill::Kind::request) {
  return backfill::validate(text, options_at_fixed_now(kind));
}

/// "BF2002@/data/attributes/updates/0/status" for each diagnostic, in order.
inline std::vector<std::string> summary(const backfill::Report& report) {
  std::vector<std::string> out;
  for (const auto& d : report.diagnostics) {
    out.push_back(std::string(backfill::rule_info(d.code).id) + "@" + std::string(d.pointer));
  }
  return out;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::filesystem::path source_dir() {
  const char* dir = std::getenv("BACKFILL_SOURCE_DIR");
  return dir ? dir : ".";
}

/// ../shared next to the checkout, or empty when it is absent (tests then skip, saying so).
inline std::filesystem::path shared_dir() {
  const char* dir = std::getenv("BACKFILL_SHARED_DIR");
  std::filesystem::path path = dir ? dir : "../shared";
  if (!std::filesystem::is_directory(path)) {
    MESSAGE("skipped: " << path.string() << " is absent, so the public conformance data is not available");
    return {};
  }
  return path;
}

}  // namespace test
