// The C API (include/backfill/backfill.h): a thin, exception-free shell over the C++ API.
#include "backfill/backfill.h"

#include <algorithm>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include "backfill/contracts.h"
#include "backfill/formats.h"
#include "backfill/render.h"
#include "backfill/validate.h"
#include "backfill/version.h"

struct bfc_validator {
  backfill::Validator validator;
};

struct bfc_report {
  backfill::Report report;
  std::string kind;  // a NUL-terminated copy of kind_name(report.kind) for bfc_report_kind
};

namespace {

// The size of the first published layout of a caller-allocated struct: a smaller size field means
// the struct was not initialised (bfc_options_init, bfc_diagnostic_init).
constexpr size_t kOptionsV1 = offsetof(bfc_options, max_diagnostics) + sizeof(size_t);
constexpr size_t kDiagnosticV1 = offsetof(bfc_diagnostic, keyword_location) + sizeof(const char*);

// Translates C options; false when a field is not understood (unknown kind, malformed now) or the
// struct is not initialised. Fields past the caller's size (a caller compiled against an older
// header) keep their defaults.
bool to_options(const bfc_options* caller, backfill::Options& out) noexcept {
  if (!caller) return true;
  if (caller->size < kOptionsV1) return false;
  bfc_options known{};
  std::memcpy(&known, caller, std::min(caller->size, sizeof known));
  const bfc_options* in = &known;
  if (in->kind) {
    const auto kind = backfill::parse_kind(in->kind);
    if (!kind) return false;
    out.kind = *kind;
  }
  if (in->now) {
    const auto now = backfill::parse_date_time(in->now);
    if (!now.instant) return false;
    out.now = now.instant;
  }
  out.strict = in->strict != 0;
  if (in->max_bytes) out.limits.max_bytes = in->max_bytes;
  if (in->max_depth) out.limits.max_depth = in->max_depth;
  if (in->max_diagnostics) out.limits.max_diagnostics = in->max_diagnostics;
  if (in->contract) {
    if (!backfill::is_contract(in->contract)) return false;
    out.contract = in->contract;  // borrowed for the call, as the caller's options are
  }
  return true;
}

}  // namespace

extern "C" {

const char* bfc_version(void) { return BACKFILL_VERSION_STRING; }

bfc_validator* bfc_validator_new(void) { return new (std::nothrow) bfc_validator(); }

bfc_validator* bfc_validator_from_schemas(const char* directory, const char* contract, char* message,
                                          size_t message_size) {
  try {
    backfill::LoadedSchemas loaded = backfill::load_schemas(directory ? directory : "", contract ? contract : "");
    std::string text = loaded.error;
    for (const std::string& note : loaded.notes) text += (text.empty() ? "" : "\n") + note;
    if (message && message_size > 0) {
      const std::size_t n = std::min(text.size(), message_size - 1);
      std::memcpy(message, text.data(), n);
      message[n] = '\0';
    }
    if (!loaded.ok()) return nullptr;
    return new bfc_validator{std::move(loaded.validator)};
  } catch (...) {  // std::bad_alloc: nothing may escape into C
    return nullptr;
  }
}

void bfc_validator_free(bfc_validator* validator) { delete validator; }

void bfc_options_init(bfc_options* options) {
  if (!options) return;
  *options = bfc_options{};
  options->size = sizeof *options;
}

void bfc_diagnostic_init(bfc_diagnostic* diagnostic) {
  if (!diagnostic) return;
  *diagnostic = bfc_diagnostic{};
  diagnostic->size = sizeof *diagnostic;
}

bfc_report* bfc_validate(const bfc_validator* validator, const char* buf, size_t len, const bfc_options* options) {
  if (!buf && len > 0) return nullptr;
  backfill::Options cpp_options;
  if (!to_options(options, cpp_options)) return nullptr;
  const std::string_view json = buf ? std::string_view(buf, len) : std::string_view("", 0);  // never a null data()
  auto* report = new (std::nothrow) bfc_report();
  if (!report) return nullptr;
  report->report = validator ? validator->validator.validate(json, cpp_options) : backfill::validate(json, cpp_options);
  try {
    report->kind = backfill::kind_name(report->report.kind);
  } catch (...) {  // std::bad_alloc: nothing may escape into C
    delete report;
    return nullptr;
  }
  return report;
}

void bfc_report_free(bfc_report* report) { delete report; }

int bfc_report_valid(const bfc_report* report) { return report && report->report.valid() ? 1 : 0; }

size_t bfc_report_count(const bfc_report* report) { return report ? report->report.diagnostics.size() : 0; }

size_t bfc_report_count_severity(const bfc_report* report, bfc_severity severity) {
  if (!report || severity < BFC_SEVERITY_INFO || severity > BFC_SEVERITY_ERROR) return 0;
  return report->report.count(static_cast<backfill::Severity>(severity));
}

size_t bfc_report_suppressed(const bfc_report* report) { return report ? report->report.suppressed : 0; }

const char* bfc_report_kind(const bfc_report* report) { return report ? report->kind.c_str() : ""; }

namespace {
const char* c_string(std::string_view text) { return text.data() != nullptr ? text.data() : ""; }
}  // namespace

int bfc_report_diagnostic(const bfc_report* report, size_t index, bfc_diagnostic* out) {
  if (!report || !out || out->size < kDiagnosticV1 || index >= report->report.diagnostics.size()) return 0;
  const backfill::Diagnostic& d = report->report.diagnostics[index];
  const backfill::RuleInfo& rule = backfill::rule_info(d.code);
  bfc_diagnostic full{};
  full.size = out->size;
  // The catalogue's ids and names are NUL-terminated constants (see diagnostic.cpp).
  full.code = rule.id.data();
  full.rule = rule.name.data();
  full.severity = static_cast<bfc_severity>(d.severity);
  // A report's texts are followed by a NUL in its storage (backfill/diagnostic.h).
  full.pointer = c_string(d.pointer);
  full.message = c_string(d.message);
  full.line = d.line;
  full.column = d.column;
  full.keyword_location = c_string(d.keyword_location);
  std::memcpy(out, &full, std::min(out->size, sizeof full));  // only what the caller's layout holds
  return 1;
}

char* bfc_report_render(const bfc_report* report, const char* format, const char* source_name) {
  if (!report || !format) return nullptr;
  try {
    const std::optional<backfill::Format> chosen = backfill::parse_format(format);
    if (!chosen) return nullptr;
    const std::string text = backfill::render(*chosen, report->report, source_name ? source_name : "-");
    auto* out = static_cast<char*>(std::malloc(text.size() + 1));
    if (!out) return nullptr;
    std::memcpy(out, text.c_str(), text.size() + 1);
    return out;
  } catch (...) {  // std::bad_alloc from a renderer
    return nullptr;
  }
}

int bfc_report_http_status(const bfc_report* report) { return report ? backfill::problem_status(report->report) : 500; }

void bfc_free(void* text) { std::free(text); }

const char* bfc_severity_name(bfc_severity severity) {
  // severity_name returns views of string literals, which are NUL-terminated.
  return backfill::severity_name(static_cast<backfill::Severity>(severity)).data();
}

int bfc_is_uuid(const char* text, size_t len) { return text && backfill::is_uuid(std::string_view(text, len)) ? 1 : 0; }

int bfc_is_date_time(const char* text, size_t len) {
  return text && backfill::is_date_time(std::string_view(text, len)) ? 1 : 0;
}

}  // extern "C"
