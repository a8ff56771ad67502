// libFuzzer target: the fast path and valijson must agree on every input, for every shape; and the
// value offsets found by the lazy token scan must be the ones the parser records.
#include <cstdlib>
#include "oracles.h"
#include "json/json.h"
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (auto kind :
       {backfill::Kind::request, backfill::Kind::response, backfill::Kind::error, backfill::Kind::parameters}) {
    if (!test::fast_path_agrees(text, kind)) std::abort();
  }
  if (!test::value_offsets_agree(text)) std::abort();
  return 0;
}
