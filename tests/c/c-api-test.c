/* The C API from a C89 program: validate, iterate diagnostics, render every format, free everything.
 * Usage: c-api-test EXAMPLES_DIR   (reads request.json and invalid-request.json from it).
 * Built with -std=c89 -pedantic-errors; run under AddressSanitizer by scripts/sanitize.sh, whose
 * leak checker fails the test if anything handed out is not freed by its bfc_*_free. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <backfill/backfill.h>

static int failures = 0;
static int checks = 0;

#define CHECK(condition)                                                   \
  do {                                                                     \
    ++checks;                                                              \
    if (!(condition)) {                                                    \
      ++failures;                                                          \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #condition); \
    }                                                                      \
  } while (0)

/* Reads a whole file into a malloc'd buffer; NULL when it cannot. */
static char *read_file(const char *dir, const char *name, size_t *size) {
  char path[4096];
  FILE *file;
  char *data;
  long length;
  if (strlen(dir) + strlen(name) + 2 > sizeof path) return NULL;
  strcpy(path, dir);
  strcat(path, "/");
  strcat(path, name);
  file = fopen(path, "rb");
  if (!file) return NULL;
  if (fseek(file, 0, SEEK_END) != 0 || (length = ftell(file)) < 0 || fseek(file, 0, SEEK_SET) != 0) {
    fclose(file);
    return NULL;
  }
  data = (char *)malloc((size_t)length + 1);
  if (data && fread(data, 1, (size_t)length, file) != (size_t)length) {
    free(data);
    data = NULL;
  }
  fclose(file);
  if (data) data[length] = '\0';
  *size = (size_t)length;
  return data;
}

/* Finds the first diagnostic with the given code; 1 and *out filled when found. */
static int find_code(const bfc_report *report, const char *code, bfc_diagnostic *out) {
  size_t i;
  for (i = 0; i < bfc_report_count(report); ++i) {
    if (bfc_report_diagnostic(report, i, out) && strcmp(out->code, code) == 0) return 1;
  }
  return 0;
}

static void test_valid_request(const bfc_validator *validator, const char *json, size_t size) {
  bfc_options options;
  bfc_report *report;
  char *rendered;
  bfc_options_init(&options);
  options.now = "2026-01-01T00:00:00Z";
  report = bfc_validate(validator, json, size, &options);
  CHECK(report != NULL);
  CHECK(bfc_report_valid(report) == 1);
  CHECK(bfc_report_count(report) == 0);
  CHECK(bfc_report_count_severity(report, BFC_SEVERITY_ERROR) == 0);
  CHECK(strcmp(bfc_report_kind(report), "request") == 0);
  CHECK(bfc_report_http_status(report) == 200);
  rendered = bfc_report_render(report, "json", "request.json");
  CHECK(rendered != NULL && strstr(rendered, "\"valid\":true") != NULL);
  bfc_free(rendered);
  rendered = bfc_report_render(report, "problem", NULL);
  CHECK(rendered != NULL && rendered[0] == '\0'); /* no problem to describe */
  bfc_free(rendered);
  bfc_report_free(report);
}

static void test_invalid_request(const bfc_validator *validator, const char *json, size_t size) {
  static const char *const formats[] = {"text", "json", "sarif", "github", "jsonschema", "problem"};
  bfc_report *report = bfc_validate(validator, json, size, NULL);
  bfc_diagnostic d;
  size_t i;
  size_t errors = 0;
  char *rendered;
  bfc_diagnostic_init(&d);
  CHECK(report != NULL);
  CHECK(bfc_report_valid(report) == 0);
  CHECK(bfc_report_count(report) >= 5);
  for (i = 0; i < bfc_report_count(report); ++i) {
    CHECK(bfc_report_diagnostic(report, i, &d) == 1);
    CHECK(strncmp(d.code, "BF", 2) == 0 && strlen(d.code) == 6);
    CHECK(d.rule[0] != '\0' && d.message[0] != '\0' && d.pointer != NULL && d.keyword_location != NULL);
    CHECK(d.line > 0 && d.column > 0);
    if (d.severity == BFC_SEVERITY_ERROR) ++errors;
  }
  CHECK(errors == bfc_report_count_severity(report, BFC_SEVERITY_ERROR));
  CHECK(bfc_report_diagnostic(report, bfc_report_count(report), &d) == 0); /* out of range */

  CHECK(find_code(report, "BF2002", &d));
  CHECK(strcmp(d.rule, "updates-status-order") == 0);
  CHECK(d.severity == BFC_SEVERITY_ERROR);
  CHECK(strcmp(d.pointer, "/data/attributes/updates/1/status") == 0);
  CHECK(d.line == 21 && d.column == 21);
  CHECK(strcmp(bfc_severity_name(d.severity), "error") == 0);

  for (i = 0; i < sizeof formats / sizeof formats[0]; ++i) {
    rendered = bfc_report_render(report, formats[i], "invalid-request.json");
    CHECK(rendered != NULL && strlen(rendered) > 0);
    if (rendered && strcmp(formats[i], "text") == 0) CHECK(strstr(rendered, "invalid-request.json:21:21:") != NULL);
    if (rendered && strcmp(formats[i], "problem") == 0) CHECK(strstr(rendered, "\"status\":422") != NULL);
    bfc_free(rendered);
  }
  CHECK(bfc_report_render(report, "xml", "x") == NULL);
  CHECK(bfc_report_http_status(report) == 422);
  bfc_report_free(report);
}

static void test_malformed_and_limits(void) {
  const char malformed[] = "{\"data\": ";
  bfc_options options;
  bfc_report *report;
  bfc_diagnostic d;

  bfc_diagnostic_init(&d);
  report = bfc_validate(NULL, malformed, sizeof malformed - 1, NULL); /* the process-wide validator */
  CHECK(report != NULL && bfc_report_valid(report) == 0);
  CHECK(find_code(report, "BF0002", &d) && strcmp(d.rule, "json-syntax") == 0);
  CHECK(bfc_report_http_status(report) == 400);
  bfc_report_free(report);

  report = bfc_validate(NULL, NULL, 0, NULL); /* empty input is not JSON */
  CHECK(report != NULL && find_code(report, "BF0002", &d));
  bfc_report_free(report);

  bfc_options_init(&options);
  options.max_bytes = 4;
  report = bfc_validate(NULL, malformed, sizeof malformed - 1, &options);
  CHECK(report != NULL && find_code(report, "BF0004", &d));
  bfc_report_free(report);
}

static void test_options(const bfc_validator *validator, const char *json, size_t size) {
  bfc_options options;
  bfc_report *report;
  bfc_diagnostic d;

  bfc_diagnostic_init(&d);
  bfc_options_init(&options);
  options.kind = "nonsense";
  CHECK(bfc_validate(validator, json, size, &options) == NULL);
  options.kind = "request";
  options.now = "yesterday";
  CHECK(bfc_validate(validator, json, size, &options) == NULL);
  CHECK(bfc_validate(validator, NULL, 3, NULL) == NULL);

  /* "now" between start and end: completion in the future is a warning, an error when strict. */
  options.now = "2021-11-11T10:30:00Z";
  report = bfc_validate(validator, json, size, &options);
  CHECK(report != NULL && bfc_report_valid(report) == 1);
  CHECK(find_code(report, "BF2009", &d) && d.severity == BFC_SEVERITY_WARNING);
  CHECK(bfc_report_count_severity(report, BFC_SEVERITY_WARNING) == 1);
  bfc_report_free(report);
  options.strict = 1;
  report = bfc_validate(validator, json, size, &options);
  CHECK(report != NULL && bfc_report_valid(report) == 0);
  CHECK(find_code(report, "BF2009", &d) && d.severity == BFC_SEVERITY_ERROR);
  bfc_report_free(report);

  options.strict = 0;
  options.kind = "auto";
  report = bfc_validate(validator, json, size, &options);
  CHECK(report != NULL && strcmp(bfc_report_kind(report), "request") == 0);
  bfc_report_free(report);
}

/* A request without updates[].components_affected: invalid under the default contract, valid under
   openapi-2026-09; a caller compiled before the contract field existed gets the default. */
static void test_contract(const bfc_validator *validator) {
  static const char minimal[] =
      "{\"data\":{\"type\":\"maintenances\",\"attributes\":{\"title\":\"t\",\"updates\":["
      "{\"description\":\"a\",\"started_at\":\"2026-09-01T10:00:00Z\",\"status\":\"in_progress\"},"
      "{\"description\":\"b\",\"started_at\":\"2026-09-01T11:00:00Z\",\"status\":\"completed\"}]}}}";
  bfc_options options;
  bfc_report *report;
  bfc_diagnostic d;

  bfc_diagnostic_init(&d);
  bfc_options_init(&options);
  options.now = "2026-10-01T00:00:00Z";
  report = bfc_validate(validator, minimal, sizeof minimal - 1, &options);
  CHECK(report != NULL && bfc_report_valid(report) == 0);
  CHECK(find_code(report, "BF1002", &d) && strstr(d.message, "--contract openapi-2026-09") != NULL);
  bfc_report_free(report);
  options.contract = "openapi-2026-09";
  report = bfc_validate(validator, minimal, sizeof minimal - 1, &options);
  CHECK(report != NULL && bfc_report_valid(report) == 1);
  bfc_report_free(report);
  options.contract = "nonsense";
  CHECK(bfc_validate(validator, minimal, sizeof minimal - 1, &options) == NULL);
  options.size = offsetof(bfc_options, contract); /* the layout before the field: ignored */
  report = bfc_validate(validator, minimal, sizeof minimal - 1, &options);
  CHECK(report != NULL && bfc_report_valid(report) == 0);
  bfc_report_free(report);
}

static void test_schemas(const char *examples) {
  static const char minimal[] =
      "{\"data\":{\"type\":\"maintenances\",\"attributes\":{\"title\":\"t\",\"updates\":["
      "{\"description\":\"a\",\"started_at\":\"2026-09-01T10:00:00Z\",\"status\":\"in_progress\"},"
      "{\"description\":\"b\",\"started_at\":\"2026-09-01T11:00:00Z\",\"status\":\"completed\"}]}}}";
  char dir[4096];
  char message[512];
  bfc_options options;
  bfc_report *report;
  bfc_validator *mine;

  bfc_options_init(&options);
  options.now = "2026-10-01T00:00:00Z";
  if (strlen(examples) > sizeof dir - 64) return;
  sprintf(dir, "%s/../tests/data/schemas/optional", examples);
  mine = bfc_validator_from_schemas(dir, NULL, message, sizeof message);
  CHECK(mine != NULL && message[0] == '\0');
  report = bfc_validate(mine, minimal, sizeof minimal - 1, &options);
  CHECK(report != NULL && bfc_report_valid(report) == 1);
  bfc_report_free(report);
  bfc_validator_free(mine);
  sprintf(dir, "%s/../tests/data/schemas/bad-json", examples);
  CHECK(bfc_validator_from_schemas(dir, NULL, message, sizeof message) == NULL);
  CHECK(strstr(message, "request.schema.json:4:31: not JSON") != NULL);
  CHECK(bfc_validator_from_schemas(dir, NULL, NULL, 0) == NULL);
  CHECK(bfc_validator_from_schemas(NULL, NULL, message, sizeof message) == NULL);
}

static void test_formats_and_nulls(void) {
  CHECK(bfc_is_uuid("4e9d3726-bdd7-0079-613c-e9aaba89eb01", 36) == 1);
  CHECK(bfc_is_uuid("4e9d3726-bdd7-0079-613c-e9aaba89eb0", 35) == 0);
  CHECK(bfc_is_date_time("2021-11-11T10:11:11+00:00", 25) == 1);
  CHECK(bfc_is_date_time("2021-02-29T10:11:11Z", 20) == 0);
  CHECK(bfc_is_uuid(NULL, 0) == 0);
  CHECK(bfc_version()[0] != '\0');
  CHECK(bfc_report_valid(NULL) == 0 && bfc_report_count(NULL) == 0 && bfc_report_suppressed(NULL) == 0);
  CHECK(bfc_report_render(NULL, "text", "x") == NULL);
  bfc_report_free(NULL);
  bfc_validator_free(NULL);
  bfc_free(NULL);
}

/* Caller-allocated structs carry their size: an uninitialised one is refused, a caller compiled
 * against a later header (a larger struct) is served the fields this version knows. */
static void test_struct_sizes(const char *json, size_t size) {
  struct {
    bfc_diagnostic known;
    const char *added_later;
  } newer;
  struct {
    bfc_options known;
    int added_later;
  } newer_options;
  bfc_diagnostic d;
  bfc_options options;
  bfc_report *report;

  memset(&d, 0, sizeof d); /* size 0: not initialised */
  report = bfc_validate(NULL, "[]", 2, NULL);
  CHECK(report != NULL && bfc_report_count(report) > 0);
  CHECK(bfc_report_diagnostic(report, 0, &d) == 0);
  bfc_diagnostic_init(&d);
  CHECK(d.size == sizeof d && bfc_report_diagnostic(report, 0, &d) == 1 && d.size == sizeof d);
  memset(&newer, 0, sizeof newer);
  newer.known.size = sizeof newer;
  newer.added_later = "untouched";
  CHECK(bfc_report_diagnostic(report, 0, &newer.known) == 1);
  CHECK(newer.known.size == sizeof newer && strcmp(newer.known.code, d.code) == 0);
  CHECK(strcmp(newer.added_later, "untouched") == 0);
  bfc_report_free(report);

  memset(&options, 0, sizeof options);
  CHECK(bfc_validate(NULL, json, size, &options) == NULL);
  memset(&newer_options, 0, sizeof newer_options);
  newer_options.known.size = sizeof newer_options;
  newer_options.known.now = "2026-01-01T00:00:00Z";
  newer_options.added_later = 1;
  report = bfc_validate(NULL, json, size, &newer_options.known);
  CHECK(report != NULL && bfc_report_valid(report) == 1);
  bfc_report_free(report);
}

int main(int argc, char **argv) {
  size_t valid_size = 0;
  size_t invalid_size = 0;
  char *valid_json;
  char *invalid_json;
  bfc_validator *validator;
  if (argc != 2) {
    fprintf(stderr, "usage: %s EXAMPLES_DIR\n", argv[0]);
    return 2;
  }
  valid_json = read_file(argv[1], "request.json", &valid_size);
  invalid_json = read_file(argv[1], "invalid-request.json", &invalid_size);
  validator = bfc_validator_new();
  if (!valid_json || !invalid_json || !validator) {
    fprintf(stderr, "cannot read the examples in %s, or no validator\n", argv[1]);
    return 2;
  }
  test_valid_request(validator, valid_json, valid_size);
  test_invalid_request(validator, invalid_json, invalid_size);
  test_malformed_and_limits();
  test_options(validator, valid_json, valid_size);
  test_contract(validator);
  test_schemas(argv[1]);
  test_formats_and_nulls();
  test_struct_sizes(valid_json, valid_size);
  bfc_validator_free(validator);
  free(valid_json);
  free(invalid_json);
  printf("%d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
