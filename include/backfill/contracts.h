// Named contracts: which schema documents a document is checked against. The semantic rules are the
// same in every contract; docs/contracts.md lists every difference between them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "backfill/export.h"
#include "backfill/validate.h"

namespace backfill {

/// The contract used when Options::contract is empty: the API reference page.
inline constexpr std::string_view kDefaultContract = "reference";

/// One named contract.
struct ContractSummary {
  std::string_view name;         ///< "reference", "openapi-2026-09".
  std::string_view description;  ///< What it follows, in one sentence.
};

/// Every contract, the default first.
BACKFILL_API std::vector<ContractSummary> contracts();

/// Whether `name` names a contract ("" names the default).
BACKFILL_API bool is_contract(std::string_view name) noexcept;

/// The self-contained (bundled, local references only) draft-07 schema of a kind under a contract;
/// empty for Kind::automatic or an unknown contract.
BACKFILL_API std::string_view schema_text(Kind kind, std::string_view contract) noexcept;

/// A validator over schemas read at run time (load_schemas()), or why they could not be used.
struct LoadedSchemas {
  /// Checks against the directory's schemas, the contract's for the kinds it does not replace.
  /// When `error` is set, it answers every validate() with BF0001 saying so (never a silent pass).
  Validator validator;
  /// Why the directory could not be used: the file, its line:column or a JSON Pointer, and what is
  /// wrong; "" on success.
  std::string error;
  /// One per kind whose schema the fast check does not implement (the keyword and where): that
  /// kind is decided by the reference validator, with the same verdicts, more slowly.
  std::vector<std::string> notes;
  bool ok() const noexcept { return error.empty(); }
};

/// Reads the schema documents of `directory` (request.schema.json, response.schema.json,
/// error.schema.json, parameters.schema.json, common.schema.json: those present replace the
/// contract's, at least one must be) so that a newer spec can be followed without a new release.
/// References to another of those files are bundled ("FILE#/definitions/NAME"); the semantic rules
/// apply as with every contract. Options::contract given to the validator must be "" or `contract`.
/// Never throws.
BACKFILL_API LoadedSchemas load_schemas(const std::string& directory, std::string_view contract = {}) noexcept;

}  // namespace backfill
