// Named contracts: which schema documents a document is checked against. The semantic rules are the
// same in every contract; docs/contracts.md lists every difference between them.
#pragma once

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

}  // namespace backfill
