// The kinds of document, in one table: each kind's name, schema file, how a problem report names the
// document, and its semantic rules. Adding a shape is a row here, a schema file and its rules.
#pragma once

#include <string_view>

#include "backfill/validate.h"
#include "json/json.h"

namespace backfill::detail {

struct RuleContext;

struct KindInfo {
  Kind kind;
  std::string_view name;              ///< kind_name(): "request", ..., "auto".
  std::string_view schema_file;       ///< Its schema in schemas/; "" for Kind::automatic.
  std::string_view body;              ///< How problem details name the document ("request body").
  void (*rules)(const RuleContext&);  ///< Its semantic rules; nullptr when it has none.
};

/// The row of `kind` (Kind::automatic's for a value outside the enum).
const KindInfo& kind_info(Kind kind) noexcept;

/// Runs the rules of a kind.
void check_rules(Kind kind, const RuleContext& context);

/// Recognises a request, response or error body from its content.
Kind detect_kind(const Value& root) noexcept;

}  // namespace backfill::detail
