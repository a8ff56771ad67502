// libFuzzer target: the CLI's NDJSON batch mode (line splitting, streaming, ordered output) on any input.
// Each non-blank line must come out as exactly one document, and nothing may be an internal error.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli/batch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const backfill::Validator validator;
  static const std::string path = [] {
    char name[] = "/tmp/fuzz-ndjson-XXXXXX";
    const int fd = mkstemp(name);
    if (fd < 0) std::abort();
    close(fd);
    if (std::freopen("/dev/null", "w", stdout) == nullptr) std::abort();  // the rendering is not under test
    return std::string(name);
  }();
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr || std::fwrite(data, 1, size, file) != size || std::fclose(file) != 0) std::abort();

  std::size_t expected = 0;  // non-blank lines, as the batch mode counts them
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    if (text.substr(start, end - start).find_first_not_of(" \t\r") != std::string_view::npos) ++expected;
    start = end + 1;
  }
  backfill::Options options;
  options.kind = backfill::Kind::automatic;
  cli::BatchSettings settings;
  settings.jobs = size % 2 == 0 ? 1 : 2;  // both the serial and the threaded path
  cli::Output output(backfill::Format::json, false, backfill::RenderOptions{});
  const int code = cli::check_ndjson(validator, options, {path}, settings, output);
  if (code == 2 || output.finish() == 2) std::abort();
  if (output.documents() != expected) std::abort();
  return 0;
}
