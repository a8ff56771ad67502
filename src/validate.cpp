// The validation pipeline: parse, schema layer, rules; then one fault, one diagnostic, in document order.
#include <algorithm>
#include <chrono>
#include <new>
#include <string_view>
#include <unordered_set>

#include "backfill/validate.h"
#include "backfill/version.h"
#include "contracts.h"
#include "kinds.h"
#include "rules/context.h"
#include "rules/finding_order.h"
#include "schema/embedded.h"
#include "schema/schema.h"
#include "schema/walk.h"
#include "validate_document.h"

namespace backfill {

struct Validator::Impl {
  detail::SchemaEngine engine = detail::SchemaEngine::fast;
  std::string setup_error;                           // why the schemas could not be compiled or loaded
  std::shared_ptr<const detail::SchemaSet> schemas;  // a directory's (load_schemas()); null: the named contracts'
};

namespace {

using detail::Finding;

Instant clock_now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds);
  return {seconds.count(), static_cast<std::uint64_t>(nanos.count()) * 1000000000ULL};
}

// Removes the findings whose index is marked.
void erase_marked(detail::FindingList& findings, const std::vector<bool>& marked) {
  if (std::none_of(marked.begin(), marked.end(), [](bool m) { return m; })) return;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (!marked[i]) {
      if (kept != i) findings[kept] = std::move(findings[i]);
      ++kept;
    }
  }
  findings.resize(kept);
}

// (value, index) of the findings that `keep` selects, sorted by value for equal_range lookups:
// hostile input can hold millions of findings, where a scan per finding is quadratic. A value
// stands for its pointer (one value, one pointer; values inside repeats are dropped first).
template <typename Keep>
std::vector<std::pair<const detail::Value*, std::size_t>> by_value(const detail::FindingList& findings, Keep keep) {
  std::vector<std::pair<const detail::Value*, std::size_t>> index;
  std::size_t i = 0;
  for (const Finding& f : findings) {
    if (keep(f)) index.emplace_back(f.node, i);
    ++i;
  }
  std::sort(index.begin(), index.end(), [](const auto& a, const auto& b) {
    return std::less<const detail::Value*>()(a.first, b.first) || (a.first == b.first && a.second < b.second);
  });
  return index;
}

// The entries of a by_value() index at `value`.
auto at_value(const std::vector<std::pair<const detail::Value*, std::size_t>>& index, const detail::Value* value) {
  struct Less {
    bool operator()(const std::pair<const detail::Value*, std::size_t>& e, const detail::Value* v) const {
      return std::less<const detail::Value*>()(e.first, v);
    }
    bool operator()(const detail::Value* v, const std::pair<const detail::Value*, std::size_t>& e) const {
      return std::less<const detail::Value*>()(v, e.first);
    }
  };
  return std::equal_range(index.begin(), index.end(), value, Less{});
}

// A misspelt required member is one fault: the "missing" diagnostic names the misspelling (see
// describe_fold()), and the unknown-member warning for it is dropped.
void fold_misspellings(detail::FindingList& findings, const detail::ValuePaths& paths) {
  const auto required_at = by_value(findings, [](const Finding& f) { return f.code == Code::schema_required; });
  if (required_at.empty()) return;
  std::vector<bool> folded(findings.size(), false);
  for (std::size_t u = 0; u < findings.size(); ++u) {
    const Finding& unknown = findings[u];
    if (unknown.code != Code::unknown_member) continue;
    // The unknown member's object: the container it was found in.
    const auto [first, last] = at_value(required_at, paths[unknown.path].container);
    if (first == last) continue;
    const std::string_view intent = detail::likely_intent(unknown);
    if (intent.empty()) continue;
    for (auto it = first; it != last; ++it) {
      Finding& missing = findings[it->second];
      if (missing.related != intent || !missing.token.empty()) continue;
      missing.token = unknown.token;
      folded[u] = true;
      break;
    }
  }
  erase_marked(findings, folded);
}

// A repeated member (BF0005) shadows its value: a pointer names only the first occurrence, so a
// finding at or inside a repeat (say, an unknown member in it) would point at a different value, or
// at none. The BF0005 finding stands for the repeat; the others are dropped.
void drop_shadowed(detail::FindingList& findings) {
  std::unordered_set<const detail::Value*> shadowed;
  std::vector<const detail::Value*> pending;
  for (const Finding& f : findings) {
    if (f.code == Code::json_duplicate_key && f.node != nullptr) pending.push_back(f.node);
  }
  if (pending.empty()) return;
  while (!pending.empty()) {
    const detail::Value* value = pending.back();
    pending.pop_back();
    if (!shadowed.insert(value).second) continue;
    if (value->IsArray()) {
      for (const auto& item : value->GetArray()) pending.push_back(&item);
    } else if (value->IsObject()) {
      for (const auto& m : value->GetObject()) pending.push_back(&m.value);
    }
  }
  std::vector<bool> marked(findings.size(), false);
  for (std::size_t i = 0; i < findings.size(); ++i) {
    marked[i] = findings[i].code != Code::json_duplicate_key && shadowed.count(findings[i].node) != 0;
  }
  erase_marked(findings, marked);
}

// Drops schema findings that a rule reports more specifically at the same value. The schema
// findings are indexed (rules may come in floods, schema findings beside them rarely do).
void remove_subsumed(detail::FindingList& findings) {
  const auto schema_at = by_value(findings, [](const Finding& f) { return !f.keyword.empty(); });
  if (schema_at.empty()) return;
  std::vector<bool> subsumed(findings.size(), false);
  for (const Finding& rule : findings) {
    if (!rule.keyword.empty()) continue;
    const auto [first, last] = at_value(schema_at, rule.node);
    for (auto it = first; it != last; ++it) {
      if (!subsumed[it->second] && detail::rule_subsumes(rule.code, findings[it->second].keyword)) {
        subsumed[it->second] = true;
      }
    }
  }
  erase_marked(findings, subsumed);
}

// "One fault, one diagnostic", applied to every finding (listed or not), so that the counts and
// the verdict are those of the whole document.
void fold(detail::FindingList& findings, const detail::ValuePaths& paths) {
  // One look at the codes first: a flood of one rule's findings has nothing to fold.
  bool repeats = false, required = false, unknown = false, schema = false;
  for (const Finding& f : findings) {
    repeats |= f.code == Code::json_duplicate_key;
    required |= f.code == Code::schema_required;
    unknown |= f.code == Code::unknown_member;
    schema |= !f.keyword.empty();
  }
  if (repeats) drop_shadowed(findings);
  if (required && unknown) fold_misspellings(findings, paths);
  if (schema) remove_subsumed(findings);
}

}  // namespace

std::string_view schema_text(Kind kind) noexcept { return detail::embedded_schema(kind); }

namespace detail {

std::string_view embedded_schema_file(std::string_view file) noexcept {
  for (std::size_t i = 0; i < kEmbeddedSchemaCount; ++i) {
    if (kEmbeddedSchemas[i].file == file) return kEmbeddedSchemas[i].text;
  }
  return {};
}

std::string_view embedded_schema(Kind kind) noexcept {
  const std::string_view file = kind_info(kind).schema_file;
  return file.empty() ? std::string_view() : embedded_schema_file(file);
}

}  // namespace detail

Validator::Validator() noexcept : Validator(std::unique_ptr<Impl>()) {}

Validator::Validator(std::unique_ptr<Impl> impl) noexcept {
  try {
    impl_ = impl ? std::move(impl) : std::make_unique<Impl>();
    detail::embedded_compiled_schema(Kind::request);  // compiles them all, once per process
  } catch (const std::exception& e) {
    if (impl_) impl_->setup_error = std::string("the embedded schemas could not be compiled: ") + e.what();
  } catch (...) {
    if (impl_) impl_->setup_error = "the embedded schemas could not be compiled: unknown failure";
  }
}

namespace detail {

Validator make_validator(SchemaEngine engine) noexcept {
  std::unique_ptr<Validator::Impl> impl;
  try {
    impl = std::make_unique<Validator::Impl>();
    impl->engine = engine;
  } catch (...) {}
  return Validator(std::move(impl));
}

Validator make_validator(std::shared_ptr<const SchemaSet> schemas, std::string setup_error) noexcept {
  std::unique_ptr<Validator::Impl> impl;
  try {
    impl = std::make_unique<Validator::Impl>();
    impl->schemas = std::move(schemas);
    impl->setup_error = std::move(setup_error);
  } catch (...) {}
  return Validator(std::move(impl));
}

}  // namespace detail

Validator::~Validator() = default;
Validator::Validator(Validator&&) noexcept = default;
Validator& Validator::operator=(Validator&&) noexcept = default;

namespace {

// Documents with at least this many values are never described by valijson, which collects every
// failure (with its context path) before we see one: memory that grows with the faults, not the input.
constexpr std::size_t kReferenceDescribesBelow = 10000;

// How deeply `root` nests (a scalar: 1), without recursion.
std::size_t depth_of(const detail::Value& root) {
  std::size_t deepest = 0;
  std::vector<std::pair<const detail::Value*, std::size_t>> pending{{&root, 1}};
  while (!pending.empty()) {
    const auto [value, depth] = pending.back();
    pending.pop_back();
    deepest = std::max(deepest, depth);
    if (value->IsArray()) {
      for (const auto& item : value->GetArray()) pending.emplace_back(&item, depth + 1);
    } else if (value->IsObject()) {
      for (const auto& m : value->GetObject()) pending.emplace_back(&m.value, depth + 1);
    }
  }
  return deepest;
}

// Every layer on a parsed document, in order: repeated names, the schema, the schema walk, the rules.
// Deterministic, so that a second pass makes the same findings with the same serials.
void collect(const Validator::Impl& impl, const detail::SchemaSet& schemas, const detail::ParsedJson& parsed, Kind kind,
             const Options& options, Instant now, const detail::ExtraRules& extra, detail::Findings& findings) {
  const std::vector<detail::DuplicateKey> duplicates = parsed.find_duplicate_keys();
  {
    // Pointers (to the first occurrence, which RFC 6901 resolves to) only for those described.
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::vector<std::size_t> slot(duplicates.size(), kNone);
    std::vector<const detail::Value*> named;
    for (std::size_t i = 0; i < duplicates.size(); ++i) {
      if (findings.describes_ahead(i)) {
        slot[i] = named.size();
        named.push_back(duplicates[i].first);
      }
    }
    std::vector<std::string> pointers = parsed.pointers_of(named, findings.text_room());
    for (std::size_t i = 0; i < duplicates.size(); ++i) {
      // A pointer the budget had no room for is left empty (a member's never is).
      const bool named_here = slot[i] != kNone && !pointers[slot[i]].empty();
      findings.add_if(named_here, Code::json_duplicate_key, duplicates[i].value, [&] {
        return detail::FindingText{std::move(pointers[slot[i]]),
                                   "member " + detail::quote_text(duplicates[i].name) +
                                       " appears more than once in this object; parsers disagree on which one counts",
                                   {}};
      });
    }
  }
  const detail::CompiledSchema& schema = *schemas.find(kind);
  const bool fast = impl.engine == detail::SchemaEngine::fast;
  bool walk_needed = true;
  // The fast check reports what the walk would as it goes; kept when it followed the whole document.
  const detail::WalkReporter walk(schema.model(), findings, kind == Kind::request);
  const std::size_t mark = findings.size();
  const bool accepted = schema.accepts(parsed.root(), impl.engine, kind == Kind::request, &walk_needed, &walk);
  if (walk_needed) findings.truncate(mark);
  if (!accepted) {
    // The reference validator words what the fast check is unsure of, and names repeats' values as
    // it does, but only for documents small enough that collecting all it finds is cheap; the fast
    // check's best effort names the rest.
    const bool small = parsed.value_count() < kReferenceDescribesBelow;
    if (!fast || (small && !duplicates.empty()) || !schema.fast().report_failures(parsed.root(), findings, !small)) {
      findings.truncate(mark);
      // A user's schema may be recursive: valijson then keeps a path as deep as the document for each
      // failure at each level, so the document's depth counts too.
      const bool describable =
          !schemas.user() || (small && parsed.value_count() * depth_of(parsed.root()) < kReferenceDescribesBelow * 8);
      for (detail::SchemaFailure& failure :
           !fast || describable ? schema.reference().failures(parsed.root()) : std::vector<detail::SchemaFailure>()) {
        detail::Finding& f = findings.add(failure.code, failure.node, [&] {
          return detail::FindingText{std::move(failure.pointer), std::move(failure.message),
                                     std::move(failure.keyword_location)};
        });
        f.keyword = findings.keep(failure.keyword);
        f.related = findings.keep(failure.missing);
      }
    }
    if (findings.size() == mark) {
      // The schema rejects the document, yet no failure was named (say, only cascades): never a pass.
      findings
          .add(Code::schema_other, &parsed.root(),
               [] {
                 return detail::FindingText{"", "the document does not match the schema", "#"};
               })
          .keyword = "schema";
    }
  }
  detail::RuleContext context{parsed.root(), kind, options, now, findings};
  if (walk_needed) detail::check_against_schema_walk(walk, context.root);
  detail::check_rules(kind, context);
  if (extra) extra(context);
}

}  // namespace

struct detail::ValidatorAccess {
  static const Validator::Impl* impl(const Validator& validator) noexcept { return validator.impl_.get(); }
};

Report detail::validate_document(const Validator& validator, std::string_view json, const Options& options,
                                 ParsedJson& parsed, const ExtraRules& extra) noexcept {
  const Validator::Impl* impl = ValidatorAccess::impl(validator);
  try {
    if (impl == nullptr || !impl->setup_error.empty()) {
      return detail::single_report(options.kind, Code::internal_error,
                                   impl ? impl->setup_error : "out of memory while making the validator");
    }
    const detail::ContractInfo* contract = detail::find_contract(options.contract);
    if (contract == nullptr) {
      return detail::single_report(options.kind, Code::internal_error, detail::unknown_contract(options.contract));
    }
    if (impl->schemas && !options.contract.empty() && contract != &impl->schemas->contract()) {
      return detail::single_report(options.kind, Code::internal_error,
                                   "this validator's schemas were loaded over contract " +
                                       std::string(impl->schemas->contract().name) + ", not " +
                                       detail::quote_text(options.contract));
    }
    const detail::SchemaSet& schemas = impl->schemas ? *impl->schemas : detail::contract_schemas(*contract);
    detail::ParseError error;
    if (!parsed.parse(json, options.limits.max_bytes, options.limits.max_depth, error)) {
      std::vector<Finding> findings;
      findings.push_back(detail::make_finding(error.code, nullptr, "", std::move(error.message), error.offset));
      Report report = detail::place(options.kind, findings, nullptr, json, options);
      report.schema = schemas.share(options.kind);
      return report;
    }
    const Kind kind = options.kind == Kind::automatic ? detail::detect_kind(parsed.root()) : options.kind;
    const Instant now = options.now ? *options.now : clock_now();
    // Texts for as many findings as may be listed, plus what "one fault, one diagnostic" may fold away.
    const std::size_t listed = std::min<std::size_t>(options.limits.max_diagnostics, std::size_t{1} << 40);
    detail::Findings findings(2 * listed + 64, detail::text_budget(json.size()));
    collect(*impl, schemas, parsed, kind, options, now, extra, findings);
    const std::uint32_t serials = findings.serials();
    fold(findings.list, findings.paths);
    detail::locate_findings(findings.list, &parsed);
    const std::vector<bool> chosen = detail::listed_findings(findings.list, options);
    // A listed finding made after the texts ran out (say, an error behind a thousand warnings) is
    // described by a second pass that builds only the texts still wanted.
    std::vector<bool> wanted;
    bool again = false;
    if (findings.undescribed() != 0) {
      wanted.assign(serials, false);
      std::size_t i = 0;
      for (const Finding& f : findings.list) {
        if (chosen[i++] && !f.describable()) wanted[f.serial] = again = true;
      }
    }
    if (again) {
      detail::Findings described(wanted, detail::text_budget(json.size()));
      collect(*impl, schemas, parsed, kind, options, now, extra, described);
      std::vector<std::unique_ptr<detail::FindingText>> texts(serials);
      for (Finding& f : described.list) {
        if (f.text && f.serial < serials) texts[f.serial] = std::move(f.text);
      }
      for (Finding& f : findings.list) {
        if (!f.text && wanted[f.serial]) f.text = std::move(texts[f.serial]);
      }
    }
    return detail::build_report(&schemas, kind, findings.list, &findings.paths, chosen, json, options, &parsed);
  } catch (const std::bad_alloc&) {
    return detail::single_report(options.kind, Code::internal_error, "out of memory while validating");
  } catch (const std::exception& e) {
    return detail::single_report(options.kind, Code::internal_error,
                                 std::string("validation failed internally: ") + e.what());
  } catch (...) { return detail::single_report(options.kind, Code::internal_error, "validation failed internally"); }
}

Report Validator::validate(std::string_view json, const Options& options) const noexcept {
  try {
    detail::ParsedJson parsed;
    return detail::validate_document(*this, json, options, parsed);
  } catch (...) { return detail::single_report(options.kind, Code::internal_error, "out of memory while validating"); }
}

Report validate(std::string_view json, const Options& options) noexcept {
  static const Validator shared;  // immutable after construction; C++11 guarantees thread-safe init
  return shared.validate(json, options);
}

std::string_view version() noexcept { return BACKFILL_VERSION_STRING; }

}  // namespace backfill
