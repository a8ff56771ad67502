// The --contract option of the check and serve commands: its choices are the library's contract table.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "backfill/contracts.h"

namespace cli {

inline CLI::Option* add_contract_option(CLI::App& app, std::string& contract, const std::string& description) {
  std::vector<std::string> names;
  for (const backfill::ContractSummary& c : backfill::contracts()) names.emplace_back(c.name);
  return app.add_option("--contract", contract, description)->check(CLI::IsMember(names))->capture_default_str();
}

}  // namespace cli
