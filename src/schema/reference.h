// The reference validator: valijson, compiled from the schema model's document. The only place that
// knows valijson, and its English messages, which are mapped back to keywords here. It decides
// every document when the fast check cannot (a schema it does not implement, an instance deeper
// than it goes), and it is the oracle the differential tests compare the fast check with.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "backfill/diagnostic.h"
#include "json/json.h"

namespace valijson {
class Schema;
}

namespace backfill::detail {

class SchemaModel;

/// A keyword failure from the reference validator, mapped to our terms.
struct SchemaFailure {
  Code code = Code::schema_other;
  std::string keyword;           ///< "type", "required", "enum", ...
  const Value* node = nullptr;   ///< The instance value the pointer names.
  std::string pointer;           ///< RFC 6901 pointer into the instance.
  std::string keyword_location;  ///< JSON Pointer into the schema, through "$ref" as in JSON Schema output.
  std::string message;
  std::string missing;  ///< "required": the missing member's name.
};

class ReferenceSchema {
 public:
  ReferenceSchema();
  ~ReferenceSchema();
  ReferenceSchema(ReferenceSchema&&) noexcept;
  ReferenceSchema& operator=(ReferenceSchema&&) noexcept;

  /// Compiles the model's document ("format" keywords removed: the schema walk checks formats
  /// exactly, and valijson's date-time regex overflows the stack on long strings). `model` must
  /// outlive this. Throws when valijson cannot parse the schema.
  void compile(const SchemaModel& model);

  /// True when `instance` satisfies the schema; stops at the first failure.
  bool accepts(const Value& instance) const;
  /// Every failure, cascades removed, as mapped diagnostics.
  std::vector<SchemaFailure> failures(const Value& instance) const;

 private:
  SchemaFailure map_failure(const Value& instance, const std::vector<std::string>& context,
                            const std::string& description) const;

  const SchemaModel* model_ = nullptr;
  std::unique_ptr<valijson::Schema> compiled_;
};

}  // namespace backfill::detail
