/* backfill-check: the C API (C89), for C programs and other languages' foreign-function interfaces.
 *
 * Ownership in one line: whatever a bfc_*_new or bfc_validate returns is yours to free with the
 * matching bfc_*_free; whatever bfc_report_render returns is yours to free with bfc_free; every other
 * pointer the library hands out is borrowed (static, or owned by the report it came from). Pointers
 * you pass in are only read during the call. No function throws or aborts; failures return NULL or 0.
 */
#ifndef BACKFILL_BACKFILL_H
#define BACKFILL_BACKFILL_H

#include <stddef.h>

#include "backfill/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque compiled schemas; make one with bfc_validator_new, share it across threads, free it once. */
typedef struct bfc_validator bfc_validator;

/** Opaque result of one validation; owned by the caller, freed with bfc_report_free. */
typedef struct bfc_report bfc_report;

/** How serious a diagnostic is; an error makes the document invalid. */
typedef enum bfc_severity {
  BFC_SEVERITY_INFO = 0,    /**< A note; never affects the verdict. */
  BFC_SEVERITY_WARNING = 1, /**< Likely a mistake; an error only with strict. */
  BFC_SEVERITY_ERROR = 2    /**< The document breaks the contract. */
} bfc_severity;

/** How to validate one document: bfc_options_init it, then set fields; zero fields mean defaults.
 *  Callers allocate it, so it starts with its size: a later version adds fields at the end and
 *  gives fields past the caller's size their defaults (see "ABI and SONAME" in docs/api.md). */
typedef struct bfc_options {
  size_t size;            /**< sizeof(bfc_options) as the caller compiled it; set by bfc_options_init. */
  const char* kind;       /**< "request" (also when NULL), "response", "error", ..., or "auto"; borrowed. */
  const char* now;        /**< RFC 3339 "now" for the completed-in-future rule; NULL: the clock. Borrowed. */
  int strict;             /**< Nonzero: warnings count as errors. */
  size_t max_bytes;       /**< Larger documents are rejected (BF0004); 0: the default, 64 MiB. */
  unsigned int max_depth; /**< Deeper nesting is rejected (BF0004); 0: the default, 128. */
  size_t max_diagnostics; /**< Later diagnostics are counted, not listed (BF0006); 0: the default, 1000. */
  const char* contract;   /**< "reference" (also when NULL) or "openapi-2026-09" (docs/contracts.md); borrowed. */
} bfc_options;

/** One diagnostic as read from a report: strings are static or owned by the report (see fields).
 *  Callers allocate it, so it starts with its size (bfc_diagnostic_init sets it): a later version fills
 *  only the fields that fit in it. */
typedef struct bfc_diagnostic {
  size_t size;                  /**< sizeof(bfc_diagnostic) as the caller compiled it; set by bfc_diagnostic_init. */
  const char* code;             /**< Stable code, e.g. "BF2002"; static storage. */
  const char* rule;             /**< Kebab-case rule name, e.g. "updates-status-order"; static storage. */
  bfc_severity severity;        /**< Severity after options (strict) are applied. */
  const char* pointer;          /**< RFC 6901 JSON Pointer, "" for the root; owned by the report. */
  const char* message;          /**< One sentence: what is wrong and what is expected; owned by the report. */
  unsigned long line;           /**< 1-based line of the value or syntax error; 0 if unknown. */
  unsigned long column;         /**< 1-based column in code points; 0 if unknown. */
  const char* keyword_location; /**< Schema diagnostics: JSON Pointer into the schema, else ""; owned by the report. */
} bfc_diagnostic;

/** The library version, e.g. "0.1.0"; static storage. */
BACKFILL_API const char* bfc_version(void);

/** Compiles the embedded schemas; returns a validator to free with bfc_validator_free, NULL when out of memory. */
BACKFILL_API bfc_validator* bfc_validator_new(void);

/** A validator over the schema files of `directory` (request.schema.json, ..., common.schema.json; those
 * present replace the contract's) under `contract` (NULL: the default), as backfill-check --schemas.
 * NULL when they cannot be used: then `message` (of `message_size` bytes, may be NULL) gets why, naming
 * the file and the place. On success `message` gets the notes, one per line ("" when none): kinds the
 * reference validator decides. Free it with bfc_validator_free. */
BACKFILL_API bfc_validator* bfc_validator_from_schemas(const char* directory, const char* contract, char* message,
                                                       size_t message_size);

/** Frees a validator (NULL is a no-op); reports made with it stay valid. */
BACKFILL_API void bfc_validator_free(bfc_validator* validator);

/** Sets every field of *options to its default (zero, NULL) and size to sizeof(bfc_options). */
BACKFILL_API void bfc_options_init(bfc_options* options);

/** Clears *diagnostic and sets its size to sizeof(bfc_diagnostic); call once before bfc_report_diagnostic. */
BACKFILL_API void bfc_diagnostic_init(bfc_diagnostic* diagnostic);

/** Validates len bytes at buf (no terminator needed) with a validator (NULL: a process-wide one) and
 *  options (NULL: defaults); returns a report to free with bfc_report_free, or NULL when buf is NULL
 *  with len > 0, options->size is too small (not initialised), kind, now or contract is not understood, or
 *  memory ran out. Thread-safe. */
BACKFILL_API bfc_report* bfc_validate(const bfc_validator* validator, const char* buf, size_t len,
                                      const bfc_options* options);

/** Frees a report and every string read from it (NULL is a no-op). */
BACKFILL_API void bfc_report_free(bfc_report* report);

/** 1 when the report has no error, else 0 (also for NULL). */
BACKFILL_API int bfc_report_valid(const bfc_report* report);

/** The number of diagnostics listed in the report (0 for NULL). */
BACKFILL_API size_t bfc_report_count(const bfc_report* report);

/** The number of listed diagnostics of one severity (0 for NULL). */
BACKFILL_API size_t bfc_report_count_severity(const bfc_report* report, bfc_severity severity);

/** The number of diagnostics over max_diagnostics, counted but not listed (0 for NULL). */
BACKFILL_API size_t bfc_report_suppressed(const bfc_report* report);

/** The kind the document was checked as (resolved when "auto"), e.g. "request"; owned by the report. */
BACKFILL_API const char* bfc_report_kind(const bfc_report* report);

/** Fills *out (set up by bfc_diagnostic_init) with diagnostic number index (0-based, document order):
 *  the fields that fit in out->size. 1 on success, 0 when out of range or out->size is too small. */
BACKFILL_API int bfc_report_diagnostic(const bfc_report* report, size_t index, bfc_diagnostic* out);

/** Renders the report as format ("text", "json", "sarif", "github", "jsonschema" or "problem") for a
 *  document named source_name (NULL: "-"); returns NUL-terminated text to free with bfc_free, or NULL
 *  for an unknown format or when out of memory. "problem" of a valid report is "". */
BACKFILL_API char* bfc_report_render(const bfc_report* report, const char* format, const char* source_name);

/** The HTTP status to answer with: 200 valid, 400 unparseable JSON, 500 internal failure (or NULL), else 422. */
BACKFILL_API int bfc_report_http_status(const bfc_report* report);

/** Frees text returned by bfc_report_render (NULL is a no-op). */
BACKFILL_API void bfc_free(void* text);

/** "error", "warning" or "info"; static storage. */
BACKFILL_API const char* bfc_severity_name(bfc_severity severity);

/** 1 when len bytes at text are a UUID (8-4-4-4-12 hex, any case, version and variant), else 0. */
BACKFILL_API int bfc_is_uuid(const char* text, size_t len);

/** 1 when len bytes at text are an RFC 3339 date-time, else 0. */
BACKFILL_API int bfc_is_date_time(const char* text, size_t len);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* BACKFILL_BACKFILL_H */
