#include "oracles.h"

#include <algorithm>
#include <tuple>

#include "contracts.h"
#include "json/tokens.h"
#include "rules/context.h"
#include "schema/schema.h"
#include "schema/walk.h"

namespace test {

using namespace backfill::detail;

namespace {

// Every field of a schema failure that reaches a diagnostic.
using Named = std::tuple<backfill::Code, std::string, const Value*, std::string, std::string, std::string, std::string>;

}  // namespace

bool fast_path_agrees(std::string_view text, backfill::Kind kind, std::string_view contract) noexcept {
  if (kind == backfill::Kind::automatic) return true;  // no schema of its own: the Validator picks a kind first
  try {
    ParsedJson parsed;
    ParseError error;
    if (!parsed.parse(text, 64u << 20, 128, error)) return true;
    const CompiledSchema& schema = *contract_compiled_schema(*find_contract(contract), kind);
    const FastCheck& fast = schema.fast();
    if (!fast.usable()) return true;
    const Value& root = parsed.root();
    // The one-pass answer to "may the walk report anything" agrees with the walk, and is true.
    for (const bool request : {true, false}) {
      bool one_pass = true;
      fast.check(root, request, one_pass);
      const bool separate = walk_may_report(schema.model(), root, request);
      if (!one_pass && separate) return false;
      if (separate) continue;
      Findings findings;
      check_against_schema_walk(WalkReporter(schema.model(), findings, request), root);
      if (findings.size() != 0) return false;
    }
    // What the one pass reports, when it says the walk is not needed, is exactly what the walk reports.
    for (const bool request : {true, false}) {
      Findings one_pass, walked;
      bool walk_needed = true;
      fast.check(root, WalkReporter(schema.model(), one_pass, request), walk_needed);
      if (walk_needed) continue;
      check_against_schema_walk(WalkReporter(schema.model(), walked, request), root);
      const auto facts = [](const Findings& f) {
        std::vector<std::tuple<backfill::Code, const Value*, std::string_view, const Value*, const Value*>> out;
        // Where each was found: the container of its kept path (nullptr: the root).
        for (const Finding& x : f.list) {
          const Value* in = x.path != backfill::detail::kNoPath ? f.paths[x.path].container : nullptr;
          out.emplace_back(x.code, x.node, x.token, x.known, in);
        }
        return out;
      };
      if (facts(one_pass) != facts(walked)) return false;
    }
    const FastCheck::Verdict verdict = fast.check(root);
    if (verdict == FastCheck::Verdict::unknown) return true;
    if ((verdict == FastCheck::Verdict::valid) != schema.reference().accepts(root)) return false;
    if (verdict == FastCheck::Verdict::valid || !parsed.find_duplicate_keys().empty()) return true;
    Findings found;
    if (!fast.report_failures(root, found, false)) return true;
    std::vector<Named> actual, expected;
    for (const Finding& f : found.list) {
      actual.emplace_back(f.code, std::string(f.keyword), f.node, f.text->pointer, f.text->keyword_location,
                          f.text->message, std::string(f.related));
    }
    for (const SchemaFailure& f : schema.reference().failures(root)) {
      expected.emplace_back(f.code, f.keyword, f.node, f.pointer, f.keyword_location, f.message, f.missing);
    }
    // Findings are placed in document order (stable): only the order at one value must agree.
    for (auto* list : {&actual, &expected}) {
      std::stable_sort(list->begin(), list->end(), [&](const Named& a, const Named& b) {
        return parsed.offset_of(std::get<2>(a)) < parsed.offset_of(std::get<2>(b));
      });
    }
    return actual == expected;
  } catch (...) {
    return false;  // neither path may throw on a parsed document
  }
}

bool value_offsets_agree(std::string_view text) {
  ParsedJson parsed;
  ParseError error;
  if (!parsed.parse(text, std::size_t{1} << 30, static_cast<std::uint32_t>(-1), error)) return true;
  std::vector<std::uint32_t> scanned;
  scan_value_offsets(text, scanned);
  if (scanned != parsed.offsets_recorded_by_parsing()) return false;
  // A member's value found from its name is where the scan puts it.
  std::vector<const Value*> pending{&parsed.root()};
  while (!pending.empty()) {
    const Value* value = pending.back();
    pending.pop_back();
    if (value->IsArray()) {
      for (const Value& item : value->GetArray()) pending.push_back(&item);
    } else if (value->IsObject()) {
      for (const auto& m : value->GetObject()) {
        std::size_t offset = 0;
        if (parsed.offset_after_name(text_of(m.name), offset) && offset != parsed.offset_of(&m.value)) return false;
        pending.push_back(&m.value);
      }
    }
  }
  return true;
}

}  // namespace test
