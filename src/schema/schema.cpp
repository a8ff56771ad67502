#include "schema/schema.h"

#include <array>
#include <stdexcept>

#include "backfill/contracts.h"
#include "contracts.h"
#include "kinds.h"
#include "schema/embedded.h"

namespace backfill::detail {

void CompiledSchema::compile(std::string_view text) {
  if (!model_.compile(text)) throw std::runtime_error(model_.error());
  reference_.compile(model_);
}

bool CompiledSchema::accepts(const Value& instance, SchemaEngine engine, bool request, bool* walk_needed,
                             const WalkReporter* walk) const {
  if (walk_needed) *walk_needed = true;
  if (engine == SchemaEngine::fast) {
    const FastCheck::Verdict verdict = walk != nullptr && walk_needed != nullptr
                                           ? fast_.check(instance, *walk, *walk_needed)
                                       : walk_needed != nullptr ? fast_.check(instance, request, *walk_needed)
                                                                : fast_.check(instance);
    if (verdict != FastCheck::Verdict::unknown) return verdict == FastCheck::Verdict::valid;
  }
  return reference_.accepts(instance);
}

const CompiledSchema* SchemaSet::find(Kind kind) const noexcept {
  return kind_info(kind).schema_file.empty() ? nullptr : &schemas_[index(kind)];
}

std::shared_ptr<const CompiledSchema> SchemaSet::share(Kind kind) const {
  const CompiledSchema* schema = find(kind);
  if (schema == nullptr) return nullptr;
  // A set that lives for the process needs no count (and copies of the pointer cost no atomic).
  if (process_lifetime_) return std::shared_ptr<const CompiledSchema>(std::shared_ptr<void>(), schema);
  return std::shared_ptr<const CompiledSchema>(shared_from_this(), schema);
}

const CompiledSchema* embedded_compiled_schema(Kind kind) {
  return contract_compiled_schema(*find_contract(kDefaultContract), kind);
}

}  // namespace backfill::detail
