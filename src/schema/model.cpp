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

// Keywords that carry no constraint for valijson's draft-07 parser (annotations), plus "format",
// which the reference validator never sees (the schema walk checks formats exactly).
bool is_annotation(std::string_view keyword) {
  static constexpr std::string_view kAnnotations[] = {"$schema",  "$comment", "title",     "description", "default",
                                                      "examples", "readOnly", "writeOnly", "definitions"};
  for (std::string_view a : kAnnotations) {
    if (keyword == a) return true;
  }
  return keyword.substr(0, 2) == "x-";
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

void SchemaModel::note(std::string why) {
  if (unsupported_.empty()) unsupported_ = std::move(why);
}

bool SchemaModel::compile(std::string_view text) {
  nodes_.clear();
  refs_.clear();
  compiled_.clear();
  error_.clear();
  unsupported_.clear();
  id_.clear();
  root_edge_.clear();
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
  root_ = compile_node(document_);
  root_edge_ = edge("", document_);
  compiled_.clear();
  return true;
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

NodeId SchemaModel::compile_node(const Value& start) {
  const Value* at = &start;
  for (int hops = 0;; ++hops) {
    if (!at->IsObject()) {
      note("a subschema is not an object");
      return kAnything;
    }
    const Value* ref = member(*at, "$ref");
    if (ref == nullptr) break;
    // valijson follows the reference and ignores its siblings; the fast check allows only annotations.
    for (const auto& m : at->GetObject()) {
      if (!same_text(m.name, "$ref") && !is_annotation(text_of(m.name))) note("a keyword beside $ref");
    }
    const auto found = refs_.find(ref);
    if (found == refs_.end() || hops >= kMaxHops) {
      note("a $ref that is not a local JSON Pointer");  // navigation goes on in this subschema
      break;
    }
    if (found->second.target == nullptr) {
      note("a $ref that names nothing");
      return kAnything;
    }
    at = found->second.target;
  }
  const Value& schema = *at;
  if (const auto seen = compiled_.find(&schema); seen != compiled_.end()) return seen->second;

  const auto index = static_cast<NodeId>(nodes_.size());
  nodes_.emplace_back();
  compiled_.emplace(&schema, index);
  SchemaNode node;
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
          if (bit == 0) note("a \"type\" entry that is not a type name");
          node.types |= bit;
        }
      }
      if (node.types == 0) note("an unknown \"type\"");
    } else if (keyword == "enum") {
      if (!v.IsArray() || v.Empty()) {
        note("an \"enum\" that is not a non-empty array");
        continue;
      }
      for (const Value& e : v.GetArray()) {
        if (e.IsString()) {
          node.enum_strings.emplace_back(text_of(e));
        } else {
          note("an \"enum\" with a value that is not a string");
        }
      }
      node.has_enum = true;
    } else if (keyword == "properties") {
      if (!v.IsObject()) {
        note("\"properties\" is not an object");
        continue;
      }
      node.object_keywords = true;
      node.has_properties = true;
      for (const auto& p : v.GetObject()) {
        bool twice = false;
        for (const SchemaProperty& known : node.properties) twice = twice || same_text(p.name, known.name);
        if (twice) {
          note("a property named twice");
          continue;
        }
        node.properties.push_back({std::string(text_of(p.name)), kAnything, {}});
      }
    } else if (keyword == "required") {
      if (!v.IsArray()) note("\"required\" is not an array");
      node.object_keywords = true;
    } else if (keyword == "additionalProperties") {
      node.object_keywords = true;
      if (v.IsBool()) {
        node.additional = v.GetBool() ? kAnything : kNothing;
        node.closed = true;
      } else if (!v.IsObject()) {
        note("\"additionalProperties\" is neither a boolean nor a schema");
      }
    } else if (keyword == "items") {
      if (!v.IsObject()) note("\"items\" is not a single schema");
    } else if (keyword == "minItems" || keyword == "maxItems") {
      if (!v.IsUint64()) {
        note("an item count that is not a non-negative integer");
        continue;
      }
      (keyword == "minItems" ? node.min_items : node.max_items) = v.GetUint64();
    } else if (keyword == "oneOf" || keyword == "anyOf" || keyword == "allOf") {
      if (!v.IsArray() || v.Empty()) note("an applicator that is not a non-empty array");
    } else if (keyword == "format") {
      if (!v.IsString()) {
        note("a \"format\" that is not a string");
        continue;
      }
      if (text_of(v) == "date-time") node.format = StringFormat::date_time;
      if (text_of(v) == "uuid") node.format = StringFormat::uuid;
    } else if (keyword == "readOnly") {
      node.read_only = v.IsBool() && v.GetBool();
    } else if (keyword == "$id") {
      if (&schema != &document_) note("a nested \"$id\"");
    } else if (!is_annotation(keyword)) {
      note("the keyword \"" + std::string(keyword) + "\"");
    }
  }
  // Subschemas next, compiled after this node's index is reserved, so that cycles resolve.
  if (const Value* required = member(schema, "required"); required && required->IsArray()) {
    for (const Value& name : required->GetArray()) {
      if (!name.IsString()) {
        note("a \"required\" entry that is not a string");
        continue;
      }
      std::size_t at = 0;
      while (at < node.properties.size() && !same_text(name, node.properties[at].name)) ++at;
      if (at == node.properties.size()) node.properties.push_back({std::string(text_of(name)), kAnything, {}});
      if (at >= 64) {
        note("more than 64 properties");
        continue;
      }
      node.required_mask |= std::uint64_t{1} << at;
    }
  }
  if (node.properties.size() > 64) note("more than 64 properties");
  if (const Value* properties = member(schema, "properties"); properties && properties->IsObject()) {
    for (const auto& p : properties->GetObject()) {
      for (SchemaProperty& known : node.properties) {
        if (!same_text(p.name, known.name) || known.schema != kAnything || !p.value.IsObject()) continue;
        known.schema = compile_node(p.value);
        std::string path = "/properties";
        append_pointer_token(path, known.name);
        known.edge = edge(std::move(path), p.value);
      }
      if (!p.value.IsObject()) note("a subschema is not an object");
    }
  }
  if (const Value* additional = member(schema, "additionalProperties"); additional && additional->IsObject()) {
    node.additional = compile_node(*additional);
    node.additional_edge = edge("/additionalProperties", *additional);
  }
  if (const Value* items = member(schema, "items"); items && items->IsObject()) {
    node.items = compile_node(*items);
    node.items_edge = edge("/items", *items);
  }
  for (auto [keyword, list] : {std::pair{"oneOf", &node.one_of}, {"anyOf", &node.any_of}, {"allOf", &node.all_of}}) {
    if (const Value* branches = member(schema, keyword); branches && branches->IsArray()) {
      for (const Value& branch : branches->GetArray()) list->push_back(compile_node(branch));
    }
  }
  nodes_[static_cast<std::size_t>(index)] = std::move(node);
  return index;
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

std::string SchemaModel::absolute_location(std::string_view keyword_location) const {
  const std::string resolved = resolved_location(keyword_location);
  // scripts/embed_schemas.py bundles "common.schema.json#/definitions/Uuid" as
  // "/definitions/common.Uuid": name it where it is published (RFC 3986 resolution against $id).
  constexpr std::string_view kDefinitions = "/definitions/";
  if (resolved.rfind(kDefinitions, 0) == 0) {
    const std::size_t name_end = std::min(resolved.find('/', kDefinitions.size()), resolved.size());
    const std::string name = resolved.substr(kDefinitions.size(), name_end - kDefinitions.size());
    const std::size_t dot = name.find('.');
    const std::string file = dot == std::string::npos ? "" : name.substr(0, dot) + ".schema.json";
    const std::size_t base_end = id_.rfind('/');
    if (!file.empty() && !embedded_schema_file(file).empty() && base_end != std::string::npos) {
      return id_.substr(0, base_end + 1) + file + "#" + std::string(kDefinitions) + name.substr(dot + 1) +
             resolved.substr(name_end);
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
