// backfill-check: the command-line front end. Exit codes: 0 no error, 1 a document has an error,
// 2 usage error, unreadable input or internal error.
#include <unistd.h>

#include <cstdlib>
#include <optional>
#include <string_view>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "backfill/contracts.h"
#include "backfill/render.h"
#include "backfill/validate.h"
#include "catalogue.h"
#include "completions.h"
#include "io.h"
#include "modes.h"
#include "options.h"
#include "output.h"
#include "output_file.h"
#include "serve.h"

namespace {

using cli::kExitUsage;
using cli::kExitValid;

int usage(std::string_view message) {
  fmt::print(stderr, "backfill-check: {}\n", message);
  return kExitUsage;
}

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0') &&
         !(term != nullptr && std::string_view(term) == "dumb");
}

// What is printed instead of a report (a completion script, a schema, the rules), if asked for.
bool print_instead(const CLI::App& app, const cli::Settings& s) {
  if (s.completions) {
    cli::write_stdout(cli::completion_script(app, *s.completions));
  } else if (s.print_schema) {
    cli::write_stdout(std::string(backfill::schema_text(*backfill::parse_kind(*s.print_schema), s.contract)));
  } else if (s.list_rules) {
    cli::list_rules(s.format);
  } else if (s.explain) {
    cli::explain(*backfill::find_rule(*s.explain), s.format);
  } else {
    return false;
  }
  return true;
}

int run(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "serve") return cli::serve(argc - 1, argv + 1);
  CLI::App app{
      "Validates request, response and error bodies of Datadog's Create backfilled maintenance "
      "endpoint (POST /api/v2/statuspages/{page_id}/maintenances/backfill).\n"
      "backfill-check serve --mock | --proxy URL: a local endpoint; see backfill-check serve --help.",
      "backfill-check"};
  app.set_version_flag("--version", "backfill-check " + std::string(backfill::version()));
  cli::Settings s;
  cli::add_options(app, s);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    // CLI11 quotes the offending argument: it came from the command line, so it is neutralized too.
    return usage(backfill::neutralize(e.what()) + "\nRun with --help for more information.");
  }
  backfill::Options options;  // refers to s.contract, which outlives every validate() below
  if (const std::string problem = cli::read_settings(s, options); !problem.empty()) return usage(problem);

  backfill::LoadedSchemas loaded;  // a directory that cannot be used is a usage error too
  if (s.schemas_dir) {
    loaded = backfill::load_schemas(*s.schemas_dir, s.contract);
    if (!loaded.ok()) return usage("--schemas: " + backfill::neutralize(loaded.error));
    for (const std::string& note : loaded.notes)
      fmt::print(stderr, "backfill-check: note: {}\n", backfill::neutralize(note));
  }

  // Every usage error is behind us: from here on the output is a report (or what was asked for).
  if (!s.output_file.empty() && s.output_file != "-") {
    std::string error;
    if (!cli::open_output_file(s.output_file, error)) return usage(error);
  }
  if (print_instead(app, s)) return kExitValid;

  cli::Output output(*backfill::parse_format(s.format), s.quiet,
                     backfill::RenderOptions{use_color(s.color), s.all ? 0 : backfill::RenderOptions{}.repeats_listed});
  if (!s.automation_id.empty()) output.sarif_automation_id(s.automation_id);
  if (s.ndjson && s.batch.summary) output.summary_only();
  // Several documents: each record says which one it describes.
  if (s.files.size() > 1 || s.ndjson || s.exchange_mode() || !s.har_file.empty() || s.page_id || s.include)
    output.name_records();
  return cli::check(loaded.validator, options, s, output);
}

}  // namespace

int main(int argc, char** argv) { return cli::commit_output_file(cli::close_stdout(run(argc, argv))); }
