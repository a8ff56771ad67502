// The validation pipeline: parse, schema layer, rules; then one fault, one diagnostic, in document order.
#include <algorithm>
#include <chrono>
#include <new>
#include <string_view>
#include <unordered_set>

#include "backfill/validate.h"
#include "embedded_schemas.h"
#include "fast_path.h"
#include "rules.h"
#include "schema.h"

namespace backfill {

struct Validator::Impl {
  detail::CompiledSchema schemas[4];  // indexed by Kind (request, response, error, parameters)
  detail::FastSchema fast_schemas[sizeof(schemas) / sizeof(schemas[0])];  // same index; decides validity
  std::string setup_error;            // set when an embedded schema failed to compile
};

namespace {

using detail::Finding;

Instant clock_now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto nanos = std::chrono::duration_cast<std::chrono::nanoseconds>(since_epoch - seconds);
  return {seconds.count(), static_cast<std::uint64_t>(nanos.count()) * 1000000000ULL};
}

Report single(Kind kind, Code code, std::string message) {
  Report report;
  report.kind = kind;
  Diagnostic d;
  d.code = code;
  d.severity = rule_info(code).severity;
  d.message = std::move(message);
  report.diagnostics.push_back(std::move(d));
  return report;
}

// Removes the findings whose index is marked.
void erase_marked(std::vector<Finding>& findings, const std::vector<bool>& marked) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (!marked[i]) {
      if (kept != i) findings[kept] = std::move(findings[i]);
      ++kept;
    }
  }
  findings.resize(kept);
}

// (pointer, index) of the findings that `keep` selects, sorted by pointer for equal_range lookups:
// hostile input can hold millions of findings, where a scan per finding is quadratic; and one
// vector costs one allocation, where a hash map cost one per finding of every invalid document.
template <typename Keep>
std::vector<std::pair<std::string_view, std::size_t>> by_pointer(const std::vector<Finding>& findings, Keep keep) {
  std::vector<std::pair<std::string_view, std::size_t>> index;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (keep(findings[i])) index.emplace_back(findings[i].pointer, i);
  }
  std::sort(index.begin(), index.end());
  return index;
}

// The entries of a by_pointer() index at `pointer`.
auto at_pointer(const std::vector<std::pair<std::string_view, std::size_t>>& index, std::string_view pointer) {
  struct Less {
    bool operator()(const std::pair<std::string_view, std::size_t>& e, std::string_view p) const { return e.first < p; }
    bool operator()(std::string_view p, const std::pair<std::string_view, std::size_t>& e) const { return p < e.first; }
  };
  return std::equal_range(index.begin(), index.end(), pointer, Less{});
}

// A misspelt required member is one fault: the "missing" diagnostic names the misspelling, and the
// unknown-member warning for it is dropped.
void fold_misspellings(std::vector<Finding>& findings) {
  const auto required_at = by_pointer(findings, [](const Finding& f) { return f.code == Code::schema_required; });
  if (required_at.empty()) return;
  std::vector<bool> folded(findings.size(), false);
  for (std::size_t u = 0; u < findings.size(); ++u) {
    const Finding& unknown = findings[u];
    if (unknown.code != Code::unknown_member || unknown.related.empty()) continue;
    const std::string_view parent = std::string_view(unknown.pointer).substr(0, unknown.pointer.rfind('/'));
    const auto [first, last] = at_pointer(required_at, parent);
    for (auto it = first; it != last; ++it) {
      Finding& missing = findings[it->second];
      if (missing.related != unknown.related) continue;
      const std::string token = unknown.pointer.substr(parent.size() + 1);
      missing.message += "; found " + detail::quote_text(token) + ", which looks like a misspelling of it";
      folded[u] = true;
      break;
    }
  }
  erase_marked(findings, folded);
}

// A repeated member (BF0005) shadows its value: a pointer names only the first occurrence, so a
// finding at or inside a repeat (say, an unknown member in it) would point at a different value, or
// at none. The BF0005 finding stands for the repeat; the others are dropped.
void drop_shadowed(std::vector<Finding>& findings) {
  std::unordered_set<const detail::Value*> shadowed;
  std::vector<const detail::Value*> pending;
  for (const Finding& f : findings) {
    if (f.code == Code::json_duplicate_key && f.node != nullptr) pending.push_back(f.node);
  }
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

// Drops schema findings that a rule reports more specifically at the same value.
void remove_subsumed(std::vector<Finding>& findings) {
  const auto rules_at = by_pointer(findings, [](const Finding& f) { return f.keyword.empty(); });
  if (rules_at.empty()) return;
  std::vector<bool> subsumed(findings.size(), false);
  for (std::size_t s = 0; s < findings.size(); ++s) {
    if (findings[s].keyword.empty()) continue;
    const auto [first, last] = at_pointer(rules_at, findings[s].pointer);
    subsumed[s] = std::any_of(first, last, [&](const auto& rule) {
      return detail::rule_subsumes(findings[rule.second].code, findings[s].keyword);
    });
  }
  erase_marked(findings, subsumed);
}

}  // namespace

namespace detail {

Report place(Kind kind, std::vector<Finding>& findings, const ParsedJson* parsed, std::string_view text,
             const Options& options, std::size_t dropped) {
  if (parsed != nullptr) {
    std::vector<const detail::Value*> nodes;
    for (const Finding& f : findings) {
      if (f.node != nullptr) nodes.push_back(f.node);
    }
    const std::vector<std::size_t> offsets = parsed->offsets_of(nodes);
    std::size_t next = 0;
    for (Finding& f : findings) {
      if (f.node != nullptr) f.offset = offsets[next++];
    }
  }
  std::stable_sort(findings.begin(), findings.end(),
                   [](const Finding& a, const Finding& b) { return a.offset < b.offset; });
  Report report;
  report.kind = kind;
  const detail::SourceMap source(text);
  for (Finding& f : findings) {
    if (report.diagnostics.size() >= options.limits.max_diagnostics) {
      ++report.suppressed;
      continue;
    }
    Diagnostic d;
    d.code = f.code;
    d.severity = rule_info(f.code).severity;
    if (options.strict && d.severity == Severity::warning) d.severity = Severity::error;
    d.pointer = std::move(f.pointer);
    d.message = std::move(f.message);
    d.keyword_location = std::move(f.keyword_location);
    source.locate(f.offset, d.line, d.column);
    report.diagnostics.push_back(std::move(d));
  }
  report.suppressed += dropped;
  if (report.suppressed > 0) {
    Diagnostic d;
    d.code = Code::diagnostics_truncated;
    d.severity = Severity::info;
    d.message = std::to_string(report.suppressed) + " further diagnostics were not listed (limit " +
                std::to_string(options.limits.max_diagnostics) + ")";
    d.line = 1;
    d.column = 1;
    report.diagnostics.push_back(std::move(d));
  }
  return report;
}

}  // namespace detail

namespace {
using detail::place;
}  // namespace

bool Report::valid() const noexcept {
  return suppressed_errors == 0 && std::none_of(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& d) {
           return d.severity == Severity::error;
         });
}

std::size_t Report::count(Severity severity) const noexcept {
  const std::size_t unlisted = severity == Severity::error     ? suppressed_errors
                               : severity == Severity::warning ? suppressed_warnings
                                                               : 0;
  return unlisted + static_cast<std::size_t>(std::count_if(diagnostics.begin(), diagnostics.end(),
                                                           [&](const Diagnostic& d) { return d.severity == severity; }));
}

std::string_view kind_name(Kind kind) noexcept {
  switch (kind) {
    case Kind::request: return "request";
    case Kind::response: return "response";
    case Kind::error: return "error";
    case Kind::parameters: return "parameters";
    case Kind::automatic: return "auto";
  }
  return "request";
}

std::optional<Kind> parse_kind(std::string_view name) noexcept {
  for (Kind k : {Kind::request, Kind::response, Kind::error, Kind::parameters, Kind::automatic}) {
    if (kind_name(k) == name) return k;
  }
  return std::nullopt;
}

std::string_view schema_text(Kind kind) noexcept { return detail::embedded_schema(kind); }

namespace detail {

std::string_view embedded_schema_file(std::string_view file) noexcept {
  for (std::size_t i = 0; i < kEmbeddedSchemaCount; ++i) {
    if (kEmbeddedSchemas[i].file == file) return kEmbeddedSchemas[i].text;
  }
  return {};
}

std::string_view embedded_schema(Kind kind) noexcept {
  switch (kind) {
    case Kind::request: return embedded_schema_file("request.schema.json");
    case Kind::response: return embedded_schema_file("response.schema.json");
    case Kind::error: return embedded_schema_file("error.schema.json");
    case Kind::parameters: return embedded_schema_file("parameters.schema.json");
    case Kind::automatic: break;
  }
  return {};
}

}  // namespace detail

Validator::Validator() noexcept {
  try {
    impl_ = std::make_unique<Impl>();
    for (Kind k : {Kind::request, Kind::response, Kind::error, Kind::parameters}) {
      impl_->schemas[static_cast<int>(k)].compile(detail::embedded_schema(k));
      if (detail::fast_path_enabled()) impl_->fast_schemas[static_cast<int>(k)].compile(detail::embedded_schema(k));
    }
  } catch (const std::exception& e) {
    if (impl_) impl_->setup_error = e.what();
  } catch (...) {
    if (impl_) impl_->setup_error = "unknown failure";
  }
}

Validator::~Validator() = default;
Validator::Validator(Validator&&) noexcept = default;
Validator& Validator::operator=(Validator&&) noexcept = default;

Report Validator::validate(std::string_view json, const Options& options) const noexcept {
  try {
    if (!impl_ || !impl_->setup_error.empty()) {
      return single(options.kind, Code::internal_error,
                    "the embedded schemas could not be compiled: " + (impl_ ? impl_->setup_error : "out of memory"));
    }
    std::vector<Finding> findings;
    detail::ParsedJson parsed;
    detail::ParseError error;
    if (!parsed.parse(json, options.limits.max_bytes, options.limits.max_depth, error)) {
      findings.push_back({error.code, nullptr, error.offset, "", std::move(error.message), {}, {}, {}});
      return place(options.kind, findings, nullptr, json, options);
    }
    for (auto& duplicate : parsed.find_duplicate_keys()) {
      // The pointer names the first occurrence (which RFC 6901 resolves to); the position the repeat.
      findings.push_back({Code::json_duplicate_key, duplicate.value, 0, std::move(duplicate.pointer),
                          "member " + detail::quote_text(duplicate.name) +
                              " appears more than once in this object; parsers disagree on which one counts",
                          {}, {}, {}});
    }
    const bool repeats_names = !findings.empty();  // only duplicate keys so far
    const Kind kind = options.kind == Kind::automatic ? detail::detect_kind(parsed.root()) : options.kind;
    const detail::CompiledSchema& schema = impl_->schemas[static_cast<int>(kind)];
    const detail::FastSchema& fast = impl_->fast_schemas[static_cast<int>(kind)];
    // Room for the listed diagnostics plus what "one fault, one diagnostic" may still fold away;
    // findings past it are only counted.
    const std::size_t listed = std::min<std::size_t>(options.limits.max_diagnostics, std::size_t{1} << 40);
    const std::size_t capacity = 2 * listed + 64;
    std::size_t dropped = 0;
    bool walk_needed = true;
    if (!detail::schema_accepts(fast, schema, parsed.root(), kind, &walk_needed)) {
      // The fast path names the common failures itself; valijson collects the rest (it costs more
      // than validating a valid document end to end).
      std::vector<detail::SchemaFailure> failures;
      // With repeated names the two paths may name different occurrences, so valijson names them;
      // but it collects every failure first (hundreds of bytes each), which a large hostile document
      // turns into gigabytes. Past kExactDuplicatesBelow values the fast path names them, and
      // drop_shadowed() below removes what either path found inside the repeats. The verdict is the
      // same either way: a repeated name is an error.
      constexpr std::size_t kExactDuplicatesBelow = 10000;
      const bool valijson_names = repeats_names && parsed.value_count() < kExactDuplicatesBelow;
      if (valijson_names || !fast.failures(parsed.root(), failures, capacity, &dropped)) {
        failures = schema.failures(parsed.root());
      }
      for (auto& failure : failures) {
        findings.push_back({failure.code, failure.node, 0, std::move(failure.pointer), std::move(failure.message),
                            std::move(failure.keyword), std::move(failure.keyword_location), std::move(failure.missing)});
      }
    }
    detail::RuleContext context{parsed.root(), kind, options, options.now ? *options.now : clock_now(), findings};
    context.capacity = findings.size() + capacity;
    context.dropped = dropped;
    if (walk_needed) {
      detail::check_against_schema_walk(schema, context, &fast);
    }
    detail::check_rules(kind, context);
    if (repeats_names) drop_shadowed(findings);
    fold_misspellings(findings);
    remove_subsumed(findings);
    return place(kind, findings, &parsed, json, options, context.dropped);
  } catch (const std::bad_alloc&) {
    return single(options.kind, Code::internal_error, "out of memory while validating");
  } catch (const std::exception& e) {
    return single(options.kind, Code::internal_error, std::string("validation failed internally: ") + e.what());
  } catch (...) {
    return single(options.kind, Code::internal_error, "validation failed internally");
  }
}

Report validate(std::string_view json, const Options& options) noexcept {
  static const Validator shared;  // immutable after construction; C++11 guarantees thread-safe init
  return shared.validate(json, options);
}

std::string_view version() noexcept { return BACKFILL_VERSION; }

}  // namespace backfill
