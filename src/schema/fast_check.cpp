// The schema fast path. It mirrors valijson 1.0's draft-07 semantics for the keywords our schemas
// use (validation_visitor.hpp): strong types, "integer" is any non-double number, keywords apply only
// to instances of their type, "properties"/"required" look members up by the first occurrence of a
// name, "additionalProperties": false fails when the matched names are fewer than the members (so a
// repeated name fails too), "$ref" siblings are ignored. Any other keyword, or any other form of
// these, makes compile() refuse, and then valijson decides every document: never a silent pass.
#include "schema/fast_check.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "backfill/formats.h"
#include "schema/embedded.h"
#include "rules/context.h"

namespace backfill::detail {

namespace {

enum : std::uint8_t {
  kTypeNull = 1,
  kTypeBoolean = 2,
  kTypeObject = 4,
  kTypeArray = 8,
  kTypeNumber = 16,
  kTypeInteger = 32,
  kTypeString = 64,
};

enum : std::uint8_t { kFormatNone, kFormatDateTime, kFormatUuid };

// Recursion bound; deeper instances (only reachable through recursive schemas) go to valijson.
constexpr unsigned kMaxDepth = 200;

std::uint8_t type_bit(std::string_view name) {
  if (name == "null") return kTypeNull;
  if (name == "boolean") return kTypeBoolean;
  if (name == "object") return kTypeObject;
  if (name == "array") return kTypeArray;
  if (name == "number") return kTypeNumber;
  if (name == "integer") return kTypeInteger;
  if (name == "string") return kTypeString;
  return 0;
}

std::uint8_t instance_types(const Value& v) noexcept {
  switch (v.GetType()) {
    case rapidjson::kNullType: return kTypeNull;
    case rapidjson::kFalseType:
    case rapidjson::kTrueType: return kTypeBoolean;
    case rapidjson::kObjectType: return kTypeObject;
    case rapidjson::kArrayType: return kTypeArray;
    case rapidjson::kStringType: return kTypeString;
    case rapidjson::kNumberType: return v.IsDouble() ? kTypeNumber : kTypeNumber | kTypeInteger;
  }
  return 0;
}

// Keywords that carry no constraint for valijson's draft-07 parser (annotations), plus "format",
// which CompiledSchema strips before valijson sees it (the rule layer checks formats exactly).
bool is_annotation(std::string_view keyword) {
  static constexpr std::string_view kAnnotations[] = {"$schema", "$comment", "title", "description", "default",
                                                      "examples", "readOnly", "writeOnly", "definitions"};
  for (std::string_view a : kAnnotations) {
    if (keyword == a) return true;
  }
  return keyword.substr(0, 2) == "x-";
}

bool same_text(const Value& name, const std::string& text) noexcept {
  return name.GetStringLength() == text.size() && std::memcmp(name.GetString(), text.data(), text.size()) == 0;
}

}  // namespace

bool FastSchema::fail(std::string why) {
  nodes_.clear();
  if (unsupported_.empty()) unsupported_ = std::move(why);
  return false;
}

std::int32_t FastSchema::refuse(std::string why) {
  fail(std::move(why));
  return kAnything;
}

bool FastSchema::compile(std::string_view schema_text) {
  nodes_.clear();
  compiled_.clear();
  unsupported_.clear();
  document_.Parse(schema_text.data(), schema_text.size());
  if (document_.HasParseError() || !document_.IsObject()) return fail("the schema is not a JSON object");
  // The root's "$id" only names the document; a nested "$id" would change how "$ref" resolves.
  root_ = compile_node(document_, 0);
  if (!unsupported_.empty()) return fail("the schema root did not compile");
  compiled_.clear();
  return true;
}

std::int32_t FastSchema::compile_node(const Value& schema, int hops) {
  if (!unsupported_.empty()) return kAnything;
  if (!schema.IsObject()) return refuse("a subschema is not an object");
  for (const auto& [seen, index] : compiled_) {
    if (seen == &schema) return index;
  }
  if (const Value* ref = member(schema, "$ref")) {
    // valijson follows the reference and ignores its siblings; allow only annotations beside it.
    for (const auto& m : schema.GetObject()) {
      if (!same_text(m.name, "$ref") && !is_annotation(text_of(m.name))) return refuse("a keyword beside $ref");
    }
    if (!ref->IsString() || ref->GetStringLength() == 0 || ref->GetString()[0] != '#' || hops > 16) {
      return refuse("a $ref that is not a local JSON Pointer");
    }
    const Value* target = resolve_pointer(document_, text_of(*ref).substr(1));
    if (target == nullptr) return refuse("a $ref that names nothing");
    return compile_node(*target, hops + 1);
  }

  const auto index = static_cast<std::int32_t>(nodes_.size());
  nodes_.emplace_back();
  compiled_.emplace_back(&schema, index);
  Node node;
  node.schema = &schema;
  for (const auto& m : schema.GetObject()) {
    const std::string_view keyword = text_of(m.name);
    const Value& v = m.value;
    if (keyword == "type") {
      if (v.IsString()) {
        node.types = type_bit(text_of(v));
      } else if (v.IsArray() && v.Size() > 0) {
        for (const Value& t : v.GetArray()) {
          const std::uint8_t bit = t.IsString() ? type_bit(text_of(t)) : 0;
          if (bit == 0) return refuse("a \"type\" entry that is not a type name");
          node.types |= bit;
        }
      }
      if (node.types == 0) return refuse("an unknown \"type\"");
    } else if (keyword == "enum") {
      if (!v.IsArray() || v.Empty()) return refuse("an \"enum\" that is not a non-empty array");
      for (const Value& e : v.GetArray()) {
        if (!e.IsString()) return refuse("an \"enum\" with a value that is not a string");
        node.enum_strings.emplace_back(text_of(e));
      }
      node.has_enum = true;
    } else if (keyword == "properties") {
      if (!v.IsObject()) return refuse("\"properties\" is not an object");
      node.object_keywords = true;
      node.has_properties = true;
      for (const auto& p : v.GetObject()) {
        for (const Property& known : node.properties) {
          if (same_text(p.name, known.name)) return refuse("a property named twice");
        }
        node.properties.push_back({std::string(text_of(p.name)), -1, {}});
      }
    } else if (keyword == "required") {
      if (!v.IsArray()) return refuse("\"required\" is not an array");
      node.object_keywords = true;
    } else if (keyword == "additionalProperties") {
      node.object_keywords = true;
      if (v.IsBool()) {
        node.additional = v.GetBool() ? kAnything : kNothing;
        node.closed = true;
      } else if (!v.IsObject()) {
        return refuse("\"additionalProperties\" is neither a boolean nor a schema");
      }
    } else if (keyword == "items") {
      if (!v.IsObject()) return refuse("\"items\" is not a single schema");
    } else if (keyword == "minItems" || keyword == "maxItems") {
      if (!v.IsUint64()) return refuse("an item count that is not a non-negative integer");
      (keyword == "minItems" ? node.min_items : node.max_items) = v.GetUint64();
    } else if (keyword == "oneOf" || keyword == "anyOf" || keyword == "allOf") {
      if (!v.IsArray() || v.Empty()) return refuse("an applicator that is not a non-empty array");
    } else if (keyword == "format") {
      if (!v.IsString()) return refuse("a \"format\" that is not a string");
      if (text_of(v) == "date-time") node.format = kFormatDateTime;
      if (text_of(v) == "uuid") node.format = kFormatUuid;
    } else if (keyword == "readOnly") {
      node.read_only = v.IsBool() && v.GetBool();
    } else if (keyword == "$id") {
      if (&schema != &document_) return refuse("a nested \"$id\"");
    } else if (!is_annotation(keyword)) {
      return refuse("the keyword \"" + std::string(keyword) + "\"");
    }
  }
  // Second pass: subschemas (compiled after this node's index is reserved, so cycles resolve).
  if (const Value* required = member(schema, "required")) {
    for (const Value& name : required->GetArray()) {
      if (!name.IsString()) return refuse("a \"required\" entry that is not a string");
      std::size_t at = 0;
      while (at < node.properties.size() && !same_text(name, node.properties[at].name)) ++at;
      if (at == node.properties.size()) node.properties.push_back({std::string(text_of(name)), -1, {}});
      if (at >= 64) return refuse("more than 64 properties");
      node.required_mask |= std::uint64_t{1} << at;
    }
  }
  if (node.properties.size() > 64) return refuse("more than 64 properties");
  if (const Value* properties = member(schema, "properties")) {
    for (const auto& p : properties->GetObject()) {
      for (Property& known : node.properties) {
        if (!same_text(p.name, known.name)) continue;
        known.schema = compile_node(p.value, 0);
        std::string path = "/properties";
        append_pointer_token(path, known.name);
        known.edge = edge(std::move(path), p.value);
      }
    }
  }
  if (const Value* additional = member(schema, "additionalProperties"); additional && additional->IsObject()) {
    node.additional = compile_node(*additional, 0);
    node.additional_edge = edge("/additionalProperties", *additional);
  }
  if (const Value* items = member(schema, "items")) {
    node.items = compile_node(*items, 0);
    node.items_edge = edge("/items", *items);
  }
  for (auto [keyword, list] : {std::pair{"oneOf", &node.one_of}, {"anyOf", &node.any_of}, {"allOf", &node.all_of}}) {
    if (const Value* branches = member(schema, keyword)) {
      for (const Value& branch : branches->GetArray()) list->push_back(compile_node(branch, 0));
    }
  }
  if (!unsupported_.empty()) return kAnything;
  nodes_[static_cast<std::size_t>(index)] = std::move(node);
  return index;
}

// The keyword location CompiledSchema gives a subschema reached by `keyword_path` from its parent:
// the path, then "/$ref" for each reference followed (CompiledSchema::resolve).
std::string FastSchema::edge(std::string keyword_path, const Value& subschema) const {
  const Value* at = &subschema;
  for (int hops = 0; hops < 16 && at != nullptr; ++hops) {
    const Value* ref = member(*at, "$ref");
    if (ref == nullptr || !ref->IsString() || ref->GetStringLength() == 0 || ref->GetString()[0] != '#') break;
    at = resolve_pointer(document_, text_of(*ref).substr(1));
    keyword_path += "/$ref";
  }
  return keyword_path;
}

FastSchema::Verdict FastSchema::check(const Value& instance) const noexcept {
  if (!usable()) return Verdict::unknown;
  return check(root_, instance, 0);
}

FastSchema::Verdict FastSchema::check(const Value& instance, bool request, bool& walk_may_report) const noexcept {
  if (!usable()) {
    walk_may_report = true;
    return Verdict::unknown;
  }
  WalkProbe probe;
  probe.request = request;
  const Verdict verdict = check(root_, instance, 0, &probe);
  const bool answered = verdict == Verdict::valid && !probe.unsure;
  // Otherwise the walk runs, and prunes what walk_may_report_at() proves clean as it goes: the
  // same work as asking walk_may_report() here first.
  walk_may_report = answered ? probe.may_report : true;
  return verdict;
}

namespace {

// What the schema walk finds wrong with a string whose subschema has a format.
bool format_fails(std::uint8_t format, std::string_view text) noexcept {
  if (format == kFormatDateTime) return !parse_date_time(text).instant;
  if (format == kFormatUuid) return !is_uuid(text);
  return false;
}

}  // namespace

FastSchema::Verdict FastSchema::check(std::int32_t index, const Value& value, unsigned depth,
                                      WalkProbe* probe) const noexcept {
  if (index == kAnything) return Verdict::valid;
  if (index == kNothing) return Verdict::invalid;
  if (depth > kMaxDepth) return Verdict::unknown;
  const Node& node = nodes_[static_cast<std::size_t>(index)];
  if (probe != nullptr) {
    // Once the answer is known, or where the walk would choose a branch, the probe stops following.
    if (probe->may_report || !node.one_of.empty() || !node.any_of.empty() || !node.all_of.empty()) {
      probe->unsure = probe->unsure || !probe->may_report;
      probe = nullptr;
    } else if (node.format != kFormatNone && value.IsString()) {
      probe->may_report = format_fails(node.format, text_of(value));
    }
  }
  Verdict verdict = Verdict::valid;
  // An invalid child decides; an unknown one is remembered in case nothing else fails.
  auto take = [&verdict](Verdict child) {
    if (child == Verdict::unknown) verdict = Verdict::unknown;
    return child == Verdict::invalid;
  };

  if (node.types != 0 && (node.types & instance_types(value)) == 0) return Verdict::invalid;
  if (node.has_enum) {
    if (!value.IsString()) return Verdict::invalid;
    bool listed = false;
    for (const std::string& e : node.enum_strings) listed = listed || same_text(value, e);
    if (!listed) return Verdict::invalid;
  }
  if (value.IsObject() && node.object_keywords) {
    std::uint64_t present = 0, checked = 0;
    for (const auto& m : value.GetObject()) {
      std::size_t at = 0;
      while (at < node.properties.size() && !same_text(m.name, node.properties[at].name)) ++at;
      if (at < node.properties.size()) present |= std::uint64_t{1} << at;  // for "required"
      if (at == node.properties.size() || node.properties[at].schema == -1) {
        // Not described by "properties" (a name only in "required" is not described either).
        if (node.additional == kNothing) return Verdict::invalid;
        if (probe && node.additional == kAnything && node.has_properties && !node.closed) probe->may_report = true;
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
      const std::int32_t sub = node.properties[at].schema;
      if (probe && probe->request && nodes_[static_cast<std::size_t>(sub)].read_only) probe->may_report = true;
      if (take(check(sub, m.value, depth + 1, probe))) return Verdict::invalid;
    }
    if ((present & node.required_mask) != node.required_mask) return Verdict::invalid;
  }
  if (value.IsArray()) {
    if (value.Size() < node.min_items || value.Size() > node.max_items) return Verdict::invalid;
    if (node.items != kAnything) {
      for (const Value& item : value.GetArray()) {
        if (take(check(node.items, item, depth + 1, probe))) return Verdict::invalid;
      }
    }
  }
  for (std::int32_t branch : node.all_of) {
    if (take(check(branch, value, depth + 1))) return Verdict::invalid;
  }
  if (!node.any_of.empty()) {
    bool matched = false, unsure = false;
    for (std::int32_t branch : node.any_of) {
      const Verdict v = check(branch, value, depth + 1);
      matched = matched || v == Verdict::valid;
      unsure = unsure || v == Verdict::unknown;
    }
    if (!matched) return unsure ? Verdict::unknown : Verdict::invalid;
  }
  if (!node.one_of.empty()) {
    int matched = 0;
    bool unsure = false;
    for (std::int32_t branch : node.one_of) {
      const Verdict v = check(branch, value, depth + 1);
      matched += v == Verdict::valid;
      unsure = unsure || v == Verdict::unknown;
    }
    if (unsure) return Verdict::unknown;
    if (matched != 1) return Verdict::invalid;
  }
  return verdict;
}

// The subschema the walk uses for member `name`: "properties" first, then an "additionalProperties"
// schema (CompiledSchema::member_subschema); -1 when neither describes it.
std::int32_t FastSchema::member_node(const Node& node, std::string_view name) const noexcept {
  for (const Property& p : node.properties) {
    if (p.schema >= 0 && name == p.name) return p.schema;
  }
  return node.additional >= 0 ? node.additional : -1;
}

bool FastSchema::walk_may_report(const Value& instance, bool request) const noexcept {
  if (!usable()) return true;
  return walk_may_report(root_, instance, request, 0);
}

std::int32_t FastSchema::walk_branch(std::int32_t index, const Value& value) const noexcept {
  if (index < 0) return index;
  const Node& node = nodes_[static_cast<std::size_t>(index)];
  if (!value.IsObject() || node.one_of.empty()) return index;
  // The walk follows the oneOf branch whose "type" member enum names the instance's "type".
  const Value* type = member(value, "type");
  if (type == nullptr || !type->IsString()) return index;
  for (std::int32_t branch : node.one_of) {
    const std::int32_t type_node = branch >= 0 ? member_node(nodes_[static_cast<std::size_t>(branch)], "type") : -1;
    if (type_node < 0) continue;
    const Node& values = nodes_[static_cast<std::size_t>(type_node)];
    const bool named = std::any_of(values.enum_strings.begin(), values.enum_strings.end(),
                                   [&](const std::string& e) { return same_text(*type, e); });
    if (named) return branch;
  }
  return index;
}

std::int32_t FastSchema::walk_member(std::int32_t index, std::string_view name) const noexcept {
  return index < 0 ? -1 : member_node(nodes_[static_cast<std::size_t>(index)], name);
}

std::int32_t FastSchema::walk_items(std::int32_t index) const noexcept {
  return index < 0 ? -1 : std::max(nodes_[static_cast<std::size_t>(index)].items, std::int32_t{-1});
}

// Mirrors Walker::walk in rules_schema_walk.cpp, answering only "would it report anything".
bool FastSchema::walk_may_report(std::int32_t index, const Value& value, bool request, unsigned depth) const noexcept {
  if (depth > kMaxDepth) return true;
  const Node* node = &nodes_[static_cast<std::size_t>(index)];
  if (value.IsObject() && !node->one_of.empty()) node = &nodes_[static_cast<std::size_t>(walk_branch(index, value))];
  if (value.IsString()) return format_fails(node->format, text_of(value));
  if (value.IsObject()) {
    for (const auto& m : value.GetObject()) {
      const std::int32_t sub = member_node(*node, text_of(m.name));
      if (sub < 0) {
        if (node->has_properties && !node->closed) return true;  // an unknown member
        continue;
      }
      if (request && nodes_[static_cast<std::size_t>(sub)].read_only) return true;
      if (walk_may_report(sub, m.value, request, depth + 1)) return true;
    }
    return false;
  }
  if (value.IsArray() && node->items >= 0) {
    for (const Value& item : value.GetArray()) {
      if (walk_may_report(node->items, item, request, depth + 1)) return true;
    }
  }
  return false;
}

// The path from the root to the value being checked, and where failures go. A failure is named
// exactly as CompiledSchema::map_failure names valijson's: the same keyword location (built from
// the edges compiled beside each node), the same wording.
struct FastSchema::Collector {
  struct Step {
    std::string_view name;     // a member name, or
    std::size_t index;         // an array index when `name` is null
    bool is_index;
    const std::string* edge;   // the subschema's keyword location relative to its parent's
  };
  std::vector<SchemaFailure>* out = nullptr;  // failures(): every failure in full
  Findings* findings = nullptr;               // report_failures()
  bool best_effort = false;                   // never give up (see report_failures)
  std::vector<Step> path;

  // False when the wording would not be the mapped one and this is not a best effort (the caller
  // then asks valijson). `keyword` is a literal; `at`: the node whose keyword fails.
  bool add(std::string_view keyword, Code code, const Node& at, const Value& node, std::string_view missing = {}) {
    const Value* keyword_value = at.schema != nullptr ? member(*at.schema, keyword) : nullptr;
    const bool counted = (keyword == "minItems" || keyword == "maxItems") && node.IsArray() &&
                         keyword_value != nullptr && keyword_value->IsUint();
    const bool mapped = keyword == "type" || keyword == "required" || keyword == "enum" || keyword == "oneOf" || counted;
    if (!mapped && !best_effort) return false;
    auto describe = [&] {
      SchemaFailure failure;
      failure.code = code;
      failure.keyword = std::string(keyword);
      failure.node = &node;
      for (const Step& step : path) {
        if (step.is_index) {
          append_pointer_index(failure.pointer, step.index);
        } else {
          append_pointer_token(failure.pointer, step.name);
        }
        failure.keyword_location += *step.edge;
      }
      failure.keyword_location += "/" + failure.keyword;
      failure.missing = std::string(missing);
      if (keyword == "type") {
        failure.message = "expected " + describe_types(keyword_value) + ", found " + describe_found(node);
      } else if (keyword == "required") {
        failure.message = "missing required member " + quote_text(missing);
      } else if (keyword == "enum") {
        failure.message = quote_value(node) + " is not an allowed value; expected " + describe_enum(keyword_value);
      } else if (keyword == "oneOf") {
        failure.message = "value matches none of the allowed shapes";
      } else if (counted) {
        failure.message = "array has " + std::to_string(node.Size()) + " items; " +
                          (keyword == "minItems" ? "at least " : "at most ") +
                          std::to_string(keyword_value->GetUint()) + " allowed";
      } else {
        failure.message = "value does not satisfy the schema's \"" + failure.keyword + "\" keyword";
      }
      return failure;
    };
    if (out != nullptr) {
      out->push_back(describe());
      return true;
    }
    Finding& finding = findings->add(code, &node, [&] {
      SchemaFailure failure = describe();
      return FindingText{std::move(failure.pointer), std::move(failure.message), std::move(failure.keyword_location)};
    });
    finding.keyword = keyword;
    finding.related = missing;
    return true;
  }
  // Whether a failure this path cannot word as valijson does ends the collection (the caller then
  // asks valijson); a best effort goes on.
  bool gives_up() const noexcept { return !best_effort; }
};

bool FastSchema::failures(const Value& instance, std::vector<SchemaFailure>& out) const {
  if (!usable()) return false;
  try {
    std::vector<SchemaFailure> found;
    Collector collector;
    collector.out = &found;
    collector.path.reserve(16);  // deeper than any document the schemas describe
    if (!collect(root_, instance, collector, 0)) return false;
    out = std::move(found);
    return true;
  } catch (...) {
    return false;  // e.g. out of memory: valijson decides, as before
  }
}

bool FastSchema::report_failures(const Value& instance, Findings& findings, bool best_effort) const {
  if (!usable()) return false;
  Collector collector;
  collector.findings = &findings;
  collector.best_effort = best_effort;
  collector.path.reserve(16);
  return collect(root_, instance, collector, 0);
}

// Mirrors check(), but goes on after a failure and records it. Unlike valijson it does not report
// cascades ("Failed to validate item #0"), which CompiledSchema::failures drops anyway.
bool FastSchema::collect(std::int32_t index, const Value& value, Collector& c, unsigned depth) const {
  if (index == kAnything) return true;
  if (depth > kMaxDepth) return !c.gives_up();  // deeper than the schemas reach: the caller's safety net names it
  if (index == kNothing) {
    return !c.gives_up() && c.add("false", Code::schema_other, Node{}, value);
  }
  const Node& node = nodes_[static_cast<std::size_t>(index)];
  if (!node.one_of.empty() || !node.any_of.empty() || !node.all_of.empty()) {
    // Nothing to report beneath a value that passes.
    if (check(index, value, depth) == Verdict::valid) return true;
    // A failing oneOf alone in its subschema is one failure: the valijson layer keeps only the oneOf
    // failure at that value and drops what its branches found. (Valijson would collect all of that
    // first: hundreds of bytes per failing item, the memory a hostile array of them costs.)
    const bool only_one_of = node.any_of.empty() && node.all_of.empty() && node.types == 0 && !node.has_enum &&
                             !node.object_keywords && node.items == kAnything && node.min_items == 0 &&
                             node.max_items == UINT64_MAX;
    if (!only_one_of && c.gives_up()) return false;
    const std::string_view keyword = !node.one_of.empty() ? "oneOf" : !node.any_of.empty() ? "anyOf" : "allOf";
    return c.add(keyword, Code::schema_one_of, node, value);
  }
  const bool array_keywords = node.items != kAnything || node.min_items > 0 || node.max_items != UINT64_MAX;
  if (node.types != 0 && (node.types & instance_types(value)) == 0) {
    // failures() keeps a type failure alone at its value, unless keywords of the value's own type
    // (which valijson still applies) look inside it.
    if (((value.IsObject() && node.object_keywords) || (value.IsArray() && array_keywords)) && c.gives_up()) return false;
    return c.add("type", Code::schema_type, node, value);
  }
  if (node.has_enum) {
    bool listed = false;
    if (value.IsString()) {
      for (const std::string& e : node.enum_strings) listed = listed || same_text(value, e);
    }
    if (!listed) {
      if ((value.IsObject() || value.IsArray()) && c.gives_up()) return false;  // other keywords may fail there too
      if (!c.add("enum", Code::schema_enum, node, value)) return false;
    }
  }
  if (value.IsObject() && node.object_keywords) {
    std::uint64_t present = 0, checked = 0;
    bool closed_reported = false;
    for (const auto& m : value.GetObject()) {
      std::size_t at = 0;
      while (at < node.properties.size() && !same_text(m.name, node.properties[at].name)) ++at;
      if (at < node.properties.size()) present |= std::uint64_t{1} << at;
      std::int32_t sub = node.additional;
      const std::string* edge = &node.additional_edge;
      if (at < node.properties.size() && node.properties[at].schema != -1) {
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
        if (!closed_reported) c.add("additionalProperties", Code::schema_other, node, value);
        closed_reported = true;
        continue;
      }
      c.path.push_back({text_of(m.name), 0, false, edge});
      const bool sure = collect(sub, m.value, c, depth + 1);
      c.path.pop_back();
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
        if (!c.add("required", Code::schema_required, node, value, name)) return false;
      }
    }
  }
  if (value.IsArray()) {
    const bool too_few = value.Size() < node.min_items, too_many = value.Size() > node.max_items;
    if (too_few && too_many && c.gives_up()) return false;
    if (too_few && !c.add("minItems", Code::schema_items, node, value)) return false;
    if (too_many && !too_few && !c.add("maxItems", Code::schema_items, node, value)) return false;
    if (node.items != kAnything) {
      std::size_t i = 0;
      for (const Value& item : value.GetArray()) {
        c.path.push_back({{}, i++, true, &node.items_edge});
        const bool sure = collect(node.items, item, c, depth + 1);
        c.path.pop_back();
        if (!sure) return false;
      }
    }
  }
  return true;
}

bool fast_path_enabled() noexcept {
  const char* mode = std::getenv("BACKFILL_SCHEMA_PATH");
  return mode == nullptr || std::string_view(mode) != "reference";
}

bool schema_accepts(const FastSchema& fast, const CompiledSchema& reference, const Value& instance, Kind kind,
                    bool* walk_needed) {
  const FastSchema::Verdict verdict =
      walk_needed != nullptr ? fast.check(instance, kind == Kind::request, *walk_needed) : fast.check(instance);
  switch (verdict) {
    case FastSchema::Verdict::valid: return true;
    case FastSchema::Verdict::invalid: return false;
    case FastSchema::Verdict::unknown: break;
  }
  return reference.accepts(instance);
}

bool fast_path_agrees(std::string_view text, Kind kind) noexcept {
  if (kind == Kind::automatic) return true;  // no schema of its own: the Validator picks a kind first
  try {
    ParsedJson parsed;
    ParseError error;
    if (!parsed.parse(text, 64u << 20, 128, error)) return true;
    CompiledSchema reference;
    reference.compile(embedded_schema(kind));
    FastSchema fast;
    if (!fast.compile(embedded_schema(kind))) return true;
    // The walk pre-checks: "nothing to report" from the one pass agrees with the separate walk,
    // and is true; and the pruned walk reports what the full one does (the reports of a Validator
    // built with BACKFILL_SCHEMA_PATH=reference, which never prunes, are compared in unit tests).
    for (const bool request : {true, false}) {
      bool one_pass = true;
      fast.check(parsed.root(), request, one_pass);
      const bool separate = fast.walk_may_report(parsed.root(), request);
      if (!one_pass && separate) return false;
      if (separate) continue;
      Findings findings;
      const Options options;
      const RuleContext context{parsed.root(), request ? Kind::request : Kind::response, options, Instant{}, findings};
      check_against_schema_walk(reference, context);
      if (findings.size() != 0) return false;
    }
    const FastSchema::Verdict verdict = fast.check(parsed.root());
    if (verdict == FastSchema::Verdict::unknown) return true;
    if ((verdict == FastSchema::Verdict::valid) != reference.accepts(parsed.root())) return false;
    std::vector<SchemaFailure> fast_failures;
    if (verdict == FastSchema::Verdict::valid || !parsed.find_duplicate_keys().empty() ||
        !fast.failures(parsed.root(), fast_failures)) {
      return true;
    }
    std::vector<SchemaFailure> expected = reference.failures(parsed.root());
    // Findings are placed in document order (stable): only the order at one value must agree.
    for (auto* list : {&fast_failures, &expected}) {
      std::stable_sort(list->begin(), list->end(), [&](const SchemaFailure& a, const SchemaFailure& b) {
        return parsed.offset_of(a.node) < parsed.offset_of(b.node);
      });
    }
    return std::equal(fast_failures.begin(), fast_failures.end(), expected.begin(), expected.end(),
                      [](const SchemaFailure& a, const SchemaFailure& b) {
                        return a.code == b.code && a.keyword == b.keyword && a.node == b.node &&
                               a.pointer == b.pointer && a.keyword_location == b.keyword_location &&
                               a.message == b.message && a.missing == b.missing;
                      });
  } catch (...) {
    return false;  // neither path may throw on a parsed document
  }
}

}  // namespace backfill::detail
