// backfill_check: what a validation returns to Python, and the renderers over it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <pybind11/pybind11.h>

#include "backfill/exchange.h"
#include "backfill/validate.h"
#include "text.h"

namespace pybackfill {

/// One diagnostic for Python. Its texts live in its report, which it shares: a diagnostic kept
/// after its report keeps the library's report alive, not the Python one (which caches the tuple of
/// its diagnostics: a reference back would be a cycle the garbage collector cannot see).
struct Diagnostic {
  std::shared_ptr<const backfill::Report> report;
  const backfill::Diagnostic* diagnostic;
};

/// One validated document: the library's report and the text its positions refer to.
struct DocumentReport {
  std::shared_ptr<const backfill::Report> report;
  Text document;           ///< Kept for the source lines of render("text").
  py::object diagnostics;  ///< A tuple of Diagnostic, built on first access.

  /// The listed diagnostics as a tuple (built once, then shared).
  py::object listed();
  /// The report in one of the CLI's output formats (backfill::kFormats); ValueError for another name.
  /// `named`: the jsonschema and problem records name `source` (as the CLI's do when it checks
  /// several documents).
  std::string render(std::string_view format, std::string_view source, bool color, bool named) const;
};

/// The output formats of the CLI, in the order `--help` lists them.

/// A DocumentReport for Python over the document `text`.
py::object make_report(backfill::Report report, Text text);

/// The verdicts on one call: parameters, request and response, each a DocumentReport.
struct ExchangeReport {
  py::object parameters, request, response;
  bool valid = false;
};

/// One HAR entry that calls the endpoint.
struct HarEntry {
  std::size_t index = 0;
  py::str method, url;
  py::object exchange;  ///< An ExchangeReport.
};

/// The verdicts on a HAR file.
struct HarReport {
  py::object file;    ///< A DocumentReport on the HAR document itself.
  py::tuple entries;  ///< HarEntry objects, in file order.
  std::size_t skipped = 0;
  bool valid = false;
};

/// Builds the Python objects of the exchange verdicts; `request` and `response` are the bodies.
ExchangeReport make_exchange(backfill::ExchangeReport report, Text request, Text response);

/// One SARIF log for many (source name, DocumentReport) pairs.
std::string render_sarif(py::iterable named_reports);

}  // namespace pybackfill
