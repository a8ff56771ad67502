#include "reports.h"

#include <string>
#include <utility>
#include <vector>

#include "backfill/render.h"

namespace pybackfill {

py::object DocumentReport::listed() {
  if (!diagnostics) {
    py::tuple items(report->diagnostics.size());
    for (std::size_t i = 0; i < report->diagnostics.size(); ++i)
      items[i] = py::cast(Diagnostic{report, &report->diagnostics[i]});
    diagnostics = std::move(items);
  }
  return diagnostics;
}

// The CLI's --format names; the renderers neutralize every input byte they print.
std::string DocumentReport::render(std::string_view format, std::string_view source, bool color, bool named) const {
  if (const std::optional<backfill::Format> chosen = backfill::parse_format(format)) {
    const backfill::RecordSource record{named ? source : std::string_view(), 0};
    return backfill::render(*chosen, *report, source, document.bytes, backfill::RenderOptions{color}, record);
  }
  std::string names;
  for (backfill::Format f : backfill::kFormats)
    names += std::string(names.empty() ? "" : ", ") + std::string(backfill::format_name(f));
  throw py::value_error("format must be one of " + names + "; not \"" + backfill::neutralize(format) + "\"");
}

py::object make_report(backfill::Report report, Text text) {
  return py::cast(
      DocumentReport{std::make_shared<const backfill::Report>(std::move(report)), std::move(text), py::object()});
}

ExchangeReport make_exchange(backfill::ExchangeReport report, Text request, Text response) {
  const bool valid = report.valid();
  return ExchangeReport{make_report(std::move(report.parameters), copy_of(report.parameters_text)),
                        make_report(std::move(report.request), std::move(request)),
                        make_report(std::move(report.response), std::move(response)), valid};
}

std::string render_sarif(py::iterable named_reports) {
  std::vector<backfill::NamedReport> reports;
  for (py::handle item : named_reports) {
    const auto pair = py::reinterpret_borrow<py::object>(item);
    if (!py::isinstance<py::tuple>(pair) || py::len(pair) != 2 || !py::isinstance<py::str>(pair[py::int_(0)]) ||
        !py::isinstance<DocumentReport>(pair[py::int_(1)])) {
      throw py::type_error("render_sarif takes (source name, Report) pairs");
    }
    reports.push_back({pair[py::int_(0)].cast<std::string>(), *pair[py::int_(1)].cast<const DocumentReport&>().report});
  }
  return backfill::render_sarif(reports);
}

}  // namespace pybackfill
