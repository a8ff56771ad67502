// Compiling a schema document into the model. valijson 1.0's draft-07 semantics decide what the
// fast check may implement (validation_visitor.hpp): strong types, "integer" is any non-double
// number, keywords apply only to instances of their type, "$ref" siblings are ignored. Anything
// else is noted as unsupported (the reference validator then decides every document), but still
// compiled as far as navigation needs, since the walk and failure mapping use the model for any schema.
#include "schema/model.h"

#include "schema/embedded.h"

namespace backfill::detail {

namespace {

// Bounds "$ref" chains: a cycle of references in a schema would be a mistake, but must not hang.
constexpr int kMaxHops = 16;

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

// The keywords the fast check implements, each read into the node by its reader, and the annotations
// (no constraint for valijson's draft-07 parser; readOnly is read for the walk). Any other keyword
// makes the schema one the reference validator decides. A reader returns why the value is in a
// form the fast check does not implement ("" when it is implemented).
using KeywordReader = std::string_view (*)(const Value& value, SchemaNode& node, bool root);

std::string_view read_type(const Value& v, SchemaNode& node, bool) {
  std::string_view problem;
  if (v.IsString()) {
    node.types = type_bit(text_of(v));
  } else if (v.IsArray() && v.Size() > 0) {
    for (const Value& t : v.GetArray()) {
      const std::uint8_t bit = t.IsString() ? type_bit(text_of(t)) : 0;
      if (bit == 0 && problem.empty()) problem = "a \"type\" entry that is not a type name";
      node.types |= bit;
    }
  }
  if (node.types == 0 && problem.empty()) problem = "an unknown \"type\"";
  return problem;
}

std::string_view read_enum(const Value& v, SchemaNode& node, bool) {
  if (!v.IsArray() || v.Empty()) return "an \"enum\" that is not a non-empty array";
  std::string_view problem;
  for (const Value& e : v.GetArray()) {
    if (e.IsString()) {
      node.enum_strings.emplace_back(text_of(e));
    } else {
      problem = "an \"enum\" with a value that is not a string";
    }
  }
  node.has_enum = true;
  return problem;
}

std::string_view read_properties(const Value& v, SchemaNode& node, bool) {
  if (!v.IsObject()) return "\"properties\" is not an object";
  node.object_keywords = true;
  node.has_properties = true;
  std::string_view problem;
  for (const auto& p : v.GetObject()) {
    bool twice = false;
    for (const SchemaProperty& known : node.properties) twice = twice || same_text(p.name, known.name);
    if (twice) {
      problem = "a property named twice";
      continue;
    }
    node.properties.push_back({std::string(text_of(p.name)), kAnything, {}});
  }
  return problem;
}

std::string_view read_required(const Value& v, SchemaNode& node, bool) {
  node.object_keywords = true;  // its names are read with the subschemas (compile_required)
  return v.IsArray() ? "" : "\"required\" is not an array";
}

std::string_view read_additional_properties(const Value& v, SchemaNode& node, bool) {
  node.object_keywords = true;
  if (v.IsBool()) {
    node.additional = v.GetBool() ? kAnything : kNothing;
    node.closed = true;
  } else if (!v.IsObject()) {
    return "\"additionalProperties\" is neither a boolean nor a schema";
  }
  return "";
}

std::string_view read_items(const Value& v, SchemaNode&, bool) {
  return v.IsObject() ? "" : "\"items\" is not a single schema";
}

std::string_view read_item_count(const Value& v, std::uint64_t& count) {
  if (!v.IsUint64()) return "an item count that is not a non-negative integer";
  count = v.GetUint64();
  return "";
}
std::string_view read_min_items(const Value& v, SchemaNode& node, bool) { return read_item_count(v, node.min_items); }
std::string_view read_max_items(const Value& v, SchemaNode& node, bool) { return read_item_count(v, node.max_items); }

std::string_view read_applicator(const Value& v, SchemaNode&, bool) {
  return v.IsArray() && !v.Empty() ? "" : "an applicator that is not a non-empty array";
}

std::string_view read_format(const Value& v, SchemaNode& node, bool) {
  if (!v.IsString()) return "a \"format\" that is not a string";
  if (text_of(v) == "date-time") node.format = StringFormat::date_time;
  if (text_of(v) == "uuid") node.format = StringFormat::uuid;
  return "";
}

std::string_view read_read_only(const Value& v, SchemaNode& node, bool) {
  node.read_only = v.IsBool() && v.GetBool();
  return "";
}

std::string_view read_id(const Value&, SchemaNode&, bool root) { return root ? "" : "a nested \"$id\""; }

struct KeywordRow {
  std::string_view keyword;
  KeywordReader read;  // nullptr: an annotation, nothing to read
  bool annotation;     // allowed beside "$ref" (valijson ignores "$ref"'s siblings)
};

constexpr KeywordRow kKeywords[] = {
    {"type", read_type, false},
    {"enum", read_enum, false},
    {"properties", read_properties, false},
    {"required", read_required, false},
    {"additionalProperties", read_additional_properties, false},
    {"items", read_items, false},
    {"minItems", read_min_items, false},
    {"maxItems", read_max_items, false},
    {"oneOf", read_applicator, false},
    {"anyOf", read_applicator, false},
    {"allOf", read_applicator, false},
    // "format" is never seen by the reference validator: the schema walk checks formats exactly.
    {"format", read_format, false},
    {"readOnly", read_read_only, true},
    {"$id", read_id, true},
    {"$schema", nullptr, true},
    {"$comment", nullptr, true},
    {"title", nullptr, true},
    {"description", nullptr, true},
    {"default", nullptr, true},
    {"examples", nullptr, true},
    {"writeOnly", nullptr, true},
    {"definitions", nullptr, true},
};

const KeywordRow* find_keyword(std::string_view keyword) {
  for (const KeywordRow& row : kKeywords) {
    if (row.keyword == keyword) return &row;
  }
  return nullptr;
}

bool is_annotation(std::string_view keyword) {
  const KeywordRow* row = find_keyword(keyword);
  return (row != nullptr && row->annotation) || keyword.substr(0, 2) == "x-";
}

// The JSON Pointer of `target` within `at` (which `pointer` names), or false when it is not there.
bool find_pointer(const Value& at, const Value* target, std::string& pointer) {
  if (&at == target) return true;
  const std::size_t size = pointer.size();
  if (at.IsObject()) {
    for (const auto& m : at.GetObject()) {
      append_pointer_token(pointer, text_of(m.name));
      if (find_pointer(m.value, target, pointer)) return true;
      pointer.resize(size);
    }
  } else if (at.IsArray()) {
    for (rapidjson::SizeType i = 0; i < at.Size(); ++i) {
      append_pointer_index(pointer, i);
      if (find_pointer(at[i], target, pointer)) return true;
      pointer.resize(size);
    }
  }
  return false;
}

}  // namespace

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

void SchemaModel::note(const Value& where, std::string_view why) {
  if (!unsupported_.empty()) return;
  std::string pointer;
  find_pointer(document_, &where, pointer);
  unsupported_ = std::string(why) + (pointer.empty() ? " at the root" : " at " + pointer);
}

bool SchemaModel::compile(std::string_view text) {
  nodes_.clear();
  refs_.clear();
  compiled_.clear();
  error_.clear();
  unsupported_.clear();
  id_.clear();
  root_edge_.clear();
  bundled_ids_.clear();
  document_.Parse(text.data(), text.size());
  if (document_.HasParseError() || !document_.IsObject()) {
    error_ = "the schema is not a JSON object";
    return false;
  }
  if (const Value* id = member(document_, "$id"); id && id->IsString()) id_ = std::string(text_of(*id));
  // Every local "$ref" resolved once.
  std::vector<const Value*> pending{&document_};
  while (!pending.empty()) {
    const Value* at = pending.back();
    pending.pop_back();
    if (at->IsArray()) {
      for (const Value& item : at->GetArray()) pending.push_back(&item);
    } else if (at->IsObject()) {
      for (const auto& m : at->GetObject()) {
        if (same_text(m.name, "$ref") && m.value.IsString()) {
          const std::string_view target = text_of(m.value);
          if (!target.empty() && target[0] == '#') {
            refs_.emplace(&m.value, Ref{resolve_pointer(document_, target.substr(1)), target.substr(1)});
          }
        }
        pending.push_back(&m.value);
      }
    }
  }
  root_ = compile_node(document_, 0);
  root_edge_ = edge("", document_);
  // Known only now that every node is compiled (a property may refer back to its own object).
  for (SchemaNode& node : nodes_) {
    for (SchemaProperty& property : node.properties) {
      if (property.schema < 0) continue;
      const SchemaNode& sub = nodes_[static_cast<std::size_t>(property.schema)];
      const bool only_type = !sub.has_enum && !sub.object_keywords && sub.items == kAnything && sub.min_items == 0 &&
                             sub.max_items == UINT64_MAX && sub.one_of.empty() && sub.any_of.empty() &&
                             sub.all_of.empty() && sub.format == StringFormat::none;
      if (only_type) property.scalar_types = sub.types != 0 ? sub.types : std::uint8_t{0xFF};
    }
  }
  compiled_.clear();
  return error_.empty();
}

const Value* SchemaModel::follow_ref(const Value& schema, int& hops) const {
  const Value* ref = member(schema, "$ref");
  if (ref == nullptr) return &schema;
  const auto found = refs_.find(ref);
  if (found == refs_.end()) return &schema;  // not a local reference: nothing to follow
  ++hops;
  return found->second.target;
}

const Value* SchemaModel::follow_refs(const Value& schema, int& hops) const {
  const Value* at = &schema;
  while (at != nullptr && hops < kMaxHops) {
    const Value* next = follow_ref(*at, hops);
    if (next == at) break;
    at = next;
  }
  return at;
}

std::string SchemaModel::edge(std::string keyword_path, const Value& subschema) const {
  int hops = 0;
  follow_refs(subschema, hops);
  for (int i = 0; i < hops; ++i) keyword_path += "/$ref";
  return keyword_path;
}

const Value* SchemaModel::follow_node_refs(const Value& start) {
  const Value* at = &start;
  for (int hops = 0;; ++hops) {
    if (!at->IsObject()) {
      note(*at, "a subschema that is not an object");
      return nullptr;
    }
    const Value* ref = member(*at, "$ref");
    if (ref == nullptr) return at;
    // valijson follows the reference and ignores its siblings; the fast check allows only annotations.
    for (const auto& m : at->GetObject()) {
      if (!same_text(m.name, "$ref") && !is_annotation(text_of(m.name))) note(*at, "a keyword beside $ref");
    }
    const auto found = refs_.find(ref);
    if (found == refs_.end() || hops >= kMaxHops) {
      note(*at, "a $ref that is not a local JSON Pointer");  // navigation goes on in this subschema
      return at;
    }
    if (found->second.target == nullptr) {
      note(*at, "a $ref that names nothing");
      return nullptr;
    }
    at = found->second.target;
  }
}

NodeId SchemaModel::compile_node(const Value& start, unsigned depth) {
  if (depth > kMaxCompileDepth) {
    if (error_.empty()) error_ = "subschemas nest deeper than " + std::to_string(kMaxCompileDepth) + " levels";
    return kAnything;
  }
  const Value* schema = follow_node_refs(start);
  if (schema == nullptr) return kAnything;
  if (const auto seen = compiled_.find(schema); seen != compiled_.end()) return seen->second;

  const auto index = static_cast<NodeId>(nodes_.size());
  nodes_.emplace_back();
  compiled_.emplace(schema, index);
  SchemaNode node;
  node.schema = schema;
  read_keywords(*schema, node);
  // Subschemas next, compiled after this node's index is reserved, so that cycles resolve.
  compile_required(*schema, node);
  compile_subschemas(*schema, node, depth + 1);
  nodes_[static_cast<std::size_t>(index)] = std::move(node);
  return index;
}

void SchemaModel::read_keywords(const Value& schema, SchemaNode& node) {
  for (const auto& m : schema.GetObject()) {
    const std::string_view keyword = text_of(m.name);
    const KeywordRow* row = find_keyword(keyword);
    if (row == nullptr) {
      if (keyword.substr(0, 2) != "x-") note(schema, "the keyword \"" + std::string(keyword) + "\"");
      continue;
    }
    if (row->read == nullptr) continue;
    const std::string_view problem = row->read(m.value, node, &schema == &document_);
    if (!problem.empty()) note(schema, problem);
  }
}

void SchemaModel::compile_required(const Value& schema, SchemaNode& node) {
  if (const Value* required = member(schema, "required"); required && required->IsArray()) {
    for (const Value& name : required->GetArray()) {
      if (!name.IsString()) {
        note(schema, "a \"required\" entry that is not a string");
        continue;
      }
      std::size_t at = 0;
      while (at < node.properties.size() && !same_text(name, node.properties[at].name)) ++at;
      if (at == node.properties.size()) node.properties.push_back({std::string(text_of(name)), kAnything, {}});
      if (at >= 64) {
        note(schema, "more than 64 properties");
        continue;
      }
      node.required_mask |= std::uint64_t{1} << at;
    }
  }
  if (node.properties.size() > 64) note(schema, "more than 64 properties");
}

void SchemaModel::compile_subschemas(const Value& schema, SchemaNode& node, unsigned depth) {
  if (const Value* properties = member(schema, "properties"); properties && properties->IsObject()) {
    for (const auto& p : properties->GetObject()) {
      for (SchemaProperty& known : node.properties) {
        if (!same_text(p.name, known.name) || known.schema != kAnything || !p.value.IsObject()) continue;
        known.schema = compile_node(p.value, depth);
        std::string path = "/properties";
        append_pointer_token(path, known.name);
        known.edge = edge(std::move(path), p.value);
      }
      if (!p.value.IsObject()) note(p.value, "a subschema that is not an object");
    }
  }
  if (const Value* additional = member(schema, "additionalProperties"); additional && additional->IsObject()) {
    node.additional = compile_node(*additional, depth);
    node.additional_edge = edge("/additionalProperties", *additional);
  }
  if (const Value* items = member(schema, "items"); items && items->IsObject()) {
    node.items = compile_node(*items, depth);
    node.items_edge = edge("/items", *items);
  }
  for (auto [keyword, list] : {std::pair{"oneOf", &node.one_of}, {"anyOf", &node.any_of}, {"allOf", &node.all_of}}) {
    if (const Value* branches = member(schema, keyword); branches && branches->IsArray()) {
      for (const Value& branch : branches->GetArray()) list->push_back(compile_node(branch, depth));
    }
  }
}

const Value* SchemaModel::keyword(NodeId id, std::string_view keyword) const noexcept {
  if (id < 0) return nullptr;
  const Value* schema = node(id).schema;
  return schema ? member(*schema, keyword) : nullptr;
}

NodeId SchemaModel::member_schema(NodeId id, std::string_view name, const std::string** edge) const noexcept {
  if (id < 0) return kAnything;
  const SchemaNode& at = node(id);
  for (const SchemaProperty& p : at.properties) {
    if (p.schema >= 0 && name == p.name) {
      if (edge) *edge = &p.edge;
      return p.schema;
    }
  }
  if (at.additional < 0) return kAnything;
  if (edge) *edge = &at.additional_edge;
  return at.additional;
}

NodeId SchemaModel::items_schema(NodeId id, const std::string** edge) const noexcept {
  if (id < 0 || node(id).items < 0) return kAnything;
  if (edge) *edge = &node(id).items_edge;
  return node(id).items;
}

NodeId SchemaModel::branch_for(NodeId id, const Value& object) const noexcept {
  if (id < 0 || !object.IsObject() || node(id).one_of.empty()) return id;
  const Value* type = member(object, "type");
  if (type == nullptr || !type->IsString()) return id;
  for (NodeId candidate : node(id).one_of) {
    const NodeId type_node = member_schema(candidate, "type");
    if (type_node < 0) continue;
    for (const std::string& e : node(type_node).enum_strings) {
      if (same_text(*type, e)) return candidate;
    }
  }
  return id;
}

std::string SchemaModel::resolved_location(std::string_view location) const {
  std::string resolved;
  const Value* at = &document_;
  std::size_t start = 0;
  while (start < location.size()) {
    const std::size_t next = location.find('/', start + 1);
    const std::size_t end = next == std::string_view::npos ? location.size() : next;
    const std::string_view token = location.substr(start + 1, end - start - 1);
    start = end;
    if (token == "$ref") {
      const Value* ref = at ? member(*at, "$ref") : nullptr;
      const auto found = ref ? refs_.find(ref) : refs_.end();
      if (found == refs_.end() || found->second.target == nullptr) return std::string(location);
      at = found->second.target;
      resolved = std::string(found->second.pointer);
      continue;
    }
    resolved += '/';
    resolved += token;
    at = at ? resolve_pointer(*at, std::string("/").append(token)) : nullptr;
  }
  return resolved;
}

void SchemaModel::name_bundled_file(std::string_view file, std::string id) {
  bundled_ids_[std::string(file.substr(0, file.find('.')))] = std::move(id);
}

std::string SchemaModel::absolute_location(std::string_view keyword_location) const {
  const std::string resolved = resolved_location(keyword_location);
  // scripts/embed_schemas.py bundles "common.schema.json#/definitions/Uuid" as
  // "/definitions/common.Uuid": name it where it is published (RFC 3986 resolution against $id).
  constexpr std::string_view kDefinitions = "/definitions/";
  if (resolved.rfind(kDefinitions, 0) == 0) {
    const std::size_t name_end = std::min(resolved.find('/', kDefinitions.size()), resolved.size());
    const std::string name = resolved.substr(kDefinitions.size(), name_end - kDefinitions.size());
    const std::size_t dot = name.find('.');
    const std::string stem = dot == std::string::npos ? "" : name.substr(0, dot);
    const std::string located = std::string(kDefinitions) + name.substr(dot + 1) + resolved.substr(name_end);
    if (const auto named = bundled_ids_.find(stem); named != bundled_ids_.end()) {
      return named->second.substr(0, named->second.find('#')) + "#" + located;
    }
    const std::string file = stem + ".schema.json";
    const std::size_t base_end = id_.rfind('/');
    if (!stem.empty() && !embedded_schema_file(file).empty() && base_end != std::string::npos) {
      return id_.substr(0, base_end + 1) + file + "#" + located;
    }
  }
  return id_ + "#" + resolved;
}

std::string SchemaPath::pointer() const {
  std::size_t size = 0;
  for (const Step& step : steps_) size += 1 + (step.is_index ? 20 : step.name.size());
  std::string out;
  out.reserve(size);
  for (const Step& step : steps_) {
    if (step.is_index) {
      append_pointer_index(out, step.index);
    } else {
      append_pointer_token(out, step.name);
    }
  }
  return out;
}

std::string SchemaPath::keyword_location(std::string_view root_edge, std::string_view keyword) const {
  std::string out(root_edge);
  for (const Step& step : steps_) {
    if (step.edge) out += *step.edge;
  }
  out += '/';
  out += keyword;
  return out;
}

}  // namespace backfill::detail
