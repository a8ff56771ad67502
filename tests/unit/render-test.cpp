#include "helpers.h"

#include "backfill/render.h"
#include "json.h"

TEST_CASE("render: text lines are file:line:column: severity[CODE] rule: message") {
  const auto report = test::check(test::replace(test::kValidRequest, R"("status": "completed")", R"("status": "done")"));
  const std::string text = backfill::render_text(report, "req.json");
  CHECK(text == "req.json:20:21: error[BF2002] updates-status-order: the second update (the end) has status \"done\"; "
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
