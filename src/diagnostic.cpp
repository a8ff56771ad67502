// The rule catalogue, generated from rules.def.
#include <algorithm>
#include <cstdint>
#include <iterator>

#include "backfill/diagnostic.h"

namespace backfill {

namespace {

// "BF" and the number in four digits, as a constant: "BF0002", "BF2001".
template <int N>
struct IdText {
  static constexpr char value[7] = {'B',
                                    'F',
                                    static_cast<char>('0' + N / 1000),
                                    static_cast<char>('0' + N / 100 % 10),
                                    static_cast<char>('0' + N / 10 % 10),
                                    static_cast<char>('0' + N % 10),
                                    '\0'};
};

constexpr RuleInfo kRules[] = {
#define BACKFILL_RULE(id, number, name, severity, title, explanation) \
  {Code::id, std::string_view(IdText<number>::value, 6), name, Severity::severity, title, explanation},
#include "backfill/rules.def"
#undef BACKFILL_RULE
};

constexpr std::size_t kRuleCount = sizeof kRules / sizeof kRules[0];

// Each code's entry in kRules, by the code's number (codes are below 5000: BF0xxx to BF4xxx), so
// that rule_info(), asked once per listed finding, is one load.
constexpr std::size_t kCodeLimit = 5000;
struct RuleIndex {
  std::uint8_t at[kCodeLimit] = {};
};
constexpr RuleIndex make_rule_index() {
  static_assert(kRuleCount < 256, "RuleIndex holds 8-bit positions");
  RuleIndex index;
  for (std::size_t i = 0; i < kRuleCount; ++i)
    index.at[static_cast<std::size_t>(kRules[i].code)] = static_cast<std::uint8_t>(i);
  return index;
}
constexpr RuleIndex kRuleIndex = make_rule_index();

// The codes a parse fails with: no other layer looks at such a document.
constexpr Code kParseFailures[] = {Code::json_syntax, Code::json_encoding, Code::json_limits};

}  // namespace

const RuleInfo* rules_begin() noexcept { return kRules; }
const RuleInfo* rules_end() noexcept { return kRules + kRuleCount; }

const RuleInfo& rule_info(Code code) noexcept {
  const auto number = static_cast<std::size_t>(code);
  // Position 0 is internal-error, also the answer for a value outside the catalogue (unreachable).
  return number < kCodeLimit ? kRules[kRuleIndex.at[number]] : kRules[0];
}

const RuleInfo* find_rule(std::string_view id_or_name) noexcept {
  for (const RuleInfo& rule : kRules) {
    if (rule.id == id_or_name || rule.name == id_or_name) return &rule;
  }
  // Accept lower-case ids ("bf2002") as typed on a command line.
  if (id_or_name.size() == 6 && (id_or_name[0] == 'b' || id_or_name[0] == 'B') &&
      (id_or_name[1] == 'f' || id_or_name[1] == 'F')) {
    for (const RuleInfo& rule : kRules) {
      if (rule.id.substr(2) == id_or_name.substr(2)) return &rule;
    }
  }
  return nullptr;
}

bool is_parse_failure(Code code) noexcept {
  return std::find(std::begin(kParseFailures), std::end(kParseFailures), code) != std::end(kParseFailures);
}

std::string_view severity_name(Severity severity) noexcept {
  switch (severity) {
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "error";
}

}  // namespace backfill
