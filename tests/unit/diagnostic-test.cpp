// The rule catalogue: one table, stable codes, consistent names.
#include <set>

#include "helpers.h"

TEST_CASE("catalogue: ids, names and codes agree and are unique") {
  std::set<std::string_view> ids, names;
  for (const auto* rule = backfill::rules_begin(); rule != backfill::rules_end(); ++rule) {
    CAPTURE(rule->id);
    CHECK(ids.insert(rule->id).second);
    CHECK(names.insert(rule->name).second);
    CHECK(rule->id == "BF" + std::string(4 - std::to_string(static_cast<int>(rule->code)).size(), '0') +
                          std::to_string(static_cast<int>(rule->code)));
    CHECK(&backfill::rule_info(rule->code) == rule);
    CHECK(backfill::find_rule(rule->id) == rule);
    CHECK(backfill::find_rule(rule->name) == rule);
    CHECK_FALSE(rule->title.empty());
    CHECK(rule->explanation.size() > 40);
    CHECK(rule->name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos);
  }
  CHECK(backfill::find_rule("bf2002")->name == "updates-status-order");
  CHECK(backfill::find_rule("BF9999") == nullptr);
}

TEST_CASE("catalogue: the codes fixed by the contract") {
  const std::pair<const char*, const char*> fixed[] = {
      {"BF0002", "json-syntax"},        {"BF0003", "json-encoding"},    {"BF0004", "json-limits"},
      {"BF0005", "json-duplicate-key"}, {"BF2001", "updates-count"},    {"BF2002", "updates-status-order"},
      {"BF2003", "started-at-order"},   {"BF2004", "date-time-format"}, {"BF2005", "uuid-format"},
      {"BF2006", "component-status"}};
  for (const auto& entry : fixed) {
    CAPTURE(entry.first);
    REQUIRE(backfill::find_rule(entry.first) != nullptr);
    CHECK(backfill::find_rule(entry.first)->name == entry.second);
  }
}

TEST_CASE("catalogue: the parse failures are BF0002-BF0004 and nothing else") {
  for (const auto* rule = backfill::rules_begin(); rule != backfill::rules_end(); ++rule) {
    CAPTURE(rule->id);
    const bool expected = rule->id == "BF0002" || rule->id == "BF0003" || rule->id == "BF0004";
    CHECK(backfill::is_parse_failure(rule->code) == expected);
  }
}
