// The schema layer: one compiled valijson schema per kind, plus navigation of the schema document
// (to name the failing keyword's location and to find each value's format and known members).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "json.h"

namespace valijson { class Schema; }

namespace backfill::detail {

/// A schema keyword failure, mapped from valijson's report.
struct SchemaFailure {
  Code code = Code::schema_other;
  std::string keyword;          ///< "type", "required", "enum", ...
  const Value* node = nullptr;  ///< The instance value the pointer names.
  std::string pointer;          ///< RFC 6901 pointer into the instance.
  std::string keyword_location; ///< JSON Pointer into the schema, through "$ref" as in JSON Schema output.
  std::string message;
  std::string missing;          ///< "required": the missing member's name.
};

/// A position in the schema document, with its keyword location, while mapping a failure.
struct SchemaCursor {
  const Value* schema = nullptr;  ///< The subschema, with "$ref" already followed.
  std::string location;           ///< Its keyword location ("" is the root schema).
};

class SchemaFacts;

class CompiledSchema {
 public:
  CompiledSchema();
  ~CompiledSchema();
  /// Parses and compiles schema text. Throws on a malformed schema (a build-time mistake).
  void compile(std::string_view text);

  /// True when `instance` satisfies the schema; stops at the first failure.
  bool accepts(const Value& instance) const;
  /// Every failure, cascades removed, as mapped diagnostics.
  std::vector<SchemaFailure> failures(const Value& instance) const;

  /// Navigation for the schema walk (it reports instance pointers only, so no keyword locations
  /// are built). Each returns the subschema with "$ref" followed, or nullptr.
  const Value* root_schema() const { return follow_refs(&document_); }
  const Value* member_subschema(const Value* object, std::string_view name) const;
  const Value* items_subschema(const Value* array) const;
  /// Follows "$ref" from `schema`; `hops` (optional) counts the references followed.
  const Value* follow_refs(const Value* schema, int* hops = nullptr) const;
  /// The same navigation, looked up once for every subschema (see schema_facts.h).
  const SchemaFacts& facts() const { return *facts_; }
  /// The schema's "$id".
  std::string_view id() const noexcept { return id_; }

 private:
  SchemaFailure map_failure(const Value& instance, const std::vector<std::string>& context,
                            const std::string& description) const;

  // The same navigation with keyword locations, for map_failure: the root; the subschema for member
  // `name` (properties, then an additionalProperties object; false when neither describes it); for
  // the items of an array; "$ref" followed from `cursor`, appending "/$ref" to the location.
  SchemaCursor root() const;
  bool member_schema(const SchemaCursor& object, std::string_view name, SchemaCursor& out) const;
  bool items_schema(const SchemaCursor& array, SchemaCursor& out) const;
  SchemaCursor resolve(SchemaCursor cursor) const;

  // The subschema named by "properties" or "additionalProperties" for member `name` ("$ref" not
  // followed); `via_properties` says which.
  const Value* raw_member_subschema(const Value* object, std::string_view name, bool& via_properties) const;

  rapidjson::Document document_;
  std::vector<std::pair<const Value*, const Value*>> refs_;  // each "$ref" value -> its target, by address
  std::string id_;
  std::unique_ptr<valijson::Schema> compiled_;
  std::unique_ptr<SchemaFacts> facts_;
};

}  // namespace backfill::detail
