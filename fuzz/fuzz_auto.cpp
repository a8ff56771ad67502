// libFuzzer target: any input, its kind (request, response or error) detected from its content.
#include "harness.h"
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return backfill::fuzz::check_document(data, size, backfill::Kind::automatic);
}
