#include "validator.h"

#include "backfill/contracts.h"

#include <utility>
#include <vector>

#include "backfill/exchange.h"
#include "backfill/formats.h"
#include "backfill/render.h"

namespace pybackfill {

namespace {

// Runs `work` with the GIL released. Not a guard object (py::gil_scoped_release): at interpreter
// exit, Python ends a daemon thread that asks for the GIL back with pthread_exit, whose unwinding
// calls std::terminate (an abort) when it starts inside a destructor. `work` must not throw.
template <class Work>
void without_gil(Work&& work) {
  static_assert(noexcept(work()), "work done without the GIL must not throw");
  PyThreadState* state = PyEval_SaveThread();
  work();
  PyEval_RestoreThread(state);
}

}  // namespace

const backfill::Validator& compiled_schemas() {
  static const auto* validator = new backfill::Validator();
  return *validator;
}

Validator::Validator(const std::string& kind, const std::optional<std::string>& contract,
                     const std::optional<std::string>& now, bool strict, std::size_t max_bytes, std::uint32_t max_depth,
                     std::size_t max_diagnostics, const std::optional<std::string>& schemas) {
  const std::optional<backfill::Kind> parsed_kind = backfill::parse_kind(kind);
  if (!parsed_kind) {
    throw py::value_error("kind must be \"request\", \"response\", \"error\", \"parameters\" or \"auto\"; not \"" +
                          backfill::neutralize(kind) + "\"");
  }
  options_.kind = *parsed_kind;
  if (contract) {
    if (!backfill::is_contract(*contract)) {
      std::string names;
      for (const backfill::ContractSummary& c : backfill::contracts()) {
        names += std::string(names.empty() ? "\"" : ", \"") + std::string(c.name) + "\"";
      }
      throw py::value_error("contract must be None or one of " + names + "; not \"" + backfill::neutralize(*contract) +
                            "\"");
    }
    contract_ = std::make_shared<const std::string>(*contract);
    options_.contract = *contract_;
  }
  if (now) {
    const backfill::DateTimeParse parsed = backfill::parse_date_time(*now);
    if (!parsed.instant) {
      throw py::value_error("now \"" + backfill::neutralize(*now) + "\" is not an RFC 3339 date-time (" +
                            std::string(parsed.problem) + ")");
    }
    options_.now = parsed.instant;
  }
  options_.strict = strict;
  options_.limits = backfill::Limits{max_bytes, max_depth, max_diagnostics};
  if (schemas) {
    backfill::LoadedSchemas loaded = backfill::load_schemas(*schemas, options_.contract);
    if (!loaded.ok()) throw py::value_error("schemas: " + backfill::neutralize(loaded.error));
    for (const std::string& note : loaded.notes) schema_notes_.push_back(backfill::neutralize(note));
    loaded_ = std::make_shared<const backfill::Validator>(std::move(loaded.validator));
  }
}

py::object Validator::validate(py::handle text) const {
  Text document = text_of(text, "text");
  backfill::Report report;
  without_gil([&]() noexcept { report = validator().validate(document.bytes, options_); });
  return make_report(std::move(report), std::move(document));
}

py::list Validator::validate_batch(const py::list& texts) const {
  std::vector<Text> documents;
  documents.reserve(texts.size());
  for (py::handle text : texts) documents.push_back(text_of(text, "each document"));
  std::vector<backfill::Report> reports(documents.size());
  without_gil([&]() noexcept {
    for (std::size_t i = 0; i < documents.size(); ++i) reports[i] = validator().validate(documents[i].bytes, options_);
  });
  py::list out(documents.size());
  for (std::size_t i = 0; i < documents.size(); ++i)
    out[i] = make_report(std::move(reports[i]), std::move(documents[i]));
  return out;
}

ExchangeReport Validator::validate_exchange(py::handle request, py::handle response,
                                            const std::optional<std::string>& page_id,
                                            const std::optional<std::string>& include, std::optional<int> status,
                                            const std::optional<std::string>& content_type) const {
  Text request_text = text_of(request, "request");
  Text response_text = text_of(response, "response");
  const backfill::Exchange exchange{request_text.bytes, response_text.bytes,
                                    backfill::Parameters{page_id, include, status, content_type}};
  backfill::ExchangeReport report;
  without_gil([&]() noexcept { report = backfill::validate_exchange(validator(), exchange, options_); });
  return make_exchange(std::move(report), std::move(request_text), std::move(response_text));
}

HarReport Validator::validate_har(py::handle har) const {
  Text har_text = text_of(har, "har");
  backfill::HarReport report;
  without_gil([&]() noexcept { report = backfill::validate_har(validator(), har_text.bytes, options_); });
  HarReport out;
  out.valid = report.valid();
  out.skipped = report.skipped;
  out.file = make_report(std::move(report.file), std::move(har_text));
  out.entries = py::tuple(report.entries.size());
  for (std::size_t i = 0; i < report.entries.size(); ++i) {
    backfill::HarEntryReport& entry = report.entries[i];
    ExchangeReport exchange =
        make_exchange(std::move(entry.exchange), copy_of(entry.request_text), copy_of(entry.response_text));
    out.entries[i] =
        py::cast(HarEntry{entry.index, to_str(entry.method), to_str(entry.url), py::cast(std::move(exchange))});
  }
  return out;
}

}  // namespace pybackfill
