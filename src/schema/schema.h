// Everything compiled from one schema document (the model, the fast check over it and the reference
// validator), and the embedded schemas, compiled once per process and shared by every Validator.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "backfill/validate.h"
#include "schema/fast_check.h"
#include "schema/model.h"
#include "schema/reference.h"

namespace backfill::detail {

/// How a compiled schema decides: the fast check where it can (the reference validator otherwise),
/// or the reference validator always (to compare the two end to end).
enum class SchemaEngine : std::uint8_t { fast, reference };

/// A Validator whose schemas decide with `engine`.
Validator make_validator(SchemaEngine engine) noexcept;

class CompiledSchema {
 public:
  CompiledSchema() : fast_(model_) {}
  CompiledSchema(const CompiledSchema&) = delete;  // the fast check and the reference point at the model
  CompiledSchema& operator=(const CompiledSchema&) = delete;

  /// Compiles schema text. Throws std::runtime_error when it is not a schema valijson can compile.
  void compile(std::string_view text);

  const SchemaModel& model() const noexcept { return model_; }
  const FastCheck& fast() const noexcept { return fast_; }
  const ReferenceSchema& reference() const noexcept { return reference_; }

  /// The verdict: the fast check's when `engine` allows and it knows, otherwise the reference's.
  /// `walk_needed` (optional) is set to whether the schema walk must run: false only when the fast
  /// check proves it would report nothing. `request`: whether the walk reports read-only members.
  /// With `walk`, the fast check reports through it what the walk would (see FastCheck::check), and
  /// `walk_needed` says whether those reports must be dropped for the walk's.
  bool accepts(const Value& instance, SchemaEngine engine, bool request = false, bool* walk_needed = nullptr,
               const WalkReporter* walk = nullptr) const;

 private:
  SchemaModel model_;
  FastCheck fast_;
  ReferenceSchema reference_;
};

/// The compiled embedded schema of a kind (nullptr for Kind::automatic); compiled on first use,
/// immutable afterwards, so shared across threads. Throws (every time) if an embedded schema does
/// not compile, which would be a build mistake.
const CompiledSchema* embedded_compiled_schema(Kind kind);

}  // namespace backfill::detail
