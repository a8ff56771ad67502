// The contracts, in one table: each contract's name, the folder of schemas/ holding the files it
// replaces, and what it follows. Adding a dated contract is a row here and its schema files
// (schemas/<folder>/, listed in meson.build); docs/contracts.md lists the differences.
#pragma once

#include <string>
#include <string_view>

#include "backfill/validate.h"

namespace backfill::detail {

class CompiledSchema;
class SchemaSet;

struct ContractInfo {
  std::string_view name;         ///< As --contract takes it.
  std::string_view folder;       ///< Its files in schemas/<folder>/; a kind's file missing there is shared.
  std::string_view description;  ///< What it follows.
};

/// The row named `name` ("" names the default), or nullptr.
const ContractInfo* find_contract(std::string_view name) noexcept;
/// What every entry point says of a name find_contract() does not know (quoted, neutralized).
std::string unknown_contract(std::string_view name);

/// The embedded (bundled) schema text of a kind under a contract; empty for Kind::automatic.
std::string_view contract_schema(const ContractInfo& contract, Kind kind) noexcept;

/// The compiled schemas of a contract, compiled once per process on first use and shared across
/// threads. Throws when an embedded schema does not compile (a build mistake).
const SchemaSet& contract_schemas(const ContractInfo& contract);

/// The compiled schema of a kind under a contract (nullptr for Kind::automatic); each contract's
/// schemas are compiled once per process, on first use, and shared across threads. Throws when an
/// embedded schema does not compile (a build mistake).
const CompiledSchema* contract_compiled_schema(const ContractInfo& contract, Kind kind);

/// For a "required" failure of `member` at `keyword_location` under `contract`: " (required by contract
/// reference; --contract openapi-2026-09 makes it optional)" when another contract does not require
/// it there; "" otherwise.
std::string required_hint(const ContractInfo& contract, Kind kind, std::string_view keyword_location,
                          std::string_view member);

}  // namespace backfill::detail
