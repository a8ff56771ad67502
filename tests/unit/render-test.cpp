#include "helpers.h"

#include "backfill/render.h"
#include "json/json.h"

TEST_CASE("render: text lines are file:line:column: severity[CODE] rule: message") {
  const auto report =
      test::check(test::replace(test::kValidRequest, R"("status": "completed")", R"("status": "done")"));
  const std::string text = backfill::render_text(report, "req.json");
  CHECK(text ==
        "req.json:20:21: error[BF2002] updates-status-order: the second update (the end) has status \"done\"; "
        "it must be \"completed\"\n");
  CHECK(backfill::render_text(report, "req.json", {true}).find("\x1b[") != std::string::npos);
}

TEST_CASE("render: JSON output is one parseable line with every field") {
  const auto report = test::check("{\"data\": {\"type\": \"maintenances\", \"attributes\": {\"title\": \"a\\\"b\"}}}");
  const std::string line = backfill::render_json(report, "dir/\"odd\".json");
  CHECK(line.back() == '\n');
  CHECK(line.find('\n') == line.size() - 1);
  rapidjson::Document doc;
  doc.Parse(line.data(), line.size());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string(doc["source"].GetString()) == "dir/\"odd\".json");
  CHECK(std::string(doc["kind"].GetString()) == "request");
  CHECK_FALSE(doc["valid"].GetBool());
  const auto& d = doc["diagnostics"][0];
  CHECK(std::string(d["code"].GetString()) == "BF1002");
  CHECK(std::string(d["rule"].GetString()) == "schema-required");
  CHECK(std::string(d["severity"].GetString()) == "error");
  CHECK(std::string(d["pointer"].GetString()) == "/data/attributes");
  CHECK(d["line"].GetInt() == 1);
  CHECK(d["column"].GetInt() == 49);
  CHECK(std::string(d["keywordLocation"].GetString()) == "/properties/data/properties/attributes/required");
}

namespace {
// A report with one diagnostic at a given position (renderers only read the report).
backfill::Report report_at(std::uint32_t line, std::uint32_t column,
                           backfill::Code code = backfill::Code::updates_status_order,
                           backfill::Severity severity = backfill::Severity::error) {
  backfill::Report report;
  backfill::Diagnostic d;
  d.code = code;
  d.severity = severity;
  d.line = line;
  d.column = column;
  d.pointer = "/a";
  d.message = "bad";
  report.diagnostics.push_back(d);
  return report;
}

// The excerpt lines (everything after the headline) of a one-diagnostic text rendering.
std::string excerpt(const backfill::Report& report, std::string_view document) {
  const std::string text = backfill::render_text(report, "f.json", document, {});
  return text.substr(text.find('\n') + 1);
}
}  // namespace

TEST_CASE("render: JSON of repeated messages (the same bytes, the same text, other texts of one size)") {
  // render_json escapes a repeated message once and copies it: each record must still carry its own.
  backfill::Report report;
  const std::vector<std::string> messages = {"member \"name\" is \\ read-only", "member \"name\" is \\ read-only",
                                             "member \"nome\" is \\ read-only", "x", "member \"name\" is \\ read-only"};
  for (const std::string& message : messages) {
    report.add({backfill::Code::read_only_member, backfill::Severity::warning, "/p", message, 1, 1, ""});
  }
  backfill::Diagnostic shared = report.diagnostics[0];  // the same bytes as the first, twice more
  report.diagnostics.push_back(shared);
  report.diagnostics.push_back(shared);
  rapidjson::Document doc;
  const std::string json = backfill::render_json(report, "r.json");
  doc.Parse(json.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  const auto& listed = doc["diagnostics"];
  REQUIRE(listed.Size() == messages.size() + 2);
  for (rapidjson::SizeType i = 0; i < listed.Size(); ++i) {
    CAPTURE(i);
    CHECK(std::string(listed[i]["message"].GetString()) == std::string(report.diagnostics[i].message));
  }
}

TEST_CASE("render: text shows the source line with a caret under the column") {
  const auto report =
      test::check(test::replace(test::kValidRequest, R"("status": "completed")", R"("status": "done")"));
  const std::string text = backfill::render_text(
      report, "req.json", test::replace(test::kValidRequest, R"("status": "completed")", R"("status": "done")"), {});
  CHECK(text ==
        "req.json:20:21: error[BF2002] updates-status-order: the second update (the end) has status \"done\"; "
        "it must be \"completed\"\n"
        "   20 |           \"status\": \"done\"\n"
        "      |                     ^\n");

  SUBCASE("columns count code points, not bytes") {
    CHECK(excerpt(report_at(1, 9), "{\"\xc3\xa9t\xc3\xa9\": \"x\"}") ==
          "    1 | {\"\xc3\xa9t\xc3\xa9\": \"x\"}\n      |         ^\n");
  }
  SUBCASE("a tab before the column stays a tab in the caret line, so the caret lines up") {
    CHECK(excerpt(report_at(2, 3), "{\n\t\"a\": 1}") == "    2 | \t\"a\": 1}\n      | \t ^\n");
  }
  SUBCASE("CRLF line ends are not shown") {
    CHECK(excerpt(report_at(1, 2), "[1,\r\n2]") == "    1 | [1,\n      |  ^\n");
  }
  SUBCASE("a column past the end of the line (end of input) puts the caret after it") {
    CHECK(excerpt(report_at(1, 4), "[1,") == "    1 | [1,\n      |    ^\n");
    CHECK(excerpt(report_at(1, 99), "[1,") == "    1 | [1,\n      |    ^\n");
    CHECK(excerpt(report_at(1, UINT32_MAX), "[1,") == "    1 | ...\n      |    ^\n");
  }
  SUBCASE("no excerpt for an unknown position or a line the document does not have") {
    CHECK(excerpt(report_at(0, 0), "[1]").empty());
    CHECK(excerpt(report_at(3, 1), "[1]\n").empty());
    CHECK(excerpt(report_at(1, 1), "").find("    1 | \n      | ^\n") == 0);
  }
  SUBCASE("control characters, bidi overrides and invalid UTF-8 are escaped as neutralize() does; the caret follows") {
    CHECK(excerpt(report_at(1, 6), "[\"\x1b[2J\"]") == "    1 | [\"\\u001b[2J\"]\n      |           ^\n");
    CHECK(excerpt(report_at(1, 4), "[\"\xe2\x80\xae\" ]") == "    1 | [\"\\u202e\" ]\n      |         ^\n");
    CHECK(excerpt(report_at(1, 4), "[\"\xff\" ]") == "    1 | [\"\\xff\" ]\n      |       ^\n");
    CHECK(excerpt(report_at(1, 4), "[\"\xc2\x85\" ]") == "    1 | [\"\\u0085\" ]\n      |         ^\n");
    // An overlong sequence is one column to the parser (a lead byte and its continuation bytes).
    CHECK(excerpt(report_at(1, 4), "[\"\xe0\x80\x80\" ]") ==
          "    1 | [\"\\xe0\\x80\\x80\" ]\n      |               ^\n");
  }
  SUBCASE("the caret counts display columns: wide characters two, combining marks none") {
    // U+65E5 U+672C (two wide CJK characters), then the value.
    CHECK(excerpt(report_at(1, 7), "{\"\xe6\x97\xa5\xe6\x9c\xac\": 1}") ==
          "    1 | {\"\xe6\x97\xa5\xe6\x9c\xac\": 1}\n      |         ^\n");
    // Fullwidth A (U+FF21) and an emoji (U+1F600) are wide too.
    CHECK(excerpt(report_at(1, 5), "[\"\xef\xbc\xa1\xf0\x9f\x98\x80\"]") ==
          "    1 | [\"\xef\xbc\xa1\xf0\x9f\x98\x80\"]\n      |       ^\n");
    // e + U+0301 (combining acute): two code points, one column on screen.
    CHECK(excerpt(report_at(1, 5), "[\"e\xcc\x81\"]") == "    1 | [\"e\xcc\x81\"]\n      |    ^\n");
  }
  SUBCASE("\"##[\" (a workflow command anywhere in a line to GitHub's runner) is broken") {
    CHECK(excerpt(report_at(1, 2), "[\"##[error]x\"]") == "    1 | [\"#\\u0023[error]x\"]\n      |  ^\n");
  }
  SUBCASE("a long line is cut to a window of at most 120 columns around the column") {
    const std::string line = "[" + std::string(100000, ' ') + "1]";
    const std::string shown = excerpt(report_at(1, 50002), line);
    const std::string first = shown.substr(0, shown.find('\n'));
    const std::string caret = shown.substr(shown.find('\n') + 1);
    CHECK(first == "    1 | ..." + std::string(120, ' ') + "...");
    CHECK(caret == "      |    " + std::string(60, ' ') + "^\n");
    // Near the start, the line is shown from its beginning.
    const std::string start = excerpt(report_at(1, 1), line);
    CHECK(start.substr(0, start.find('\n')) == "    1 | [" + std::string(119, ' ') + "...");
    // A caret within the first 100 columns shows the line from its start.
    const std::string short_line = std::string(110, ' ') + "x";
    const std::string whole = excerpt(report_at(1, 111), short_line);
    CHECK(whole.substr(0, whole.find('\n')) == "    1 | ..." + std::string(60, ' ') + "x");
    const std::string whole2 = excerpt(report_at(1, 99), short_line);
    CHECK(whole2.substr(0, whole2.find('\n')) == "    1 | " + short_line);
  }
  SUBCASE("many diagnostics on one long line cost one pass, in either order") {
    backfill::Report many;
    const std::string line = "[" + std::string(1 << 20, ' ') + "]";
    for (std::uint32_t i = 0; i < 1000; ++i) many.diagnostics.push_back(report_at(1, 1000 * i + 1).diagnostics[0]);
    many.diagnostics.push_back(report_at(1, 5).diagnostics[0]);  // out of order: restarts the line
    const std::string text = backfill::render_text(many, "f.json", line, {false, 0});  // every one listed
    CHECK(std::count(text.begin(), text.end(), '^') == 1001);
  }
  SUBCASE("colour wraps the caret") {
    const std::string text = backfill::render_text(report_at(1, 1), "f.json", "[1]", {true});
    CHECK(text.find("\x1b[1;31m^\x1b[0m") != std::string::npos);
  }
}

TEST_CASE("render: github annotations, escaped as GitHub's toolkit does") {
  auto report = report_at(3, 7);
  report.diagnostics[0].message = "100% bad, really: yes";
  report.diagnostics.push_back(
      report_at(4, 1, backfill::Code::read_only_member, backfill::Severity::warning).diagnostics[0]);
  report.diagnostics.push_back(
      report_at(0, 0, backfill::Code::diagnostics_truncated, backfill::Severity::info).diagnostics[0]);
  const std::string out = backfill::render_github(report, "dir/a,b:c%.json");
  CHECK(out ==
        "::error file=dir/a%2Cb%3Ac%25.json,line=3,col=7,title=BF2002 updates-status-order::100%25 bad, really: yes\n"
        "::warning file=dir/a%2Cb%3Ac%25.json,line=4,col=1,title=BF2010 read-only-member::bad\n"
        "::notice file=dir/a%2Cb%3Ac%25.json,line=1,col=1,title=BF0006 diagnostics-truncated::bad\n");
}

TEST_CASE("render: JSON Schema 2020-12 basic output") {
  SUBCASE("valid: just {\"valid\": true}") {
    CHECK(backfill::render_jsonschema(test::check(test::kValidRequest)) == "{\"valid\":true}\n");
  }
  SUBCASE("schema diagnostics keep their keyword location; the absolute one has $ref resolved") {
    const auto report =
        test::check(test::replace(test::kValidRequest, R"("type": "maintenances")", R"("type": "maintenance")"));
    const std::string out = backfill::render_jsonschema(report);
    rapidjson::Document doc;
    doc.Parse(out.data(), out.size());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK_FALSE(doc["valid"].GetBool());
    REQUIRE(doc["errors"].Size() == 1);
    const auto& unit = doc["errors"][0];
    CHECK(std::string(unit["keywordLocation"].GetString()) == "/properties/data/properties/type/$ref/enum");
    // The absolute location names the enum itself, in the published schema file its $id names.
    const std::string absolute = unit["absoluteKeywordLocation"].GetString();
    CHECK(absolute.find("$ref") == std::string::npos);
    const std::string uri = absolute.substr(0, absolute.find('#'));
    const std::string pointer = absolute.substr(absolute.find('#') + 1);
    const backfill::detail::Value* keyword = nullptr;
    rapidjson::Document published;
    for (const auto& entry : std::filesystem::directory_iterator(test::source_dir() / "schemas")) {
      if (entry.path().extension() != ".json") continue;
      const std::string text = test::read_file(entry.path());
      rapidjson::Document candidate;
      candidate.Parse(text.data(), text.size());
      if (candidate.HasParseError() || !candidate.IsObject() || !candidate.HasMember("$id")) continue;
      if (uri == candidate["$id"].GetString()) published = std::move(candidate);
    }
    REQUIRE_MESSAGE(published.IsObject(), "no file in schemas/ has the $id " << uri);
    keyword = backfill::detail::resolve_pointer(published, pointer);
    REQUIRE_MESSAGE(keyword != nullptr, pointer << " names nothing in " << uri);
    REQUIRE(keyword->IsArray());
    CHECK(std::string((*keyword)[0].GetString()) == "maintenances");
    CHECK(std::string(unit["instanceLocation"].GetString()) == "/data/type");
    CHECK(unit["error"].GetStringLength() > 0);
  }
  SUBCASE("rule diagnostics name the rule; warnings are annotations") {
    auto report = test::check(test::replace(test::kValidRequest, R"("status": "completed")", R"("status": "done")"));
    report.diagnostics.push_back(
        report_at(1, 1, backfill::Code::read_only_member, backfill::Severity::warning).diagnostics[0]);
    const std::string out = backfill::render_jsonschema(report);
    rapidjson::Document doc;
    doc.Parse(out.data(), out.size());
    REQUIRE_FALSE(doc.HasParseError());
    const auto& unit = doc["errors"][0];
    CHECK(std::string(unit["keywordLocation"].GetString()) == "/x-backfill-rules/BF2002");
    CHECK(std::string(unit["absoluteKeywordLocation"].GetString()) ==
          "https://backfill-check.dev/schemas/request.schema.json#/x-backfill-rules/BF2002");
    CHECK(std::string(unit["instanceLocation"].GetString()) == "/data/attributes/updates/1/status");
    CHECK(std::string(doc["annotations"][0]["keywordLocation"].GetString()) == "/x-backfill-rules/BF2010");
    CHECK(std::string(doc["annotations"][0]["annotation"].GetString()) == "bad");
  }
}

TEST_CASE("render: RFC 9457 problem details") {
  SUBCASE("a valid document is no problem") {
    CHECK(backfill::render_problem(test::check(test::kValidRequest)).empty());
    CHECK(backfill::problem_status(test::check(test::kValidRequest)) == 200);
  }
  SUBCASE("rule and schema errors: 422, one entry per error, pointers as URI fragments") {
    auto report = test::check(test::replace(test::kValidRequest, R"("status": "completed")", R"("status": "done")"));
    report.diagnostics.push_back(
        report_at(1, 1, backfill::Code::read_only_member, backfill::Severity::warning).diagnostics[0]);
    report.diagnostics.back().pointer = "/a b/c~1d";
    const std::string out = backfill::render_problem(report);
    rapidjson::Document doc;
    doc.Parse(out.data(), out.size());
    REQUIRE_FALSE(doc.HasParseError());
    CHECK(doc["status"].GetInt() == 422);
    CHECK(std::string(doc["type"].GetString()).rfind("https://", 0) == 0);
    CHECK(std::string(doc["title"].GetString()) == "The request body does not match the contract");
    CHECK(std::string(doc["detail"].GetString()).find("1 error") != std::string::npos);
    REQUIRE(doc["errors"].Size() == 1);  // the warning is not a problem
    CHECK(std::string(doc["errors"][0]["pointer"].GetString()) == "#/data/attributes/updates/1/status");
    CHECK(std::string(doc["errors"][0]["code"].GetString()) == "BF2002");
    CHECK(doc["errors"][0]["detail"].GetStringLength() > 0);
  }
  SUBCASE("unparseable input: 400") {
    for (const char* text : {"{", "[\"\xff\"]", ""}) {
      CAPTURE(text);
      const auto report = test::check(text);
      CHECK(backfill::problem_status(report) == 400);
      CHECK(backfill::render_problem(report).find("\"status\":400") != std::string::npos);
    }
    backfill::Options options = test::options_at_fixed_now();
    options.limits.max_depth = 2;
    CHECK(backfill::problem_status(backfill::validate("[[[1]]]", options)) == 400);
  }
  SUBCASE("pointer characters a fragment may not hold are percent-encoded") {
    auto report = report_at(1, 1);
    report.diagnostics[0].pointer = "/a b/%/\"";
    CHECK(backfill::render_problem(report).find(R"("pointer":"#/a%20b/%25/%22")") != std::string::npos);
  }
}

TEST_CASE("render: every format turns odd documents into well-formed output") {
  const std::string long_line = "{\"data\": \"" + std::string(5000, 'x') + "\", \"b\": 1, \"b\": 2}";
  const std::vector<std::string> documents = {"",
                                              std::string("{\"a\"\0: 1}", 9),
                                              "{\"a\": \"\xff\"}",
                                              "[\"\xe2\x80\xae\", \"\x1b[2J\"]",
                                              "\xef\xbb\xbf{}",
                                              std::string(300, '[') + std::string(300, ']'),
                                              long_line,
                                              "{\"data\": {\"type\": 7,\r\n\"x\": \"\\u0000\"}}\r\n"};
  std::vector<backfill::NamedReport> named;
  for (const std::string& document : documents) {
    CAPTURE(document.substr(0, 40));
    const auto report = test::check(document);
    REQUIRE_FALSE(report.diagnostics.empty());
    const std::string text = backfill::render_text(report, "odd.json", document, {});
    CHECK(std::count(text.begin(), text.end(), '^') == static_cast<std::ptrdiff_t>(report.diagnostics.size()));
    for (const std::string& line : {backfill::render_jsonschema(report), backfill::render_problem(report),
                                    backfill::render_json(report, "odd.json")}) {
      rapidjson::Document doc;
      doc.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
      CHECK_FALSE(doc.HasParseError());
    }
    const std::string github = backfill::render_github(report, "odd.json");
    CHECK(std::count(github.begin(), github.end(), '\n') == static_cast<std::ptrdiff_t>(report.diagnostics.size()));
    named.push_back({"odd.json", report});
  }
  const std::string sarif = backfill::render_sarif(named);
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(sarif.data(), sarif.size());
  CHECK_FALSE(doc.HasParseError());
}

TEST_CASE("render: JSON stays JSON whatever bytes reach a message or a source name") {
  backfill::Report report;
  report.diagnostics.push_back(
      backfill::Diagnostic{backfill::Code::page_id_mismatch, backfill::Severity::error, "/p",
                           "page \"bbf96c2c\x96"
                           "-4951\" \xE2\x9C\x93 \xED\xA0\x80 \xF4\x90\x80\x80 \xC0\xAF end\xE2",
                           1, 1, ""});
  const std::string line = backfill::render_json(report, "dir/\xFF.json");
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(line.data(), line.size());
  REQUIRE_FALSE(doc.HasParseError());
  CHECK(std::string(doc["source"].GetString()) ==
        "dir/\xEF\xBF\xBD"
        ".json");
  // Well-formed sequences stay; a stray byte, a surrogate, a code point over U+10FFFF, an overlong
  // form and a cut sequence each become U+FFFD per byte.
  const std::string message = doc["diagnostics"][0]["message"].GetString();
  CHECK(message.find("\xE2\x9C\x93") != std::string::npos);
  CHECK(message.find("bbf96c2c\xEF\xBF\xBD"
                     "-4951") != std::string::npos);
  CHECK(message.find("end\xEF\xBF\xBD") != std::string::npos);
  CHECK(message.find('\xED') == std::string::npos);
}

TEST_CASE("render: text lists three of each rule and counts the rest; machine formats list all") {
  backfill::Report report;
  auto add = [&](backfill::Code code, backfill::Severity severity, std::uint32_t line) {
    backfill::Diagnostic d;
    d.code = code;
    d.severity = severity;
    d.message = "m";
    d.line = line;
    d.column = 1;
    report.diagnostics.push_back(d);
  };
  for (std::uint32_t i = 1; i <= 5; ++i) add(backfill::Code::read_only_member, backfill::Severity::warning, i);
  add(backfill::Code::uuid_format, backfill::Severity::error, 6);
  for (std::uint32_t i = 7; i <= 10; ++i) add(backfill::Code::uuid_format, backfill::Severity::error, i);
  const std::string grouped = backfill::render_text(report, "f.json");
  CHECK(std::count(grouped.begin(), grouped.end(), '\n') == 3 + 1 + 3 + 1);
  CHECK(grouped.find("f.json:3:1: warning[BF2010] read-only-member: m\n... and 2 more BF2010 read-only-member "
                     "warnings\nf.json:6:1: error[BF2005]") != std::string::npos);
  CHECK(grouped.find("f.json:8:1: error[BF2005] uuid-format: m\n... and 2 more BF2005 uuid-format errors\n") !=
        std::string::npos);
  CHECK(grouped.find("f.json:9:1") == std::string::npos);
  const std::string all = backfill::render_text(report, "f.json", {false, 0});
  CHECK(std::count(all.begin(), all.end(), '\n') == 10);
  CHECK(all.find("more") == std::string::npos);
  const std::string two = backfill::render_text(report, "f.json", "x\n", {false, 4});
  CHECK(two.find("... and 1 more BF2010 read-only-member warning\n") != std::string::npos);
  const std::string json = backfill::render_json(report, "f.json");
  CHECK(std::count(json.begin(), json.end(), '{') == 11);
}
