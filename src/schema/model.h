// What a schema document says, compiled once: each subschema is a node with its "$ref"s followed and
// its keywords read into fields, and each edge to a child carries its keyword location. The fast
// check, the schema walk, the reference validator's mapping and the jsonschema renderer all read
// this one model; nothing else parses a schema or follows a "$ref".
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "json/json.h"

namespace backfill::detail {

/// A node of the model, or one of the two constant schemas.
using NodeId = std::int32_t;
/// Accepts anything; as a navigation answer, "no subschema describes this".
constexpr NodeId kAnything = -1;
/// Accepts nothing ("additionalProperties": false).
constexpr NodeId kNothing = -2;

/// How deep the fast check and the walk follow an instance: only recursive schemas reach further
/// (the fast check then answers "unknown" and the reference decides; the walk goes no deeper).
constexpr unsigned kMaxSchemaDepth = 200;

/// How deep subschemas may nest, counted along "$ref"s from the root, when compiling a model: a
/// schema read at run time is bounded in stack as documents are.
constexpr unsigned kMaxCompileDepth = 256;

/// The formats the schema walk checks exactly (others are annotations).
enum class StringFormat : std::uint8_t { none, date_time, uuid };

/// JSON types as bits, for SchemaNode::types and instance_types().
enum : std::uint8_t {
  kTypeNull = 1,
  kTypeBoolean = 2,
  kTypeObject = 4,
  kTypeArray = 8,
  kTypeNumber = 16,
  kTypeInteger = 32,
  kTypeString = 64,
};
/// Whether a string value (or member name) is `text`, byte for byte.
inline bool same_text(const Value& name, std::string_view text) noexcept {
  return name.GetStringLength() == text.size() && std::memcmp(name.GetString(), text.data(), text.size()) == 0;
}

/// The type bits an instance has (an integer is a number too; valijson's strong types).
std::uint8_t instance_types(const Value& value) noexcept;

struct SchemaProperty {
  std::string name;
  NodeId schema = kAnything;  ///< Its subschema; kAnything when only "required" names it.
  std::string edge;           ///< Keyword location from the parent: "/properties/<name>", then "/$ref" per hop.
  /// When the subschema has nothing but "type" (and annotations): the types it allows (all when it
  /// names none), so that a scalar value is checked here; 0 otherwise.
  std::uint8_t scalar_types = 0;
};

struct SchemaNode {
  const Value* schema = nullptr;  ///< The subschema in the document ("$ref" followed).
  std::uint8_t types = 0;         ///< kType* bits; 0: any type.
  bool has_enum = false;
  std::vector<std::string> enum_strings;   ///< The string values of "enum".
  std::vector<SchemaProperty> properties;  ///< "properties", then names only in "required".
  std::uint64_t required_mask = 0;         ///< Bits into `properties` (the first 64).
  bool object_keywords = false;            ///< "properties", "required" or "additionalProperties" present.
  bool has_properties = false;             ///< "properties" present.
  bool closed = false;                     ///< "additionalProperties" is a boolean.
  NodeId additional = kAnything;
  NodeId items = kAnything;
  std::string additional_edge, items_edge;  ///< As SchemaProperty::edge.
  std::uint64_t min_items = 0;
  std::uint64_t max_items = UINT64_MAX;
  std::vector<NodeId> one_of, any_of, all_of;
  StringFormat format = StringFormat::none;
  bool read_only = false;

  /// Whether a member that "properties" does not name is worth a warning: the object lists its
  /// members and says nothing about others (a boolean "additionalProperties" says it on purpose).
  bool warns_of_unknown_members() const noexcept { return has_properties && !closed && additional == kAnything; }
};

class SchemaModel {
 public:
  /// Parses and compiles schema text. False (with `error()`) when it is not a JSON object or nests
  /// subschemas deeper than kMaxCompileDepth (through "$ref"s); a schema using keywords the fast
  /// check does not implement compiles, with checkable() false.
  bool compile(std::string_view text);
  /// Says where the definitions bundled from `file` ("common.schema.json", bundled as
  /// "/definitions/common.NAME") are published: absolute locations then name them in `id`.
  /// Without it, beside this document's "$id".
  void name_bundled_file(std::string_view file, std::string id);
  const std::string& error() const noexcept { return error_; }

  /// True when every keyword is one the fast check implements, in a form it implements.
  bool checkable() const noexcept { return unsupported_.empty() && error_.empty(); }
  /// Why checkable() is false, with the subschema's JSON Pointer ("" when it is true).
  const std::string& unsupported() const noexcept { return unsupported_; }

  const rapidjson::Document& document() const noexcept { return document_; }
  /// The root's "$id".
  std::string_view id() const noexcept { return id_; }

  NodeId root() const noexcept { return root_; }
  /// The root's keyword location: "/$ref" per hop when the root is a reference, else "".
  const std::string& root_edge() const noexcept { return root_edge_; }
  const SchemaNode& node(NodeId id) const noexcept { return nodes_[static_cast<std::size_t>(id)]; }
  /// The value of `keyword` in node `id`'s subschema, or nullptr.
  const Value* keyword(NodeId id, std::string_view keyword) const noexcept;

  /// The subschema of member `name` of an object at `id`: "properties", then an
  /// "additionalProperties" schema; kAnything when neither describes it. `edge` gets its location.
  NodeId member_schema(NodeId id, std::string_view name, const std::string** edge = nullptr) const noexcept;
  /// The subschema of the items of an array at `id` (kAnything when none).
  NodeId items_schema(NodeId id, const std::string** edge = nullptr) const noexcept;
  /// The "oneOf" branch whose "type" member's enum names the object's "type" (JSON:API style), or `id`.
  NodeId branch_for(NodeId id, const Value& object) const noexcept;

  /// A keyword location with each "$ref" replaced by its target: a JSON Pointer into the document
  /// ("/properties/data/$ref/enum" -> "/definitions/Type/enum"); unchanged when a "$ref" is not local.
  std::string resolved_location(std::string_view keyword_location) const;
  /// The absolute keyword location: "$id#" and the resolved location, naming a definition bundled
  /// from another published file ("/definitions/common.Uuid") in that file.
  std::string absolute_location(std::string_view keyword_location) const;

 private:
  // Compiles one subschema ("$ref"s followed) into a node, reused when reached again; `depth` counts
  // the subschemas on the way from the root.
  NodeId compile_node(const Value& schema, unsigned depth);
  // The subschema `start` stands for, "$ref"s followed; nullptr when it accepts anything.
  const Value* follow_node_refs(const Value& start);
  // The node's own keywords (the keyword table in model.cpp), then the subschemas they name.
  void read_keywords(const Value& schema, SchemaNode& node);
  void compile_required(const Value& schema, SchemaNode& node);
  void compile_subschemas(const Value& schema, SchemaNode& node, unsigned depth);
  // Keeps the first reason the fast check cannot decide, with the subschema's location.
  void note(const Value& where, std::string_view why);
  // One "$ref" hop from `schema` (nullptr: it names nothing); `schema` itself when it has none or a
  // non-local one; `hops` counts the hops taken.
  const Value* follow_ref(const Value& schema, int& hops) const;
  const Value* follow_refs(const Value& schema, int& hops) const;
  std::string edge(std::string keyword_path, const Value& subschema) const;

  rapidjson::Document document_;
  std::string id_, error_, unsupported_;
  std::vector<SchemaNode> nodes_;
  NodeId root_ = kAnything;
  std::string root_edge_;
  std::unordered_map<std::string, std::string> bundled_ids_;  // file stem ("common") -> its "$id"
  struct Ref {
    const Value* target;
    std::string_view pointer;  // the target, as a pointer into the document ("" is the root)
  };
  std::unordered_map<const Value*, Ref> refs_;         // each local "$ref" value -> its target
  std::unordered_map<const Value*, NodeId> compiled_;  // subschema -> node, for reuse and cycles
};

/// The way from the root to a value: member names and array indexes, each with the keyword location
/// of the edge to its subschema. Pointers and locations are built from it only when a finding is
/// described, so walking costs no strings.
class SchemaPath {
 public:
  void push_member(std::string_view name, const std::string* edge = nullptr) {
    steps_.push_back({name, 0, false, edge});
  }
  void push_index(std::size_t index, const std::string* edge = nullptr) { steps_.push_back({{}, index, true, edge}); }
  void pop() noexcept { steps_.pop_back(); }
  void reserve(std::size_t n) { steps_.reserve(n); }
  /// The RFC 6901 pointer to the value.
  std::string pointer() const;
  /// The keyword location of `keyword` at the value: `root_edge`, the edges, then "/<keyword>".
  std::string keyword_location(std::string_view root_edge, std::string_view keyword) const;

 private:
  struct Step {
    std::string_view name;
    std::size_t index;
    bool is_index;
    const std::string* edge;
  };
  std::vector<Step> steps_;
};

}  // namespace backfill::detail
