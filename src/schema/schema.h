// Everything compiled from one schema document (the model, the fast check over it and the reference
// validator), and the embedded schemas, compiled once per process and shared by every Validator.
#pragma once

#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <string_view>

#include "backfill/validate.h"
#include "contracts.h"
#include "schema/fast_check.h"
#include "schema/model.h"
#include "schema/reference.h"

namespace backfill::detail {

/// How a compiled schema decides: the fast check where it can (the reference validator otherwise),
/// or the reference validator always (to compare the two end to end).
enum class SchemaEngine : std::uint8_t { fast, reference };

/// A Validator whose schemas decide with `engine`.
Validator make_validator(SchemaEngine engine) noexcept;

class SchemaSet;
/// A Validator that checks against `schemas` (a directory's); with `setup_error`, one that answers
/// every validate() with BF0001 saying it.
Validator make_validator(std::shared_ptr<const SchemaSet> schemas, std::string setup_error) noexcept;

class CompiledSchema {
 public:
  CompiledSchema() : fast_(model_) {}
  CompiledSchema(const CompiledSchema&) = delete;  // the fast check and the reference point at the model
  CompiledSchema& operator=(const CompiledSchema&) = delete;

  /// Compiles schema text. Throws std::runtime_error when it is not a schema valijson can compile.
  void compile(std::string_view text);
  /// See SchemaModel::name_bundled_file().
  void name_bundled_file(std::string_view file, std::string id) { model_.name_bundled_file(file, std::move(id)); }

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

/// The compiled schemas documents are checked against, one per kind: a named contract's (embedded,
/// compiled once per process) or a directory's (schema/directory.h: its files over a contract's).
/// Immutable once built, so shared across threads.
class SchemaSet : public std::enable_shared_from_this<SchemaSet> {
 public:
  /// An empty set over `contract`; `process_lifetime`: never freed (a named contract's own set).
  SchemaSet(const ContractInfo& contract, bool process_lifetime) noexcept
      : contract_(&contract), process_lifetime_(process_lifetime) {}
  SchemaSet(const SchemaSet&) = delete;
  SchemaSet& operator=(const SchemaSet&) = delete;

  /// The schema of a kind, to compile (any kind with a schema file).
  CompiledSchema& schema(Kind kind) noexcept { return schemas_[index(kind)]; }
  /// The schema of a kind; nullptr for a kind without one (Kind::automatic).
  const CompiledSchema* find(Kind kind) const noexcept;
  /// find(), kept alive as long as the result (a named contract's set lives for the process).
  std::shared_ptr<const CompiledSchema> share(Kind kind) const;

  /// The contract the set is (or whose schemas fill the kinds a directory does not replace).
  const ContractInfo& contract() const noexcept { return *contract_; }
  /// Whether the set was read from a user's directory (not a named contract's own).
  bool user() const noexcept { return !process_lifetime_; }
  /// Whether the kind's schema came from a user's file: the contracts' differences do not apply.
  bool replaced(Kind kind) const noexcept { return replaced_[index(kind)]; }
  void mark_replaced(Kind kind) noexcept { replaced_[index(kind)] = true; }

 private:
  static std::size_t index(Kind kind) noexcept {
    return std::min(static_cast<std::size_t>(kind), std::size(kKinds) - 1);
  }
  std::array<CompiledSchema, std::size(kKinds)> schemas_;
  std::array<bool, std::size(kKinds)> replaced_{};
  const ContractInfo* contract_;
  bool process_lifetime_;
};

/// The compiled embedded schema of a kind (nullptr for Kind::automatic); compiled on first use,
/// immutable afterwards, so shared across threads. Throws (every time) if an embedded schema does
/// not compile, which would be a build mistake.
const CompiledSchema* embedded_compiled_schema(Kind kind);

}  // namespace backfill::detail
