/* A C89 consumer of the installed C API: prints the code and position of each diagnostic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <backfill/backfill.h>
#include <backfill/version.h>

int main(int argc, char **argv) {
  static char buf[1 << 16];
  size_t len;
  size_t i;
  bfc_report *report;
  bfc_diagnostic d;
  FILE *file;
  if (strcmp(bfc_version(), BACKFILL_VERSION_STRING) != 0) return 3; /* the header and the library agree */
  if (argc != 2 || !(file = fopen(argv[1], "rb"))) return 2;
  bfc_diagnostic_init(&d);
  len = fread(buf, 1, sizeof buf, file);
  fclose(file);
  report = bfc_validate(NULL, buf, len, NULL);
  if (!report) return 2;
  for (i = 0; bfc_report_diagnostic(report, i, &d); ++i) printf("%s %lu:%lu %s\n", d.code, d.line, d.column, d.pointer);
  i = (size_t)bfc_report_valid(report);
  bfc_report_free(report);
  return i ? 0 : 1;
}
