// libFuzzer target: any input, validated as a parameters document ({"page_id", "include", "status", ...}).
#include "harness.h"
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return backfill::fuzz::check_document(data, size, backfill::Kind::parameters);
}
