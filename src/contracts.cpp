#include "contracts.h"

#include <array>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "backfill/contracts.h"
#include "json/json.h"
#include "kinds.h"
#include "schema/embedded.h"
#include "schema/schema.h"

namespace backfill {

namespace detail {

namespace {

constexpr ContractInfo kContractTable[] = {
    {kDefaultContract, "", "the API reference page (Create backfilled maintenance)"},
    {"openapi-2026-09", "openapi-2026-09",
     "the OpenAPI document @datadog/datadog-api-client 1.64.0 (2026-09-25) was generated from"},
};

// A contract's schemas, compiled once per process; a kind without a schema file stays uncompiled.
struct CompiledContract {
  SchemaSet schemas;
  std::string error;
  explicit CompiledContract(const ContractInfo& contract) : schemas(contract, true) {
    try {
      rapidjson::Document shared;
      const std::string_view shared_text = embedded_schema_file(kSharedSchemaFile);
      shared.Parse(shared_text.data(), shared_text.size());
      const Value* shared_id = member(shared, "$id");
      for (Kind kind : kKinds) {
        if (kind_info(kind).schema_file.empty()) continue;
        schemas.schema(kind).compile(contract_schema(contract, kind));
        if (shared_id && shared_id->IsString()) {
          schemas.schema(kind).name_bundled_file(kSharedSchemaFile, std::string(text_of(*shared_id)));
        }
      }
    } catch (const std::exception& e) {
      error = "an embedded schema of contract " + std::string(contract.name) + " does not compile: " + e.what();
    }
  }
};

std::size_t index_of(const ContractInfo& contract) noexcept {
  return static_cast<std::size_t>(&contract - kContractTable);
}

// Whether `keyword_location` (a "required" keyword) resolves in the schema and names `member`.
bool requires_member(const CompiledSchema& schema, std::string_view keyword_location, std::string_view member) {
  const std::string resolved = schema.model().resolved_location(keyword_location);
  const Value* required = resolve_pointer(schema.model().document(), resolved);
  if (required == nullptr || !required->IsArray()) return false;
  for (const Value& name : required->GetArray()) {
    if (name.IsString() && std::string_view(name.GetString(), name.GetStringLength()) == member) return true;
  }
  return false;
}

}  // namespace

const ContractInfo* find_contract(std::string_view name) noexcept {
  if (name.empty()) name = kDefaultContract;
  for (const ContractInfo& row : kContractTable) {
    if (row.name == name) return &row;
  }
  return nullptr;
}

std::string unknown_contract(std::string_view name) {
  return "unknown contract " + quote_text(name) + "; see backfill::contracts()";
}

std::string_view contract_schema(const ContractInfo& contract, Kind kind) noexcept {
  const std::string_view file = kind_info(kind).schema_file;
  if (file.empty()) return {};
  if (!contract.folder.empty()) {
    const std::string own = std::string(contract.folder) + "/" + std::string(file);
    const std::string_view text = embedded_schema_file(own);
    if (!text.empty()) return text;
  }
  return embedded_schema_file(file);
}

const SchemaSet& contract_schemas(const ContractInfo& contract) {
  static std::array<std::once_flag, std::size(kContractTable)> once;
  static std::array<std::unique_ptr<const CompiledContract>, std::size(kContractTable)> compiled;
  const std::size_t index = index_of(contract);
  std::call_once(once[index], [&] { compiled[index] = std::make_unique<const CompiledContract>(contract); });
  const CompiledContract& contract_set = *compiled[index];
  if (!contract_set.error.empty()) throw std::runtime_error(contract_set.error);
  return contract_set.schemas;
}

const CompiledSchema* contract_compiled_schema(const ContractInfo& contract, Kind kind) {
  return contract_schemas(contract).find(kind);
}

std::string required_hint(const ContractInfo& contract, Kind kind, std::string_view keyword_location,
                          std::string_view member) {
  std::string others;
  for (const ContractInfo& other : kContractTable) {
    if (&other == &contract) continue;
    const CompiledSchema* schema = contract_compiled_schema(other, kind);
    if (schema == nullptr || requires_member(*schema, keyword_location, member)) continue;
    others += (others.empty() ? "--contract " : " or --contract ") + std::string(other.name);
  }
  if (others.empty()) return {};
  return " (required by contract " + std::string(contract.name) + "; " + others + " makes it optional)";
}

}  // namespace detail

std::vector<ContractSummary> contracts() {
  std::vector<ContractSummary> out;
  for (const detail::ContractInfo& row : detail::kContractTable) out.push_back({row.name, row.description});
  return out;
}

bool is_contract(std::string_view name) noexcept { return detail::find_contract(name) != nullptr; }

std::string_view schema_text(Kind kind, std::string_view contract) noexcept {
  const detail::ContractInfo* row = detail::find_contract(contract);
  return row ? detail::contract_schema(*row, kind) : std::string_view();
}

}  // namespace backfill
