#include "catalogue.h"

#include <iterator>
#include <string>

#include <fmt/format.h>

#include "backfill/diagnostic.h"
#include "backfill/render.h"
#include "io.h"

namespace cli {

namespace {
// One rule as JSON: the shape of --list-rules' entries and of --explain's object (schemas/output.schema.json).
std::string rule_json(const backfill::RuleInfo& rule) {
  return fmt::format(R"({{"code":"{}","rule":"{}","severity":"{}","title":"{}","explanation":"{}"}})", rule.id,
                     backfill::json_escape(rule.name), backfill::severity_name(rule.severity),
                     backfill::json_escape(rule.title), backfill::json_escape(rule.explanation));
}
}  // namespace

bool is_catalogue_format(std::string_view format) { return format == "text" || format == "json"; }

void list_rules(std::string_view format) {
  std::string out;
  if (format == "json") {
    out = "[";
    for (const auto* rule = backfill::rules_begin(); rule != backfill::rules_end(); ++rule) {
      out += rule == backfill::rules_begin() ? "\n" : ",\n";
      out += rule_json(*rule);
    }
    out += "\n]\n";
  } else {
    out = fmt::format("{:<8} {:<24} {:<8} {}\n", "code", "rule", "severity", "title");
    for (const auto* rule = backfill::rules_begin(); rule != backfill::rules_end(); ++rule) {
      fmt::format_to(std::back_inserter(out), "{:<8} {:<24} {:<8} {}\n", rule->id, rule->name,
                     backfill::severity_name(rule->severity), rule->title);
    }
  }
  write_stdout(out);
}

void explain(const backfill::RuleInfo& rule, std::string_view format) {
  if (format == "json") {
    write_stdout(rule_json(rule) + "\n");
  } else {
    write_stdout(fmt::format("{} {} ({})\n{}\n\n{}\n", rule.id, rule.name, backfill::severity_name(rule.severity),
                             rule.title, rule.explanation));
  }
}

}  // namespace cli
