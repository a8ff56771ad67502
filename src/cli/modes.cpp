#include "modes.h"

#include <fmt/format.h>

#include "backfill/exchange.h"
#include "batch.h"
#include "io.h"

namespace cli {

namespace {

// --request/--response: the three parts of one call, each reported under its own name.
int check_exchange(const backfill::Validator& validator, const backfill::Options& options, const Settings& s,
                   Output& output) {
  const auto name_of = [&](const std::string& file) { return file == "-" ? s.stdin_name : file; };
  std::string request, response, error;
  bool readable = true;
  for (auto [file, text] : {std::pair{&s.request_file, &request}, std::pair{&s.response_file, &response}}) {
    if (!read_input(*file, name_of(*file), *text, error)) {
      output.unreadable(error, name_of(*file));
      readable = false;
    }
  }
  if (!readable) return output.finish();
  const backfill::Parameters parameters{s.page_id, s.include, s.status, std::nullopt};
  backfill::ExchangeReport report = backfill::validate_exchange(validator, {request, response, parameters}, options);
  output.emit("<parameters>", report.parameters_text, std::move(report.parameters));
  output.emit(name_of(s.request_file), request, std::move(report.request));
  output.emit(name_of(s.response_file), response, std::move(report.response));
  return output.finish();
}

// --har: every call of the endpoint in the file, by entry index and URL; other entries are counted.
int check_har(const backfill::Validator& validator, const backfill::Options& options, const Settings& s,
              Output& output) {
  const std::string& har_file = s.har_file == "-" ? s.stdin_name : s.har_file;
  std::string text, error;
  if (!read_input(s.har_file, har_file, text, error)) {
    output.unreadable(error, har_file);
    return output.finish();
  }
  backfill::HarReport har = backfill::validate_har(validator, text, options);
  if (!har.file.diagnostics.empty()) output.emit(har_file, text, std::move(har.file));
  for (backfill::HarEntryReport& entry : har.entries) {
    const std::string name = fmt::format("{}#entries/{}", har_file, entry.index);
    output.heading(fmt::format("{}: {} {}", name, entry.method, entry.url));
    auto& exchange = entry.exchange;
    output.emit(name + "/parameters", exchange.parameters_text, std::move(exchange.parameters));
    output.emit(name + "/request", entry.request_text, std::move(exchange.request));
    output.emit(name + "/response", entry.response_text, std::move(exchange.response));
  }
  return output.finish(fmt::format("; {} HAR {} checked, {} skipped", har.entries.size(),
                                   har.entries.size() == 1 ? "entry" : "entries", har.skipped));
}

// FILE... (or standard input): each a document, or each line one with --ndjson; --page-id and
// --include given alone are checked as the call's parameters first.
int check_documents(const backfill::Validator& validator, const backfill::Options& options, Settings& s,
                    Output& output) {
  if (s.page_id || s.include) {
    const backfill::Parameters parameters{s.page_id, s.include, std::nullopt, std::nullopt};
    output.emit("<parameters>", backfill::parameters_document(parameters),
                backfill::validate_parameters(validator, parameters, options));
  }
  if (s.files.empty()) s.files.push_back("-");
  if (s.ndjson) {
    s.batch.stdin_name = s.stdin_name;
    return check_ndjson(validator, options, s.files, s.batch, output);
  }
  for (const std::string& file : s.files) {
    const std::string& name = file == "-" ? s.stdin_name : file;
    std::string text, error;
    if (!read_input(file, name, text, error)) {
      output.unreadable(error, name);
      continue;
    }
    output.emit(name, text, validator.validate(text, options));
  }
  return output.finish();
}

}  // namespace

int check(const backfill::Validator& validator, const backfill::Options& options, Settings& settings, Output& output) {
  if (!settings.har_file.empty()) return check_har(validator, options, settings, output);
  if (settings.exchange_mode()) return check_exchange(validator, options, settings, output);
  return check_documents(validator, options, settings, output);
}

}  // namespace cli
