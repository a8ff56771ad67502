// backfill_check._core: the library's C++ API for Python. backfill_check/__init__.py builds the
// public API on it (argument checks, Limits, validate_many); _core.pyi declares what is here.
#include <string>
#include <utility>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "backfill/diagnostic.h"
#include "backfill/formats.h"
#include "backfill/render.h"
#include "backfill/validate.h"
#include "reports.h"
#include "text.h"
#include "validator.h"

namespace py = pybind11;
using namespace pybackfill;

namespace {

py::str severity_of(backfill::Severity severity) { return to_str(backfill::severity_name(severity)); }

// "line:column: severity[CODE] rule: message (at POINTER)", neutralized: fit to print.
std::string describe(const backfill::Diagnostic& d) {
  const backfill::RuleInfo& rule = backfill::rule_info(d.code);
  return std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
         std::string(backfill::severity_name(d.severity)) + "[" + std::string(rule.id) + "] " + std::string(rule.name) +
         ": " + backfill::neutralize(d.message) + " (at \"" + backfill::neutralize(d.pointer) + "\")";
}

void bind_results(py::module_& m) {
  py::class_<Diagnostic>(m, "Diagnostic")
      .def_property_readonly("code",
                             [](const Diagnostic& d) { return to_str(backfill::rule_info(d.diagnostic->code).id); })
      .def_property_readonly("rule",
                             [](const Diagnostic& d) { return to_str(backfill::rule_info(d.diagnostic->code).name); })
      .def_property_readonly("severity", [](const Diagnostic& d) { return severity_of(d.diagnostic->severity); })
      .def_property_readonly("pointer", [](const Diagnostic& d) { return to_str(d.diagnostic->pointer); })
      .def_property_readonly("message", [](const Diagnostic& d) { return to_str(d.diagnostic->message); })
      .def_property_readonly("line", [](const Diagnostic& d) { return d.diagnostic->line; })
      .def_property_readonly("column", [](const Diagnostic& d) { return d.diagnostic->column; })
      .def_property_readonly("keyword_location",
                             [](const Diagnostic& d) -> py::object {
                               if (d.diagnostic->keyword_location.empty()) return py::none();
                               return to_str(d.diagnostic->keyword_location);
                             })
      .def("__str__", [](const Diagnostic& d) { return to_str(describe(*d.diagnostic)); })
      .def("__repr__", [](const Diagnostic& d) { return "<Diagnostic " + describe(*d.diagnostic) + ">"; });

  py::class_<DocumentReport>(m, "Report")
      .def_property_readonly("valid", [](const DocumentReport& r) { return r.report->valid(); })
      .def_property_readonly("kind",
                             [](const DocumentReport& r) { return to_str(backfill::kind_name(r.report->kind)); })
      .def_property_readonly("diagnostics", &DocumentReport::listed)
      .def_property_readonly("suppressed", [](const DocumentReport& r) { return r.report->suppressed; })
      .def_property_readonly("suppressed_errors", [](const DocumentReport& r) { return r.report->suppressed_errors; })
      .def_property_readonly("suppressed_warnings",
                             [](const DocumentReport& r) { return r.report->suppressed_warnings; })
      .def_property_readonly("errors",
                             [](const DocumentReport& r) { return r.report->count(backfill::Severity::error); })
      .def_property_readonly("warnings",
                             [](const DocumentReport& r) { return r.report->count(backfill::Severity::warning); })
      .def_property_readonly("http_status", [](const DocumentReport& r) { return backfill::problem_status(*r.report); })
      .def(
          "render",
          [](const DocumentReport& r, const std::string& format, const std::string& source, bool color, bool named) {
            return to_str(r.render(format, source, color, named));
          },
          py::arg("format") = "text", py::arg("source") = "<document>", py::kw_only(), py::arg("color") = false,
          py::arg("named") = false)
      .def("__repr__", [](const DocumentReport& r) {
        return "<Report " + std::string(backfill::kind_name(r.report->kind)) +
               (r.report->valid() ? " valid" : " invalid") + ", " +
               std::to_string(r.report->count(backfill::Severity::error)) + " errors, " +
               std::to_string(r.report->count(backfill::Severity::warning)) + " warnings>";
      });

  py::class_<ExchangeReport>(m, "ExchangeReport")
      .def_readonly("parameters", &ExchangeReport::parameters)
      .def_readonly("request", &ExchangeReport::request)
      .def_readonly("response", &ExchangeReport::response)
      .def_readonly("valid", &ExchangeReport::valid)
      .def("__repr__",
           [](const ExchangeReport& r) { return std::string("<ExchangeReport ") + (r.valid ? "valid>" : "invalid>"); });

  py::class_<HarEntry>(m, "HarEntry")
      .def_readonly("index", &HarEntry::index)
      .def_readonly("method", &HarEntry::method)
      .def_readonly("url", &HarEntry::url)
      .def_readonly("exchange", &HarEntry::exchange)
      .def("__repr__", [](const HarEntry& e) { return "<HarEntry " + std::to_string(e.index) + ">"; });

  py::class_<HarReport>(m, "HarReport")
      .def_readonly("file", &HarReport::file)
      .def_readonly("entries", &HarReport::entries)
      .def_readonly("skipped", &HarReport::skipped)
      .def_readonly("valid", &HarReport::valid)
      .def("__repr__", [](const HarReport& r) {
        return "<HarReport " + std::to_string(py::len(r.entries)) + " entries" + (r.valid ? ", valid>" : ", invalid>");
      });
}

void bind_catalogue(py::module_& m) {
  py::class_<backfill::RuleInfo>(m, "Rule")
      .def_property_readonly("code", [](const backfill::RuleInfo& r) { return to_str(r.id); })
      .def_property_readonly("rule", [](const backfill::RuleInfo& r) { return to_str(r.name); })
      .def_property_readonly("severity", [](const backfill::RuleInfo& r) { return severity_of(r.severity); })
      .def_property_readonly("title", [](const backfill::RuleInfo& r) { return to_str(r.title); })
      .def_property_readonly("explanation", [](const backfill::RuleInfo& r) { return to_str(r.explanation); })
      .def("__repr__",
           [](const backfill::RuleInfo& r) { return "<Rule " + std::string(r.id) + " " + std::string(r.name) + ">"; });

  m.def("rules", [] {
    py::list out;
    for (const auto* rule = backfill::rules_begin(); rule != backfill::rules_end(); ++rule) {
      out.append(py::cast(rule, py::return_value_policy::reference));
    }
    return out;
  });
  m.def("find_rule", [](const std::string& code_or_name) -> py::object {
    const backfill::RuleInfo* rule = backfill::find_rule(code_or_name);
    return rule ? py::cast(rule, py::return_value_policy::reference) : py::none();
  });
}

}  // namespace

PYBIND11_MODULE(_core, m) {
  m.doc() = "backfill-check's C++ library; use the backfill_check package, which wraps it.";
  compiled_schemas();  // compile once, at import, while the GIL serialises the first use
  bind_results(m);
  bind_catalogue(m);

  py::class_<Validator>(m, "Validator")
      .def(py::init<const std::string&, const std::optional<std::string>&, const std::optional<std::string>&, bool,
                    std::size_t, std::uint32_t, std::size_t, const std::optional<std::string>&>(),
           py::arg("kind"), py::arg("contract"), py::arg("now"), py::arg("strict"), py::arg("max_bytes"),
           py::arg("max_depth"), py::arg("max_diagnostics"), py::arg("schemas"))
      .def_property_readonly("schema_notes", &Validator::schema_notes)
      .def("validate", &Validator::validate, py::arg("text"))
      .def("_validate_batch", &Validator::validate_batch, py::arg("texts"))
      .def("_validate_exchange", &Validator::validate_exchange, py::arg("request"), py::arg("response"),
           py::arg("page_id"), py::arg("include"), py::arg("status"), py::arg("content_type"))
      .def("_validate_har", &Validator::validate_har, py::arg("har"));

  m.def("render_sarif", &render_sarif, py::arg("reports"));
  m.def(
      "is_uuid", [](py::handle text) { return backfill::is_uuid(text_of(text, "text").bytes); }, py::arg("text"));
  m.def(
      "is_date_time", [](py::handle text) { return backfill::is_date_time(text_of(text, "text").bytes); },
      py::arg("text"));
  m.def(
      "schema",
      [](const std::string& kind) -> py::object {
        const std::optional<backfill::Kind> parsed = backfill::parse_kind(kind);
        if (!parsed || *parsed == backfill::Kind::automatic) return py::none();
        return to_str(backfill::schema_text(*parsed));
      },
      py::arg("kind"));
  const backfill::Limits limits;
  m.attr("DEFAULT_MAX_BYTES") = limits.max_bytes;
  m.attr("DEFAULT_MAX_DEPTH") = limits.max_depth;
  m.attr("DEFAULT_MAX_DIAGNOSTICS") = limits.max_diagnostics;
  py::tuple formats(std::size(backfill::kFormats));
  for (std::size_t i = 0; i < std::size(backfill::kFormats); ++i)
    formats[i] = std::string(backfill::format_name(backfill::kFormats[i]));
  m.attr("FORMATS") = formats;
  m.attr("__version__") = to_str(backfill::version());
}
