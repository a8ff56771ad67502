// What the schema walk asks of each subschema (its format, readOnly, members, items, oneOf),
// answered once per schema when it is compiled, so that walking a large document with many
// findings costs a table lookup per value, not a search by keyword name at every value.
#pragma once

#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "json.h"

namespace backfill::detail {

class CompiledSchema;

class SchemaFacts {
 public:
  enum class Format : std::uint8_t { none, date_time, uuid };
  /// A member's subschema ("$ref" followed; nullptr: none describes it) and whether it is readOnly.
  struct MemberSchema {
    const Value* schema = nullptr;
    bool read_only = false;
  };
  struct Facts {
    const Value* one_of = nullptr;      ///< "oneOf", when an array.
    const Value* properties = nullptr;  ///< "properties", when an object.
    bool closed = false;                ///< additionalProperties is true or false.
    Format format = Format::none;
    const Value* items = nullptr;       ///< The items' subschema, "$ref" followed.
    /// The subschema of member `name`: "properties" first, then an additionalProperties object.
    MemberSchema member(std::string_view name) const noexcept;

   private:
    friend class SchemaFacts;
    struct Named {
      std::string_view name;
      bool is_object;       // false: additionalProperties decides, as for a name not listed
      MemberSchema schema;
    };
    std::vector<Named> members_;
    MemberSchema additional_;
  };

  /// Facts of every object in `document`, the schema `schema` navigates.
  SchemaFacts(const CompiledSchema& schema, const Value& document);
  /// The facts of a subschema of the document (no facts at all for anything else).
  const Facts& of(const Value* subschema) const noexcept;

 private:
  std::unordered_map<const Value*, Facts> facts_;
  Facts none_;
};

}  // namespace backfill::detail
