// The rule catalogue on the command line: --list-rules and --explain, as text or as JSON.
#pragma once

#include <string_view>

#include "backfill/diagnostic.h"

namespace cli {

/// True for the formats the catalogue is printed in: "text" and "json".
bool is_catalogue_format(std::string_view format);

/// --list-rules: the table of rules (text), or one JSON array of rule objects (scripts/gen_rules_md.py
/// reads it).
void list_rules(std::string_view format);

/// --explain: a rule with its explanation, as text or as one JSON object of the same shape as
/// --list-rules' entries.
void explain(const backfill::RuleInfo& rule, std::string_view format);

}  // namespace cli
