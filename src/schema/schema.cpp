#include "schema/schema.h"

#include <array>
#include <stdexcept>

#include "kinds.h"
#include "schema/embedded.h"

namespace backfill::detail {

void CompiledSchema::compile(std::string_view text) {
  if (!model_.compile(text)) throw std::runtime_error(model_.error());
  reference_.compile(model_);
}

bool CompiledSchema::accepts(const Value& instance, SchemaEngine engine, bool request, bool* walk_needed) const {
  if (walk_needed) *walk_needed = true;
  if (engine == SchemaEngine::fast) {
    const FastCheck::Verdict verdict =
        walk_needed != nullptr ? fast_.check(instance, request, *walk_needed) : fast_.check(instance);
    if (verdict != FastCheck::Verdict::unknown) return verdict == FastCheck::Verdict::valid;
  }
  return reference_.accepts(instance);
}

namespace {

// One per kind, in kKinds order; a kind without a schema file stays uncompiled.
struct EmbeddedSchemas {
  std::array<CompiledSchema, std::size(kKinds)> schemas;
  std::string error;
  EmbeddedSchemas() {
    try {
      for (std::size_t i = 0; i < schemas.size(); ++i) {
        if (!kind_info(kKinds[i]).schema_file.empty()) schemas[i].compile(embedded_schema(kKinds[i]));
      }
    } catch (const std::exception& e) {
      error = std::string("an embedded schema does not compile: ") + e.what();
    }
  }
};

}  // namespace

const CompiledSchema* embedded_compiled_schema(Kind kind) {
  static const EmbeddedSchemas embedded;
  if (!embedded.error.empty()) throw std::runtime_error(embedded.error);
  for (std::size_t i = 0; i < std::size(kKinds); ++i) {
    if (kKinds[i] == kind && !kind_info(kind).schema_file.empty()) return &embedded.schemas[i];
  }
  return nullptr;
}

}  // namespace backfill::detail
