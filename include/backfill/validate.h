// backfill-check: validate documents of the Create backfilled maintenance endpoint.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backfill/diagnostic.h"
#include "backfill/export.h"
#include "backfill/formats.h"

namespace backfill {

/// Which shape a document is checked against.
enum class Kind : std::uint8_t {
  request,     ///< CreateBackfilledMaintenanceRequest, the POST body.
  response,    ///< Maintenance, the 201 response body.
  error,       ///< APIErrorResponse, the error body (e.g. 429).
  parameters,  ///< The path and query parameters and status of a call, as a small JSON document.
  automatic,   ///< Recognise request, response or error from the content (Report::kind says which).
};

/// Every kind, in declaration order.
inline constexpr Kind kKinds[] = {Kind::request, Kind::response, Kind::error, Kind::parameters, Kind::automatic};

/// "request", "response", "error", "parameters" or "auto".
BACKFILL_API std::string_view kind_name(Kind kind) noexcept;
/// Parses a kind name; std::nullopt when unknown.
BACKFILL_API std::optional<Kind> parse_kind(std::string_view name) noexcept;

/// Bounds that keep hostile input from exhausting memory, stack or output.
struct Limits {
  std::size_t max_bytes = 64u << 20;   ///< Larger documents are rejected (BF0004).
  std::uint32_t max_depth = 128;       ///< Deeper nesting is rejected (BF0004); at most 1000 is honoured.
  std::size_t max_diagnostics = 1000;  ///< Later diagnostics are counted, not listed (BF0006).
};

/// How to validate one document.
struct Options {
  Kind kind = Kind::request;   ///< The expected shape.
  std::optional<Instant> now;  ///< "Now" for the completed-in-future rule; unset: the system clock.
  bool strict = false;         ///< Treat warnings as errors.
  Limits limits;               ///< Size, depth and output bounds.
  /// The contract (backfill/contracts.h) whose schemas decide; "" is "reference". An unknown name
  /// is reported as BF0001 by every validate().
  std::string_view contract;
};

namespace detail {
class CompiledSchema;
class TextStore;
struct ReportAccess;
}  // namespace detail

/// The result of validating one document: diagnostics in document order.
struct BACKFILL_API Report {
  Kind kind = Kind::request;            ///< The shape the document was checked against.
  std::vector<Diagnostic> diagnostics;  ///< Sorted by position in the source, then by code.
  std::size_t suppressed = 0;           ///< Findings over the limits, counted but not listed.
  std::size_t suppressed_errors = 0;    ///< Of those, errors (after Options::strict).
  std::size_t suppressed_warnings = 0;  ///< Of those, warnings.
  /// The schema the document was checked against (nullptr when none, e.g. Kind::automatic not
  /// recognised), kept alive with the report: renderers name its keywords' absolute locations.
  std::shared_ptr<const detail::CompiledSchema> schema;

  Report() noexcept;
  ~Report();
  /// A copy has its own texts: its diagnostics' views point into them.
  Report(const Report& other);
  /// A copy has its own texts: its diagnostics' views point into them.
  Report& operator=(const Report& other);
  /// Moving keeps every view valid (the texts move with their storage).
  Report(Report&& other) noexcept;
  /// Moving keeps every view valid (the texts move with their storage).
  Report& operator=(Report&& other) noexcept;

  /// Appends `diagnostic`, copying its texts into the report's storage first.
  Diagnostic& add(const Diagnostic& diagnostic);
  /// Copies `text` (and a NUL after it) into the report's storage; the view lives as the report does.
  std::string_view keep(std::string_view text);

  /// True when no finding, listed or not, has severity error.
  bool valid() const noexcept;
  /// Number of findings of the given severity, listed or not.
  std::size_t count(Severity severity) const noexcept;

 private:
  friend struct detail::ReportAccess;
  std::unique_ptr<detail::TextStore> texts_;  // where the diagnostics' texts live
};

namespace detail {
struct ValidatorAccess;
}

/// Holds the compiled schemas. Build one and share it: validate() is const and thread-safe.
class BACKFILL_API Validator {
 public:
  /// Compiles the embedded schemas once. Never throws; a failure is reported by every validate().
  Validator() noexcept;
  /// Frees the compiled schemas; reports made with them stay valid.
  ~Validator();
  /// Takes over another validator's schemas; a moved-from one answers validate() with BF0001.
  Validator(Validator&&) noexcept;
  /// Takes over another validator's schemas; a moved-from one answers validate() with BF0001.
  Validator& operator=(Validator&&) noexcept;
  /// Not copyable: share one validator (validate() is const and thread-safe) instead of copying.
  Validator(const Validator&) = delete;
  /// Not copyable: share one validator instead of copying.
  Validator& operator=(const Validator&) = delete;

  /// Parses and validates `json` as `options.kind`. Never throws, never aborts.
  Report validate(std::string_view json, const Options& options = {}) const noexcept;

  /// Opaque compiled state (defined in the library's sources).
  struct Impl;
  /// A validator with the given state (made by the library; nullptr: the default state).
  explicit Validator(std::unique_ptr<Impl> impl) noexcept;

 private:
  friend struct detail::ValidatorAccess;
  std::unique_ptr<Impl> impl_;
};

/// Validates with a process-wide Validator built on first use (thread-safe).
BACKFILL_API Report validate(std::string_view json, const Options& options = {}) noexcept;

/// The embedded schema document for a kind (draft-07 JSON Schema text).
BACKFILL_API std::string_view schema_text(Kind kind) noexcept;

/// The library version, e.g. "0.1.0".
BACKFILL_API std::string_view version() noexcept;

}  // namespace backfill
