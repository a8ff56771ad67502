// A client's pre-flight check: build the request from plain values, validate it, print what is wrong,
// and send nothing unless it is valid.
//
//   client_preflight [TITLE COMPONENT_ID STARTED_AT COMPLETED_AT]
//
// Exit status: 0 and the request body on standard output when valid; 1 and the diagnostics on
// standard error when not.
#include <cstdio>
#include <string>

#include <backfill/builder.h>
#include <backfill/render.h>

int main(int argc, char** argv) {
  // The documentation's example maintenance, unless the command line gives other values.
  const bool from_args = argc == 5;
  if (argc != 1 && !from_args) {
    std::fprintf(stderr, "usage: %s [TITLE COMPONENT_ID STARTED_AT COMPLETED_AT]\n", argv[0]);
    return 2;
  }
  const std::string title = from_args ? argv[1] : "Past Database Maintenance";
  const std::string component = from_args ? argv[2] : "4e9d3726-bdd7-0079-613c-e9aaba89eb01";
  const std::string started_at = from_args ? argv[3] : "2021-11-11T10:11:11+00:00";
  const std::string completed_at = from_args ? argv[4] : "2021-11-11T11:11:11+00:00";

  const backfill::BuiltRequest built = backfill::RequestBuilder()
                                           .title(title)
                                           .component(component)
                                           .start(started_at, "Database maintenance is in progress.")
                                           .end(completed_at, "Database maintenance has been completed successfully.")
                                           .build();

  // Warnings (e.g. a completion in the future) are printed but do not stop the request.
  std::fputs(backfill::render_text(built.report, "request").c_str(), stderr);
  if (!built.ok()) return 1;

  // Here a real client would POST built.json to /api/v2/statuspages/{page_id}/maintenances/backfill.
  std::puts(built.json.c_str());
  return 0;
}
