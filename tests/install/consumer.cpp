// A consumer of the installed package: validates a file, prints a one-line verdict, and builds a
// request with the builder (so the test catches a header or a symbol missing from the install).
#include <backfill/builder.h>
#include <backfill/render.h>
#include <backfill/validate.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  std::ifstream in(argv[1], std::ios::binary);
  const std::string body{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  backfill::Options options;
  options.now = backfill::parse_date_time("2026-01-01T00:00:00Z").instant;
  const backfill::Report report = backfill::Validator().validate(body, options);
  std::printf("%s %s: %zu diagnostics\n", report.valid() ? "valid" : "invalid",
              std::string(backfill::kind_name(report.kind)).c_str(), report.diagnostics.size());
  const auto built = backfill::RequestBuilder()
                         .title("t")
                         .component("4e9d3726-bdd7-0079-613c-e9aaba89eb01")
                         .start("2021-11-11T10:11:11Z", "begins")
                         .end("2021-11-11T11:11:11Z", "ends")
                         .build(options);
  return built.ok() && !backfill::render_problem(report).empty() == !report.valid() ? 0 : 1;
}
