// One TEST_CASE per request rule, each with a passing and failing case, as the contract reads.
#include "helpers.h"

using backfill::Code;
using test::check;
using test::kValidRequest;
using test::replace;
using test::summary;
using V = std::vector<std::string>;

TEST_CASE("the documentation's example request is valid with no diagnostics") {
  const auto report = check(kValidRequest);
  CHECK(report.valid());
  CHECK(report.diagnostics.empty());
}

TEST_CASE("BF2001 updates-count: exactly two updates") {
  SUBCASE("one update") {
    std::string one;
    one = kValidRequest.substr(0, kValidRequest.find("        },\n        {")) +
          "        }\n      ]\n    },\n    \"type\": \"maintenances\"\n  }\n}";
    const auto report = check(one);
    CHECK(summary(report) == V{"BF2001@/data/attributes/updates"});
    CHECK(report.diagnostics[0].message.find("holds 1 item;") != std::string::npos);
  }
  SUBCASE("three updates: one diagnostic, the schema's maxItems is subsumed") {
    const std::string third = R"(,
        {"components_affected": [], "description": "again", "started_at": "2021-11-11T12:11:11Z", "status": "completed"}
      ])";
    const auto report = check(replace(kValidRequest, "\n      ]", third));
    CHECK(summary(report) == V{"BF2001@/data/attributes/updates"});
  }
  SUBCASE("empty array") {
    const auto start = kValidRequest.find("\"updates\": [");
    const auto end = kValidRequest.find("\n      ]");
    std::string empty = kValidRequest.substr(0, start) + "\"updates\": [" + kValidRequest.substr(end);
    CHECK(summary(check(empty)) == V{"BF2001@/data/attributes/updates"});
  }
}

TEST_CASE("BF2002 updates-status-order: in_progress then completed") {
  SUBCASE("swapped") {
    std::string text = replace(kValidRequest, R"("status": "in_progress")", R"("status": "@@")");
    text = replace(text, R"("status": "completed")", R"("status": "in_progress")");
    text = replace(text, R"("status": "@@")", R"("status": "completed")");
    const auto report = check(text);
    CHECK(summary(report) == V{"BF2002@/data/attributes/updates/0/status", "BF2002@/data/attributes/updates/1/status"});
    CHECK(report.diagnostics[0].line == 12);
    CHECK(report.diagnostics[0].column == 21);
  }
  SUBCASE("a status outside the enum is one diagnostic, not also schema-enum") {
    const auto report = check(replace(kValidRequest, R"("status": "completed")", R"("status": "done")"));
    CHECK(summary(report) == V{"BF2002@/data/attributes/updates/1/status"});
  }
  SUBCASE("a status of the wrong type is a schema-type error only") {
    const auto report = check(replace(kValidRequest, R"("status": "completed")", R"("status": 2)"));
    CHECK(summary(report) == V{"BF1001@/data/attributes/updates/1/status"});
  }
}

TEST_CASE("BF2003 started-at-order: strictly later, compared as instants") {
  SUBCASE("same instant written with different offsets") {
    const auto report = check(replace(kValidRequest, "2021-11-11T11:11:11+00:00", "2021-11-11T11:11:11+01:00"));
    CHECK(summary(report) == V{"BF2003@/data/attributes/updates/1/started_at"});
    CHECK(report.diagnostics[0].message.find("same instant") != std::string::npos);
  }
  SUBCASE("earlier") {
    CHECK(summary(check(replace(kValidRequest, "2021-11-11T11:11:11+00:00", "2021-11-11T09:11:11Z"))) ==
          V{"BF2003@/data/attributes/updates/1/started_at"});
  }
  SUBCASE("later by a fraction only is fine") {
    std::string text = replace(kValidRequest, "2021-11-11T10:11:11+00:00", "2021-11-11T10:11:11.1234567891Z");
    text = replace(text, "2021-11-11T11:11:11+00:00", "2021-11-11T10:11:11.1234567892Z");
    CHECK(check(text).diagnostics.empty());
  }
  SUBCASE("later in UTC although earlier on the wall clock is fine") {
    CHECK(check(replace(kValidRequest, "2021-11-11T11:11:11+00:00", "2021-11-11T09:11:11-02:00")).diagnostics.empty());
  }
}

TEST_CASE("BF2004 date-time-format: exact RFC 3339") {
  SUBCASE("space instead of T") {
    const auto report = check(replace(kValidRequest, "2021-11-11T10:11:11+00:00", "2021-11-11 10:11:11+00:00"));
    CHECK(summary(report) == V{"BF2004@/data/attributes/updates/0/started_at"});
    CHECK(report.diagnostics[0].message.find("'T'") != std::string::npos);
  }
  SUBCASE("100,000-digit date-time: one diagnostic, no stack overflow") {
    const auto report = check(replace(kValidRequest, "2021-11-11T10:11:11+00:00", std::string(100000, '2')));
    CHECK(summary(report) == V{"BF2004@/data/attributes/updates/0/started_at"});
    CHECK(report.diagnostics[0].message.size() < 300);
  }
  SUBCASE("lower-case t and z are RFC 3339") {
    CHECK(check(replace(kValidRequest, "2021-11-11T10:11:11+00:00", "2021-11-11t10:11:11z")).diagnostics.empty());
  }
}

TEST_CASE("BF2005 uuid-format: 8-4-4-4-12 hex") {
  const auto report = check(replace(kValidRequest, "4e9d3726-bdd7-0079-613c-e9aaba89eb01", "not-a-uuid"));
  CHECK(summary(report) == V{"BF2005@/data/attributes/updates/0/components_affected/0/id",
                             "BF2008@/data/attributes/updates/1/components_affected"});
  CHECK(check(replace(kValidRequest, "4e9d3726-bdd7-0079-613c-e9aaba89eb01", "4E9D3726-BDD7-0079-613C-E9AABA89EB01"))
            .valid());
}

TEST_CASE("BF2006 component-status: operational or maintenance") {
  const auto report = check(replace(kValidRequest, R"("status": "operational")", R"("status": "degraded")"));
  CHECK(summary(report) == V{"BF2006@/data/attributes/updates/1/components_affected/0/status"});
  CHECK(report.diagnostics[0].severity == backfill::Severity::error);
}

TEST_CASE("BF2007 component-duplicate: once per update") {
  const std::string twice = R"({"id": "4e9d3726-bdd7-0079-613c-e9aaba89eb01", "status": "maintenance"},
            {"id": "4E9D3726-BDD7-0079-613C-E9AABA89EB01", "status": "maintenance"})";
  const auto report = check(
      replace(kValidRequest, R"({"id": "4e9d3726-bdd7-0079-613c-e9aaba89eb01", "status": "maintenance"})", twice));
  CHECK(summary(report) == V{"BF2007@/data/attributes/updates/0/components_affected/1/id"});
  CHECK(report.diagnostics[0].message.find("index 0") != std::string::npos);
}

TEST_CASE("BF2007 component-duplicate: ids that are not UUIDs repeat up to case, in a list long enough to be hashed") {
  // Ids of every length around the 8-byte words they are hashed by, with the bytes around 'A'-'Z'
  // ('@', '[', '`', '{') that must not fold; each listed again in upper case after all of them.
  const std::string alphabet = "aZ@[`{b-z0";
  std::vector<std::string> ids;
  for (std::size_t size = 1; size <= 20; ++size) {
    std::string id;
    for (std::size_t i = 0; i < size; ++i) id += alphabet[(i * 7 + size) % alphabet.size()];
    ids.push_back(id);
  }
  std::string list;
  const auto add = [&](const std::string& id) {
    list += (list.empty() ? "" : ",") + std::string(R"({"id": ")") + id + R"(", "status": "maintenance"})";
  };
  for (const std::string& id : ids) add(id);
  for (std::string id : ids) {
    for (char& c : id) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    add(id);
  }
  const auto report =
      check(replace(kValidRequest, R"({"id": "4e9d3726-bdd7-0079-613c-e9aaba89eb01", "status": "maintenance"})", list));
  std::size_t repeats = 0;
  for (const auto& d : report.diagnostics) repeats += d.code == backfill::Code::component_duplicate;
  CHECK(repeats == ids.size());
}

TEST_CASE("BF2008 component-not-restored: a warning") {
  SUBCASE("still in maintenance") {
    const auto report = check(replace(kValidRequest, R"("status": "operational")", R"("status": "maintenance")"));
    CHECK(summary(report) == V{"BF2008@/data/attributes/updates/1/components_affected/0/status"});
    CHECK(report.valid());
    CHECK(report.diagnostics[0].severity == backfill::Severity::warning);
  }
  SUBCASE("--strict makes it an error") {
    auto options = test::options_at_fixed_now();
    options.strict = true;
    const auto report =
        backfill::validate(replace(kValidRequest, R"("status": "operational")", R"("status": "maintenance")"), options);
    CHECK_FALSE(report.valid());
  }
}

TEST_CASE("BF2009 completed-in-future: relative to the now option") {
  auto options = test::options_at_fixed_now();
  options.now = backfill::parse_date_time("2021-11-11T11:00:00Z").instant;
  const auto report = backfill::validate(kValidRequest, options);
  CHECK(summary(report) == V{"BF2009@/data/attributes/updates/1/started_at"});
  CHECK(report.valid());
  options.now = backfill::parse_date_time("2021-11-11T11:11:11Z").instant;
  CHECK(backfill::validate(kValidRequest, options).diagnostics.empty());
  CHECK(backfill::validate(kValidRequest).diagnostics.empty());  // the clock: 2021 is past
}

TEST_CASE("BF2010 read-only-member: the component name") {
  const auto report =
      check(replace(kValidRequest, R"("status": "maintenance"})", R"("status": "maintenance", "name": "Login"})"));
  CHECK(summary(report) == V{"BF2010@/data/attributes/updates/0/components_affected/0/name"});
  CHECK(report.valid());
}

TEST_CASE("BF2011 unknown-member: a typo folds into the missing member's diagnostic") {
  SUBCASE("a misspelt required member") {
    const auto report = check(replace(kValidRequest, R"("started_at": "2021-11-11T10:11:11+00:00")",
                                      R"("started-at": "2021-11-11T10:11:11+00:00")"));
    CHECK(summary(report) == V{"BF1002@/data/attributes/updates/0"});
    CHECK(report.diagnostics[0].message.find("\"started-at\"") != std::string::npos);
  }
  SUBCASE("an unknown optional member") {
    const auto report =
        check(replace(kValidRequest, R"("type": "maintenances")", R"("type": "maintenances", "relationship": {})"));
    CHECK(summary(report) == V{"BF2011@/data/relationship"});
    CHECK(report.diagnostics[0].message.find("did you mean \"relationships\"") != std::string::npos);
    CHECK(report.valid());
  }
  SUBCASE("one unknown name in two places: each message words its own schema, repeats the same") {
    // Messages that depend only on the name and the schema are written once per report and copied.
    const auto report = check(replace(replace(kValidRequest, R"("type": "maintenances")",
                                              R"("type": "maintenances", "statu": 1, "attribute": 2, "statu": 3)"),
                                      R"("status": "operational")", R"("status": "operational", "statu": 4)"));
    std::vector<std::string> messages;
    for (const auto& d : report.diagnostics) {
      if (d.code == backfill::Code::unknown_member) messages.emplace_back(d.message);
    }
    REQUIRE(messages.size() == 3);  // the repeat of data's "statu" is BF0005, which shadows its BF2011
    CHECK(messages[0] ==
          "member \"statu\" is not part of the documented shape and is ignored; did you mean \"status\"?");
    CHECK(messages[1] == "member \"statu\" is not part of the documented shape and is ignored");
    CHECK(messages[2] ==
          "member \"attribute\" is not part of the documented shape and is ignored; did you mean \"attributes\"?");
  }
  SUBCASE("relationships.template is a known optional member") {
    const auto report = check(replace(
        kValidRequest, R"("type": "maintenances")",
        R"("type": "maintenances", "relationships": {"template": {"data": {"id": "t-1", "type": "maintenance_templates"}}})"));
    CHECK(report.diagnostics.empty());
  }
}

TEST_CASE("schema layer: required members and types") {
  SUBCASE("missing data") { CHECK(summary(check("{}")) == V{"BF1002@"}); }
  SUBCASE("missing components_affected follows the seed documentation (required)") {
    const auto report = check(replace(kValidRequest, R"("components_affected": [
            {"id": "4e9d3726-bdd7-0079-613c-e9aaba89eb01", "status": "operational"}
          ],)",
                                      ""));
    CHECK(summary(report) == V{"BF1002@/data/attributes/updates/1"});
    CHECK(report.diagnostics[0].keyword_location ==
          "/properties/data/properties/attributes/properties/updates/items/$ref/required");
  }
  SUBCASE("wrong type for every field, one diagnostic each") {
    for (const char* field :
         {R"("title": "Past Database Maintenance")", R"("description": "Database maintenance is in progress.")",
          R"("started_at": "2021-11-11T10:11:11+00:00")", R"("type": "maintenances")"}) {
      const std::string name = std::string(field).substr(0, std::string(field).find(':'));
      for (const char* value : {"null", "true", "1", "1.5", "[]", "{}"}) {
        CAPTURE(field);
        CAPTURE(value);
        const auto report = check(replace(kValidRequest, field, name + ": " + value));
        REQUIRE(report.diagnostics.size() == 1);
        CHECK(report.diagnostics[0].code == Code::schema_type);
      }
    }
  }
}

TEST_CASE("BF0006 diagnostics-truncated: a flood of findings is counted, not kept") {
  std::string members;
  for (int i = 0; i < 5000; ++i) members += R"(, "x)" + std::to_string(i) + R"(": 1)";
  auto options = test::options_at_fixed_now();
  options.limits.max_diagnostics = 10;
  const auto report = backfill::validate(
      replace(kValidRequest, R"("type": "maintenances")", R"("type": "maintenances")" + members), options);
  REQUIRE(report.diagnostics.size() == 11);
  CHECK(report.diagnostics[0].code == Code::unknown_member);
  CHECK(report.diagnostics[0].pointer == "/data/x0");
  CHECK(report.diagnostics.back().code == Code::diagnostics_truncated);
  CHECK(report.suppressed == 4990);
  CHECK(report.diagnostics.back().message.find("4990 further") != std::string::npos);
  CHECK(report.valid());
}

TEST_CASE("repeated names in a large document: the same diagnostics, without valijson's memory") {
  auto build = [](int updates) {
    std::string items;
    for (int i = 0; i < updates; ++i) items += i ? ",{}" : "{}";
    return R"({"x": 1, "x": 2, "data": {"type": "maintenances", "attributes": {"title": "t", "updates": [)" + items +
           "]}}}";
  };
  auto options = test::options_at_fixed_now();
  options.limits.max_diagnostics = 6;
  // Small: valijson names the schema failures; large (over 10,000 values): the fast path does.
  for (int updates : {3, 12000}) {
    CAPTURE(updates);
    const auto report = backfill::validate(build(updates), options);
    REQUIRE(report.diagnostics.size() == 7);
    // The list is cut, so errors come first: the unknown member's warning is counted, not listed.
    CHECK(summary(report) == V{"BF0005@/x", "BF2001@/data/attributes/updates", "BF1002@/data/attributes/updates/0",
                               "BF1002@/data/attributes/updates/0", "BF1002@/data/attributes/updates/0",
                               "BF1002@/data/attributes/updates/0", "BF0006@"});
    CHECK(report.suppressed == static_cast<std::size_t>(4 * updates - 3));
    CHECK(report.suppressed_warnings == 1);
    CHECK(report.suppressed_errors == static_cast<std::size_t>(4 * updates - 4));
  }
}
