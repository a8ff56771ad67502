// backfill_check: the validator as Python sees it: fixed options, the GIL released while validating.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>

#include "backfill/validate.h"
#include "reports.h"

namespace pybackfill {

/// The compiled schemas, shared by every Validator of the process (built at import, never freed:
/// a thread still validating at interpreter exit must not find them gone).
const backfill::Validator& compiled_schemas();

/// Options checked once, then applied to every document. Thread-safe: nothing in it changes.
class Validator {
 public:
  /// ValueError for an unknown kind or contract, a `now` that is not an RFC 3339 date-time, or a
  /// `schemas` directory that cannot be used (the message names the file and the place).
  Validator(const std::string& kind, const std::optional<std::string>& contract, const std::optional<std::string>& now,
            bool strict, std::size_t max_bytes, std::uint32_t max_depth, std::size_t max_diagnostics,
            const std::optional<std::string>& schemas);

  /// Validates one document (str or bytes); a bad document gives a report, never an exception.
  py::object validate(py::handle text) const;
  /// Validates a list of documents with one release of the GIL; reports in the same order.
  py::list validate_batch(const py::list& texts) const;
  /// Validates a call: its parameters, request body and response body.
  ExchangeReport validate_exchange(py::handle request, py::handle response, const std::optional<std::string>& page_id,
                                   const std::optional<std::string>& include, std::optional<int> status,
                                   const std::optional<std::string>& content_type) const;
  /// Validates every call of the endpoint in a HAR file's contents.
  HarReport validate_har(py::handle har) const;

  const backfill::Options& options() const { return options_; }
  /// The kinds of a `schemas` directory that the reference validator decides (backfill::LoadedSchemas::notes).
  const std::vector<std::string>& schema_notes() const { return schema_notes_; }

 private:
  const backfill::Validator& validator() const { return loaded_ ? *loaded_ : compiled_schemas(); }

  std::shared_ptr<const backfill::Validator> loaded_;  // from `schemas`; null: the compiled-in contracts
  std::vector<std::string> schema_notes_;
  std::shared_ptr<const std::string> contract_;  // options_.contract views it (copies share it)
  backfill::Options options_;
};

}  // namespace pybackfill
