// Schemas read from a directory at run time (--schemas DIR, backfill::load_schemas()), so that a
// user can follow a newer spec without a new release: the files present replace the contract's,
// the others come from the contract. Every file is checked before use: JSON within limits, a
// draft-07 schema (the metaschema), references that resolve, and nothing that would make the
// reference validator's time or stack unbounded (schema/bounds.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "contracts.h"
#include "schema/schema.h"

namespace backfill::detail {

/// Largest schema file read, and its deepest nesting.
constexpr std::size_t kMaxSchemaFileBytes = std::size_t{4} << 20;
constexpr std::uint32_t kMaxSchemaFileDepth = 64;

struct SchemaDirectory {
  std::shared_ptr<SchemaSet> schemas;  ///< nullptr when `error` says why.
  std::string error;                   ///< The file, line:column or JSON Pointer, and what is wrong.
  std::vector<std::string> notes;      ///< One per kind the fast check cannot decide.
};

/// Reads request.schema.json, response.schema.json, error.schema.json, parameters.schema.json and
/// common.schema.json from `directory` (at least one must be there); the rest come from `contract`.
SchemaDirectory load_schema_directory(const std::string& directory, const ContractInfo& contract);

}  // namespace backfill::detail
