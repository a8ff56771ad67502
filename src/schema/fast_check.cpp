// The fast check follows valijson 1.0's draft-07 semantics for the keywords the model implements:
// strong types, keywords apply only to instances of their type, "properties" and "required" look a
// member up by the first occurrence of its name, "additionalProperties": false fails when the matched
// names are fewer than the members (so a repeated name fails too).
#include "schema/fast_check.h"

#include <algorithm>

#include "rules/context.h"
#include "schema/walk.h"
#include "schema/wording.h"

namespace backfill::detail {

namespace {

bool enum_lists(const SchemaNode& node, const Value& value) noexcept {
  if (!value.IsString()) return false;
  for (const std::string& e : node.enum_strings) {
    if (same_text(value, e)) return true;
  }
  return false;
}

std::size_t property_index(const SchemaNode& node, const Value& name) noexcept {
  std::size_t at = 0;
  while (at < node.properties.size() && !same_text(name, node.properties[at].name)) ++at;
  return at;
}

}  // namespace

// What the one pass learns about the schema walk (see check(instance, request, ...)).
struct FastCheck::Probe {
  bool request = false;
  bool may_report = false;               // a format, read-only or unknown member the walk would report
  bool unsure = false;                   // a part the probe does not follow: the walk decides
  const WalkReporter* report = nullptr;  // reports all the walk would, instead of stopping at the first
  const PathLink* in = nullptr;          // the container of the value at hand (nullptr: the root)
};

namespace {

// The probe's container while the children of `here` are checked (a link on the stack, which the
// reports keep only when they are made; carried by the probe rather than by every call).
template <typename Probe>
class Entered {
 public:
  Entered(Probe* probe, const PathLink& here) noexcept : probe_(probe), outer_(probe ? probe->in : nullptr) {
    if (probe_) probe_->in = &here;
  }
  ~Entered() {
    if (probe_) probe_->in = outer_;
  }
  Entered(const Entered&) = delete;
  Entered& operator=(const Entered&) = delete;

 private:
  Probe* probe_;
  const PathLink* outer_;
};

}  // namespace

FastCheck::Verdict FastCheck::check(const Value& instance) const noexcept {
  if (!usable()) return Verdict::unknown;
  return check(model_->root(), instance, 0);
}

FastCheck::Verdict FastCheck::check(const Value& instance, bool request, bool& walk_may_report) const noexcept {
  if (!usable()) {
    walk_may_report = true;
    return Verdict::unknown;
  }
  Probe probe;
  probe.request = request;
  const Verdict verdict = check(model_->root(), instance, 0, &probe);
  walk_may_report = verdict == Verdict::valid && !probe.unsure ? probe.may_report : true;
  return verdict;
}

FastCheck::Verdict FastCheck::check(const Value& instance, const WalkReporter& walk, bool& walk_needed) const {
  walk_needed = true;
  if (!usable()) return Verdict::unknown;
  Probe probe;
  probe.request = walk.request();
  probe.report = &walk;
  const Verdict verdict = check(model_->root(), instance, 0, &probe);
  walk_needed = verdict != Verdict::valid || probe.unsure;
  return verdict;
}

FastCheck::Verdict FastCheck::check(NodeId id, const Value& value, unsigned depth, Probe* probe) const {
  if (id == kAnything) return Verdict::valid;
  if (id == kNothing) return Verdict::invalid;
  if (depth > kMaxSchemaDepth) return Verdict::unknown;
  const SchemaNode& node = model_->node(id);
  if (probe != nullptr) {
    // Once the answer is known (unless it reports all), or where the walk would choose a branch, the
    // probe stops following.
    if ((probe->may_report && !probe->report) || !node.one_of.empty() || !node.any_of.empty() || !node.all_of.empty()) {
      probe->unsure = probe->unsure || !probe->may_report || probe->report;
      probe = nullptr;
    } else if (value.IsString() && node.format != StringFormat::none) {
      const bool fails = probe->report ? probe->report->format(node.format, value, probe->in)
                                       : string_fails_format(node.format, text_of(value));
      probe->may_report = probe->may_report || fails;
    }
  }
  Verdict verdict = Verdict::valid;
  // An invalid child decides; an unknown one is remembered in case nothing else fails.
  auto take = [&verdict](Verdict child) {
    if (child == Verdict::unknown) verdict = Verdict::unknown;
    return child == Verdict::invalid;
  };

  if (node.types != 0 && (node.types & instance_types(value)) == 0) return Verdict::invalid;
  if (node.has_enum && !enum_lists(node, value)) return Verdict::invalid;
  if (value.IsObject() && node.object_keywords) {
    const PathLink here{probe ? probe->in : nullptr, &value};
    const Entered<Probe> entered(probe, here);
    std::uint64_t present = 0, checked = 0;
    for (const auto& m : value.GetObject()) {
      const std::size_t at = property_index(node, m.name);
      if (at < node.properties.size()) present |= std::uint64_t{1} << at;  // for "required"
      if (at == node.properties.size() || node.properties[at].schema == kAnything) {
        // Not described by "properties" (a name only in "required" is not described either).
        if (node.additional == kNothing) return Verdict::invalid;
        if (probe && node.warns_of_unknown_members()) {
          probe->may_report = true;
          if (probe->report) probe->report->unknown(id, m.value, text_of(m.name), here);
        }
        if (probe && probe->request && node.additional >= 0 && model_->node(node.additional).read_only) {
          probe->may_report = true;
          if (probe->report) probe->report->read_only(m.value, text_of(m.name), here);
        }
        if (take(check(node.additional, m.value, depth + 1, probe))) return Verdict::invalid;
        continue;
      }
      const std::uint64_t bit = std::uint64_t{1} << at;
      if (checked & bit) {
        // A repeated name: valijson checks only the first occurrence, but counts members against the
        // matched names when additionalProperties is false.
        if (node.additional == kNothing) return Verdict::invalid;
        if (probe) probe->unsure = true;  // the walk visits the repeat too
        continue;
      }
      checked |= bit;
      const SchemaProperty& property = node.properties[at];
      const NodeId sub = property.schema;
      if (probe && probe->request && model_->node(sub).read_only) {
        probe->may_report = true;
        if (probe->report) probe->report->read_only(m.value, text_of(m.name), here);
      }
      // A scalar whose subschema has only "type" (a name, a title): checked here, not by a call.
      if (property.scalar_types != 0 && !m.value.IsObject() && !m.value.IsArray() && depth < kMaxSchemaDepth) {
        if ((property.scalar_types & instance_types(m.value)) == 0) return Verdict::invalid;
        continue;
      }
      if (take(check(sub, m.value, depth + 1, probe))) return Verdict::invalid;
    }
    if ((present & node.required_mask) != node.required_mask) return Verdict::invalid;
  }
  if (value.IsArray()) {
    if (value.Size() < node.min_items || value.Size() > node.max_items) return Verdict::invalid;
    if (node.items != kAnything) {
      const PathLink here{probe ? probe->in : nullptr, &value};
      const Entered<Probe> entered(probe, here);
      for (const Value& item : value.GetArray()) {
        if (take(check(node.items, item, depth + 1, probe))) return Verdict::invalid;
      }
    }
  }
  for (NodeId branch : node.all_of) {
    if (take(check(branch, value, depth + 1))) return Verdict::invalid;
  }
  if (!node.any_of.empty()) {
    bool matched = false, unsure = false;
    for (NodeId branch : node.any_of) {
      const Verdict v = check(branch, value, depth + 1);
      matched = matched || v == Verdict::valid;
      unsure = unsure || v == Verdict::unknown;
    }
    if (!matched) return unsure ? Verdict::unknown : Verdict::invalid;
  }
  if (!node.one_of.empty()) {
    int matched = 0;
    bool unsure = false;
    for (NodeId branch : node.one_of) {
      const Verdict v = check(branch, value, depth + 1);
      matched += v == Verdict::valid;
      unsure = unsure || v == Verdict::unknown;
    }
    if (unsure) return Verdict::unknown;
    if (matched != 1) return Verdict::invalid;
  }
  return verdict;
}

// Where failures go, and the path from the root to the value being checked. A failure is named as
// the reference validator's mapping names it: the same keyword location, the same wording.
struct FastCheck::Collector {
  const SchemaModel* model = nullptr;
  Findings* findings = nullptr;
  bool best_effort = false;  // never give up (see report_failures)
  SchemaPath path;

  // False when the wording would not be the reference's and this is not a best effort (the caller
  // then asks the reference validator). `keyword` is a literal; `at`: the node whose keyword fails.
  bool add(std::string_view keyword, Code code, NodeId at, const Value& node, std::string_view missing = {}) {
    const Value* keyword_value = model->keyword(at, keyword);
    const bool counted = (keyword == "minItems" || keyword == "maxItems") && node.IsArray() &&
                         keyword_value != nullptr && keyword_value->IsUint();
    const bool same_as_reference =
        keyword == "type" || keyword == "required" || keyword == "enum" || keyword == "oneOf" || counted;
    if (!same_as_reference && !best_effort) return false;
    Finding& finding = findings->add(code, &node, [&] {
      std::string message =
          describe_failure(keyword, keyword_value, &node, missing)
              .value_or("value does not satisfy the schema's \"" + std::string(keyword) + "\" keyword");
      return FindingText{path.pointer(), std::move(message), path.keyword_location(model->root_edge(), keyword)};
    });
    finding.keyword = keyword;
    finding.related = missing;
    return true;
  }
  // Whether a failure this check cannot word as the reference does ends the collection.
  bool gives_up() const noexcept { return !best_effort; }
};

bool FastCheck::report_failures(const Value& instance, Findings& findings, bool best_effort) const {
  if (!usable()) return false;
  Collector collector;
  collector.model = model_;
  collector.findings = &findings;
  collector.best_effort = best_effort;
  collector.path.reserve(16);  // deeper than any document the schemas describe
  return collect(model_->root(), instance, collector, 0);
}

// Follows check(), but goes on after a failure and records it. Unlike valijson it does not report
// cascades ("Failed to validate item #0"), which the reference mapping drops anyway.
bool FastCheck::collect(NodeId id, const Value& value, Collector& c, unsigned depth) const {
  if (id == kAnything) return true;
  if (depth > kMaxSchemaDepth) return !c.gives_up();  // deeper than the schemas reach: the caller's safety net names it
  if (id == kNothing) return !c.gives_up() && c.add("false", Code::schema_other, kAnything, value);
  const SchemaNode& node = model_->node(id);
  if (!node.one_of.empty() || !node.any_of.empty() || !node.all_of.empty()) {
    // Nothing to report beneath a value that passes.
    if (check(id, value, depth) == Verdict::valid) return true;
    // A failing oneOf alone in its subschema is one failure: the reference mapping keeps only the
    // oneOf failure at that value and drops what its branches found. (valijson would collect all of
    // that first: hundreds of bytes per failing item, the memory a hostile array of them costs.)
    const bool only_one_of = node.any_of.empty() && node.all_of.empty() && node.types == 0 && !node.has_enum &&
                             !node.object_keywords && node.items == kAnything && node.min_items == 0 &&
                             node.max_items == UINT64_MAX;
    if (!only_one_of && c.gives_up()) return false;
    const std::string_view keyword = !node.one_of.empty() ? "oneOf" : !node.any_of.empty() ? "anyOf" : "allOf";
    return c.add(keyword, Code::schema_one_of, id, value);
  }
  const bool array_keywords = node.items != kAnything || node.min_items > 0 || node.max_items != UINT64_MAX;
  if (node.types != 0 && (node.types & instance_types(value)) == 0) {
    // The reference mapping keeps a type failure alone at its value, unless keywords of the value's
    // own type (which valijson still applies) look inside it.
    if (((value.IsObject() && node.object_keywords) || (value.IsArray() && array_keywords)) && c.gives_up())
      return false;
    return c.add("type", Code::schema_type, id, value);
  }
  if (node.has_enum && !enum_lists(node, value)) {
    if ((value.IsObject() || value.IsArray()) && c.gives_up()) return false;  // other keywords may fail there too
    if (!c.add("enum", Code::schema_enum, id, value)) return false;
  }
  if (value.IsObject() && node.object_keywords) {
    std::uint64_t present = 0, checked = 0;
    bool closed_reported = false;
    for (const auto& m : value.GetObject()) {
      const std::size_t at = property_index(node, m.name);
      if (at < node.properties.size()) present |= std::uint64_t{1} << at;
      NodeId sub = node.additional;
      const std::string* edge = &node.additional_edge;
      if (at < node.properties.size() && node.properties[at].schema != kAnything) {
        const std::uint64_t bit = std::uint64_t{1} << at;
        if (checked & bit) {  // a repeated name: its pointer would name the first occurrence
          if (c.gives_up()) return false;
          continue;
        }
        checked |= bit;
        sub = node.properties[at].schema;
        edge = &node.properties[at].edge;
      } else if (node.additional == kNothing) {
        if (c.gives_up()) return false;  // additionalProperties false: valijson's own wording, left to it
        if (!closed_reported) c.add("additionalProperties", Code::schema_other, id, value);
        closed_reported = true;
        continue;
      }
      c.path.push_member(text_of(m.name), edge);
      const bool sure = collect(sub, m.value, c, depth + 1);
      c.path.pop();
      if (!sure) return false;
    }
    if (const std::uint64_t missing = node.required_mask & ~present; missing != 0) {
      // valijson keeps required names in a std::set: it reports them in byte order.
      std::vector<std::string_view> names;
      for (std::size_t at = 0; at < node.properties.size(); ++at) {
        if (missing & (std::uint64_t{1} << at)) names.push_back(node.properties[at].name);
      }
      std::sort(names.begin(), names.end());
      for (std::string_view name : names) {
        if (!c.add("required", Code::schema_required, id, value, name)) return false;
      }
    }
  }
  if (value.IsArray()) {
    const bool too_few = value.Size()<node.min_items, too_many = value.Size()> node.max_items;
    if (too_few && too_many && c.gives_up()) return false;
    if (too_few && !c.add("minItems", Code::schema_items, id, value)) return false;
    if (too_many && !too_few && !c.add("maxItems", Code::schema_items, id, value)) return false;
    if (node.items != kAnything) {
      std::size_t i = 0;
      for (const Value& item : value.GetArray()) {
        c.path.push_index(i++, &node.items_edge);
        const bool sure = collect(node.items, item, c, depth + 1);
        c.path.pop();
        if (!sure) return false;
      }
    }
  }
  return true;
}

}  // namespace backfill::detail
